import datetime

from core_builders import (
    NOW,
    apply_writes,
    kodi_episode,
    kodi_movie,
    kodi_show,
    mirror_of,
    plan_for,
    simkl_movie,
    simkl_show,
)
from simklsync.core.plan.planner import PlanSettings, Write
from simklsync.core.plan.scope import Scope

try:
    from zoneinfo import ZoneInfo
except ImportError:  # Python 3.8 (Kodi on older boxes): the backport
    from backports.zoneinfo import ZoneInfo

WATCHED_AT = "2026-05-01T20:00:00Z"
MARKED = {"playcount": 1, "lastplayed": "2026-05-01 20:00:00", "resume": {"position": 0, "total": 0}}


def fields_by_id(plan):
    return {(w.media, w.kodi_id): w.fields for w in plan.writes}


# ---- movies: watched state ---------------------------------------------------------------------

def test_movie_watched_on_simkl_is_marked_in_kodi_with_its_date_and_a_cleared_resume():
    plan = plan_for(mirror_of([simkl_movie(1, imdb="tt0133093")]), [kodi_movie(10, imdb="tt0133093")])
    assert fields_by_id(plan) == {("movie", 10): MARKED}
    assert plan.writes[0].key == "m:1"
    assert plan.marked_keys == ["m:1"] and plan.counts["marked"] == 1


def test_write_becomes_the_exact_json_rpc_call():
    write = Write("movie", 10, "m:1", {"playcount": 1})
    assert write.to_rpc() == {"method": "VideoLibrary.SetMovieDetails", "params": {"movieid": 10, "playcount": 1}}
    episode = Write("episode", 7, "e:1:1:1", {"playcount": 0})
    assert episode.to_rpc() == {"method": "VideoLibrary.SetEpisodeDetails",
                                "params": {"episodeid": 7, "playcount": 0}}


def test_lastplayed_is_written_in_kodis_local_time():
    berlin = ZoneInfo("Europe/Berlin")
    plan = plan_for(mirror_of([simkl_movie(1, imdb="tt0133093")]), [kodi_movie(10, imdb="tt0133093")], tz=berlin)
    assert plan.writes[0].fields["lastplayed"] == "2026-05-01 22:00:00"


def test_unknown_watch_date_marks_watched_without_writing_the_1970_placeholder():
    mirror = mirror_of([simkl_movie(1, imdb="tt0133093", watched_at="1970-01-01T00:00:01Z")])
    plan = plan_for(mirror, [kodi_movie(10, imdb="tt0133093")])
    assert fields_by_id(plan) == {("movie", 10): {"playcount": 1, "resume": {"position": 0, "total": 0}}}


def test_both_watched_rewrites_only_a_clearly_older_lastplayed():
    mirror = mirror_of([simkl_movie(1, imdb="tt1000001"), simkl_movie(2, imdb="tt1000002"),
                        simkl_movie(3, imdb="tt1000003"), simkl_movie(4, imdb="tt1000004")])
    kodi = [kodi_movie(10, playcount=1, lastplayed="2026-04-01 10:00:00", imdb="tt1000001"),
            kodi_movie(20, playcount=2, lastplayed="2026-05-01 19:59:30", imdb="tt1000002"),
            kodi_movie(30, playcount=1, lastplayed="2026-05-03 10:00:00", imdb="tt1000003"),
            kodi_movie(40, playcount=1, lastplayed="", imdb="tt1000004")]
    plan = plan_for(mirror, kodi)
    assert fields_by_id(plan) == {("movie", 10): {"lastplayed": "2026-05-01 20:00:00"},
                                  ("movie", 40): {"lastplayed": "2026-05-01 20:00:00"}}
    assert plan.marked_keys == [] and sorted(plan.agreed_keys) == ["m:1", "m:2", "m:3", "m:4"]


