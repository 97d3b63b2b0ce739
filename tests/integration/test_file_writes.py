"""Bulk library writes by Files.SetFileDetails against the fake Kodi (which serves it as Kodi 20-22's source
runs it): the library ends as Set*Details would leave it, nothing waits for an OnUpdate that never comes, a
refused file is written by Set*Details, small batches and user-sized work keep Set*Details and their OnUpdates,
and the open video list is refreshed once."""
import copy

import pytest
from simklsync.core.echo import EchoFilter
from simklsync.core.list_tags import TagWrite
from simklsync.core.plan.planner import NO_RESUME, Write
from simklsync.core.plan.write_path import BULK_WRITES
from simklsync.kodi.library import KodiLibrary
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import Options, SimklEmulator, demo

SHOWS = 3
EPISODES = 60  # per show: 180 episodes and 20 movies, a bulk first sync
VIDEOS_OPEN = "Window.IsActive(videos)"


def build(kodi):
    """A library of movies and episodes, one of them a two-episode file; returns the planned first-sync writes."""
    library = kodi.library
    writes = []
    for n in range(20):
        movieid = library.add_movie(f"Movie {n}", 2000 + n, uniqueid={"imdb": f"tt{n + 1:07d}"}, runtime=6000)
        if n % 4 == 3:
            writes.append(Write("movie", movieid, f"m:{n}", {"resume": {"position": 600 + n, "total": 6000}}))
        else:
            writes.append(Write("movie", movieid, f"m:{n}", {"playcount": 1, "lastplayed": f"2024-01-{n + 1:02d} "
                                                            "20:00:00", "resume": NO_RESUME}))
    for s in range(SHOWS):
        tvshowid = library.add_show(f"Show {s}", 2010 + s, uniqueid={"tvdb": str(100 + s)})
        for e in range(1, EPISODES + 1):
            shared = f"/media/tv/Show {s}/S01E01E02.mkv" if e in (1, 2) else None
            episodeid = library.add_episode(tvshowid, 1, e, runtime=1500, file=shared)
            writes.append(Write("episode", episodeid, f"e:{s}:1:{e}", {"playcount": 1, "lastplayed":
                                                                      f"2024-02-{e % 28 + 1:02d} 21:00:00",
                                                                      "resume": NO_RESUME}))
    return writes


def rows(kodi):
    return copy.deepcopy({kind: kodi.library.items[kind] for kind in ("movie", "episode")})


def first_sync(kodi, **switches):
    kodi.library.wipe()
    kodi.library.writes.clear()
    kodi.notifications.clear()
    writes = build(kodi)
    echo = EchoFilter()
    library = KodiLibrary(echo, **switches)
    snapshot = library.snapshot()
    applied, failed = library.apply(writes, snapshot.playcounts())
    assert kodi.wait_idle()
    return library, echo, applied, failed


def methods(kodi):
    return [method for method, _ in kodi.library.writes]


def updates(kodi):
    return [data["item"]["id"] for _, method, data in kodi.notifications if method == "VideoLibrary.OnUpdate"]


def test_a_bulk_first_sync_by_file_writes_leaves_the_rows_the_set_details_path_leaves(fake_kodi):
    _, _, old_applied, _ = first_sync(fake_kodi, file_writes=False)
    by_details = rows(fake_kodi)
    assert set(methods(fake_kodi)) == {"VideoLibrary.SetMovieDetails", "VideoLibrary.SetEpisodeDetails"}

    _, echo, applied, failed = first_sync(fake_kodi)

    assert rows(fake_kodi) == by_details
    assert (len(applied), failed) == (len(old_applied), 0)
    # The two-episode files (one per show) keep Set*Details, whose OnUpdates the echo filter expected and met.
    assert methods(fake_kodi).count("Files.SetFileDetails") == len(applied) - 2 * SHOWS
    assert len(updates(fake_kodi)) == 2 * SHOWS
    # An expectation for each OnUpdate Kodi sent, none for a write it announces nothing of (it would linger).
    assert echo.pending() == len(updates(fake_kodi))


def test_a_file_kodi_cannot_stat_is_written_by_set_details(fake_kodi):
    fake_kodi.library.offline.add("/media/movies/Movie 0.mkv")

    library, echo, applied, failed = first_sync(fake_kodi)

    movie = fake_kodi.library.get("movie", 1)
    assert (movie["playcount"], movie["lastplayed"]) == (1, "2024-01-01 20:00:00")
    assert ("movie", 1) in {(write.media, write.kodi_id) for write in applied} and failed == 0
    assert ("VideoLibrary.SetMovieDetails", {"movieid": 1, "playcount": 1, "lastplayed": "2024-01-01 20:00:00",
                                             "resume": {"position": 0, "total": 0}}) in fake_kodi.library.writes
    assert library.last_failures == [] and 1 in updates(fake_kodi)
    assert echo.pending() == len(updates(fake_kodi)) == 2 * SHOWS + 1


