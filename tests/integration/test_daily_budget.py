"""Simkl's daily request cap, proven on one fake clock against the emulator: what an idle day and a busy day cost
with the default settings, and how a day-cap 429 storm (no Retry-After, as on the live service) ends.

A `Day` runs what the service runs, on the schedule it runs it: a sync at start-up and every default interval
(settings.xml), the outbox flushed whenever something in it is due, the player's scrobbles queued when a video
starts, pauses and ends, a user's Sync now. Every request is counted where it arrives: at the emulator."""
import datetime
import os
import re
import sys
from pathlib import Path

import pytest
from simklsync.core.budget import DayBudget, next_utc_midnight
from simklsync.core.outbox.queue import Outbox
from simklsync.core.playing.scrobble import Playback, PlayingItem, scrobble_entry
from simklsync.core.state.store import JsonStore
from simklsync.core.times import iso_z, to_epoch
from simklsync.simkl import errors
from simklsync.simkl.client import SimklClient
from simklsync.simkl.outbox_sender import flush
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

SETTINGS_XML = Path(__file__).resolve().parents[2] / "resources" / "settings.xml"
START = to_epoch("2026-12-01T00:00:00Z")
STEP = 60.0
IDLE_DAY_LIMIT = 100
BUSY_DAY_LIMIT = 300


def default_interval_minutes():
    text = SETTINGS_XML.read_text(encoding="utf-8")
    return int(re.search(r'<setting id="sync_interval"[^>]*>.*?<default>(\d+)</default>', text, re.S).group(1))


class Day:
    def __init__(self, emu, kodi, tmp_path, start=START):
        self.emu = emu
        self.now = start
        self.emu.clock.set(iso_z(datetime.datetime.fromtimestamp(start, datetime.timezone.utc)))
        self.world = SyncWorld(emu, kodi, tmp_path)
        self.world.client.close()  # replaced by a client on the fake clock below
        self.folder = str(tmp_path)
        self.interval = default_interval_minutes() * 60.0
        self.next_timer = None
        self.errors = []
        self.restart()
        self.outbox = Outbox(JsonStore(os.path.join(self.folder, "outbox.json"), schema=1))

    # -- the fake clock, shared by the add-on and the emulator ------------------------------------------------

    def clock(self):
        return self.now

    def wait(self, seconds):
        self.now += seconds
        self.emu.clock.advance(seconds)
        return False

    def restart(self):
        """Kodi restarts: a new client and budget read what the last run saved."""
        if getattr(self, "client", None) is not None:
            self.client.close()
        budget = DayBudget(JsonStore(os.path.join(self.folder, "limits.json"), schema=1))
        self.client = SimklClient(TEST_CLIENT_ID, "0.1.0", token=self.world.token, base_url=self.emu.url,
                                  wait=self.wait, clock=self.clock, wall_clock=self.clock, budget=budget)
        self.world.engine.client = self.client
        self.budget = budget

    # -- what the service does ------------------------------------------------------------------------------

    def sync(self, reason="timer"):
        if reason in ("manual", "login"):
            self.client.allow_attempt()
        try:
            self.world.engine.run(reason, Settings(), pending=self.outbox.pending_marks(),
                                  replan=reason in ("manual", "login"))
        except errors.SimklError as error:
            self.errors.append(error)
        self.next_timer = self.now + self.interval

    def flush(self):
        due = self.outbox.next_due()
        if due is not None and due <= self.now:
            flush(self.outbox, self.client, self.clock, self.wait)

    def run_until(self, until):
        while self.now < until:
            if self.next_timer is not None and self.now >= self.next_timer:
                self.sync("timer")
            self.flush()
            self.wait(STEP)

    def play(self, item, minutes, pause_at=None):
        """The player: start, an optional pause of 5 minutes, the end (watched stop)."""
        playback = Playback(minutes * 60.0)
        self.outbox.add(scrobble_entry(item, playback.started(0.0), self.now))
        self.flush()
        if pause_at is not None:
            self.run_until(self.now + pause_at * 60.0)
            self.outbox.add(scrobble_entry(item, playback.paused(pause_at * 60.0), self.now))
            self.run_until(self.now + 5 * 60.0)
            self.outbox.add(scrobble_entry(item, playback.resumed(pause_at * 60.0), self.now))
        self.run_until(self.now + (minutes - (pause_at or 0)) * 60.0)
        playback.observe(minutes * 60.0)
        self.outbox.add(scrobble_entry(item, playback.stopped(), self.now))
        self.flush()

    def requests(self):
        return len(self.emu.requests)


def episode(season, number):
    return PlayingItem("episode", {"tvdb": 305288, "imdb": "tt4574334"}, "Stranger Things", 2016, season, number,
                       duration=50 * 60.0)


ARRIVAL = PlayingItem("movie", {"imdb": "tt2543164", "tmdb": 329865}, "Arrival", 2016, duration=116 * 60.0)


@pytest.fixture(params=["{}", "null"], ids=["all-items {}", "all-items null"])
def emu(request, fake_kodi):  # the fake Kodi first: the emulator and its threads end before its checks
    with SimklEmulator(Options(empty_body=request.param)) as emulator:
        emulator.start()
        yield emulator


@pytest.fixture
def make_day(emu, fake_kodi, tmp_path):
    days = []

    def make(**kwargs):
        days.append(Day(emu, fake_kodi, tmp_path, **kwargs))
        return days[-1]

    yield make
    for day in days:
        day.client.close()


