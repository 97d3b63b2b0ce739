"""The Simkl → Kodi sync cycle against the emulator and the fake Kodi library."""
import pytest
from simklsync.core.plan.scope import Scope
from simklsync.core.times import parse_utc, utc_to_kodi
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import Options, SimklEmulator, demo


@pytest.fixture(params=[("null", False), ("{}", True)], ids=["null-body/exclusive", "empty-object/inclusive"])
def world(request, fake_kodi, tmp_path):
    empty_body, inclusive = request.param
    with SimklEmulator(Options(empty_body=empty_body, date_from_inclusive=inclusive)) as emu:
        emu.start()
        yield SyncWorld(emu, fake_kodi, tmp_path)


def first_sync(world):
    result = world.sync("login")
    assert result.completed
    world.emu.clock.advance(120)
    return result


def all_items_calls(world):
    return [r for r in world.emu.requests if r.path.startswith("/sync/all-items")]


def test_first_sync_pulls_every_list_once_and_marks_what_simkl_has_watched(world):
    result = first_sync(world)
    assert world.requests() == [
        ("GET", "/sync/activities"),
        ("GET", "/sync/all-items/movies"),
        ("GET", "/sync/all-items/shows"),
        ("GET", "/sync/all-items/anime"),
        ("GET", "/sync/playback"),
        ("POST", "/users/settings"),
    ]
    for simkl, watched_at in demo.WATCHED_MOVIES.items():
        movie = world.movie(simkl)
        assert movie["playcount"] == 1
        assert movie["lastplayed"] == utc_to_kodi(parse_utc(watched_at))
    assert world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 0
    watched = [(1, e) for e in range(1, 6)]
    for season, episode in watched:
        assert world.episode(demo.SHOW_STRANGER_THINGS, season, episode)["playcount"] == 1
    assert world.episode(demo.SHOW_STRANGER_THINGS, 2, 1)["playcount"] == 0
    assert result.written == {"movies": 3, "episodes": 5 + 4 + 1}  # + the paused episode's resume point


def test_first_sync_maps_anime_episodes_onto_the_tvdb_season_kodi_uses(world):
    first_sync(world)
    for episode in range(1, 5):
        assert world.episode(demo.ANIME_AOT_S3, 3, episode)["playcount"] == 1
    assert world.episode(demo.ANIME_AOT_S3, 3, 5)["playcount"] == 0


def test_paused_episode_gets_a_resume_point_from_the_percent_and_kodis_runtime(world):
    first_sync(world)
    paused = world.episode(demo.SHOW_STRANGER_THINGS, 1, 6)
    runtime = 50 * 60
    assert paused["playcount"] == 0
    assert paused["resume"] == {"position": int(round(runtime * 0.40)), "total": runtime}


def test_idle_cycle_makes_one_request_and_no_write(world):
    first_sync(world)
    result = world.sync("timer")
    assert world.requests() == [("GET", "/sync/activities")]
    assert result.kodi_writes == []
    assert result.completed


def test_a_second_manual_sync_replans_locally_without_downloading_or_writing(world):
    first_sync(world)
    result = world.sync("manual", replan=True)
    assert world.requests() == [("GET", "/sync/activities")]
    assert result.kodi_writes == []


def test_delta_of_one_episode_fetches_one_list_from_the_saved_bucket_and_writes_one_item(world):
    first_sync(world)
    saved = world.state_store.load().activities["tv_shows"]["watching"]
    world.user.watch_episodes(demo.SHOW_STRANGER_THINGS, [(1, 7)], at="2026-05-20T20:00:00Z")
    result = world.sync("timer")
    calls = all_items_calls(world)
    assert len(calls) == 1
    assert calls[0].path == "/sync/all-items/shows"
    sent = parse_utc(calls[0].query["date_from"])
    assert 0 <= (parse_utc(saved) - sent).total_seconds() <= 1
    assert [w[1]["episodeid"] for w in result.kodi_writes] == [world.kodi_ids[demo.SHOW_STRANGER_THINGS][(1, 7)]]
    assert world.episode(demo.SHOW_STRANGER_THINGS, 1, 7)["playcount"] == 1


