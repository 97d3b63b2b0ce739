"""The rating plan on fixtures: which ratings to read, what to write to Kodi, what the user changed in Kodi."""
import pytest
from simklsync.core.ratings import (
    RatingMemory,
    RatingWrite,
    answer_held_clears,
    kodi_changes,
    parse_ratings,
    pending_keys,
    plan_pull,
    rating_entry,
    types_to_fetch,
    valid_rating,
    written,
)

MATRIX = {"movieid": 1, "title": "The Matrix", "year": 1999, "uniqueid": {"imdb": "tt0133093", "tmdb": "603"},
          "imdbnumber": "tt0133093", "userrating": 0}
INCEPTION = {"movieid": 2, "title": "Inception", "year": 2010, "uniqueid": {"imdb": "tt1375666"}, "userrating": 0}
LOST = {"tvshowid": 7, "title": "Lost", "year": 2004, "uniqueid": {"tvdb": "73739"}, "userrating": 0}
AOT = {"tvshowid": 8, "title": "Attack on Titan", "year": 2013, "uniqueid": {"tvdb": "267440"}, "userrating": 0}

RATINGS_BODY = {
    "movies": [
        {"movie": {"title": "The Matrix", "year": 1999, "ids": {"simkl": 53992, "imdb": "tt0133093"}},
         "user_rating": 9, "user_rated_at": "2026-05-01T10:00:05.000Z"},
    ],
}
SHOWS_BODY = {"shows": [{"show": {"title": "Lost", "year": 2004, "ids": {"simkl": 1001, "tvdb": "73739"}},
                         "user_rating": 7, "user_rated_at": "2026-05-01T10:00:05Z"}]}
ANIME_BODY = {"anime": [{"show": {"title": "Shingeki no Kyojin S3", "ids": {"simkl": 2001, "tvdb": "267440"}},
                         "anime_type": "tv", "user_rating": 10}]}


def with_rating(item, rating):
    return dict(item, userrating=rating)


def remembered(memory):
    return memory.kodi.to_dict()


def rated_in_kodi(*items):
    """rated_now as the library reads it: {kodi_key: item}."""
    return {(f"kodi:movie:{item['movieid']}" if "movieid" in item else f"kodi:tvshow:{item['tvshowid']}"): item
            for item in items}


def rows_of(*items):
    """row_item(media, kodi id) over a library holding these items."""
    library = rated_in_kodi(*items)
    return lambda media, kodi_id: library.get(f"kodi:{media}:{kodi_id}")


def memory_with(**lists):
    memory = RatingMemory()
    for type_, body in lists.items():
        memory.simkl[type_] = parse_ratings(body, type_)
    memory.seeded = True
    return memory


# -- reading Simkl's answer --------------------------------------------------------------------------------

def test_parse_reads_rating_and_ids():
    rated = parse_ratings(RATINGS_BODY, "movies")
    assert list(rated) == [53992]
    assert rated[53992].rating == 9
    assert rated[53992].ids["imdb"] == "tt0133093"


@pytest.mark.parametrize("body", [None, {}, []])
def test_empty_answers_mean_no_ratings(body):
    assert parse_ratings(body, "movies") == {}


@pytest.mark.parametrize("body", ["<html>", 42, {"movies": "x"}, {"unexpected": []}])
def test_unreadable_answers_are_none_not_empty(body):
    assert parse_ratings(body, "movies") is None


def test_entries_without_id_or_valid_rating_are_skipped():
    body = {"movies": [
        {"movie": {"title": "No id", "ids": {}}, "user_rating": 5},
        {"movie": {"title": "Bad rating", "ids": {"simkl": 5}}, "user_rating": 11},
        {"movie": {"title": "Text rating", "ids": {"simkl": 6}}, "user_rating": "8"},
        {"movie": {"title": "Null rating", "ids": {"simkl": 7}}, "user_rating": None},
        "garbage",
    ]}
    rated = parse_ratings(body, "movies")
    assert {simkl: item.rating for simkl, item in rated.items()} == {6: 8}


