"""/sync/history add and remove, /sync/add-to-list."""

from tests.emulator.helpers import AIRING, ANIME, INCEPTION, MATRIX, SHOW


def test_adding_a_movie_counts_it_records_one_event_and_answers_201(api, user):
    answer = api.post("/sync/history", {"movies": [{"ids": {"imdb": "tt0133093"},
                                                   "watched_at": "2026-05-01T20:00:00Z"}]})
    assert answer.status_code == 201
    body = answer.json()
    assert body["added"]["movies"] == 1 and body["not_found"]["movies"] == []
    assert body["added"]["statuses"][0]["response"] == {"status": "completed", "simkl_type": "movie",
                                                        "anime_type": None}
    assert user.watched_movies() == {MATRIX: "2026-05-01T20:00:00Z"}
    assert [e["source"] for e in user.history_events()] == ["api"]


def test_re_adding_a_watched_item_is_a_silent_no_op(api, user):
    user.watch_movie(MATRIX)
    body = api.post("/sync/history", {"movies": [{"ids": {"simkl": MATRIX}}]}).json()
    assert body["added"]["movies"] == 0 and body["not_found"]["movies"] == []
    assert len(user.history_events()) == 1


def test_unknown_items_are_echoed_in_not_found(api):
    unknown = {"ids": {"imdb": "tt0000000"}, "title": "Nope"}
    body = api.post("/sync/history", {"movies": [unknown], "shows": [unknown],
                                      "episodes": [{"ids": {"tvdb": 1}}]}).json()
    assert body["not_found"] == {"movies": [unknown], "shows": [unknown], "episodes": [{"ids": {"tvdb": 1}}]}


def test_tmdb_ids_resolve_per_type(api, user):
    api.post("/sync/history", {"movies": [{"ids": {"tmdb": 27205}}]})
    assert INCEPTION in user.watched_movies()


def test_episode_marks_count_only_new_episodes(api, user):
    user.watch_episodes(SHOW, [(1, 1)])
    body = api.post("/sync/history", {"shows": [{"ids": {"tvdb": "305288"}, "seasons": [
        {"number": 1, "episodes": [{"number": 1}, {"number": 2}, {"number": 99}]}]}]}).json()
    assert body["added"]["episodes"] == 1 and body["added"]["shows"] == 0
    assert set(user.watched_episodes(SHOW)) == {(1, 1), (1, 2)}


def test_a_season_without_episodes_marks_the_whole_season(api, user):
    body = api.post("/sync/history", {"shows": [{"ids": {"simkl": SHOW}, "seasons": [{"number": 2}]}]}).json()
    assert body["added"]["episodes"] == 9 and body["added"]["shows"] == 1
    assert user.status(SHOW) == "watching"


def test_a_bare_ended_show_is_completed_and_an_airing_one_stays_watching(api, user):
    api.post("/sync/history", {"shows": [{"ids": {"simkl": SHOW}}, {"ids": {"simkl": AIRING}}]})
    assert user.status(SHOW) == "completed" and len(user.watched_episodes(SHOW)) == 17
    assert user.status(AIRING) == "watching" and len(user.watched_episodes(AIRING)) == 3


def test_anime_with_tvdb_numbering_maps_to_simkl_episodes(api, user):
    api.post("/sync/history", {"shows": [{"ids": {"tvdb": 267440}, "use_tvdb_anime_seasons": True,
                                          "seasons": [{"number": 3, "episodes": [{"number": 5}]}]}]})
    assert set(user.watched_episodes(ANIME)) == {(1, 5)}


def test_removing_episodes_and_whole_items_reports_deleted_counts(api, user):
    user.watch_episodes(SHOW, [(1, 1), (1, 2)])
    user.watch_movie(MATRIX)
    body = api.post("/sync/history/remove", {
        "shows": [{"ids": {"simkl": SHOW}, "seasons": [{"number": 1, "episodes": [{"number": 2},
                                                                                  {"number": 7}]}]}],
        "movies": [{"ids": {"simkl": MATRIX}}, {"ids": {"imdb": "tt0000000"}}]}).json()
    assert body["deleted"] == {"movies": 1, "shows": 0, "episodes": 1}
    assert body["not_found"] == {"movies": [{"ids": {"imdb": "tt0000000"}}], "shows": []}
    assert set(user.watched_episodes(SHOW)) == {(1, 1)} and user.status(MATRIX) is None


def test_removing_a_whole_show_drops_it_from_the_library(api, user):
    user.watch_episodes(SHOW, [(1, 1)])
    body = api.post("/sync/history/remove", {"shows": [{"ids": {"simkl": SHOW}}]}).json()
    assert body["deleted"]["shows"] == 1 and user.status(SHOW) is None


def test_add_to_list_moves_items_and_rewrites_movie_watching_to_completed(api, user):
    body = api.post("/sync/add-to-list", {"movies": [{"ids": {"simkl": MATRIX}, "to": "watching"}],
                                          "shows": [{"ids": {"simkl": SHOW}, "to": "hold"}]}).json()
    assert body["added"]["movies"][0]["to"] == "completed"
    assert user.status(MATRIX) == "completed" and user.status(SHOW) == "hold"


def test_add_to_list_without_a_per_item_to_is_400_empty_field(api):
    answer = api.post("/sync/add-to-list", {"to": "watching", "movies": [{"ids": {"simkl": MATRIX}}]})
    assert answer.status_code == 400 and answer.json()["error"] == "empty_field"


def test_ratings_remove_counts_only_rated_items_and_keeps_the_list_entry(api, user):
    user.rate(MATRIX, 7)
    body = api.post("/sync/ratings/remove", {"movies": [{"ids": {"simkl": MATRIX}},
                                                        {"ids": {"simkl": INCEPTION}}]}).json()
    assert body["deleted"] == {"movies": 1, "shows": 0}
    assert user.rating(MATRIX) is None and user.status(MATRIX) == "completed"


def test_out_of_range_rating_lands_in_not_found(api, user):
    body = api.post("/sync/ratings", {"movies": [{"ids": {"simkl": MATRIX}, "rating": 11}]}).json()
    assert body["added"]["movies"] == 0 and len(body["not_found"]["movies"]) == 1
    assert user.status(MATRIX) is None


def test_tvdb_numbered_history_lands_on_the_cour_that_holds_each_episode(emu, api, user):
    part_2 = 1092834
    emu.catalog.add_anime(part_2, "Attack on Titan Season 3 Part 2", 2019, tvdb=267440, episodes=10,
                          tvdb_map={ep: (3, 12 + ep) for ep in range(1, 11)})
    answer = api.post("/sync/history", {"shows": [{"ids": {"tvdb": 267440}, "use_tvdb_anime_seasons": True,
                                                   "seasons": [{"number": 3, "episodes": [{"number": 2},
                                                                                          {"number": 15}]}]}]})
    assert answer.json()["added"]["episodes"] == 2
    assert set(user.watched_episodes(ANIME)) == {(1, 2)}
    assert set(user.watched_episodes(part_2)) == {(1, 3)}
