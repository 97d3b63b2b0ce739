"""/sync/all-items: shapes, extended modes, episode gating, date_from, deletion diffs."""

from tests.emulator.helpers import ANIME, INCEPTION, MATRIX, SHOW, Api
from tests.support.simkl_emulator import Options


def simkl_ids(body, key):
    media = "movie" if key == "movies" else "show"
    return [entry[media]["ids"]["simkl"] for entry in body[key]]


FULL = {"extended": "full", "episode_watched_at": "yes", "include_all_episodes": "yes"}


def test_empty_library_answers_an_empty_object_by_default_as_live_simkl_does_for_new_apps(api):
    answer = api.get("/sync/all-items")
    assert answer.status_code == 200 and answer.text == "{}"


def test_empty_body_switch_answers_null_as_for_older_apps(emu_with):
    assert Api(emu_with(Options(empty_body="null"))).get("/sync/all-items").text == "null"


def test_empty_playback_switch_answers_each_empty_shape(emu_with):
    for shape, text in (("[]", "[]"), ("null", "null"), ("{}", "{}")):
        emu = emu_with(Options(empty_playback=shape))
        assert Api(emu).get("/sync/playback").text == text


def test_entries_are_keyed_by_type_and_anime_use_the_show_key(api, user):
    user.watch_movie(MATRIX, at="2026-01-02T03:04:05Z")
    user.watch_episodes(SHOW, [(1, 1)])
    user.watch_episodes(ANIME, [(1, 1)])
    body = api.get("/sync/all-items").json()
    movie = body["movies"][0]
    assert movie["status"] == "completed" and movie["last_watched_at"] == "2026-01-02T03:04:05Z"
    assert movie["movie"]["ids"] == {"simkl": MATRIX, "slug": "the-matrix", "imdb": "tt0133093",
                                     "tmdb": "603"}
    assert movie["user_rating"] is None and movie["user_rated_at"] is None
    assert "seasons" not in movie and "last_watched" not in movie
    show = body["shows"][0]
    assert show["show"]["ids"]["tvdb"] == "305288" and show["last_watched"] == "S01E01"
    assert show["next_to_watch"] == "S01E02" and show["total_episodes_count"] == 17
    anime = body["anime"][0]
    assert anime["show"]["ids"]["mal"] == "35760" and anime["anime_type"] == "tv"
    assert anime["last_watched"] == "E1"


def test_full_lists_only_watched_episodes_and_watched_at_only_on_request(api, user):
    user.watch_episodes(SHOW, [(1, 1), (2, 3)], at="2026-02-01T10:00:00Z")
    plain = api.get("/sync/all-items/shows", params={"extended": "full"}).json()["shows"][0]
    assert plain["seasons"] == [{"number": 1, "episodes": [{"number": 1}]},
                                {"number": 2, "episodes": [{"number": 3}]}]
    dated = api.get("/sync/all-items/shows", params=FULL).json()["shows"][0]
    assert dated["seasons"][0]["episodes"] == [{"number": 1, "watched_at": "2026-02-01T10:00:00Z"}]
    default = api.get("/sync/all-items/shows").json()["shows"][0]
    assert "seasons" not in default


def test_completed_and_dropped_shows_need_include_all_episodes_for_seasons(api, user):
    user.watch_episodes(SHOW, [(1, 1)])
    user.set_status(SHOW, "dropped")
    without = api.get("/sync/all-items/shows", params={"extended": "full"}).json()["shows"][0]
    assert "seasons" not in without
    with_all = api.get("/sync/all-items/shows", params=FULL).json()["shows"][0]
    assert with_all["seasons"][0]["episodes"][0]["number"] == 1


def test_full_anime_seasons_adds_the_tvdb_numbering_of_each_anime_episode(api, user):
    user.watch_episodes(ANIME, [(1, 2)])
    entry = api.get("/sync/all-items/anime", params={"extended": "full_anime_seasons"}).json()["anime"][0]
    episode = {"number": 2, "tvdb": {"season": 3, "episode": 2}}
    assert entry["seasons"] == [{"number": 1, "episodes": [episode]}]
    assert entry["tvdb_seasons"] == [3]
    full = api.get("/sync/all-items/anime", params={"extended": "full"}).json()["anime"][0]
    assert "tvdb" not in full["seasons"][0]["episodes"][0]