def test_valid_rating_is_an_int_1_to_10():
    assert [valid_rating(v) for v in (0, 1, 10, 11, "7", True, None, 7.0, -1)] == [None, 1, 10, None, 7, None,
                                                                                   None, 7, None]


# -- gating on rated_at --------------------------------------------------------------------------------------

SAVED = {"all": "A", "movies": {"rated_at": "2026-05-01T00:00:00Z"}, "tv_shows": {"rated_at": None},
         "anime": {"rated_at": "2026-04-01T00:00:00Z"}}


def test_nothing_fetched_when_rated_at_did_not_move():
    new = dict(SAVED, all="B")
    assert types_to_fetch(SAVED, new, {"movies", "shows", "anime"}) == []


def test_only_the_type_whose_rated_at_moved_is_fetched():
    new = dict(SAVED, all="B", movies={"rated_at": "2026-06-01T00:00:00Z"})
    assert types_to_fetch(SAVED, new, {"movies", "shows", "anime"}) == ["movies"]
    new = dict(SAVED, all="B", tv_shows={"rated_at": "2026-06-01T00:00:00Z"})
    assert types_to_fetch(SAVED, new, {"movies", "shows", "anime"}) == ["shows"]


def test_types_never_read_are_fetched_once():
    assert types_to_fetch(SAVED, SAVED, {"movies"}) == ["shows", "anime"]
    assert types_to_fetch(None, SAVED, set()) == ["movies", "shows", "anime"]


def test_only_synced_types_are_fetched():
    new = dict(SAVED, movies={"rated_at": "X"}, anime={"rated_at": "Y"})
    assert types_to_fetch(SAVED, new, {"movies", "shows", "anime"}, types=("anime",)) == ["anime"]


def test_an_unreadable_activities_answer_fetches_nothing():
    assert types_to_fetch(SAVED, None, set()) == []


# -- Simkl → Kodi ----------------------------------------------------------------------------------------------

def test_a_simkl_rating_is_written_where_kodi_differs():
    memory = memory_with(movies=RATINGS_BODY, shows=SHOWS_BODY)
    writes = plan_pull(memory, [MATRIX, INCEPTION], [LOST], set())
    assert writes == [RatingWrite("movie", 1, 9), RatingWrite("tvshow", 7, 7)]
    assert writes[0].to_rpc() == {"method": "VideoLibrary.SetMovieDetails",
                                  "params": {"movieid": 1, "userrating": 9}}
    assert writes[1].to_rpc()["method"] == "VideoLibrary.SetTVShowDetails"
    assert isinstance(writes[0].to_rpc()["params"]["userrating"], int)


def test_nothing_written_when_kodi_already_agrees():
    memory = memory_with(movies=RATINGS_BODY)
    assert plan_pull(memory, [with_rating(MATRIX, 9)], [], set()) == []
    # Known now, by what it is (the Simkl id of the match names it): clearing it in Kodi is a user change.
    assert remembered(memory) == {"movie:simkl:53992": ["movie", 9, False, 1, {"simkl": 53992, "imdb": "tt0133093",
                                                                               "tmdb": 603}]}


def test_anime_rating_lands_on_the_kodi_show():
    memory = memory_with(anime=ANIME_BODY)
    assert plan_pull(memory, [], [AOT], set()) == [RatingWrite("tvshow", 8, 10)]


def test_a_rating_on_its_way_to_simkl_is_not_overwritten():
    memory = memory_with(movies=RATINGS_BODY)
    assert plan_pull(memory, [with_rating(MATRIX, 4)], [], {"kodi:movie:1"}) == []


def test_types_not_synced_are_not_written():
    memory = memory_with(movies=RATINGS_BODY, shows=SHOWS_BODY)
    assert plan_pull(memory, [MATRIX], [LOST], set(), types=("shows",)) == [RatingWrite("tvshow", 7, 7)]


