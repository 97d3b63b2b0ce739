"""The outbox flushed through the real client to the Simkl emulator: exactly-once under faults."""
import time

import pytest
from simklsync.core.outbox import outcome as outbox_codes
from simklsync.core.outbox.bodies import media_block
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.push import push_batches, push_entries
from simklsync.core.outbox.queue import Outbox
from simklsync.core.playing.scrobble import Playback, PlayingItem, scrobble_entry
from simklsync.core.state.store import JsonStore
from simklsync.simkl.client import SimklClient
from simklsync.simkl.outbox_sender import flush

from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

TOKEN = "outbox-test-token"
MATRIX = PlayingItem("movie", {"imdb": "tt0133093"}, "The Matrix", 1999, duration=1000.0)
HEAT_IDS = {"imdb": "tt0113277"}


class Clock:
    """Wall clock for the outbox that the test moves; waits pass instantly."""

    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now

    def wait(self, seconds):
        self.now += seconds
        return False


@pytest.fixture
def emu():
    emulator = SimklEmulator(Options())
    emulator.catalog.add_movie(53992, "The Matrix", 1999, imdb="tt0133093", tmdb="603")
    emulator.catalog.add_movie(10523, "Heat", 1995, imdb="tt0113277")
    emulator.catalog.add_show(11121, "Breaking Bad", 2008, tvdb="81189", seasons={1: 7, 2: 13})
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
def outbox_path(tmp_path):
    return str(tmp_path / "outbox.json")


def new_outbox(path):
    return Outbox(JsonStore(path))


def run(outbox, client, clock):
    return flush(outbox, client, clock, clock.wait, lambda: 0.0)


def mark_heat(clock, action="add"):
    return mark_entry(action, "movie", media_block("Heat", 1995, HEAT_IDS), clock(),
                      watched_at="2024-02-01T20:00:00Z")


def watched_scrobble(clock, progress=95.0):
    playback = Playback(1000.0)
    playback.started(0.0)
    playback.observe(progress * 10)
    return scrobble_entry(MATRIX, playback.stopped(), clock())


def sent_paths(emu):
    return [(r.method, r.path, r.status) for r in emu.requests if r.method == "POST"]


