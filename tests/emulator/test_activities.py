"""Which /sync/activities bucket moves on which change."""

from tests.emulator.helpers import ANIME, INCEPTION, MATRIX, SHOW, UPCOMING
from tests.support.simkl_emulator import Options


def test_untouched_account_has_null_buckets_and_movies_lack_watching_and_hold(api):
    body = api.activities()
    assert body["all"] is None and body["settings"] == {"all": None}
    assert set(body["movies"]) == {"all", "rated_at", "playback", "plantowatch", "completed", "dropped",
                                   "removed_from_list"}
    assert "watching" in body["tv_shows"] and "hold" in body["anime"]
    assert all(value is None for block in ("movies", "tv_shows", "anime") for value in body[block].values())


def test_watching_a_movie_bumps_completed_and_the_alls_only(emu, api, user):
    emu.clock.advance(60)
    user.watch_movie(MATRIX)
    body = api.activities()
    assert body["movies"]["completed"] == "2026-05-15T12:01:00Z"
    assert body["movies"]["all"] == body["all"] == "2026-05-15T12:01:00Z"
    assert body["movies"]["plantowatch"] is None and body["tv_shows"]["all"] is None


def test_a_status_move_bumps_the_old_and_the_new_list(emu, api, user):
    user.set_status(SHOW, "plantowatch")
    emu.clock.advance(30)
    user.set_status(SHOW, "hold")
    shows = api.activities()["tv_shows"]
    assert shows["plantowatch"] == shows["hold"] == "2026-05-15T12:00:30Z"
    assert shows["watching"] is None


def test_episode_marks_and_unmarks_bump_the_list_the_show_is_in(emu, api, user):
    user.set_status(SHOW, "hold")
    emu.clock.advance(10)
    user.watch_episodes(SHOW, [(1, 1)])
    assert api.activities()["tv_shows"]["hold"] == "2026-05-15T12:00:10Z"
    emu.clock.advance(10)
    user.unwatch_episodes(SHOW, [(1, 1)])
    assert api.activities()["tv_shows"]["hold"] == "2026-05-15T12:00:20Z"


def test_watching_every_episode_moves_the_show_from_watching_to_completed(emu, api, user):
    user.watch_episodes(SHOW, [(1, 1)])
    emu.clock.advance(5)
    user.watch_episodes(SHOW, [(s, e) for s, n in ((1, 8), (2, 9)) for e in range(1, n + 1)])
    shows = api.activities()["tv_shows"]
    assert user.status(SHOW) == "completed"
    assert shows["watching"] == shows["completed"] == "2026-05-15T12:00:05Z"


def test_rating_an_unlisted_item_auto_files_it_and_bumps_that_list(api, user):
    api.post("/sync/ratings", {"movies": [{"ids": {"simkl": INCEPTION}, "rating": 8}],
                               "shows": [{"ids": {"simkl": SHOW}, "rating": 7}],
                               "anime": [{"ids": {"mal": "35760"}, "rating": 9}]})
    body = api.activities()
    assert user.status(INCEPTION) == "completed" and user.status(SHOW) == "watching"
    assert user.status(ANIME) == "watching"
    for block, bucket in (("movies", "completed"), ("tv_shows", "watching"), ("anime", "watching")):
        assert body[block][bucket] == body[block]["rated_at"] == "2026-05-15T12:00:00Z"


def test_rating_an_unreleased_movie_files_it_as_plan_to_watch(api, user):
    api.post("/sync/ratings", {"movies": [{"ids": {"simkl": UPCOMING}, "rating": 6}]})
    assert user.status(UPCOMING) == "plantowatch"
    assert api.activities()["movies"]["plantowatch"] is not None


def test_removing_a_rated_item_bumps_removed_from_list_and_rated_at(emu, api, user):
    user.watch_movie(MATRIX)
    user.rate(MATRIX, 9)
    emu.clock.advance(100)
    api.post("/sync/history/remove", {"movies": [{"ids": {"imdb": "tt0133093"}}]})
    movies = api.activities()["movies"]
    assert movies["removed_from_list"] == movies["rated_at"] == "2026-05-15T12:01:40Z"
    assert movies["completed"] == "2026-05-15T12:00:00Z"


def test_removing_an_unrated_item_leaves_rated_at_alone_unless_switched(emu, emu_with):
    for rule, expect_bump in (("if_rated", False), ("always", True)):
        emulator = emu_with(Options(removal_bumps_rated_at=rule))
        user = emulator.user("t0k")
        user.watch_movie(MATRIX)
        user.remove(MATRIX)
        rated = user.activities()["movies"]["rated_at"]
        assert (rated is not None) is expect_bump


def test_playback_changes_bump_the_domain_playback_bucket(emu, api, user):
    playback_id = user.pause(SHOW, 40, season=1, episode=6)
    assert api.activities()["tv_shows"]["playback"] == "2026-05-15T12:00:00Z"
    emu.clock.advance(20)
    assert api.call("DELETE", f"/sync/playback/{playback_id}").status_code == 204
    assert api.activities()["tv_shows"]["playback"] == "2026-05-15T12:00:20Z"


def test_settings_changes_bump_settings_all(emu, api, user):
    emu.clock.advance(3)
    user.change_settings(name="renamed")
    body = api.activities()
    assert body["settings"]["all"] == body["all"] == "2026-05-15T12:00:03Z"
    assert api.post("/users/settings").json()["user"]["name"] == "renamed"


def test_activities_also_answer_post(api, user):
    user.watch_movie(MATRIX)
    assert api.post("/sync/activities").json()["movies"]["completed"] is not None