def test_movie_removed_on_simkl_is_set_unwatched_in_kodi_when_the_addon_had_marked_it(world):
    first_sync(world)
    world.user.remove(demo.MOVIE_MATRIX)
    world.sync("timer")
    paths = [(r.path, r.query.get("extended")) for r in all_items_calls(world)]
    assert ("/sync/all-items/movies", "simkl_ids_only") in paths
    assert world.movie(demo.MOVIE_MATRIX)["playcount"] == 0
    assert world.movie(demo.MOVIE_INCEPTION)["playcount"] == 1


def test_removal_keeps_kodis_state_when_the_setting_says_so(world):
    first_sync(world)
    world.user.remove(demo.MOVIE_MATRIX)
    world.sync("timer", settings=Settings(unwatch_removed=False))
    assert world.movie(demo.MOVIE_MATRIX)["playcount"] == 1


def test_movie_watched_only_in_kodi_is_never_unwatched_by_a_sync(world):
    arrival = world.kodi_ids[demo.MOVIE_ARRIVAL]
    world.kodi.library.set_details("movie", arrival, {"playcount": 1, "lastplayed": "2026-01-02 10:00:00"})
    first_sync(world)
    world.user.remove(demo.MOVIE_ARRIVAL)
    world.sync("timer")
    assert world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 1


def test_cleared_playback_on_simkl_is_reconciled_by_refetching_the_whole_list(world):
    first_sync(world)
    for session in world.user.playbacks():
        world.user.clear_playback(session["id"])
    world.sync("timer")
    assert ("GET", "/sync/playback") in world.requests()
    assert not any(r.query.get("date_from") for r in world.emu.requests if r.path == "/sync/playback")
    assert world.state_store.load().mirror.get("playback") in (None, [], {})


def test_items_new_to_kodi_get_their_state_from_the_mirror_after_a_scan_without_downloading(world):
    first_sync(world)
    extra = world.kodi.library.add_episode(
        world.kodi.library.snapshot("episode", world.kodi_ids[demo.SHOW_STRANGER_THINGS][(1, 1)])["tvshowid"],
        1, 99, runtime=3000)
    world.user.watch_episodes(demo.SHOW_STRANGER_THINGS, [(1, 8)], at="2026-05-21T20:00:00Z")
    world.emu.clock.advance(60)
    before = world.kodi.library.snapshot("episode", extra)
    assert before["playcount"] == 0
    result = world.sync("scan", replan=True)
    assert world.episode(demo.SHOW_STRANGER_THINGS, 1, 8)["playcount"] == 1
    assert result.completed


def test_failed_fetch_keeps_the_saved_activities_so_the_next_cycle_redoes_the_delta(world):
    first_sync(world)
    saved = world.state_store.load().activities
    world.user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-22T20:00:00Z")
    world.emu.inject(status=500, count=10, path="/sync/all-items")
    with pytest.raises(Exception):  # noqa: B017 - the typed error is the client's business; here: no state saved
        world.sync("timer")
    assert world.state_store.load().activities == saved
    world.emu.clear_faults()
    world.sync("timer")
    assert world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 1


def test_settings_turn_off_movies_and_resume(world):
    result = world.sync("login", settings=Settings(movies=False, resume=False))
    assert world.movie(demo.MOVIE_MATRIX)["playcount"] == 0
    assert world.episode(demo.SHOW_STRANGER_THINGS, 1, 6)["resume"]["position"] == 0
    assert result.written["movies"] == 0


def test_own_writes_are_announced_to_the_echo_filter_before_kodi_notifies(world):
    first_sync(world)
    updates = [n for n in world.kodi.notifications if n[1] == "VideoLibrary.OnUpdate"]
    assert updates
    matrix = world.kodi_ids[demo.MOVIE_MATRIX]
    assert world.echo.is_echo("movie", matrix, 1)