def test_plan_to_watch_movie_leaves_an_unwatched_kodi_movie_alone_and_is_not_reported():
    plan = plan_for(mirror_of([simkl_movie(1, status="plantowatch", imdb="tt0133093"),
                               simkl_movie(2, status="plantowatch", imdb="tt7777777")]),
                    [kodi_movie(10, imdb="tt0133093")])
    assert plan.writes == [] and plan.unmatched == []


# ---- removals ------------------------------------------------------------------------------------

def test_movie_unmarked_on_simkl_is_unwatched_in_kodi_when_it_was_synced():
    mirror = mirror_of([simkl_movie(1, status="plantowatch", imdb="tt0133093")])
    kodi = [kodi_movie(10, playcount=1, lastplayed="2026-05-01 20:00:00", imdb="tt0133093")]
    plan = plan_for(mirror, kodi, synced={"m:1"})
    assert fields_by_id(plan) == {("movie", 10): {"playcount": 0}}
    assert plan.unmarked_keys == ["m:1"]


def test_movie_watched_only_in_kodi_is_never_unwatched():
    mirror = mirror_of([simkl_movie(1, status="plantowatch", imdb="tt0133093")])
    kodi = [kodi_movie(10, playcount=1, imdb="tt0133093"), kodi_movie(20, playcount=1, imdb="tt5555555")]
    assert plan_for(mirror, kodi, synced={"m:999"}).writes == []


def test_keep_kodi_state_setting_never_unwatches():
    mirror = mirror_of([simkl_movie(1, status="plantowatch", imdb="tt0133093")])
    kodi = [kodi_movie(10, playcount=1, imdb="tt0133093")]
    assert plan_for(mirror, kodi, synced={"m:1"}, settings={"unwatch_removed": False}).writes == []


def test_movie_deleted_from_simkl_is_still_found_and_unwatched():
    mirror = mirror_of([simkl_movie(1, imdb="tt0133093"), simkl_movie(2, imdb="tt0000002")])
    mirror.apply_removals("movies", {"movies": [{"movie": {"ids": {"simkl": 2}}}]})
    kodi = [kodi_movie(10, playcount=1, imdb="tt0133093"),
            kodi_movie(20, playcount=1, lastplayed="2026-05-01 20:00:00", imdb="tt0000002")]
    plan = plan_for(mirror, kodi, synced={"m:1", "m:2"})
    assert fields_by_id(plan) == {("movie", 10): {"playcount": 0}}


def test_episode_unmarked_on_simkl_is_unwatched_when_synced():
    mirror = mirror_of(shows=[simkl_show(5, {(1, 1): WATCHED_AT}, tvdb="81189")])
    episodes = [kodi_episode(100, 7, 1, 1, playcount=1, lastplayed="2026-05-01 20:00:00"),
                kodi_episode(101, 7, 1, 2, playcount=1), kodi_episode(102, 7, 1, 3, playcount=1)]
    plan = plan_for(mirror, shows=[kodi_show(7, tvdb="81189")], episodes=episodes, synced={"e:5:1:2"})
    assert fields_by_id(plan) == {("episode", 101): {"playcount": 0}}
    assert plan.unmarked_keys == ["e:5:1:2"]


# ---- pending Kodi-side changes -------------------------------------------------------------------

def test_pending_kodi_changes_are_never_fought():
    mirror = mirror_of([simkl_movie(1, imdb="tt1000001"), simkl_movie(2, status="plantowatch", imdb="tt1000002")])
    kodi = [kodi_movie(10, imdb="tt1000001"), kodi_movie(20, playcount=1, imdb="tt1000002")]
    plan = plan_for(mirror, kodi, synced={"m:2"}, pending={"m:1": False, "kodi:movie:20": True})
    assert plan.writes == [] and plan.counts["pending_skipped"] == 2


# ---- settings ------------------------------------------------------------------------------------

