"""Two library items, one media file, in a real Kodi (20 or 21, `make e2e KODI=21`): a multi-episode file
holds two episodes and has ONE playcount; a movie in two versions is two files with the same ids. The
sync writes a shared file only when every episode in it is watched on Simkl, never unmarks it while one
still is, gives both versions of a movie their watched state, and sends Simkl nothing it did not see.
The tests run in file order on one Kodi; each starts from the state the one before left."""
import pytest
from sync_helpers import (
    SERVICE_STARTED,
    addon_errors,
    emulator_rig_options,
    log_in_and_wait_for_sync,
    sync_done_pattern,
    wait_for_addon_log,
    wait_for_notification_barrier,
)

from tests.support.kodi_rig import EpisodeSpec, MovieSpec, ShowSpec
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

SHOW = demo.SHOW_STRANGER_THINGS
MATRIX = next(t for t in demo.TITLES if t["simkl"] == demo.MOVIE_MATRIX)
SYNC_TIMEOUT = 180


def shared_file_library():
    """The Matrix in two versions; Stranger Things season 1 with E05+E06 in one file (Simkl: E05 watched,
    E06 only paused) and E07+E08 in another (neither watched), the other episodes one file each."""
    show = next(t for t in demo.TITLES if t["simkl"] == SHOW)
    ids = {kind: show["ids"][kind] for kind in ("tvdb", "tmdb", "imdb")}

    def episode(number):
        return EpisodeSpec(1, number, runtime=show["runtime"])
    episodes = [episode(n) for n in range(1, 5)] + [[episode(5), episode(6)], [episode(7), episode(8)]]
    movies = [MovieSpec(MATRIX["title"], MATRIX["year"], runtime=MATRIX["runtime"], uniqueids=dict(MATRIX["ids"])),
              MovieSpec(MATRIX["title"], MATRIX["year"], runtime=MATRIX["runtime"], uniqueids=dict(MATRIX["ids"]),
                        version="4K")]
    return {"movies": movies, "shows": [ShowSpec(show["title"], show["year"], uniqueids=ids, episodes=episodes)]}


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator, library=shared_file_library())


@pytest.fixture(scope="module")
def first_sync(kodi, user):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    history = len(user.history_events())
    mark, line = log_in_and_wait_for_sync(kodi)
    wait_for_notification_barrier(kodi)
    return {"mark": mark, "line": line, "history": history}


def episodes(kodi):
    found = kodi.rpc("VideoLibrary.GetEpisodes", {"properties": ["episode", "file", "playcount", "resume"]})
    return {e["episode"]: e for e in found["episodes"]}


def sync_now(kodi, emu):
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    line = wait_for_addon_log(kodi, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)
    return line


def test_kodi_keeps_one_record_for_a_multi_episode_file(kodi):
    by_number = episodes(kodi)

    assert by_number[5]["file"] == by_number[6]["file"] != by_number[4]["file"]
    assert by_number[7]["file"] == by_number[8]["file"]


def test_a_file_with_a_watched_and_a_paused_episode_is_left_as_it_was(kodi, first_sync):
    by_number = episodes(kodi)

    assert first_sync["line"].group("outcome") == "ok"
    assert [by_number[n]["playcount"] for n in range(1, 9)] == [1, 1, 1, 1, 0, 0, 0, 0]
    assert by_number[6]["resume"]["position"] == 0  # a position in E06 means nothing in the E05+E06 file
    assert addon_errors(kodi, since=first_sync["mark"]) == []


def test_both_versions_of_a_movie_get_its_watched_state(kodi, first_sync):
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title", "file", "playcount"]})["movies"]
    versions = [m for m in movies if m["title"] == MATRIX["title"]]

    assert len({m["file"] for m in versions}) == 2
    assert all(m["playcount"] == 1 for m in versions)  # one library movie each (Kodi 20), or versions (21)


def test_simkl_got_nothing_from_the_first_sync(user, first_sync):
    assert len(user.history_events()) == first_sync["history"]


def test_the_file_is_marked_once_its_second_episode_is_watched_on_simkl(kodi, simkl_emulator, user, first_sync):
    user.watch_episodes(SHOW, [(1, 6)], at="2026-05-20T20:00:00Z")
    history = len(user.history_events())

    line = sync_now(kodi, simkl_emulator)

    by_number = episodes(kodi)
    assert line.group("outcome") == "ok"
    assert (by_number[5]["playcount"], by_number[6]["playcount"]) == (1, 1)
    assert len(user.history_events()) == history  # the add-on's own marks are not sent back


def test_unwatching_one_episode_of_the_file_on_simkl_does_not_unmark_the_other(kodi, simkl_emulator, user,
                                                                                  first_sync):
    user.unwatch_episodes(SHOW, [(1, 6)])

    line = sync_now(kodi, simkl_emulator)

    by_number = episodes(kodi)
    assert line.group("outcome") == "ok"
    assert (by_number[5]["playcount"], by_number[6]["playcount"]) == (1, 1)
    assert (1, 5) in user.watched_episodes(SHOW)


def test_a_shows_playcount_changes_nothing_in_kodi_so_episodes_are_what_gets_written(kodi, first_sync):
    show = kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["title"]})["tvshows"][0]

    assert kodi.rpc("VideoLibrary.SetTVShowDetails", {"tvshowid": show["tvshowid"], "playcount": 1}) == "OK"

    assert episodes(kodi)[7]["playcount"] == 0