def test_unmatched_simkl_items_are_reported_with_a_reason(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.start()
        world = SyncWorld(emu, fake_kodi, tmp_path)
        fake_kodi.library.remove_movie(world.kodi_ids[demo.MOVIE_INCEPTION])
        result = world.sync("login")
    rows = {row["simkl"]: row["reason"] for row in result.unmatched}
    assert demo.MOVIE_INCEPTION in rows
    assert rows[demo.MOVIE_INCEPTION]


def library_reads(world, since):
    calls = world.kodi.rpc.calls[since:]
    return [(method, params) for method, params in calls if method.startswith("VideoLibrary.Get")]


def test_a_delta_cycle_reads_only_the_changed_show_from_kodi(world):
    first_sync(world)
    since = len(world.kodi.rpc.calls)
    world.user.watch_episodes(demo.SHOW_STRANGER_THINGS, [(2, 1)], at="2026-05-20T20:00:00Z")
    result = world.sync("timer")
    reads = library_reads(world, since)
    assert [m for m, _ in reads] == ["VideoLibrary.GetTVShows", "VideoLibrary.GetEpisodes"]
    stranger_things = world.episode(demo.SHOW_STRANGER_THINGS, 1, 1)["tvshowid"]
    assert reads[1][1]["tvshowid"] == stranger_things
    assert result.scope == Scope.of({demo.SHOW_STRANGER_THINGS})
    assert world.episode(demo.SHOW_STRANGER_THINGS, 2, 1)["playcount"] == 1


def test_a_movie_delta_reads_no_episodes(world):
    first_sync(world)
    since = len(world.kodi.rpc.calls)
    world.user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-22T20:00:00Z")
    world.sync("timer")
    assert [m for m, _ in library_reads(world, since)] == ["VideoLibrary.GetMovies"]
    assert world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 1


def test_a_scan_replans_everything_from_the_mirror(world):
    first_sync(world)
    since = len(world.kodi.rpc.calls)
    result = world.sync("scan", replan=True)
    methods = [m for m, _ in library_reads(world, since)]
    assert methods == ["VideoLibrary.GetMovies", "VideoLibrary.GetTVShows", "VideoLibrary.GetEpisodes"]
    assert result.scope.is_everything


def test_first_sync_after_a_login_takes_the_account_from_the_logins_cached_answer(world):
    world.cache.set("user_settings", {"user": {"name": demo.DEMO_USER}, "account": {"type": "vip"}}, 3600)
    result = world.sync("login")
    assert ("POST", "/users/settings") not in world.requests()
    assert world.state_store.load().account_type == "vip"
    assert result.completed


class StateLoads:
    """The loads of the injected StateStore's two files: its head and the whole state file (the mirror)."""

    def __init__(self, store):
        self.counts = {"head": 0, "whole": 0}
        for name in self.counts:
            json_store = getattr(store, name)
            json_store.load = self._counted(name, json_store.load)

    def _counted(self, name, load):
        def counted():
            self.counts[name] += 1
            return load()
        return counted


def test_an_idle_cycle_reads_the_head_of_the_sync_state_and_never_the_mirror(world):
    first_sync(world)
    loads = StateLoads(world.state_store)
    result = world.sync("timer")
    assert result.completed and not result.changed_remote
    assert loads.counts == {"head": 1, "whole": 0}
    assert not result.state.loaded  # what the status file, the household and the anime names are handed
    world.user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-22T20:00:00Z")
    world.sync("timer")
    assert loads.counts == {"head": 2, "whole": 1}  # a list moved: the mirror, once
    assert world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 1


def test_a_state_file_older_than_its_head_is_checked_again_from_its_own_activities(world):
    first_sync(world)
    older = world.state_store.load()
    world.user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-22T20:00:00Z")
    world.sync("timer")
    world.state_store.whole.save(older.to_dict())  # e.g. a backup of the state file put back
    world.kodi.library.set_details("movie", world.kodi_ids[demo.MOVIE_ARRIVAL], {"playcount": 0})
    result = world.sync("timer")
    assert result.changed_remote and ("GET", "/sync/all-items/movies") in world.requests()
    assert world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 1
