"""The queue stays live against the Simkl emulator: one write Simkl always answers 500 (a per-item fault) ahead of
good ones. Before: 97 simulated hours, 0 good writes sent, ~48 requests a day on the poison one."""
import pytest
from simklsync.core.outbox import liveness
from simklsync.core.outbox import outcome as outbox_codes
from simklsync.core.outbox.bodies import media_block
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.queue import Outbox
from simklsync.core.playing.scrobble import Playback, PlayingItem, scrobble_entry
from simklsync.core.reasons import split
from simklsync.core.state.store import JsonStore
from simklsync.simkl.client import SimklClient
from simklsync.simkl.outbox_sender import flush, reads_answer

from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

TOKEN = "liveness-token"
POISON = "tt0133093"
GOOD = [(100 + n, f"Good {n}", f"tt900000{n}") for n in range(3)]
DAY = 24 * 3600.0
MATRIX = PlayingItem("movie", {"imdb": POISON}, "The Matrix", 1999, duration=1000.0)


class Clock:
    """The outbox's wall clock, moved by the test; waits pass instantly."""

    def __init__(self, start=1_765_000_000.0):
        self.now = start

    def __call__(self):
        return self.now

    def wait(self, seconds):
        self.now += seconds
        return False


@pytest.fixture
def emu():
    emulator = SimklEmulator(Options())
    emulator.catalog.add_movie(53992, "The Matrix", 1999, imdb=POISON)
    for simkl, title, imdb in GOOD:
        emulator.catalog.add_movie(simkl, title, 2000, imdb=imdb)
    emulator.add_user(token=TOKEN)
    emulator.start()
    yield emulator
    emulator.stop()


@pytest.fixture
def client(emu):
    return SimklClient(TEST_CLIENT_ID, "1.0.0", token=TOKEN, base_url=emu.url, wait=lambda s: False,
                       timeout=(2, 0.5), max_retries=0)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "outbox.json")


def mark(imdb, title, clock):
    return mark_entry("add", "movie", media_block(title, 2000, {"imdb": imdb}), clock(),
                      watched_at="2026-01-01T20:00:00Z")


def poisoned_outbox(path, clock):
    outbox = Outbox(JsonStore(path))
    outbox.add(mark(POISON, "The Matrix", clock))
    for _, title, imdb in GOOD:
        outbox.add(mark(imdb, title, clock))
    return outbox


def run_for(outbox, client, clock, seconds):
    """The service's rhythm: a flush whenever the outbox says something is due, for `seconds` of virtual time."""
    end = clock.now + seconds
    for _ in range(10_000):
        result = flush(outbox, client, clock, clock.wait, lambda: 0.0, probe=lambda: reads_answer(client))
        if result.next_due is None or result.next_due > end:
            clock.now = end
            return
        clock.now = max(clock.now + 0.01, result.next_due)
    raise AssertionError("the flush loop never settled")


def writes_of(emu, imdb):
    return [r for r in emu.requests if r.method == "POST" and imdb.encode() in r.raw_body]


def good_on_simkl(emu):
    return set(emu.user(TOKEN).watched_movies()) & {simkl for simkl, _, _ in GOOD}


def test_good_writes_behind_a_poison_one_reach_simkl_within_minutes(emu, client, clock, path):
    emu.inject(status=500, count=None, body_contains=POISON)
    outbox = poisoned_outbox(path, clock)
    run_for(outbox, client, clock, 5 * 60)
    assert len(good_on_simkl(emu)) == 3
    assert [e["label"] for e in outbox.entries()] == ["The Matrix (2000)"]


def test_the_poison_write_is_listed_as_not_delivered_after_its_limit_and_try_again_sends_it(
        emu, client, clock, path):
    emu.inject(status=500, count=None, body_contains=POISON)
    outbox = poisoned_outbox(path, clock)
    run_for(outbox, client, clock, 7 * 3600)  # 20 attempts: 15 s doubling to 30 minutes, about 6.5 hours
    assert len(outbox) == 0 and len(good_on_simkl(emu)) == 3
    [record] = Outbox(JsonStore(path)).dropped()  # as saved: what the status dialog lists after a restart
    assert record["label"] == "The Matrix (2000)" and record["retry"] is True
    assert split(record["reason"]) == (outbox_codes.NOT_DELIVERED, "server error 500")
    assert len(writes_of(emu, POISON)) == liveness.GIVE_UP_ATTEMPTS
    emu.clear_faults()
    assert outbox.retry_undelivered(clock()) == 1
    run_for(outbox, client, clock, 60)
    assert 53992 in emu.user(TOKEN).watched_movies() and len(outbox) == 0 and outbox.dropped() == []


def test_simkl_failing_everything_pauses_the_queue_and_charges_no_write(emu, client, clock, path):
    emu.inject(status=503, count=None, path="/sync")
    outbox = poisoned_outbox(path, clock)
    run_for(outbox, client, clock, 2 * DAY)
    assert len(outbox) == 4 and outbox.dropped() == []  # an outage is not the writes' fault: none given up
    assert max(e.get("attempts", 0) for e in outbox.entries()) <= 1
    posts = [r for r in emu.requests if r.method == "POST"]
    assert len(posts) < 2 * 48 * 2  # a paused queue: about one write and one read per 30 minutes
    emu.clear_faults()
    run_for(outbox, client, clock, 3600)
    assert len(outbox) == 0 and len(good_on_simkl(emu)) == 3


def test_a_clock_set_back_three_days_does_not_stop_sending(emu, client, clock, path):
    emu.inject(status=500, count=3, body_contains=POISON)
    outbox = poisoned_outbox(path, clock)
    run_for(outbox, client, clock, 60)  # the poison write backs off
    clock.now -= 3 * DAY  # NTP corrects a clock that ran 3 days ahead
    restarted = Outbox(JsonStore(path))
    run_for(restarted, client, clock, liveness.MAX_WAIT + 60)
    assert 53992 in emu.user(TOKEN).watched_movies() and len(restarted) == 0


def test_a_full_queue_compacts_to_the_newest_state_of_each_item_and_says_so(emu, client, clock, path,
                                                                              monkeypatch):
    monkeypatch.setattr(liveness, "MAX_ENTRIES", 3)
    outbox = Outbox(JsonStore(path))
    emu.user(TOKEN).watch_movie(53992)
    playback = Playback(1000.0)
    playback.started(0.0)
    playback.observe(950.0)
    outbox.add(scrobble_entry(MATRIX, playback.stopped(), clock()))  # a view of the Matrix...
    outbox.add(mark_entry("remove", "movie", media_block("The Matrix", 1999, {"imdb": POISON}), clock()))
    for _, title, imdb in GOOD[:2]:  # ...the user unmarked it; then two more writes: one over the bound
        outbox.add(mark(imdb, title, clock))
    assert [e["kind"] for e in outbox.entries()] == ["history", "history", "history"]
    [record] = outbox.dropped()
    assert split(record["reason"]) == (outbox_codes.QUEUE_FULL, "1") and record["label"] == "The Matrix (1999)"
    run_for(outbox, client, clock, 60)
    assert len(good_on_simkl(emu)) == 2 and 53992 not in emu.user(TOKEN).watched_movies()