def test_disabled_types_and_watched_sync_produce_no_writes():
    mirror = mirror_of([simkl_movie(1, imdb="tt0133093")], [simkl_show(5, {(1, 1): WATCHED_AT}, tvdb="81189")])
    library = dict(movies=[kodi_movie(10, imdb="tt0133093")], shows=[kodi_show(7, tvdb="81189")],
                   episodes=[kodi_episode(100, 7, 1, 1)])
    assert [w.media for w in plan_for(mirror, settings={"movies": False}, **library).writes] == ["episode"]
    assert [w.media for w in plan_for(mirror, settings={"shows": False}, **library).writes] == ["movie"]
    assert plan_for(mirror, settings={"watched": False}, **library).writes == []


# ---- episodes, anime -----------------------------------------------------------------------------

def test_watched_episodes_are_marked_and_missing_ones_reported_per_show():
    mirror = mirror_of(shows=[simkl_show(5, {(1, 1): WATCHED_AT, (1, 2): WATCHED_AT, (2, 1): WATCHED_AT},
                                         title="Lost", tvdb="73739")])
    episodes = [kodi_episode(100, 7, 1, 1), kodi_episode(101, 7, 1, 2, playcount=1, lastplayed="2026-05-02 00:00:00"),
                kodi_episode(102, 7, 1, 3)]
    plan = plan_for(mirror, shows=[kodi_show(7, tvdb="73739")], episodes=episodes)
    assert fields_by_id(plan) == {("episode", 100): MARKED}
    assert plan.writes[0].key == "e:5:1:1"
    assert plan.unmatched == [{"type": "shows", "title": "Lost", "year": 2008, "simkl": 5,
                               "reason": "episodes_not_in_library", "episodes": 1}]


def test_unmatched_items_are_reported_with_the_reason():
    mirror = mirror_of([simkl_movie(1, title="Heat", year=1995, imdb="tt0113277"),
                        simkl_movie(2, title="Alien", year=1979, imdb="tt0078748", tmdb="348")],
                       [simkl_show(5, {(1, 1): WATCHED_AT}, title="Lost", tvdb="73739")])
    kodi = [kodi_movie(10, title="Heat", year=1995, imdb="tt0000001"),
            kodi_movie(20, imdb="tt0078748"), kodi_movie(21, tmdb="348")]  # Simkl's two ids, two Kodi items
    plan = plan_for(mirror, kodi)
    assert sorted((row["simkl"], row["reason"]) for row in plan.unmatched) == [
        (1, "no_shared_id"), (2, "ambiguous"), (5, "not_in_library")]
    assert plan.writes == []


def test_two_versions_of_one_movie_in_kodi_are_both_marked():
    mirror = mirror_of([simkl_movie(2, title="Alien", year=1979, imdb="tt0078748")])
    plan = plan_for(mirror, [kodi_movie(20, imdb="tt0078748"), kodi_movie(21, imdb="tt0078748")])
    assert sorted(fields_by_id(plan)) == [("movie", 20), ("movie", 21)]
    assert plan.unmatched == []


def test_anime_uses_simkls_tvdb_mapping_for_kodi_shows_numbered_by_tvdb():
    # Simkl: second cour as its own entry, episodes 1-2; TVDB: season 2, episodes 13-14.
    cour2 = simkl_show(41, {(1, 1): (WATCHED_AT, (2, 13)), (1, 2): (WATCHED_AT, (2, 14))}, tvdb="79824")
    episodes = [kodi_episode(100 + n, 7, 1, n) for n in range(1, 3)]
    episodes += [kodi_episode(200 + n, 7, 2, n) for n in range(12, 16)]
    plan = plan_for(mirror_of(anime=[cour2]), shows=[kodi_show(7, tvdb="79824")], episodes=episodes)
    assert sorted(fields_by_id(plan)) == [("episode", 213), ("episode", 214)]
    assert sorted(w.key for w in plan.writes) == ["e:41:1:1", "e:41:1:2"]


