"""A first sync's own writes come back as thousands of VideoLibrary.OnUpdate notifications, each handled on
Kodi's callback thread. Their cost is counted here, not timed: the worker is woken only when the ratings
check turns dirty, nothing is logged, Kodi is asked nothing, and each notification runs the same number of
Python lines whether 60 or 6,000 expectations wait in the echo filter (no scan of anything per notification)."""
import json
import logging
import sys
from types import SimpleNamespace

import pytest
from simklsync.core.echo import EchoFilter
from simklsync.core.rating_identity.removed_rows import RemovedRows
from simklsync.kodi.marks import MarkListener
from simklsync.service.events import KodiEvents
from simklsync.sync.ratings_check import KodiRatingsCheck

from tests.unit.service.fake_clock import FakeClock

EPISODES_PER_MOVIE = 2  # the bench's big account: 2,000 movies, 10,000 episodes, half of them written


class CountingWorker:
    def __init__(self):
        self.wakes = 0

    def wake(self):
        self.wakes += 1

    def request_sync(self, reason):
        self.wakes += 1


class Outbox:
    def __init__(self):
        self.added = []

    def add(self, entry):
        self.added.append(entry)


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class World:
    """The service's OnUpdate path as wired (KodiEvents → MarkListener + KodiRatingsCheck) on counting parts."""

    def __init__(self):
        self.clock = FakeClock()
        self.worker = CountingWorker()
        self.outbox = Outbox()
        self.echo = EchoFilter(clock=self.clock.monotonic, ttl=120)
        marks = MarkListener(self.outbox, self.echo, self.worker.wake, clock=self.clock.time)
        self.ratings = KodiRatingsCheck(SimpleNamespace(clock=self.clock))
        self.events = KodiEvents(self.worker, None, None, None, None, marks, self.ratings, None, RemovedRows())

    def own_writes(self, movies):
        """The notifications a sync's writes of `movies` movies and twice as many episodes cause, announced first
        to the echo filter as KodiLibrary.apply does. Kodi's data: a JSON text."""
        notes = []
        for kodi_id in range(1, movies + 1):
            notes.append(("movie", kodi_id))
            notes.extend(("episode", kodi_id * EPISODES_PER_MOVIE + n) for n in range(EPISODES_PER_MOVIE))
        for media, kodi_id in notes:
            self.echo.expect(media, kodi_id, 1)
        return [json.dumps({"item": {"id": kodi_id, "type": media}, "playcount": 1}) for media, kodi_id in notes]


@pytest.fixture
def records():
    handler = Records()
    logger = logging.getLogger("simklsync")
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.DEBUG
    yield handler.records
    logger.removeHandler(handler)
    logger.setLevel(level)


def lines_run(function, *args):
    """Python lines executed by function(*args), in every frame it enters: the operation count."""
    count = [0]

    def tracer(frame, event, arg):
        if event == "line":
            count[0] += 1
        return tracer

    sys.settrace(tracer)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count[0]


def test_6000_echoed_updates_wake_the_worker_once_and_queue_nothing(fake_kodi, records):
    world = World()
    notes = world.own_writes(2000)
    assert len(notes) == 6000
    calls_before = len(fake_kodi.rpc.calls)
    for data in notes:
        world.events.on_library_update(data)
    assert world.worker.wakes == 1  # the ratings check turning dirty at the first movie, no more
    assert world.outbox.added == []
    assert world.echo.pending() == 0  # every expectation met by its own notification
    assert len(fake_kodi.rpc.calls) == calls_before  # no JSON-RPC read for an echo
    assert [r.getMessage() for r in records] == []  # not even a debug line per notification


def test_each_echoed_update_costs_the_same_however_many_expectations_wait(fake_kodi):
    small, big = World(), World()
    small_notes, big_notes = small.own_writes(20), big.own_writes(2000)
    small_cost = lines_run(lambda: [small.events.on_library_update(data) for data in small_notes])
    big_cost = lines_run(lambda: [big.events.on_library_update(data) for data in big_notes])
    per_small, per_big = small_cost / len(small_notes), big_cost / len(big_notes)
    assert per_big <= per_small * 1.05, (per_small, per_big)
    assert per_big < 80  # about 60 lines today: the parse, the echo match, the ratings flag; no walk


def test_the_last_of_6000_updates_costs_what_the_first_did(fake_kodi):
    world = World()
    notes = world.own_writes(2000)
    first = lines_run(world.events.on_library_update, notes[1])  # an episode: the ratings check stays clean
    for data in notes[2:-1]:
        world.events.on_library_update(data)
    last = lines_run(world.events.on_library_update, notes[-1])
    assert last <= first