def test_a_removed_rating_is_cleared_when_the_addon_set_it():
    memory = memory_with(movies=RATINGS_BODY)
    written(memory, plan_pull(memory, [MATRIX], [], set()))
    memory.simkl["movies"] = {}
    assert plan_pull(memory, [with_rating(MATRIX, 9)], [], set()) == [RatingWrite("movie", 1, 0)]


def test_a_removed_rating_the_user_set_in_kodi_is_kept():
    memory = memory_with(movies=RATINGS_BODY)
    plan_pull(memory, [with_rating(MATRIX, 9)], [], set())  # agreed, not written by us
    memory.simkl["movies"] = {}
    assert plan_pull(memory, [with_rating(MATRIX, 9)], [], set()) == []


def test_a_rating_we_set_that_the_user_changed_since_is_not_cleared():
    memory = memory_with(movies=RATINGS_BODY)
    written(memory, plan_pull(memory, [MATRIX], [], set()))
    memory.simkl["movies"] = {}
    assert plan_pull(memory, [with_rating(MATRIX, 3)], [], set()) == []


def test_matching_is_by_ids_never_by_title_alone():
    memory = memory_with(movies={"movies": [{"movie": {"title": "The Matrix", "year": 1999, "ids": {"simkl": 1}},
                                             "user_rating": 9}]})
    assert plan_pull(memory, [MATRIX], [], set()) == []
    assert plan_pull(memory, [MATRIX], [], set(), title_year_fallback=True) == [RatingWrite("movie", 1, 9)]


def test_memory_round_trips_through_json():
    memory = memory_with(movies=RATINGS_BODY)
    written(memory, [RatingWrite("movie", 1, 9, {"imdb": "tt0133093"})])
    memory.retry.add("shows")
    memory.library = "lib1"
    again = RatingMemory(memory.to_dict())
    assert remembered(again) == {"movie:imdb:tt0133093": ["movie", 9, True, 1, {"imdb": "tt0133093"}]}
    assert again.simkl["movies"][53992].rating == 9
    assert again.retry == {"shows"} and again.fetched() == {"movies"}
    assert again.library == "lib1" and again.seeded


@pytest.mark.parametrize("data", [None, "x", {"simkl": "x", "kodi": [1]}, {"kodi": {"k": ["a", 1]}},
                                  {"v": 2, "kodi": {"k": ["movie", 11, True, 1, {}], "j": ["song", 5, 0, 1, {}]}}])
def test_damaged_memory_starts_empty(data):
    memory = RatingMemory(data)
    assert len(memory.kodi) == 0 and memory.simkl == {} and memory.legacy == {}


# -- Kodi → Simkl ----------------------------------------------------------------------------------------------

def test_the_first_look_only_learns_kodis_ratings():
    memory = RatingMemory()
    assert kodi_changes(memory, rated_in_kodi(with_rating(MATRIX, 8)), rows_of()) == []
    assert remembered(memory) == {"movie:imdb:tt0133093": ["movie", 8, False, 1, {"imdb": "tt0133093", "tmdb": 603}]}
    assert not memory.resync  # nothing was known: the usual first pull follows


def test_a_new_or_changed_kodi_rating_is_a_change_once():
    memory = memory_with()
    memory.remember("movie", 1, MATRIX, 8, False)
    now = rated_in_kodi(with_rating(MATRIX, 6), with_rating(LOST, 9))
    changes = kodi_changes(memory, now, rows_of())
    assert [(c.media, c.kodi_id, c.rating, c.previous) for c in changes] == [("movie", 1, 6, 8),
                                                                              ("tvshow", 7, 9, 0)]
    assert kodi_changes(memory, now, rows_of()) == []


def test_our_own_write_is_not_a_change():
    memory = memory_with(movies=RATINGS_BODY)
    written(memory, plan_pull(memory, [MATRIX], [], set()))
    assert kodi_changes(memory, rated_in_kodi(with_rating(MATRIX, 9)), rows_of()) == []