def test_two_anime_cours_share_one_kodi_show_without_clashing():
    cour1 = simkl_show(40, {(1, 1): (WATCHED_AT, (1, 1))}, tvdb="79824")
    cour2 = simkl_show(41, {(1, 1): (WATCHED_AT, (2, 1))}, tvdb="79824")
    episodes = [kodi_episode(101, 7, 1, 1), kodi_episode(102, 7, 1, 2), kodi_episode(201, 7, 2, 1)]
    plan = plan_for(mirror_of(anime=[cour1, cour2]), shows=[kodi_show(7, tvdb="79824")], episodes=episodes)
    assert {(w.kodi_id, w.key) for w in plan.writes} == {(101, "e:40:1:1"), (201, "e:41:1:1")}
    assert plan.unmatched == []


def test_anime_unmarked_episode_is_still_placed_through_the_kept_mapping():
    mirror = mirror_of(anime=[simkl_show(41, {(1, 1): (WATCHED_AT, (2, 13))}, tvdb="79824")])
    mirror.apply_all_items("anime", {"anime": [simkl_show(41, {}, tvdb="79824")]}, full=False)
    episodes = [kodi_episode(213, 7, 2, 13, playcount=1), kodi_episode(101, 7, 1, 1, playcount=1)]
    plan = plan_for(mirror, shows=[kodi_show(7, tvdb="79824")], episodes=episodes, synced={"e:41:1:1"})
    assert fields_by_id(plan) == {("episode", 213): {"playcount": 0}}


def test_anime_film_matches_a_kodi_movie():
    film = simkl_show(50, {(1, 1): WATCHED_AT}, status="completed", anime_type="movie", title="Spirited Away",
                      imdb="tt0245429")
    film["last_watched_at"] = WATCHED_AT
    plan = plan_for(mirror_of(anime=[film]), [kodi_movie(10, imdb="tt0245429")])
    assert fields_by_id(plan) == {("movie", 10): MARKED}
    assert plan.writes[0].key == "m:50"


# ---- resume points -------------------------------------------------------------------------------

def session(kind="movie", progress=50.0, paused_at="2026-05-13T12:00:00Z", **extra):
    base = {"id": 1, "progress": progress, "paused_at": paused_at, "type": kind}
    base.update(extra)
    return base


MOVIE_SESSION = dict(movie={"title": "M", "ids": {"simkl": 1, "imdb": "tt0133093"}})


def test_playback_sets_the_resume_point_from_percent_and_kodis_runtime():
    mirror = mirror_of(playback=[session(**MOVIE_SESSION)])
    plan = plan_for(mirror, [kodi_movie(10, runtime=6000, imdb="tt0133093")])
    assert fields_by_id(plan) == {("movie", 10): {"resume": {"position": 3000, "total": 6000}}}
    assert plan.writes[0].key == "m:1"


def test_resume_within_five_seconds_is_left_alone():
    mirror = mirror_of(playback=[session(**MOVIE_SESSION)])
    kodi = [kodi_movie(10, runtime=6000, resume={"position": 2996.4, "total": 6000}, imdb="tt0133093")]
    assert plan_for(mirror, kodi).writes == []


def test_sessions_older_than_the_accounts_retention_are_not_applied():
    old = session(paused_at="2026-04-01T12:00:00Z", **MOVIE_SESSION)
    kodi = [kodi_movie(10, imdb="tt0133093")]
    free = plan_for(mirror_of(playback=[old]), kodi, settings={"account_type": "free"})
    assert free.writes == [] and free.counts["playback_expired"] == 1
    assert plan_for(mirror_of(playback=[old]), kodi, settings={"account_type": "pro"}).writes == []
    assert len(plan_for(mirror_of(playback=[old]), kodi, settings={"account_type": "vip"}).writes) == 1