def report(line):
    sys.stderr.write(line + "\n")  # the measured numbers, shown with pytest -s


def busy_evening(day):
    """Four episodes and a movie, 18:00 to about 22:30, one pause each, and one Sync now in between."""
    day.run_until(START + 18 * 3600)
    for number in (6, 7, 8):
        day.play(episode(1, number), 50, pause_at=20)
    day.sync("manual")
    day.play(episode(2, 1), 50, pause_at=30)
    day.play(ARRIVAL, 116, pause_at=60)


def test_an_idle_day_stays_well_under_100_requests(emu, make_day):
    day = make_day()
    day.sync("login")
    first_sync = day.requests()
    day.run_until(START + 86400)
    idle = day.requests() - first_sync
    report(f"idle day: {idle} requests after a first sync of {first_sync} (interval {day.interval / 60:.0f} min)")
    assert idle < IDLE_DAY_LIMIT
    assert day.budget.today(START) == first_sync + idle  # the saved count agrees with what arrived
    assert day.errors == []


def test_a_busy_day_stays_under_a_few_hundred_requests(emu, make_day):
    day = make_day()
    day.sync("login")
    busy_evening(day)
    day.run_until(START + 86400)
    total = day.requests()
    report(f"busy day: {total} requests ({sum(1 for r in emu.requests if r.path.startswith('/scrobble'))} "
          f"scrobbles, {sum(1 for r in emu.requests if r.path == '/sync/activities')} activities checks)")
    assert total < BUSY_DAY_LIMIT
    assert len(day.outbox) == 0 and day.errors == []
    assert demo.MOVIE_ARRIVAL in day.world.user.watched_movies()


@pytest.mark.parametrize("cap", [40, 0])
def test_a_day_cap_storm_ends_in_a_bounded_number_of_requests_and_everything_arrives_after_it(
        emu, make_day, cap):
    emu.options.daily_cap = cap
    day = make_day()
    day.sync("login")
    busy_evening(day)
    day.run_until(next_utc_midnight(START) - 1)
    refused = [r for r in emu.requests if r.status == 429]
    report(f"storm (cap {cap}): {len(emu.requests)} requests, {len(refused)} refused")
    assert len(refused) <= 12  # the back-off doubles from 15 min: a whole capped evening costs a handful
    assert all(not r.headers.get("retry-after") for r in refused)
    assert any(isinstance(error, errors.DailyLimitReached) for error in day.errors)
    watched = [entry for entry in day.outbox.entries() if entry.get("view")]
    assert len(watched) == 5  # every finished view still waits: nothing dropped
    assert day.outbox.dropped() == [] or all("start" in (d.get("reason") or "") for d in day.outbox.dropped())
    # The cap lifts with the new UTC day (the emulator counts per day; a cap of 0 is lifted by hand): everything
    # goes out, once.
    if cap == 0:
        emu.options.daily_cap = None
    day.run_until(next_utc_midnight(START) + 4 * 3600)
    assert len(day.outbox) == 0
    assert demo.MOVIE_ARRIVAL in day.world.user.watched_movies()
    watched_episodes = day.world.user.watched_episodes(demo.SHOW_STRANGER_THINGS)
    assert {(1, 6), (1, 7), (1, 8), (2, 1)} <= set(watched_episodes)
    arrivals = [e for e in day.world.user.history_events() if e.get("simkl") == demo.MOVIE_ARRIVAL]
    assert len(arrivals) == 1


def watched_stop(item, now):
    playback = Playback(item.duration)
    playback.started(0.0)
    playback.observe(item.duration)
    return scrobble_entry(item, playback.stopped(), now)


def test_a_restart_inside_a_back_off_sends_nothing_until_it_ends(emu, make_day):
    day = make_day(start=START + 8 * 3600)
    day.sync("login")
    emu.options.daily_cap = 0
    day.sync("timer")
    until = day.budget.blocked_until
    assert until > day.now
    before = day.requests()
    for _ in range(3):  # Kodi restarted three times; each run syncs at start-up and flushes a watched stop
        day.restart()
        day.sync("timer")
        day.outbox.add(watched_stop(ARRIVAL, day.now))
        day.flush()
    assert day.requests() == before
    day.run_until(until + 5 * 60)
    assert day.requests() == before + 1  # the stop, once the back-off ended: refused again, the next one is longer
    assert day.budget.blocked_until - until >= 2 * 15 * 60 - 60
    assert len(day.outbox) == 1


def test_sync_now_makes_one_attempt_inside_a_back_off_and_resumes_once_the_cap_lifted(emu, make_day):
    day = make_day(start=START + 8 * 3600)
    day.sync("login")
    emu.options.daily_cap = 0
    day.sync("timer")
    before = day.requests()
    day.sync("manual")
    assert day.requests() == before + 1  # one attempt, refused: still capped
    emu.options.daily_cap = None  # Simkl lifts the cap (a new day on its side, or another tier)
    day.wait(120)
    day.world.user.watch_movie(demo.MOVIE_ARRIVAL, at=iso_z(datetime.datetime.fromtimestamp(
        day.now, datetime.timezone.utc)))
    day.sync("manual")
    assert day.budget.blocked(day.now) is None
    assert day.world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 1
