"""Issue 25's interrupted apply in a real Kodi: the first sync after the login is cut off by killing Kodi (SIGKILL:
nothing gets to save) while its library writes go in; then Kodi is told to quit while a later sync writes 250
episodes watched on Simkl (Kodi 20 tells its add-ons to stop only once it has stopped most else, about half a
second later: on a quick box the writes are done by then, on a slow one the add-on stops between two batches and
keeps the writes it still owes). Either way, at the next start the sync finishes: every item's watched state and
date is exactly what Simkl says, the paused episode has its resume point, and nothing went back to Simkl (no write
request at all, the history unchanged). The tests share one Kodi, in file order."""
import sqlite3
import sys

import pytest
from sync_helpers import (
    SERVICE_STARTED,
    SYNC_TIMEOUT,
    demo_emulator,
    demo_library,
    kodi_local_time,
    library_state,
    simkl_watched_in_kodi_terms,
    sync_done_pattern,
    wait_for_addon_log,
    wait_for_notification_barrier,
)

from tests.support.kodi_rig import EpisodeSpec, ShowSpec, wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

# A long show: its first season watched on Simkl at the start, its second later. Each is several batches of
# library writes, so Kodi dies (or quits) between two.
LONG = {"simkl": 990001, "title": "The Long Show", "year": 2001, "tvdb": 990001, "seasons": {1: 200, 2: 250}}
LONG_EPISODES = [(season, number) for season, count in LONG["seasons"].items() for number in range(1, count + 1)]
FIRST_SEASON = [(season, number) for season, number in LONG_EPISODES if season == 1]
SECOND_SEASON = [(season, number) for season, number in LONG_EPISODES if season == 2]
LONG_WATCHED_AT = "2026-06-01T20:00:00Z"
SECOND_WATCHED_AT = "2026-07-01T20:00:00Z"
DEMO_WRITES = len(demo.WATCHED_MOVIES) + 5 + 4  # the demo account's watched movies and episodes
PAUSED = demo.PAUSED[0]
KILL_TIMEOUT = 240
KILL_AFTER = 100  # Kodi announced this many writes: two batches of 50 in, the third going (about 25 ms a write)
QUIT_AFTER = 50  # of the second season's 250: Kodi quits with one batch in


@pytest.fixture(scope="module")
def simkl_emulator():
    with demo_emulator() as emu:
        emu.catalog.add_show(simkl=LONG["simkl"], title=LONG["title"], year=LONG["year"], tvdb=LONG["tvdb"],
                             seasons=LONG["seasons"])
        emu.user(demo.DEMO_TOKEN).watch_episodes(LONG["simkl"], FIRST_SEASON, at=LONG_WATCHED_AT)
        yield emu


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    library = demo_library()
    episodes = [EpisodeSpec(season, number) for season, number in LONG_EPISODES]
    library["shows"] = library["shows"] + [
        ShowSpec(LONG["title"], LONG["year"], uniqueids={"tvdb": str(LONG["tvdb"])}, episodes=episodes)]
    # Every write by Set*Details (the hidden file_writes off): the test times its kill by the OnUpdates Kodi
    # announces, and the bulk path's Files.SetFileDetails announces none.
    return {"env": {"SIMKL_API_URL": simkl_emulator.url}, "library": library,
            "addon_settings": {"file_writes": "false"}}


def simkl_says(user):
    """What the account has watched, keyed like library_state(), with Kodi's lastplayed text."""
    watched = simkl_watched_in_kodi_terms(user)  # the demo titles
    for (season, episode), at in user.watched_episodes(LONG["simkl"]).items():
        watched[("episode", LONG["title"], season, episode)] = kodi_local_time(at)
    return watched


def watched_files(kodi):
    """The media files Kodi's database holds as watched, read from the file while Kodi is down."""
    connection = sqlite3.connect(str(kodi.video_db()), timeout=30)
    try:
        return connection.execute("SELECT COUNT(*) FROM files WHERE playCount > 0").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def interrupted(kodi, user, simkl_emulator):
    """The login's first sync, Kodi killed once KILL_AFTER library writes are announced; then Kodi started again on
    the same profile and library. Returns what was seen in between."""
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    history_before = user.history_events()
    notifications = kodi.notification_mark()
    mark = kodi.log_mark()
    assert kodi.execute_addon(["login"]) == "OK"
    wait_until(lambda: kodi.onupdate_count(since=notifications) >= KILL_AFTER, KILL_TIMEOUT, interval=0.02,
               message=f"{KILL_AFTER} library writes")
    kodi.kill()
    cut_off = kodi.log.text(mark)
    written_before_restart = watched_files(kodi)
    simkl_emulator.clear_requests()
    kodi.start()  # a fresh kodi.log: the old one became kodi.old.log
    line = wait_for_addon_log(kodi, sync_done_pattern("startup"), SYNC_TIMEOUT, since=0)
    wait_for_notification_barrier(kodi)
    return {"history_before": history_before, "cut_off_log": cut_off, "written": written_before_restart,
            "line": line, "requests": [(r.method, r.path) for r in simkl_emulator.requests]}


