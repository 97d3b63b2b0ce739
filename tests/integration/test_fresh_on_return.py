"""Fresh when it matters: the real Service on a virtual clock, its main loop driven tick by tick. An idle day
costs a handful of requests; the user's return (wake, screensaver off, input after a long idle) gives one
activities check and its delta at once; in use, the user's interval holds."""
import datetime
import os

import pytest
from simklsync.constants import STATUS_FILE
from simklsync.core.freshness import IDLE_INTERVAL_SECONDS
from simklsync.core.state.store import JsonStore
from simklsync.kodi.monitor import ServiceMonitor
from simklsync.service.service import Service
from simklsync.simkl.client import SimklClient
from syncworld import build_library

from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

HOUR = 3600.0
START = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.timezone.utc).timestamp()


class VirtualClock:
    """The add-on's wall and monotonic time and the emulator's, one virtual time; waits pass at once."""

    def __init__(self, emu):
        self.emu = emu
        self.now = START
        emu.clock.set(datetime.datetime.fromtimestamp(START, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def time(self):
        return self.now

    monotonic = time

    def advance(self, seconds):
        self.now += seconds
        self.emu.clock.advance(seconds)

    def wait(self, seconds):
        self.advance(max(0.0, seconds))
        return False


class Box:
    """The Service as Kodi runs it, its main loop and worker stepped by the test instead of threads."""

    def __init__(self, kodi, emu, clock, profile):
        self.kodi = kodi
        self.emu = emu
        self.clock = clock

        def make_client(client_id, version, wait, budget):
            return SimklClient(TEST_CLIENT_ID, "0.1.0", base_url=emu.url, wait=wait, clock=self.clock.time,
                               budget=budget)

        self.service = Service(profile=profile, clock=self.clock, make_client=make_client, library_batch=50)
        self.monitor = ServiceMonitor(self.service.events)

    def step(self):
        """What Kodi's callbacks asked, then one pass of the worker."""
        assert self.kodi.wait_idle()
        self.service.worker.step()

    def live(self, seconds):
        """The main loop for `seconds` of virtual time: wait as long as the timer says, tick, let the worker run."""
        end = self.clock.time() + seconds
        while self.clock.time() < end:
            self.clock.advance(min(self.service.timer.wait_seconds(), end - self.clock.time()))
            self.service.events.tick(self.kodi.idle_seconds)
            self.step()

    def requests(self):
        return [(r.method, r.path.split("?")[0]) for r in self.emu.requests]

    def activities_calls(self):
        return sum(1 for _, path in self.requests() if path == "/sync/activities")

    def status(self):
        return JsonStore(os.path.join(self.service.profile, STATUS_FILE), schema=1).load()


@pytest.fixture(params=["null", "{}"], ids=["empty-null", "empty-object"])
def box(fake_kodi, tmp_path, request):
    with SimklEmulator(Options(empty_body=request.param)) as emu:
        emu.start()
        clock = VirtualClock(emu)  # before the seed, so Simkl's stamps are on the virtual clock too
        token = demo.seed_demo(emu)
        ids = build_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = token
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2
        fake_kodi.settings["initial_push_asked"] = True
        running = Box(fake_kodi, emu, clock, str(tmp_path / "profile"))
        running.ids = ids
        running.user = emu.user(token)
        running.service.sync_once("startup")
        emu.clear_requests()
        yield running


def test_an_idle_day_with_default_settings_costs_a_handful_of_requests(box):
    box.kodi.screensaver(True)
    box.step()
    box.live(24 * HOUR)
    assert box.activities_calls() == 24 * HOUR // IDLE_INTERVAL_SECONDS
    assert len(box.requests()) <= 24


def test_in_use_the_users_interval_holds(box):
    box.live(2 * HOUR)
    assert box.activities_calls() == 4  # every 30 minutes, the default


def test_a_wake_after_hours_gives_one_activities_call_and_the_delta(box):
    box.kodi.screensaver(True)
    box.step()
    box.live(3 * HOUR)
    assert box.requests() == []
    assert box.user.watch_movie(demo.MOVIE_ARRIVAL)
    box.kodi.system_woke()
    box.step()
    api = [request for request in box.requests() if not request[1].startswith("/calendar/")]  # the CDN's, due
    assert api == [("GET", "/sync/activities"), ("GET", "/sync/all-items/movies")]
    assert box.kodi.library.snapshot("movie", box.ids[demo.MOVIE_ARRIVAL])["playcount"] == 1


def test_the_screensaver_ending_after_hours_checks_once_and_a_second_return_signal_does_not(box):
    box.kodi.screensaver(True)
    box.step()
    box.live(2 * HOUR)
    box.kodi.idle_seconds = int(2 * HOUR)
    box.kodi.screensaver(False)
    box.step()
    box.kodi.idle_seconds = 0
    box.service.events.tick(box.kodi.idle_seconds)  # the key press that ended the screensaver, seen by the next tick
    box.step()
    assert box.activities_calls() == 1


def test_input_after_a_long_idle_without_a_screensaver_is_a_return(box):
    box.clock.advance(20 * 60)
    box.kodi.idle_seconds = int(20 * 60)
    box.service.events.tick(box.kodi.idle_seconds)
    box.kodi.idle_seconds = 1
    box.service.events.tick(box.kodi.idle_seconds)
    box.step()
    assert box.activities_calls() == 1


def test_a_return_right_after_a_check_costs_nothing_and_returns_are_spaced(box):
    box.kodi.screensaver(True)
    box.step()
    box.clock.advance(10)
    box.kodi.screensaver(False)
    box.step()
    assert box.requests() == []
    box.clock.advance(HOUR)
    box.kodi.system_woke()
    box.step()
    box.clock.advance(60)
    box.kodi.screensaver(True)
    box.kodi.screensaver(False)
    box.step()
    assert box.activities_calls() == 1


def test_playback_under_the_screensaver_keeps_the_users_interval(box):
    box.kodi.screensaver(True)
    box.kodi.announce("xbmc", "Player.OnPlay", {"item": {"type": "movie"}, "player": {"playerid": 1}})
    box.step()
    box.live(HOUR)
    assert box.activities_calls() == 2


def test_the_status_says_when_the_next_check_is_due_and_why(box):
    box.step()
    assert box.status()["next_check"]["why"] == "timer"
    box.kodi.screensaver(True)
    box.step()
    check = box.status()["next_check"]
    assert check["why"] == "idle"
    due = datetime.datetime.strptime(check["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    assert due.timestamp() == pytest.approx(START + IDLE_INTERVAL_SECONDS, abs=60)
    box.clock.advance(HOUR)
    box.kodi.system_woke()
    box.step()
    assert box.status()["reason"] == "wake"
