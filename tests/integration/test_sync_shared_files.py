"""Two library items that share one media file share one playcount, lastplayed and resume point in Kodi
(a multi-episode file S01E05E06; a file listed twice). The sync writes such a file only when every item
in it ends up the same, so a write for one never silently marks, unmarks or resumes the other; two
versions of one movie (two files, same ids) are both written."""
import pytest
from syncworld import SyncWorld

from tests.support.simkl_emulator import SimklEmulator, demo

SHOW = demo.SHOW_STRANGER_THINGS


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator() as emu:
        emu.start()
        yield SyncWorld(emu, fake_kodi, tmp_path)


def share_file(world, *codes):
    """Points the episodes `codes` of Stranger Things at one multi-episode file, as a scan of S01E05E06 does."""
    path = "/media/tv/Stranger Things/Season 01/Stranger Things S01E05E06.mkv"
    for code in codes:
        world.kodi.library.get("episode", world.kodi_ids[SHOW][code])["file"] = path


def episode(world, code):
    return world.episode(SHOW, *code)


def test_a_file_holding_a_watched_and_an_unwatched_episode_is_left_alone(world):
    share_file(world, (1, 5), (1, 6))  # Simkl: E05 watched, E06 only paused

    result = world.sync("login")

    assert result.completed
    assert (episode(world, (1, 5))["playcount"], episode(world, (1, 6))["playcount"]) == (0, 0)
    assert episode(world, (1, 6))["resume"]["position"] == 0  # E06's pause is no position in E05+E06
    written = {w[1].get("episodeid") for w in result.kodi_writes}
    assert not written & {world.kodi_ids[SHOW][(1, 5)], world.kodi_ids[SHOW][(1, 6)]}
    assert episode(world, (1, 4))["playcount"] == 1  # the files that hold one episode sync as always


def test_the_file_is_marked_once_every_episode_in_it_is_watched_on_simkl(world):
    share_file(world, (1, 5), (1, 6))
    world.sync("login")
    world.emu.clock.advance(120)
    world.user.watch_episodes(SHOW, [(1, 6)], at="2026-05-20T20:00:00Z")

    world.sync("timer")

    assert (episode(world, (1, 5))["playcount"], episode(world, (1, 6))["playcount"]) == (1, 1)


def test_a_file_whose_episodes_are_all_watched_is_marked_on_the_first_sync(world):
    share_file(world, (1, 4), (1, 5))

    world.sync("login")

    assert (episode(world, (1, 4))["playcount"], episode(world, (1, 5))["playcount"]) == (1, 1)


def test_removing_one_episode_of_the_file_on_simkl_does_not_unmark_the_other(world):
    share_file(world, (1, 4), (1, 5))
    world.sync("login")
    world.emu.clock.advance(120)
    world.user.unwatch_episodes(SHOW, [(1, 5)])

    world.sync("timer")

    assert (episode(world, (1, 4))["playcount"], episode(world, (1, 5))["playcount"]) == (1, 1)


def test_two_versions_of_one_movie_are_both_marked_watched(world):
    matrix = demo.TITLES[0]
    second = world.kodi.library.add_movie(matrix["title"], matrix["year"], uniqueid=dict(matrix["ids"]),
                                          runtime=matrix["runtime"] * 60, file="/media/movies/The Matrix (4K).mkv")

    world.sync("login")

    assert world.movie(demo.MOVIE_MATRIX)["playcount"] == 1
    assert world.kodi.library.snapshot("movie", second)["playcount"] == 1


def test_after_a_sync_only_the_shared_file_is_remembered_and_it_still_guards_the_next(world):
    share_file(world, (1, 5), (1, 6))
    world.sync("login")

    remembered = world.library._files._by_file  # what stays in Kodi's memory between syncs
    assert list(remembered) == ["/media/tv/Stranger Things/Season 01/Stranger Things S01E05E06.mkv"]
    world.emu.clock.advance(120)
    world.user.watch_episodes(SHOW, [(1, 6)], at="2026-05-20T20:00:00Z")
    world.sync("timer")
    assert (episode(world, (1, 5))["playcount"], episode(world, (1, 6))["playcount"]) == (1, 1)