def test_simkl_ids_only_and_ids_only_are_minimal(api, user):
    user.watch_episodes(SHOW, [(1, 1)])
    slim = api.get("/sync/all-items", params={"extended": "simkl_ids_only"}).json()
    assert slim == {"shows": [{"show": {"ids": {"simkl": SHOW, "slug": "stranger-things"}}}]}
    ids = api.get("/sync/all-items", params={"extended": "ids_only"}).json()["shows"][0]
    assert ids == {"show": {"ids": {"simkl": SHOW, "slug": "stranger-things", "imdb": "tt4574334",
                                    "tmdb": "66732", "tvdb": "305288"}}}


def test_type_and_status_segments_filter_and_movies_have_no_watching(api, user):
    user.watch_movie(MATRIX)
    user.set_status(INCEPTION, "plantowatch")
    user.watch_episodes(SHOW, [(1, 1)])
    assert simkl_ids(api.get("/sync/all-items/movies/plantowatch").json(), "movies") == [INCEPTION]
    assert list(api.get("/sync/all-items/shows/watching").json()) == ["shows"]
    assert api.get("/sync/all-items/movies/watching").json() == {}
    assert api.get("/sync/all-items/all/all").json().keys() == {"movies", "shows"}
    assert api.get("/sync/all-items/books").status_code == 400


def test_date_from_is_exclusive_and_episode_marks_move_the_show(emu, api, user):
    user.watch_movie(MATRIX)
    user.watch_episodes(SHOW, [(1, 1)])
    saved = api.activities()["all"]
    assert api.get("/sync/all-items", params={"date_from": saved}).json() == {}
    emu.clock.advance(60)
    user.watch_episodes(SHOW, [(1, 2)])
    delta = api.get("/sync/all-items", params={"date_from": saved}).json()
    assert list(delta) == ["shows"] and delta["shows"][0]["show"]["ids"]["simkl"] == SHOW


def test_date_from_inclusive_switch_keeps_items_changed_at_that_second(emu_with):
    emu = emu_with(Options(date_from_inclusive=True))
    emu.user("t0k").watch_movie(MATRIX)
    body = Api(emu).get("/sync/all-items", params={"date_from": "2026-05-15T12:00:00Z"}).json()
    assert simkl_ids(body, "movies") == [MATRIX]


def test_removals_are_invisible_to_date_from_but_show_in_a_simkl_ids_only_diff(emu, api, user):
    user.watch_movie(MATRIX)
    user.watch_movie(INCEPTION)
    before = api.get("/sync/all-items/movies", params={"extended": "simkl_ids_only"}).json()
    saved = api.activities()
    emu.clock.advance(60)
    user.remove(INCEPTION)
    now = api.activities()
    assert now["movies"]["removed_from_list"] != saved["movies"]["removed_from_list"]
    assert api.get("/sync/all-items/movies", params={"date_from": saved["all"]}).json() == {}
    after = api.get("/sync/all-items/movies", params={"extended": "simkl_ids_only"}).json()
    assert set(simkl_ids(before, "movies")) - set(simkl_ids(after, "movies")) == {INCEPTION}


def test_ratings_endpoint_filters_by_rating_values_and_date_from(emu, api, user):
    user.rate(MATRIX, 9)
    emu.clock.advance(10)
    user.rate(SHOW, 4)
    assert simkl_ids(api.get("/sync/ratings/movies/8,9,10").json(), "movies") == [MATRIX]
    assert api.get("/sync/ratings/shows/9").json() == {}
    recent = api.get("/sync/ratings/all", params={"date_from": "2026-05-15T12:00:05Z"}).json()
    assert list(recent) == ["shows"] and recent["shows"][0]["user_rating"] == 4


def test_ratings_follow_the_documented_edges(emu, api, user):
    user.rate(MATRIX, 9)
    answer = api.get("/sync/ratings/movies/1,2,3,4,5,6,7,8,9,10").json()
    assert answer["movies"][0]["user_rated_at"].endswith(".000Z")  # as the documented example
    assert api.get("/sync/ratings/movies/11").status_code == 200
    assert api.get("/sync/ratings/movies/11").json() == {}
    unknown = api.get("/sync/ratings/films/9")
    assert unknown.status_code == 200 and simkl_ids(unknown.json(), "movies") == [MATRIX]