def test_a_cleared_kodi_rating_is_a_removal_but_a_deleted_item_is_not():
    memory = memory_with()
    memory.remember("movie", 1, MATRIX, 8, True)
    memory.remember("movie", 2, INCEPTION, 5, False)
    memory.remember("tvshow", 7, LOST, 6, False)
    changes = kodi_changes(memory, rated_in_kodi(with_rating(LOST, 6)), rows_of(MATRIX, with_rating(LOST, 6)))
    assert [(c.kodi_id, c.rating) for c in changes] == [(1, 0)]
    assert len(memory.kodi) == 1


def test_rating_entries_for_the_outbox():
    entry = rating_entry("movie", MATRIX, 8, 1000.0)
    assert entry["kind"] == "rating" and entry["action"] == "add"
    assert entry["body"] == {"movies": [{"title": "The Matrix", "year": 1999, "rating": 8,
                                         "ids": {"imdb": "tt0133093", "tmdb": 603}}]}
    removal = rating_entry("tvshow", LOST, 0, 1001.0)
    assert removal["action"] == "remove"
    assert removal["body"] == {"shows": [{"title": "Lost", "year": 2004, "ids": {"tvdb": 73739}}]}
    assert entry["group"] != removal["group"]
    assert rating_entry("movie", MATRIX, 0, 1.0)["group"] == entry["group"]  # the newest intent wins
    assert pending_keys([entry, removal, {"kind": "history", "kodi": "kodi:movie:1"}]) == {"kodi:movie:1",
                                                                                           "kodi:tvshow:7"}


def test_items_without_ids_make_no_entry():
    assert rating_entry("movie", {"movieid": 3, "title": "Home video", "uniqueid": {}}, 5, 1.0) is None


def test_a_doubtful_list_writes_nothing_and_clears_nothing():
    memory = memory_with(movies=RATINGS_BODY)
    written(memory, plan_pull(memory, [MATRIX], [], set()))
    memory.simkl["movies"][53992].rating = 3
    kodi = [with_rating(MATRIX, 9)]
    assert plan_pull(memory, kodi, [], set(), types=("shows", "anime"), doubtful=("movies",)) == []
    assert plan_pull(memory, kodi, [], set(), types=("shows", "anime")) == [RatingWrite("movie", 1, 0)]


# -- a large clear (issue 25): a cut-off ratings answer must not clear the ratings the add-on wrote ------------

def many_movies(count):
    """count Kodi movies with Simkl's ratings body for them (each rated 8)."""
    items = [{"movieid": 100 + n, "title": f"Film {n}", "year": 2000 + n % 20,
              "uniqueid": {"imdb": f"tt{9000000 + n}"}, "userrating": 0} for n in range(count)]
    body = {"movies": [{"movie": {"title": item["title"], "year": item["year"],
                                  "ids": {"simkl": 500000 + n, "imdb": item["uniqueid"]["imdb"]}},
                        "user_rating": 8} for n, item in enumerate(items)]}
    return items, body


def rated_by_us(count):
    """A memory and a Kodi library where the add-on wrote Simkl's rating 8 into count movies."""
    items, body = many_movies(count)
    memory = memory_with(movies=body)
    written(memory, plan_pull(memory, items, [], set()))
    return memory, [with_rating(item, 8) for item in items], body


def simkl_keeps(memory, body, kept):
    memory.simkl["movies"] = parse_ratings({"movies": body["movies"][:kept]}, "movies")


def test_a_cut_off_ratings_answer_that_would_clear_eleven_of_twelve_clears_nothing():
    memory, kodi, body = rated_by_us(12)
    simkl_keeps(memory, body, 1)
    assert plan_pull(memory, kodi, [], set()) == []
    assert memory.clears_held == 11


def test_ten_clears_at_once_are_not_large_and_go():
    memory, kodi, body = rated_by_us(12)
    simkl_keeps(memory, body, 2)
    assert len(plan_pull(memory, kodi, [], set())) == 10


def test_a_large_clear_goes_only_when_a_second_read_agrees_and_large_removals_may_go_without_asking():
    memory, kodi, body = rated_by_us(30)
    simkl_keeps(memory, body, 5)
    assert plan_pull(memory, kodi, [], set(), allow_large_clears=True) == []  # the first read alone: held
    memory = RatingMemory(memory.to_dict())  # the next cycle reads the memory back from its file
    simkl_keeps(memory, body, 5)
    assert len(plan_pull(memory, kodi, [], set(), allow_large_clears=True)) == 25
    assert memory.clears_seen == [] and memory.clears_held == 0