def test_seven_day_boundary_for_free_accounts():
    kodi = [kodi_movie(10, imdb="tt0133093")]
    inside = session(paused_at=(NOW - datetime.timedelta(days=7) + datetime.timedelta(seconds=1)).isoformat(),
                     **MOVIE_SESSION)
    outside = session(paused_at=(NOW - datetime.timedelta(days=7, seconds=1)).isoformat(), **MOVIE_SESSION)
    assert len(plan_for(mirror_of(playback=[inside]), kodi).writes) == 1
    assert plan_for(mirror_of(playback=[outside]), kodi).writes == []


def test_no_runtime_in_kodi_skips_the_resume_and_reports_it():
    plan = plan_for(mirror_of(playback=[session(**MOVIE_SESSION)]), [kodi_movie(10, runtime=0, imdb="tt0133093")])
    assert plan.writes == []
    assert [row["reason"] for row in plan.unmatched] == ["no_runtime"]


def test_kodi_played_after_the_pause_keeps_its_own_position():
    kodi = [kodi_movie(10, lastplayed="2026-05-13 13:00:00", resume={"position": 100, "total": 6000},
                       imdb="tt0133093")]
    assert plan_for(mirror_of(playback=[session(**MOVIE_SESSION)]), kodi).writes == []


def test_no_resume_for_watched_items_or_when_resume_sync_is_off():
    mirror = mirror_of([simkl_movie(1, imdb="tt0133093")], playback=[session(**MOVIE_SESSION)])
    assert fields_by_id(plan_for(mirror, [kodi_movie(10, imdb="tt0133093")])) == {("movie", 10): MARKED}
    mirror = mirror_of(playback=[session(**MOVIE_SESSION)])
    assert plan_for(mirror, [kodi_movie(10, playcount=1, imdb="tt0133093")]).writes == []
    assert plan_for(mirror, [kodi_movie(10, imdb="tt0133093")], settings={"resume": False}).writes == []


def test_episode_playback_finds_the_kodi_episode():
    playback = [session("episode", 10, episode={"season": 1, "number": 2},
                        show={"title": "Lost", "ids": {"simkl": 5, "tvdb": "73739"}})]
    plan = plan_for(mirror_of(playback=playback), shows=[kodi_show(7, tvdb="73739")],
                    episodes=[kodi_episode(100, 7, 1, 1), kodi_episode(101, 7, 1, 2, runtime=3000)])
    assert fields_by_id(plan) == {("episode", 101): {"resume": {"position": 300, "total": 3000}}}
    assert plan.writes[0].key == "e:5:1:2"


def test_anime_playback_uses_the_tvdb_numbers_of_the_session():
    playback = [session("episode", 50, episode={"episode": 1, "tvdb_season": 2, "tvdb_number": 13},
                        anime={"title": "AoT", "ids": {"simkl": 41, "tvdb": "79824"}})]
    episodes = [kodi_episode(101, 7, 1, 1), kodi_episode(213, 7, 2, 13, runtime=1440)]
    plan = plan_for(mirror_of(playback=playback), shows=[kodi_show(7, tvdb="79824")], episodes=episodes)
    assert fields_by_id(plan) == {("episode", 213): {"resume": {"position": 720, "total": 1440}}}


def test_plan_settings_defaults_match_the_add_on_defaults():
    settings = PlanSettings()
    assert (settings.movies, settings.shows, settings.anime, settings.watched, settings.resume) == (True,) * 5
    assert settings.unwatch_removed and not settings.title_year_fallback
    assert settings.retention_seconds == 7 * 86400
    assert PlanSettings(account_type="VIP").retention_seconds == 90 * 86400


# ---- idempotence ---------------------------------------------------------------------------------

