"""The service as Kodi runs it: its loop, worker thread, triggers, outbox and login handling, in the fake Kodi."""
import json
import os
import threading
import time

import pytest
from simklsync.constants import NOTIFY_LOGGED_IN, NOTIFY_SYNC_NOW, STATUS_FILE
from simklsync.script import actions as script
from syncworld import build_library

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.worker_time import threaded_service


class RunningService:
    def __init__(self, kodi, emu):
        self.kodi = kodi
        self.emu = emu
        self.service = threaded_service()
        self.thread = threading.Thread(target=self.service.run, name="test-service")
        self.thread.start()

    def status(self):
        path = os.path.join(self.service.profile, STATUS_FILE)
        if not os.path.exists(path):
            return None
        with open(path) as handle:
            return json.load(handle)["data"]

    def syncs(self):
        return [line for _, line in self.kodi.log_lines if "sync (" in line]

    def settled(self):
        """Kodi has delivered its callbacks and the worker has done all they asked: a non-event is proven."""
        return self.kodi.wait_idle() and self.service.worker.wait_idle()

    def stop(self):
        self.kodi.request_abort()
        self.thread.join(5)
        return not self.thread.is_alive()


def start_logged_in(kodi, emu, token):
    """The demo library in Kodi, the demo account's token in the settings, and the service running on them."""
    ids = build_library(kodi.library)
    for key, value in {"access_token": token, "account_name": demo.DEMO_USER, "initial_push": 2}.items():
        kodi.settings[key] = value
    runner = RunningService(kodi, emu)
    runner.ids, runner.token = ids, token
    return runner


@pytest.fixture
def preset():
    """Settings (and library changes) a test wants before the service starts."""
    return {"settings": {}, "library": None}


@pytest.fixture
def running(fake_kodi, monkeypatch, preset):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        ids = build_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = token
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2
        fake_kodi.settings["initial_push_asked"] = False
        fake_kodi.settings["scrobble_min_minutes"] = 0
        for key, value in preset["settings"].items():
            fake_kodi.settings[key] = value
        if preset["library"]:
            preset["library"](fake_kodi.library, ids)
        runner = RunningService(fake_kodi, emu)
        runner.ids = ids
        runner.token = token
        yield runner
        runner.stop()


def test_service_syncs_at_startup_and_writes_the_status_file(running):
    assert wait_until(lambda: running.syncs())
    status = running.status()
    assert status["last_result"] == "ok"
    assert status["written"]["movies"] == 3
    matrix = running.kodi.library.snapshot("movie", running.ids[demo.MOVIE_MATRIX])
    assert matrix["playcount"] == 1


def test_sync_now_from_the_script_reaches_the_running_service_and_costs_one_request(running):
    assert wait_until(lambda: running.syncs())
    running.emu.clear_requests()
    script.notify_service(NOTIFY_SYNC_NOW)
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert [(r.method, r.path) for r in running.emu.requests] == [("GET", "/sync/activities")]


def test_abort_stops_the_service_within_a_second(running):
    assert wait_until(lambda: running.syncs())
    started = time.monotonic()
    assert running.stop()
    assert time.monotonic() - started < 1.5


def test_user_mark_in_kodi_reaches_simkl_once_and_sync_writes_are_not_echoed(running):
    assert wait_until(lambda: running.syncs())
    user = running.emu.user(running.token)
    events_before = len(user.history_events())
    running.kodi.wait_idle()
    assert len(user.history_events()) == events_before  # the sync's own writes were not sent back
    arrival = running.ids[demo.MOVIE_ARRIVAL]
    running.kodi.library.user_marks_watched("movie", arrival)
    assert wait_until(lambda: demo.MOVIE_ARRIVAL in user.watched_movies())
    assert running.settled()
    arrival_events = [e for e in user.history_events() if e.get("simkl") == demo.MOVIE_ARRIVAL]
    assert len(arrival_events) == 1


def test_revoked_token_stops_syncing_tells_the_user_once_and_resumes_after_login(running):
    assert wait_until(lambda: running.syncs())
    running.emu.revoke(running.token)
    running.emu.clear_requests()
    for _ in range(3):
        script.notify_service(NOTIFY_SYNC_NOW)
        assert running.settled()
    assert running.service.login_needed
    assert len(running.emu.requests) <= 2
    warnings = [c for c in running.kodi.ui.calls_of("Dialog.notification") if "login" in str(c.args).lower()]
    assert len(warnings) == 1
    new_token = "fresh-token"
    user = running.emu.user(running.token)
    running.emu.add_user(new_token, demo.DEMO_USER)
    running.kodi.settings["access_token"] = new_token
    assert user is not None
    syncs_before = len(running.syncs())
    script.notify_service(NOTIFY_LOGGED_IN)
    assert wait_until(lambda: len(running.syncs()) > syncs_before)
    assert not running.service.login_needed


def _arrival_paused_in_kodi(library, ids):
    library.set_details("movie", ids[demo.MOVIE_ARRIVAL], {"resume": {"position": 1740, "total": 6960}})


