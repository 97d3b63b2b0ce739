"""Playback sessions and the scrobble rules."""

from tests.emulator.helpers import ANIME, MATRIX, SHOW, TOKEN, Api
from tests.support.simkl_emulator import Options
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

MATRIX_BODY = {"movie": {"ids": {"imdb": "tt0133093"}}}
EPISODE_BODY = {"show": {"ids": {"tvdb": 305288}}, "episode": {"season": 1, "number": 6}}


def test_playback_list_has_the_documented_episode_shape(api, user):
    user.pause(SHOW, 40.0, season=1, episode=6, at="2026-05-15T11:00:00Z")
    session = api.get("/sync/playback").json()[0]
    assert session["type"] == "episode" and session["progress"] == 40
    assert session["paused_at"] == "2026-05-15T11:00:00Z"
    assert session["episode"] == {"season": 1, "episode": 6, "title": "Episode 6", "tvdb_season": 1,
                                  "tvdb_number": 6}
    assert session["show"]["ids"]["simkl"] == SHOW


def test_anime_playback_carries_the_tvdb_numbering(api, user):
    user.pause(ANIME, 10, season=1, episode=4)
    episode = api.get("/sync/playback/episodes").json()[0]["episode"]
    assert (episode["tvdb_season"], episode["tvdb_number"]) == (3, 4)


def test_playback_filters_by_type_date_and_hides_sessions_watched_since(emu, api, user):
    user.pause(MATRIX, 30, at="2026-05-15T10:00:00Z")
    user.pause(SHOW, 50, season=1, episode=1, at="2026-05-15T11:00:00Z")
    assert [s["type"] for s in api.get("/sync/playback").json()] == ["episode", "movie"]
    assert [s["type"] for s in api.get("/sync/playback/movies").json()] == ["movie"]
    assert len(api.get("/sync/playback", params={"date_from": "2026-05-15T11:00:00Z"}).json()) == 1
    user.watch_movie(MATRIX)
    assert [s["type"] for s in api.get("/sync/playback").json()] == ["episode"]
    assert len(api.get("/sync/playback", params={"hide_watched": "false"}).json()) == 2


def test_playback_older_than_the_free_retention_is_pruned(emu, api, user):
    user.pause(MATRIX, 30)
    emu.clock.advance(8 * 86400)
    assert api.get("/sync/playback").json() == []


def test_deleting_playback_answers_204_then_404_empty_and_url_failed_for_bad_ids(api, user):
    playback_id = user.pause(MATRIX, 30)
    assert api.call("DELETE", f"/sync/playback/{playback_id}").status_code == 204
    again = api.call("DELETE", f"/sync/playback/{playback_id}")
    assert again.status_code == 404 and again.json()["error"] == "empty"
    for bad in ("0", "abc", ""):
        answer = api.call("DELETE", "/sync/playback/" + bad)
        assert answer.status_code == 404 and answer.json()["error"] == "url_failed"
    assert user.playbacks() == []


def test_stop_at_or_above_80_marks_watched_once_and_clears_playback(api, user):
    user.pause(MATRIX, 50)
    answer = api.post("/scrobble/stop", dict(MATRIX_BODY, progress=85.5))
    assert answer.status_code == 201 and answer.json()["action"] == "scrobble"
    assert MATRIX in user.watched_movies() and user.playbacks() == []
    assert [(e["simkl"], e["source"]) for e in user.history_events()] == [(MATRIX, "scrobble")]


def test_stop_below_80_saves_a_playback_instead(api, user):
    body = api.post("/scrobble/stop", dict(EPISODE_BODY, progress=42.0)).json()
    assert body["action"] == "pause" and body["progress"] == 42 and body["id"] > 0
    assert user.watched_episodes(SHOW) == {}
    assert [p["id"] for p in user.playbacks()] == [body["id"]]


def test_repeated_stop_within_an_hour_is_409_with_watched_and_expiry_times(emu, api, user):
    api.post("/scrobble/stop", dict(EPISODE_BODY, progress=95))
    emu.clock.advance(1800)
    again = api.post("/scrobble/stop", dict(EPISODE_BODY, progress=96))
    assert again.status_code == 409
    assert again.json() == {"watched_at": "2026-05-15T12:00:00.000Z", "expires_at": "2026-05-15T13:00:00.000Z"}
    assert len(user.history_events()) == 1
    emu.clock.advance(1800)
    assert api.post("/scrobble/stop", dict(EPISODE_BODY, progress=96)).status_code == 201
    assert len(user.history_events()) == 2


