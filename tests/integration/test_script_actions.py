"""The script's actions (RunScript(script.simkl.sync,<action>)) inside the fake Kodi."""
import datetime
import os

import pytest
from simklsync.constants import NOTIFY_SENDER
from simklsync.core.state.store import JsonStore
from simklsync.kodi.monitor import ServiceMonitor
from simklsync.script import actions as script

TOKEN = "stored-token-abc123def456"


@pytest.fixture
def logged_in(fake_kodi):
    fake_kodi.settings["access_token"] = TOKEN
    fake_kodi.settings["account_name"] = "jane_doe"
    fake_kodi.settings["initial_push_asked"] = True
    return fake_kodi


def profile(kodi):
    path = kodi.paths.translate("special://profile/addon_data/script.simkl.sync/")
    os.makedirs(path, exist_ok=True)
    return path


def write_status(kodi, status):
    """As the service writes it (JsonStore: {"schema", "data"}); a str is written raw (a damaged file)."""
    path = os.path.join(profile(kodi), "status.json")
    if isinstance(status, str):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(status)
        return
    JsonStore(path, schema=1).save(status)


def own_announcements(kodi):
    return [method for sender, method, _ in kodi.notifications if sender == NOTIFY_SENDER]


def messages(kodi, kind):
    return [call.args["message"] for call in kodi.ui.calls_of(kind)]


class RecordingService:
    def __init__(self):
        self.calls = []

    def request_sync(self, reason):
        self.calls.append(("request_sync", reason))

    def on_logged_in(self):
        self.calls.append(("on_logged_in",))

    def on_logged_out(self):
        self.calls.append(("on_logged_out",))

    def on_settings_changed(self):
        self.calls.append(("on_settings_changed",))

    def account_calls(self):
        return [call for call in self.calls if call[0] != "on_settings_changed"]


def test_no_action_opens_the_settings(fake_kodi):
    script.run([])
    assert fake_kodi.ui.kinds() == ["Addon.openSettings"]


def test_unknown_action_shows_nothing_and_is_logged(fake_kodi):
    script.run(["dance"])
    assert fake_kodi.ui.calls == []
    assert any("unknown script action" in line for _, line in fake_kodi.log_lines)


def test_sync_asks_the_running_service_and_says_so(logged_in):
    service = RecordingService()
    monitor = ServiceMonitor(service)
    script.run(["sync"])
    assert logged_in.wait_idle()
    assert own_announcements(logged_in) == ["Other.sync_now"]
    assert service.calls == [("request_sync", "manual")]
    assert messages(logged_in, "Dialog.notification") == ["Sync with Simkl started"]
    del monitor


def test_sync_without_login_sends_nothing_and_points_to_login(fake_kodi):
    script.run(["sync"])
    assert own_announcements(fake_kodi) == []
    assert messages(fake_kodi, "Dialog.notification") == ["Log in to Simkl first, from the add-on settings."]


def test_logout_confirmed_forgets_the_account_and_its_sync_state_and_parks_its_queue(logged_in):
    folder = profile(logged_in)
    for name in ("state.json", "outbox.json", "status.json", "state.json.tmp", "keep-me.txt"):
        with open(os.path.join(folder, name), "w") as handle:
            handle.write("{}")
    logged_in.ui.answers.append(True)
    service = RecordingService()
    monitor = ServiceMonitor(service)
    script.run(["logout"])
    assert logged_in.wait_idle()
    assert "jane_doe" in messages(logged_in, "Dialog.yesno")[0]
    assert logged_in.settings["access_token"] == ""
    assert logged_in.settings["account_name"] == ""
    assert logged_in.settings["initial_push_asked"] is False
    assert logged_in.settings["account_id"] == ""
    # The outbox stays: its entries are parked under their account, sent if it logs in again.
    assert sorted(os.listdir(folder)) == ["keep-me.txt", "outbox.json"]
    assert own_announcements(logged_in) == ["Other.logged_out"]
    assert service.account_calls() == [("on_logged_out",)]
    assert messages(logged_in, "Dialog.notification") == ["Logged out from Simkl"]
    del monitor


def test_logout_declined_changes_nothing(logged_in):
    write_status(logged_in, {"last_result": "ok"})
    script.run(["logout"])  # no scripted answer: the yes/no is dismissed
    assert logged_in.settings["access_token"] == TOKEN
    assert os.path.exists(os.path.join(profile(logged_in), "status.json"))
    assert own_announcements(logged_in) == []


