"""Not delivered in the status dialog, and its Try again: the script asks, the running service's queue takes the
writes back (the fake Kodi carries the NotifyAll from the script to the service's monitor)."""
import os

import pytest
from simklsync.core.outbox import liveness
from simklsync.core.outbox.bodies import media_block
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.outcome import RETRY, Outcome
from simklsync.core.outbox.queue import Outbox
from simklsync.core.rating_identity.removed_rows import RemovedRows
from simklsync.core.state.store import JsonStore
from simklsync.kodi.monitor import ServiceMonitor
from simklsync.script import actions as script
from simklsync.service.account import Account
from simklsync.service.events import KodiEvents
from simklsync.sync.status_writer import StatusWriter

NOW = 1_765_000_000.0


class Clock:
    def time(self):
        return NOW

    def wait(self, seconds):
        return False


class Worker:
    def __init__(self):
        self.wakes = 0

    def wake(self):
        self.wakes += 1


@pytest.fixture
def logged_in(fake_kodi):
    fake_kodi.settings["access_token"] = "stored-token-abc123def456"
    fake_kodi.settings["account_name"] = "jane_doe"
    return fake_kodi


def profile(kodi):
    path = kodi.paths.translate("special://profile/addon_data/script.simkl.sync/")
    os.makedirs(path, exist_ok=True)
    return path


def given_up_outbox(folder):
    """The running service's queue after Simkl answered 500 to Heat twice ten times, and refused Dune."""
    outbox = Outbox(JsonStore(os.path.join(folder, "outbox.json")))
    for title, imdb in (("Heat", "tt0113277"), ("Dune", "tt1160419")):
        outbox.add(mark_entry("add", "movie", media_block(title, 1995, {"imdb": imdb}), NOW,
                              watched_at="2026-01-01T20:00:00Z"))
    heat, dune = outbox.entries()
    for _ in range(liveness.GIVE_UP_ATTEMPTS):
        outbox.apply(heat, Outcome(RETRY, 15.0, "server error 500"), NOW)
    outbox.drop(dune, "refused:400, empty_field", NOW)
    status = JsonStore(os.path.join(folder, "status.json"), schema=1)
    status.save({"last_sync_finished": "2026-12-01T10:00:00Z", "last_result": "ok",
                 "outbox": StatusWriter(status, None, outbox, lambda: None, None, None).outbox_status()})
    return outbox


def service_listening(outbox, worker):
    events = KodiEvents(worker, None, None, Account(outbox, Clock()), None, None, None, None, RemovedRows())
    return ServiceMonitor(events)


def test_the_status_dialog_lists_not_delivered_apart_with_the_reason_and_try_again_sends_them_back(logged_in):
    outbox = given_up_outbox(profile(logged_in))
    worker = Worker()
    monitor = service_listening(outbox, worker)
    logged_in.ui.answers.append(True)
    script.run(["status"])
    assert logged_in.wait_idle()
    text = logged_in.ui.calls_of("Dialog.textviewer")[0].args["text"]
    assert "Given up, not sent to Simkl (1):\n  - Dune (1995): Simkl refused it (400, empty_field)" in text
    assert "Not delivered, can be tried again (1):\n  - Heat (1995): Simkl kept failing (server error 500)" in text
    [question] = logged_in.ui.calls_of("Dialog.yesno")
    assert question.args["message"] == "Not delivered to Simkl: 1. Try again?"
    assert [e["label"] for e in outbox.entries()] == ["Heat (1995)"] and outbox.due(NOW)
    assert worker.wakes == 1
    assert [d["label"] for d in outbox.dropped()] == ["Dune (1995)"]
    notices = [call.args["message"] for call in logged_in.ui.calls_of("Dialog.notification")]
    assert notices == ["Back in the queue: 1"]
    del monitor


def test_declining_try_again_leaves_them_listed(logged_in):
    outbox = given_up_outbox(profile(logged_in))
    monitor = service_listening(outbox, Worker())
    script.run(["status"])  # the yes/no is dismissed
    assert logged_in.wait_idle()
    assert len(outbox) == 0 and sum(1 for d in outbox.dropped() if d.get("retry")) == 1
    del monitor


def test_without_writes_not_delivered_the_status_dialog_asks_nothing(logged_in):
    JsonStore(os.path.join(profile(logged_in), "status.json"), schema=1).save(
        {"outbox": {"pending": 0, "dropped": [{"item": "Dune", "reason": "not_found_on_simkl"}]}})
    script.run(["status"])
    assert logged_in.ui.calls_of("Dialog.yesno") == []