def test_start_answers_id_0_and_clears_the_saved_pause(api, user):
    user.pause(MATRIX, 30)
    body = api.post("/scrobble/start", dict(MATRIX_BODY, progress=30)).json()
    assert (body["id"], body["action"]) == (0, "start") and body["anime_type"] is None
    assert user.playbacks() == []


def test_pause_saves_normalised_progress(api, user):
    api.post("/scrobble/pause", dict(MATRIX_BODY, progress=75.00))
    assert user.playbacks()[0]["progress"] == 75


AOT_S03E07 = {"progress": 90, "show": {"ids": {"tvdb": 267440}}, "episode": {"season": 3, "number": 7}}


def test_anime_scrobbled_with_tvdb_numbering_is_404_and_not_watched_as_on_the_live_service(api, user):
    answer = api.post("/scrobble/stop", AOT_S03E07)
    assert answer.status_code == 404 and answer.json()["error"] == "id_err"
    flagged = api.post("/scrobble/stop", dict(AOT_S03E07, show={"ids": {"tvdb": 267440},
                                                                "use_tvdb_anime_seasons": True}))
    assert flagged.status_code == 404
    assert user.watched_episodes(ANIME) == {}


def test_anime_scrobbled_by_simkl_id_and_simkl_numbering_is_accepted(api, user):
    body = api.post("/scrobble/stop", {"progress": 90, "show": {"ids": {"simkl": ANIME}},
                                       "episode": {"season": 1, "number": 7}}).json()
    assert body["action"] == "scrobble"
    assert (body["episode"]["tvdb_season"], body["episode"]["tvdb_number"]) == (3, 7)
    assert set(user.watched_episodes(ANIME)) == {(1, 7)}


def test_the_tvdb_flag_reading_maps_a_flagged_anime_scrobble(emu_with):
    emu = emu_with(Options(scrobble_honours_tvdb_flag=True))
    api = Api(emu)
    assert api.post("/scrobble/stop", AOT_S03E07).status_code == 404
    flagged = api.post("/scrobble/stop", dict(AOT_S03E07, show={"ids": {"tvdb": 267440},
                                                                "use_tvdb_anime_seasons": True}))
    assert flagged.status_code == 201
    assert set(emu.user(TOKEN).watched_episodes(ANIME)) == {(1, 7)}


def test_lenient_anime_switch_remaps_tvdb_numbering_as_documented(emu_with):
    emu = emu_with(Options(anime_scrobble_strict=False))
    body = Api(emu).post("/scrobble/stop", AOT_S03E07).json()
    assert body["episode"]["number"] == 7 and (body["episode"]["tvdb_season"], body["episode"]["tvdb_number"]) \
        == (3, 7)
    assert set(emu.user(TOKEN).watched_episodes(ANIME)) == {(1, 7)}


def test_scrobble_without_identifying_query_parameters_is_404(emu_with):
    api = Api(emu_with(Options()))
    for missing in ("client_id", "app-name", "app-version"):
        params = {"client_id": TEST_CLIENT_ID, "app-name": "script.simkl.sync", "app-version": "0.1.0"}
        params[missing] = ""
        headers = {"simkl-api-key": TEST_CLIENT_ID}
        answer = api.post("/scrobble/start", dict(MATRIX_BODY, progress=1), params=params, headers=headers)
        assert answer.status_code == 404, missing
    assert api.post("/sync/history", {"movies": []}, params={"app-name": ""}).status_code == 201
    lenient = Api(emu_with(Options(scrobble_requires_query_ids=False)))
    assert lenient.post("/scrobble/start", dict(MATRIX_BODY, progress=1), params={"app-name": ""}).status_code == 201


def test_unknown_items_are_404_id_err_and_missing_progress_is_400(api):
    assert api.post("/scrobble/start", {"movie": {"ids": {"imdb": "tt0"}}, "progress": 1}).json()["error"] \
        == "id_err"
    assert api.post("/scrobble/start", MATRIX_BODY).status_code == 400


def test_the_per_user_lock_answers_400_rate_limit_until_it_expires(emu_with):
    emu = emu_with(Options(scrobble_lock_seconds=20))
    api = Api(emu)
    assert api.post("/scrobble/start", dict(MATRIX_BODY, progress=1)).status_code == 201
    locked = api.post("/scrobble/pause", dict(MATRIX_BODY, progress=2))
    assert locked.status_code == 400 and locked.json()["error"] == "RATE_LIMIT"
    emu.clock.advance(20)
    assert api.post("/scrobble/pause", dict(MATRIX_BODY, progress=2)).status_code == 201
    assert emu.user(TOKEN).playbacks()[0]["progress"] == 2