def test_a_large_clear_read_twice_is_still_held_without_the_users_standing_yes():
    memory, kodi, body = rated_by_us(30)
    for _ in range(3):
        simkl_keeps(memory, body, 5)
        assert plan_pull(memory, kodi, [], set()) == []
    assert memory.clears_held == 25


def test_a_later_healthy_answer_forgets_the_held_clear():
    memory, kodi, body = rated_by_us(30)
    simkl_keeps(memory, body, 5)
    plan_pull(memory, kodi, [], set(), allow_large_clears=True)
    simkl_keeps(memory, body, 30)
    assert plan_pull(memory, kodi, [], set(), allow_large_clears=True) == []
    assert memory.clears_seen == [] and "clears_seen" not in memory.to_dict()
    simkl_keeps(memory, body, 5)  # cut off again: a first read once more, held
    assert plan_pull(memory, kodi, [], set(), allow_large_clears=True) == []


# -- the user's answer to a held large clear (the status dialog's Apply / Keep my library) ----------------------

def held_clear_of_25():
    memory, kodi, body = rated_by_us(30)
    simkl_keeps(memory, body, 5)
    assert plan_pull(memory, kodi, [], set()) == []
    return RatingMemory(memory.to_dict()), kodi, body  # the next cycle reads the memory back from its file


def test_a_held_clear_is_shown_with_its_count_and_first_titles():
    memory, _kodi, _body = held_clear_of_25()
    assert memory.held_clears() == {"count": 25, "titles": ["Film 5", "Film 6", "Film 7", "Film 8", "Film 9"]}


def test_apply_clears_the_held_ratings_when_the_next_read_agrees():
    memory, kodi, body = held_clear_of_25()
    assert answer_held_clears(memory, "apply")  # the ratings must be read again
    simkl_keeps(memory, body, 5)
    assert len(plan_pull(memory, kodi, [], set(), answer="apply")) == 25
    assert memory.held_clears() is None


def test_apply_clears_nothing_when_the_next_read_disagrees_and_the_new_clear_is_held_anew():
    memory, kodi, body = held_clear_of_25()
    simkl_keeps(memory, body, 8)  # another cut: 22 would go, not the 25 the user saw
    assert plan_pull(memory, kodi, [], set(), answer="apply") == []
    assert memory.held_clears()["count"] == 22


def test_keep_leaves_the_ratings_in_kodi_and_never_proposes_them_again():
    memory, kodi, body = held_clear_of_25()
    assert not answer_held_clears(memory, "keep")  # settled without a read
    assert memory.held_clears() is None
    for _ in range(2):
        simkl_keeps(memory, body, 5)
        assert plan_pull(memory, kodi, [], set(), allow_large_clears=True) == []
        assert memory.held_clears() is None


def test_a_kept_rating_the_addon_writes_anew_may_be_cleared_again():
    memory, kodi, body = held_clear_of_25()
    answer_held_clears(memory, "keep")
    simkl_keeps(memory, body, 30)
    memory.simkl["movies"][500005].rating = 6  # Simkl changes one of the kept ratings: the add-on writes it
    writes = plan_pull(memory, kodi, [], set())
    assert [(w.kodi_id, w.rating) for w in writes] == [(105, 6)]
    written(memory, writes)
    kodi[5] = with_rating(kodi[5], 6)
    simkl_keeps(memory, body, 5)
    assert [(w.kodi_id, w.rating) for w in plan_pull(memory, kodi, [], set())] == [(105, 0)]


def test_an_answer_with_nothing_held_changes_nothing():
    memory, kodi, body = rated_by_us(30)
    before = memory.to_dict()
    assert not answer_held_clears(memory, "apply") and not answer_held_clears(memory, "keep")
    assert memory.to_dict() == before