@pytest.mark.parametrize("push", [True, False], ids=["opted-in", "default-off"])
def test_first_sync_pushes_kodi_resume_points_only_when_opted_in(preset, fake_kodi, push, request):
    preset["settings"]["push_resume_on_first_sync"] = push
    preset["library"] = _arrival_paused_in_kodi
    running = request.getfixturevalue("running")
    user = running.emu.user(running.token)
    assert wait_until(lambda: running.syncs())
    if push:
        assert wait_until(lambda: any(p.get("movie", {}).get("ids", {}).get("simkl") == demo.MOVIE_ARRIVAL
                                      for p in user.playbacks()))
        pauses = [r for r in running.emu.requests if r.path == "/scrobble/pause"]
        assert len(pauses) == 1 and pauses[0].body["progress"] == 25.0
    else:
        assert running.settled()
        assert not [r for r in running.emu.requests if r.path.startswith("/scrobble")]


def _arrival_watched_only_in_kodi(library, ids):
    library.set_details("movie", ids[demo.MOVIE_ARRIVAL], {"playcount": 1, "lastplayed": "2026-01-02 10:00:00"})


@pytest.mark.parametrize("value, asks, pushed", [(0, True, False), (9, True, False), (2, False, False),
                                                 (1, False, True)], ids=["ask", "out-of-range", "never", "always"])
def test_first_push_of_kodi_only_history_follows_the_setting(preset, value, asks, pushed, request):
    preset["settings"]["initial_push"] = value
    preset["library"] = _arrival_watched_only_in_kodi
    running = request.getfixturevalue("running")
    user = running.emu.user(running.token)
    assert wait_until(lambda: running.syncs())
    running.kodi.wait_idle()
    questions = running.kodi.ui.calls_of("Dialog.yesno")
    assert bool(questions) == asks
    if asks:
        assert "1" in str(questions[0].args)
    if pushed:
        assert wait_until(lambda: demo.MOVIE_ARRIVAL in user.watched_movies())
    else:
        assert running.settled()
        assert demo.MOVIE_ARRIVAL not in user.watched_movies()  # the user said no (or was never asked)


def test_settings_are_reread_once_kodi_has_finished_saving_them(running):
    import logging

    from simklsync.kodi.log import KodiLogHandler

    def debug_on():
        handlers = [h for h in logging.getLogger("simklsync").handlers if isinstance(h, KodiLogHandler)]
        return bool(handlers) and handlers[-1].debug

    assert wait_until(lambda: running.syncs())
    assert not debug_on()
    running.kodi.change_setting("debug_logging", True)
    running.kodi.change_setting("notify_sync", False)  # a second save right behind the first
    assert not debug_on()  # nothing re-read while the saves may still be going on
    assert wait_until(debug_on, timeout=5)


def test_a_logout_during_a_sync_leaves_no_state_of_the_old_account(running):
    assert wait_until(lambda: running.syncs())
    state = os.path.join(running.service.profile, "state.json")
    assert os.path.exists(state)
    running.emu.inject(kind="delay", seconds=30.0, path="/sync/activities")
    script.notify_service(NOTIFY_SYNC_NOW)
    assert wait_until(lambda: not running.emu.faults.pending())  # the sync now waits for Simkl's answer
    running.kodi.settings["access_token"] = ""  # the script's logout clears the token ...
    os.remove(state)  # ... and deletes the account's files
    running.emu.release_delays()  # then Simkl answers
    assert wait_until(lambda: len(running.syncs()) >= 1 and any("discarded" in line for _, line in
                                                               running.kodi.log_lines), timeout=10)
    assert not os.path.exists(state)


@pytest.mark.parametrize("shown", [True, False], ids=["on", "off"])
def test_show_scrobbles_tells_the_user_when_simkl_records_a_watched_view(preset, shown, request):
    from simklsync.core.playing.scrobble import Intent, PlayingItem, scrobble_entry

    preset["settings"]["notify_scrobble"] = shown
    running = request.getfixturevalue("running")
    assert wait_until(lambda: running.syncs())
    arrival = PlayingItem("movie", {"imdb": "tt2543164"}, "Arrival", 2016, duration=6960.0)
    running.service.outbox.add(scrobble_entry(arrival, Intent("stop", 95.0), time.time()))
    running.service.wake()
    user = running.emu.user(running.token)
    assert wait_until(lambda: demo.MOVIE_ARRIVAL in user.watched_movies())
    assert running.settled()
    recorded = [c for c in running.kodi.ui.calls_of("Dialog.notification") if "Arrival" in str(c.args)]
    assert len(recorded) == (1 if shown else 0)


@pytest.fixture
def given_back(monkeypatch):
    """Each time the service gives memory back (patched before the service starts)."""
    from simklsync.service import memory

    calls = []
    monkeypatch.setattr(memory, "give_back", lambda: calls.append(1))
    return calls


def test_memory_is_given_back_after_the_first_sync_not_after_an_idle_one(given_back, running):
    assert wait_until(lambda: running.syncs())
    assert wait_until(lambda: given_back == [1])
    running.emu.clear_requests()
    script.notify_service(NOTIFY_SYNC_NOW)
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    assert given_back == [1]  # a manual sync with nothing new read or written keeps the heap as it is