def test_logout_when_not_logged_in_just_says_so(fake_kodi):
    script.run(["logout"])
    assert fake_kodi.ui.calls_of("Dialog.yesno") == []
    assert messages(fake_kodi, "Dialog.notification") == ["You are not logged in to Simkl."]


def shown_status(kodi):
    viewers = kodi.ui.calls_of("Dialog.textviewer")
    assert len(viewers) == 1
    assert viewers[0].args["heading"] == "Simkl Sync status"
    return viewers[0].args["text"]


def test_status_before_any_sync_says_never_synced(logged_in):
    text = shown_status_after_run(logged_in)
    assert "Account: jane_doe" in text
    assert "No sync has run yet" in text


def shown_status_after_run(kodi):
    script.run(["status"])
    return shown_status(kodi)


def test_status_with_an_unreadable_file_says_so(logged_in):
    write_status(logged_in, "{half a file")
    text = shown_status_after_run(logged_in)
    assert "could not be read" in text


def test_status_shows_last_sync_changes_unmatched_and_outbox(logged_in):
    finished = "2026-05-14T06:50:38Z"
    write_status(logged_in, {
        "last_sync_started": "2026-05-14T06:50:30Z", "last_sync_finished": finished, "last_result": "ok",
        "read": {"movies": 3, "shows": 2}, "written": {"movies": 1, "episodes": 12}, "requests": 7,
        "unmatched": [{"type": "movie", "title": "Heat", "year": 1995, "simkl": 53536,
                       "reason": "not_in_library"},
                      {"type": "shows", "title": "Lost", "year": 2004, "simkl": 5, "reason": "episodes_not_in_library",
                       "episodes": 3}],
        "outbox": {"pending": 2, "dropped": [{"item": {"title": "Dune", "year": 2021},
                                              "reason": "Simkl does not know it"}]},
        "account": "jane_doe",
        "scrobble_skipped": {"item": "Live news", "reason": "live TV is excluded"},
    })
    text = shown_status_after_run(logged_in)
    local = datetime.datetime(2026, 5, 14, 6, 50, 38, tzinfo=datetime.timezone.utc).astimezone()
    assert "Last sync: " + local.strftime("%Y-%m-%d %H:%M") in text
    assert "Result: everything is in step" in text
    assert "Read from Simkl: movies: 3, shows: 2" in text
    assert "Written to Kodi: 1 movies, 12 episodes" in text
    assert "Requests to Simkl: 7" in text
    assert "Not matched (2):" in text
    assert "Heat (1995) [movie, simkl 53536]: not in the Kodi library" in text
    assert "Lost (2004) [shows, simkl 5]: 3 watched episodes are not in the Kodi library" in text
    assert "Last video not scrobbled: Live news (live TV is excluded)" in text
    assert "Waiting to be sent to Simkl: 2" in text
    assert "Dune (2021): Simkl does not know it" in text
    assert "A sync is running" not in text


def test_status_shows_a_failed_sync_and_a_running_one(logged_in):
    write_status(logged_in, {"last_sync_started": "2026-05-14T07:00:00Z",
                             "last_sync_finished": "2026-05-14T06:00:00Z",
                             "last_result": "Simkl could not be reached", "outbox": {"pending": 0}})
    text = shown_status_after_run(logged_in)
    assert "A sync is running since" in text
    assert "Result: Simkl could not be reached" in text
    assert "Nothing waits to be sent to Simkl." in text


def test_status_with_wrong_types_inside_still_shows(logged_in):
    write_status(logged_in, {"last_sync_finished": 5, "read": "lots", "written": None,
                             "unmatched": "none", "outbox": [1, 2]})
    text = shown_status_after_run(logged_in)
    assert "Last sync: never" in text
    assert "Read from Simkl: nothing new" in text


def test_status_when_logged_out_says_not_logged_in(fake_kodi):
    text = shown_status_after_run(fake_kodi)
    assert text.startswith("Not logged in")


def test_an_action_that_breaks_shows_an_error_and_logs_it(logged_in, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(script.ACTIONS, "sync", broken)
    script.run(["sync"])
    assert messages(logged_in, "Dialog.notification") == ["Something went wrong. Details are in Kodi's log."]
    assert any("boom" in line for _, line in logged_in.log_lines)


@pytest.mark.parametrize("argv", [["sync"], ["action=sync"], ["", "sync"], ["?action=sync"]])
def test_sync_runs_whichever_way_kodi_passed_the_action(logged_in, argv):
    script.run(argv)
    assert logged_in.wait_idle()

    assert own_announcements(logged_in) == ["Other.sync_now"]