def test_user_mark_reaches_simkl_once(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    outbox.add(mark_heat(clock))
    assert run(outbox, client, clock).sent == 1
    assert emu.user(TOKEN).watched_movies() == {10523: "2024-02-01T20:00:00Z"}
    assert len(outbox) == 0


def test_answer_lost_after_simkl_recorded_the_mark_does_not_double_the_watch(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    outbox.add(mark_heat(clock))
    emu.inject(status=503, path="/sync/history", process=True)
    assert run(outbox, client, clock).retried == 1
    clock.now += 60
    assert run(outbox, client, clock).sent == 1
    assert len(emu.user(TOKEN).history_events()) == 1


def test_watched_scrobble_resent_after_lost_answer_gets_409_and_counts_once(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    outbox.add(watched_scrobble(clock))
    emu.inject(status=502, path="/scrobble/stop", process=True)
    assert run(outbox, client, clock).retried == 1
    clock.now += 60
    assert run(outbox, client, clock).sent == 1
    assert [status for _, _, status in sent_paths(emu)] == [502, 409]
    assert len(emu.user(TOKEN).history_events()) == 1


def test_429_with_retry_after_waits_that_long(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    outbox.add(mark_heat(clock))
    emu.inject(status=429, path="/sync/history", retry_after=120)
    result = run(outbox, client, clock)
    assert result.retried == 1 and result.next_due == pytest.approx(clock.now + 120, abs=1)
    clock.now += 119
    assert run(outbox, client, clock).sent == 0
    clock.now += 2
    assert run(outbox, client, clock).sent == 1


def test_503_is_retried_with_backoff_until_it_passes(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    outbox.add(mark_heat(clock))
    emu.inject(status=503, path="/sync/history", count=2)
    delays = []
    for _ in range(2):
        result = run(outbox, client, clock)
        delays.append(result.next_due - clock.now)
        clock.now = result.next_due
    assert delays == [pytest.approx(15, abs=1), pytest.approx(30, abs=1)]
    assert run(outbox, client, clock).sent == 1


def test_timeout_keeps_the_entry_for_later(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    outbox.add(mark_heat(clock))
    emu.inject(kind="delay", seconds=1.5, path="/sync/history")
    assert run(outbox, client, clock).retried == 1
    assert len(outbox) == 1


def test_queued_scrobbles_wait_out_the_per_user_lock_instead_of_hitting_it(emu, client, clock, outbox_path):
    emu.options.scrobble_lock_seconds = 20
    outbox = new_outbox(outbox_path)
    outbox.add(watched_scrobble(clock))
    outbox.add(scrobble_entry(MATRIX._replace(ids=HEAT_IDS, title="Heat"), Playback(1000.0).started(0.0),
                              clock()))
    result = run(outbox, client, clock)
    assert (result.sent, result.retried, result.dropped) == (1, 0, 0)
    assert [path for _, path, _ in sent_paths(emu)] == ["/scrobble/stop"]  # no request spent on a certain 400
    assert 20 < result.next_due - clock.now < 30
    emu.clock.advance(result.next_due - clock.now)  # the lock lives on Simkl's clock
    clock.now = result.next_due
    assert run(outbox, client, clock).sent == 1
    assert sent_paths(emu)[-1] == ("POST", "/scrobble/start", 201)


def test_scrobble_lock_400_rate_limit_is_retried_later(emu, client, clock, outbox_path):
    emu.options.scrobble_lock_seconds = 20
    other_device = new_outbox(outbox_path + ".other")
    other_device.add(watched_scrobble(clock))
    assert run(other_device, client, clock).sent == 1  # another scrobbler of the same user holds the lock
    outbox = new_outbox(outbox_path)
    outbox.add(scrobble_entry(MATRIX._replace(ids=HEAT_IDS, title="Heat"), Playback(1000.0).started(0.0),
                              clock()))
    result = run(outbox, client, clock)
    assert (result.sent, result.retried, result.dropped) == (0, 1, 0)
    assert sent_paths(emu)[-1] == ("POST", "/scrobble/start", 400)
    assert 20 < result.next_due - clock.now < 30


def test_item_simkl_does_not_know_is_dropped_with_a_reason(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    unknown = mark_entry("add", "movie", media_block("Nothing", 2001, {"imdb": "tt9999999"}), clock(),
                         watched_at="2024-01-01T00:00:00Z")
    outbox.add(unknown)
    assert run(outbox, client, clock).dropped == 1
    assert outbox.dropped()[0]["reason"] == outbox_codes.NOT_FOUND_ON_SIMKL


def test_revoked_token_holds_writes_until_the_next_login(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    outbox.add(mark_heat(clock))
    emu.revoke(TOKEN)
    assert run(outbox, client, clock).held == 1
    assert new_outbox(outbox_path).summary()["held"] == 1
    emu.add_user(token="new-token")
    client.token = "new-token"
    outbox.release_holds(clock())
    assert run(outbox, client, clock).sent == 1
    assert emu.user("new-token").watched_movies() == {10523: "2024-02-01T20:00:00Z"}


def test_restart_with_a_non_empty_outbox_sends_what_was_left(emu, client, clock, outbox_path):
    before = new_outbox(outbox_path)
    before.add(mark_heat(clock))
    before.add(watched_scrobble(clock))
    emu.inject(status=503, count=None)
    run(before, client, clock)
    emu.clear_faults()
    after_restart = new_outbox(outbox_path)
    clock.now += 3600 * 3
    assert run(after_restart, client, clock).sent == 2
    user = emu.user(TOKEN)
    assert set(user.watched_movies()) == {10523, 53992}
    assert len(user.history_events()) == 2


def test_mark_then_unmark_offline_leaves_simkl_unwatched(emu, client, clock, outbox_path):
    emu.user(TOKEN).watch_movie(10523)
    outbox = new_outbox(outbox_path)
    outbox.add(mark_heat(clock))
    outbox.add(mark_heat(clock, "remove"))
    assert run(outbox, client, clock).sent == 1
    assert emu.user(TOKEN).watched_movies() == {}


def test_writes_are_spaced_one_per_second(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    outbox.add(mark_heat(clock))
    outbox.add(watched_scrobble(clock))
    started = clock.now
    run(outbox, client, clock)
    assert clock.now - started >= 1.0
    assert len(sent_paths(emu)) == 2


def test_first_sync_push_batches_reach_simkl(emu, client, clock, outbox_path):
    movies = [{"movieid": 1, "title": "Heat", "year": 1995, "uniqueid": HEAT_IDS, "playcount": 1,
               "lastplayed": "2024-01-01 20:00:00"}]
    shows = [{"tvshowid": 1, "title": "Breaking Bad", "year": 2008, "uniqueid": {"tvdb": "81189"}}]
    episodes = [{"tvshowid": 1, "season": 1, "episode": n, "playcount": 1, "lastplayed": ""} for n in (1, 2)]
    outbox = new_outbox(outbox_path)
    for entry in push_entries(push_batches(movies, episodes, shows, lambda *a: False), clock()):
        outbox.add(entry)
    assert run(outbox, client, clock).sent == 1
    user = emu.user(TOKEN)
    assert 10523 in user.watched_movies()
    assert set(user.watched_episodes(11121)) == {(1, 1), (1, 2)}


def test_a_replay_within_the_hour_after_an_unmark_still_ends_watched_on_simkl(emu, client, clock, outbox_path):
    # Soak seed 1041: watched (scrobble), unmarked, watched again within the hour: Simkl answers the second
    # stop with 409 although its history no longer has the view; a history add of that view settles it.
    outbox = new_outbox(outbox_path)
    user = emu.user(TOKEN)
    outbox.add(watched_scrobble(clock))
    assert run(outbox, client, clock).sent == 1
    matrix = next(iter(user.watched_movies()))
    user.unwatch_movie(matrix)
    assert matrix not in user.watched_movies()
    clock.now += 600
    outbox.add(watched_scrobble(clock))
    for _ in range(3):
        clock.now += 30
        run(outbox, client, clock)
    assert ("POST", "/scrobble/stop", 409) in sent_paths(emu)
    assert matrix in user.watched_movies()
    assert len(outbox) == 0


def test_a_plain_duplicate_stop_adds_no_second_view(emu, client, clock, outbox_path):
    outbox = new_outbox(outbox_path)
    user = emu.user(TOKEN)
    outbox.add(watched_scrobble(clock))
    assert run(outbox, client, clock).sent == 1
    clock.now += 600
    outbox.add(watched_scrobble(clock))
    for _ in range(3):
        clock.now += 30
        run(outbox, client, clock)
    assert ("POST", "/scrobble/stop", 409) in sent_paths(emu)
    assert len(user.history_events()) == 1