def test_planning_again_after_applying_the_writes_yields_nothing():
    mirror = mirror_of(
        [simkl_movie(1, imdb="tt1000001"), simkl_movie(2, imdb="tt1000002", watched_at="1970-01-01T00:00:01Z"),
         simkl_movie(3, status="plantowatch", imdb="tt1000003")],
        [simkl_show(5, {(1, 1): WATCHED_AT, (1, 2): "2026-05-02T21:00:00Z"}, tvdb="73739")],
        playback=[session(progress=30, movie={"ids": {"simkl": 4, "imdb": "tt1000004"}})])
    movies = [kodi_movie(10, imdb="tt1000001"), kodi_movie(20, imdb="tt1000002"),
              kodi_movie(30, playcount=1, imdb="tt1000003"), kodi_movie(40, imdb="tt1000004")]
    episodes = [kodi_episode(100, 7, 1, 1), kodi_episode(101, 7, 1, 2, playcount=1, lastplayed="2026-01-01 00:00:00")]
    shows = [kodi_show(7, tvdb="73739")]
    berlin = ZoneInfo("Europe/Berlin")
    first = plan_for(mirror, movies, shows, episodes, synced={"m:3"}, tz=berlin)
    assert len(first.writes) == 6
    apply_writes(first.writes, movies, episodes)
    second = plan_for(mirror, movies, shows, episodes, synced={"m:3"} | set(first.marked_keys), tz=berlin)
    assert second.writes == []


def test_show_whose_episodes_were_all_unmarked_on_simkl_is_unwatched_where_synced():
    mirror = mirror_of(shows=[simkl_show(5, {(1, 1): WATCHED_AT, (1, 2): WATCHED_AT}, tvdb="73739")])
    bare = simkl_show(5, status="plantowatch", tvdb="73739")
    del bare["seasons"]
    mirror.apply_all_items("shows", {"shows": [bare]}, full=False)
    episodes = [kodi_episode(100, 7, 1, 1, playcount=1), kodi_episode(101, 7, 1, 2, playcount=1)]
    plan = plan_for(mirror, shows=[kodi_show(7, tvdb="73739")], episodes=episodes, synced={"e:5:1:1"})
    assert fields_by_id(plan) == {("episode", 100): {"playcount": 0}}


def test_a_scoped_plan_writes_only_the_titles_in_scope_and_the_same_as_a_full_plan_for_them():
    mirror = mirror_of([simkl_movie(1, imdb="tt0000001"), simkl_movie(2, imdb="tt0000002")],
                       [simkl_show(5, {(1, 1): WATCHED_AT, (1, 2): WATCHED_AT}, tvdb="73739")])
    kodi = [kodi_movie(10, imdb="tt0000001"), kodi_movie(20, imdb="tt0000002")]
    episodes = [kodi_episode(100, 7, 1, 1), kodi_episode(101, 7, 1, 2)]
    full = plan_for(mirror, kodi, shows=[kodi_show(7, tvdb="73739")], episodes=episodes)
    scoped = plan_for(mirror, kodi, shows=[kodi_show(7, tvdb="73739")], episodes=episodes, scope=Scope.of({2, 5}))
    assert sorted(fields_by_id(scoped)) == [("episode", 100), ("episode", 101), ("movie", 20)]
    assert {k: v for k, v in fields_by_id(full).items() if k != ("movie", 10)} == fields_by_id(scoped)


def test_a_playback_only_scope_never_unwatches_the_paused_title():
    mirror = mirror_of([simkl_movie(1, status="plantowatch", imdb="tt0000001")])
    mirror.set_playback([{"id": 9, "type": "movie", "progress": 50, "paused_at": "2026-05-01T20:00:00Z",
                          "movie": {"title": "Movie", "year": 2010, "ids": {"simkl": 1, "imdb": "tt0000001"}}}])
    kodi = [kodi_movie(10, playcount=1, lastplayed="2026-05-02 10:00:00", imdb="tt0000001")]
    plan = plan_for(mirror, kodi, synced={"m:1"}, scope=Scope.of({1}))
    full = plan_for(mirror, kodi, synced={"m:1"})
    assert fields_by_id(plan) == fields_by_id(full)