def assert_library_is_as_simkl_says(kodi, user, watched_count):
    expected = simkl_says(user)
    library = library_state(kodi)
    assert set(expected) <= set(library) and len(expected) == watched_count
    for key, item in library.items():
        if key in expected:
            assert (item["playcount"], item["lastplayed"]) == (1, expected[key]), key
        else:
            assert (item["playcount"], item["lastplayed"]) == (0, ""), key
    paused = library[("episode", "Stranger Things", PAUSED["season"], PAUSED["episode"])]
    assert paused["resume"] == (round(paused["runtime"] * PAUSED["progress"] / 100), paused["runtime"])


def test_kodi_was_killed_in_the_middle_of_the_first_syncs_writes(interrupted):
    expected_writes = len(FIRST_SEASON) + DEMO_WRITES

    assert "applying" in interrupted["cut_off_log"]
    assert sync_done_pattern("login")[-20:] not in interrupted["cut_off_log"]
    assert 0 < interrupted["written"] < expected_writes
    sys.stderr.write(f"\nKodi killed with {interrupted['written']} of {expected_writes} watched marks written\n")


def test_the_next_start_finishes_the_sync_with_the_library_exactly_as_simkl_says(kodi, user, interrupted):
    assert interrupted["line"].group("outcome") == "ok"
    assert_library_is_as_simkl_says(kodi, user, len(FIRST_SEASON) + DEMO_WRITES)


def test_nothing_is_sent_back_to_simkl(user, interrupted):
    writes = [(method, path) for method, path in interrupted["requests"] if method != "GET"]

    assert writes == []
    assert user.history_events() == interrupted["history_before"]


@pytest.fixture(scope="module")
def quit_mid_delta(kodi, user, simkl_emulator, interrupted):
    """The second season watched on Simkl, a Sync now, and Kodi told to quit once QUIT_AFTER of its writes are
    announced; then Kodi started again."""
    user.watch_episodes(LONG["simkl"], SECOND_SEASON, at=SECOND_WATCHED_AT)
    history_before = user.history_events()
    notifications = kodi.notification_mark()
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    wait_until(lambda: kodi.onupdate_count(since=notifications) >= QUIT_AFTER, KILL_TIMEOUT, interval=0.02,
               message=f"{QUIT_AFTER} library writes")
    kodi.stop()  # Application.Quit: the service is asked to stop, as when the user quits Kodi
    stopped_log = kodi.log.text(mark)
    written = watched_files(kodi)
    simkl_emulator.clear_requests()
    kodi.start()
    line = wait_for_addon_log(kodi, sync_done_pattern("startup"), SYNC_TIMEOUT, since=0)
    wait_for_notification_barrier(kodi)
    return {"history_before": history_before, "stopped_log": stopped_log, "written": written, "line": line,
            "requests": [(r.method, r.path) for r in simkl_emulator.requests]}


def test_kodi_quitting_while_a_later_sync_writes_leaves_the_next_start_to_finish_it_and_sends_nothing(
        kodi, user, quit_mid_delta):
    written = quit_mid_delta["written"] - len(FIRST_SEASON) - DEMO_WRITES
    owed = "Kodi writes owed to the next cycles" in quit_mid_delta["stopped_log"]
    sys.stderr.write(f"\nKodi quit with {written} of {len(SECOND_SEASON)} later writes in (writes owed: {owed})\n")

    assert "applying" in quit_mid_delta["stopped_log"] and written > 0
    assert quit_mid_delta["line"].group("outcome") == "ok"
    assert_library_is_as_simkl_says(kodi, user, len(LONG_EPISODES) + DEMO_WRITES)
    assert [(method, path) for method, path in quit_mid_delta["requests"] if method != "GET"] == []
    assert user.history_events() == quit_mid_delta["history_before"]
