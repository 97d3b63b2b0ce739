"""Undo this sync as the user asks it: RunScript(script.simkl.sync,undo) and the status dialog hand it to the
running service (JSON-RPC NotifyAll), whose worker puts Kodi back; nothing goes back to Simkl as new marks."""
import pytest
from simklsync.core.outbox.unmark_hold import WINDOW_SECONDS
from simklsync.script import actions as script
from syncworld import build_library
from test_service import RunningService

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

FIELDS = ("playcount", "lastplayed", "resume")


def library_fields(kodi):
    items = kodi.library.items
    return {(kind, itemid): {name: item.get(name) for name in FIELDS}
            for kind in ("movie", "episode") for itemid, item in items[kind].items()}


@pytest.fixture
def running(fake_kodi, monkeypatch):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        build_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = token
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2
        fake_kodi.settings["initial_push_asked"] = True
        runner = RunningService(fake_kodi, emu)
        runner.before = library_fields(fake_kodi)
        runner.token = token
        assert wait_until(lambda: runner.syncs())
        assert runner.settled()
        yield runner
        runner.stop()


def history_posts(emu):
    return [r.path for r in emu.requests if r.method == "POST" and r.path.startswith("/sync/history")]


def test_runscript_undo_puts_the_library_back_on_the_services_worker_and_sends_nothing(running):
    kodi = running.kodi
    synced = library_fields(kodi)
    assert synced != running.before
    running.emu.clear_requests()
    kodi.ui.answers.append(True)  # "Undo the sync of …?"
    script.run(["undo"])
    assert wait_until(lambda: library_fields(kodi) == running.before)
    assert running.settled()
    assert "Undo the sync of" in kodi.ui.calls_of("Dialog.yesno")[0].args["message"]
    notices = [call.args["message"] for call in kodi.ui.calls_of("Dialog.notification")]
    assert any(text.startswith("Sync undone:") for text in notices)
    assert running.service.outbox.entries() == [] and history_posts(running.emu) == []


def test_the_status_dialog_offers_the_recent_syncs_and_undoing_the_undo_restores_the_sync(running):
    kodi = running.kodi
    synced = library_fields(kodi)
    kodi.ui.answers.append(True)
    script.run(["undo"])
    assert wait_until(lambda: library_fields(kodi) == running.before)
    assert running.settled()
    kodi.ui.answers.extend([0, True])  # the newest sync in the list (the undo), then "Undo …?"
    script.run(["status"])
    offered = kodi.ui.calls_of("Dialog.select")[-1].args
    assert len(offered["list"]) == 2
    assert "Recent syncs" in kodi.ui.calls_of("Dialog.textviewer")[-1].args["text"]
    assert wait_until(lambda: library_fields(kodi) == synced)
    assert running.settled()
    assert running.service.outbox.entries() == []


def test_the_status_dialog_closed_without_choosing_changes_nothing(running):
    kodi = running.kodi
    synced = library_fields(kodi)
    script.run(["status"])  # the list is dismissed
    assert running.settled()
    assert library_fields(kodi) == synced


def test_the_users_own_unmark_sent_between_syncs_is_undone_on_simkl_with_its_original_date(running):
    kodi, service = running.kodi, running.service
    movie = next(t for t in demo.TITLES if t["simkl"] == demo.MOVIE_MATRIX)
    watched_at = running.emu.user(running.token).watched_movies()[demo.MOVIE_MATRIX]
    kodi.library.user_marks_unwatched("movie", next(
        itemid for itemid, item in kodi.library.items["movie"].items() if item["title"] == movie["title"]))
    assert running.settled()
    service.clock.advance(WINDOW_SECONDS + 1)  # a Kodi unwatch waits out its window (a burst of them is asked)
    service.wake()
    assert wait_until(lambda: demo.MOVIE_MATRIX not in running.emu.user(running.token).watched_movies())
    assert running.settled()
    kodi.ui.answers.append(True)  # "Reverse the 1 changes sent to Simkl at …?"
    script.run(["undo"])
    assert "Reverse the 1 changes sent to Simkl" in kodi.ui.calls_of("Dialog.yesno")[-1].args["message"]
    assert wait_until(lambda: running.emu.user(running.token).watched_movies().get(demo.MOVIE_MATRIX) == watched_at)
    assert running.settled()
    assert service.outbox.entries() == []