def test_a_small_delta_keeps_set_details_and_one_on_update_per_item(fake_kodi):
    library = KodiLibrary(EchoFilter())
    ids = [fake_kodi.library.add_movie(f"Movie {n}", 2000, uniqueid={"imdb": f"tt{n + 1:07d}"}) for n in range(5)]
    library.snapshot()
    writes = [Write("movie", movieid, f"m:{movieid}", {"playcount": 1, "lastplayed": "2024-03-01 10:00:00"})
              for movieid in ids]

    library.apply(writes, {})

    assert fake_kodi.wait_idle()
    assert methods(fake_kodi) == ["VideoLibrary.SetMovieDetails"] * 5
    assert sorted(updates(fake_kodi)) == ids


def test_a_users_large_action_is_never_bulk(fake_kodi):
    library = KodiLibrary(EchoFilter())
    tvshowid = fake_kodi.library.add_show("Long Show", 2000)
    ids = [fake_kodi.library.add_episode(tvshowid, 1, e) for e in range(1, BULK_WRITES + 20)]
    library.snapshot()

    library.apply([Write("episode", i, f"e:{i}", {"playcount": 1}) for i in ids], {}, bulk=False)

    assert fake_kodi.wait_idle()
    assert set(methods(fake_kodi)) == {"VideoLibrary.SetEpisodeDetails"} and len(updates(fake_kodi)) == len(ids)


def test_the_open_video_list_is_refreshed_once_after_a_short_bulk_write(fake_kodi):
    fake_kodi.conditions[VIDEOS_OPEN] = True
    first_sync(fake_kodi)
    assert fake_kodi.builtins.count("Container.Refresh") == 1


def test_no_refresh_when_no_video_window_is_open_or_nothing_went_light(fake_kodi):
    first_sync(fake_kodi)
    fake_kodi.conditions[VIDEOS_OPEN] = True
    first_sync(fake_kodi, file_writes=False)
    assert "Container.Refresh" not in fake_kodi.builtins


LONG = {"simkl": 990201, "title": "The Bulk Show", "year": 2003, "tvdb": 990201, "seasons": {1: 130}}


@pytest.fixture
def bulk_world(fake_kodi, tmp_path):
    """The demo account and library plus a show of 130 episodes watched on Simkl: a first sync of bulk work."""
    with SimklEmulator(Options()) as emu:
        emu.start()
        world = SyncWorld(emu, fake_kodi, tmp_path)
        emu.catalog.add_show(simkl=LONG["simkl"], title=LONG["title"], year=LONG["year"], tvdb=LONG["tvdb"],
                             seasons=LONG["seasons"])
        world.user.watch_episodes(LONG["simkl"], [(1, n) for n in range(1, 131)], at="2026-06-01T20:00:00Z")
        tvshowid = fake_kodi.library.add_show(LONG["title"], LONG["year"], uniqueid={"tvdb": str(LONG["tvdb"])})
        for number in range(1, 131):
            fake_kodi.library.add_episode(tvshowid, 1, number, runtime=1500)
        yield world


@pytest.mark.parametrize("file_writes", [True, False], ids=["default", "file_writes-off"])
def test_the_engines_first_sync_goes_light_unless_the_hidden_setting_is_off(bulk_world, file_writes):
    result = bulk_world.sync("login", settings=Settings(file_writes=file_writes))
    light = sum(1 for method, _ in result.kodi_writes if method == "Files.SetFileDetails")

    assert result.completed and sum(result.written.values()) > BULK_WRITES
    assert (light > BULK_WRITES) if file_writes else (light == 0)
    assert bulk_world.episode(demo.SHOW_STRANGER_THINGS, 1, 1)["playcount"] == 1
    show = bulk_world.kodi.library.episodes_of(next(i for i, s in bulk_world.kodi.library.items["tvshow"].items()
                                                    if s["title"] == LONG["title"]))
    assert all(episode["playcount"] == 1 for episode in show)


def test_bulk_list_tag_writes_keep_set_details(fake_kodi):
    ids = [fake_kodi.library.add_movie(f"Movie {n}", 2000, uniqueid={"imdb": f"tt{n + 1:07d}"})
           for n in range(BULK_WRITES + 10)]
    library = KodiLibrary(EchoFilter())
    library.snapshot()

    applied, failed = library.apply([TagWrite("movie", movieid, ["Simkl: Watching"]) for movieid in ids], {},
                                    announce=False)

    assert (len(applied), failed) == (len(ids), 0)
    assert set(methods(fake_kodi)) == {"VideoLibrary.SetMovieDetails"}
    assert all(fake_kodi.library.get("movie", movieid)["tag"] == ["Simkl: Watching"] for movieid in ids)
