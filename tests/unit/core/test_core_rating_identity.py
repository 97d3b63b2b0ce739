"""Ratings remembered by what the item is and which library it is in: a rebuilt, renumbered or moved library,
a mass disappearance, an old row-keyed memory and a library shared with other accounts never send a removal."""
import pytest
from simklsync.core.rating_identity.library_id import (
    FIRST_LOOK,
    LIBRARY_CHANGED,
    MASS_DISAPPEARANCE,
    library_identity,
    relearn_reason,
)
from simklsync.core.rating_identity.remembered import KodiRatings, entry_key, kodi_ids, same_item
from simklsync.core.ratings import RatingMemory, RatingWrite, kodi_changes, parse_ratings, plan_pull


def movie(row, n, rating=0):
    return {"movieid": row, "title": f"Film {n}", "year": 2000, "uniqueid": {"imdb": f"tt{1000000 + n}"},
            "userrating": rating}


def library(*items):
    return {f"kodi:movie:{item['movieid']}": item for item in items}


def rated(*items):
    return {key: item for key, item in library(*items).items() if item["userrating"]}


def row_item(*items):
    rows = library(*items)
    return lambda media, kodi_id: rows.get(f"kodi:{media}:{kodi_id}")


def learnt(*items, identity="lib1"):
    """A memory that has looked once at a Kodi library holding these items."""
    memory = RatingMemory()
    kodi_changes(memory, rated(*items), row_item(*items), identity)
    return memory


def simkl_says(memory, **ratings):
    body = {"movies": [{"movie": {"title": f"Film {n}", "ids": {"simkl": 500 + n, "imdb": f"tt{1000000 + n}"}},
                        "user_rating": rating} for n, rating in ((int(k[1:]), v) for k, v in ratings.items())]}
    memory.simkl["movies"] = parse_ratings(body, "movies")


def summary(changes):
    return [(c.kodi_id, c.rating, c.previous) for c in changes]


# -- the item's identity ---------------------------------------------------------------------------------------

def test_two_id_sets_are_one_item_when_they_share_an_id_and_disagree_on_none():
    assert same_item({"imdb": "tt1", "tmdb": 5}, {"imdb": "tt1"})
    assert same_item({"simkl": 9, "imdb": "tt1"}, {"imdb": "tt1", "tmdb": 5})
    assert not same_item({"imdb": "tt1", "tmdb": 5}, {"imdb": "tt1", "tmdb": 6})
    assert not same_item({"imdb": "tt1"}, {"tmdb": 5})
    assert not same_item({}, {})


def test_the_key_is_the_simkl_id_when_matched_else_the_first_external_id():
    assert entry_key("movie", {"tmdb": 5, "imdb": "tt1", "simkl": 9}, 3) == "movie:simkl:9"
    assert entry_key("movie", {"tmdb": 5, "imdb": "tt1"}, 3) == "movie:imdb:tt1"
    assert entry_key("tvshow", {"tvdb": 7, "imdb": "tt1"}, 3) == "tvshow:tvdb:7"
    assert entry_key("movie", {}, 3) == "movie:row:3"
    assert kodi_ids("movie", {"uniqueid": {}, "imdbnumber": "603"}) == {"tmdb": 603}


def test_an_item_is_found_by_any_of_its_ids_and_keeps_the_simkl_id_learnt_from_a_match():
    memory = KodiRatings()
    memory.remember("movie", 1, {"imdb": "tt1", "simkl": 9}, 7, True)
    assert memory.find("movie", 40, {"imdb": "tt1", "tmdb": 5}) == "movie:simkl:9"
    memory.remember("movie", 40, {"imdb": "tt1", "tmdb": 5}, 8, False)
    assert memory.to_dict() == {"movie:simkl:9": ["movie", 8, False, 40, {"imdb": "tt1", "simkl": 9, "tmdb": 5}]}
    assert memory.find("tvshow", 40, {"imdb": "tt1"}) is None
    assert memory.find("movie", 40, {"imdb": "tt1", "simkl": 10}) is None


# -- a rebuilt library -----------------------------------------------------------------------------------------

def test_a_row_now_holding_another_unrated_title_is_not_a_removal():
    memory = learnt(movie(1, 1, 8), movie(2, 2), movie(3, 3))
    refilled = (movie(1, 50), movie(2, 2), movie(3, 3))  # row 1 emptied and reused for another film
    assert kodi_changes(memory, rated(*refilled), row_item(*refilled), "lib1") == []
    assert len(memory.kodi) == 0
    assert memory.resync  # film 1, wherever it is now, gets its rating back from Simkl if it has none


def test_a_rated_item_moved_to_another_row_is_no_change_and_its_row_is_followed():
    memory = learnt(movie(1, 1, 8), movie(2, 2, 6))
    renumbered = (movie(1, 2, 6), movie(2, 1, 8))
    assert kodi_changes(memory, rated(*renumbered), row_item(*renumbered), "lib1") == []
    assert memory.kodi.to_dict()["movie:imdb:tt1000001"][3] == 2
    cleared = (movie(1, 2, 6), movie(2, 1, 0))  # the user clears it where it sits now
    assert summary(kodi_changes(memory, rated(*cleared), row_item(*cleared), "lib1")) == [(2, 0, 8)]


def test_a_changed_library_identity_learns_kodis_ratings_afresh_and_sends_nothing():
    memory = learnt(movie(1, 1, 8), movie(2, 2, 6), movie(3, 3, 4))
    moved = (movie(7, 1, 0), movie(8, 2, 5), movie(9, 3, 4))
    assert kodi_changes(memory, rated(*moved), row_item(*moved), "lib2") == []
    assert memory.relearned == LIBRARY_CHANGED and memory.resync and memory.library == "lib2"
    assert sorted(entry[1] for entry in memory.kodi.to_dict().values()) == [4, 5]


def test_after_a_relearn_the_pull_fills_only_unrated_kodi_items_and_clears_nothing():
    memory = learnt(movie(1, 1, 8), movie(2, 2, 6), movie(3, 3, 4))
    simkl_says(memory, n1=8, n2=6)
    written(memory, [RatingWrite("movie", 3, 4, {"imdb": "tt1000003"})])  # ours, since gone from Simkl
    moved = (movie(7, 1, 0), movie(8, 2, 5), movie(9, 3, 4))
    kodi_changes(memory, rated(*moved), row_item(*moved), "lib2")
    writes = plan_pull(memory, list(moved), [], set())
    assert writes == [RatingWrite("movie", 7, 8)]  # the user's 5 stays, the add-on's 4 is not cleared
    assert not memory.resync


def written(memory, writes):
    for write in writes:
        memory.kodi.remember(write.media, write.kodi_id, write.ids, write.rating, True)


def test_most_remembered_ratings_vanishing_at_once_is_a_relearn_not_removals():
    films = [movie(n, n, 7) for n in range(1, 13)]
    memory = learnt(*films)
    emptied = [movie(n, n) for n in range(1, 13)]
    assert kodi_changes(memory, {}, row_item(*emptied), "lib1") == []
    assert memory.relearned == MASS_DISAPPEARANCE and memory.resync and len(memory.kodi) == 0


def test_a_few_cleared_ratings_among_many_are_removals():
    films = [movie(n, n, 7) for n in range(1, 31)]
    memory = learnt(*films)
    now = [movie(n, n, 0 if n <= 11 else 7) for n in range(1, 31)]
    changes = kodi_changes(memory, rated(*now), row_item(*now), "lib1")
    assert memory.relearned is None
    assert summary(changes) == [(n, 0, 7) for n in range(1, 12)]


@pytest.mark.parametrize("seeded, before, now, remembered, gone, reason", [
    (False, None, "a", 0, 0, FIRST_LOOK),
    (True, "a", "b", 5, 0, LIBRARY_CHANGED),
    (True, "a", None, 5, 0, None),  # identity unreadable this time: not a change
    (True, None, "a", 5, 0, None),  # first identity learnt
    (True, "a", "a", 12, 11, MASS_DISAPPEARANCE),
    (True, "a", "a", 20, 10, None),  # not over the floor
    (True, "a", "a", 30, 11, None),  # not over half
    (True, "a", "a", 2, 2, MASS_DISAPPEARANCE),  # every one: a fresh database
    (True, "a", "a", 1, 1, None),  # the user's only rating cleared
    (True, "a", "a", 3, 2, None),
])
def test_when_kodis_ratings_are_learnt_afresh(seeded, before, now, remembered, gone, reason):
    assert relearn_reason(seeded, before, now, remembered, gone) == reason


def test_the_library_identity_follows_the_database_and_its_oldest_rows_not_new_titles():
    first = {"movieid": 1, "file": "/m/a.mkv", "dateadded": "2024-01-01 12:00:00"}
    show = {"tvshowid": 1, "file": "/tv/x/", "dateadded": "2024-01-01 12:00:00"}
    same = library_identity("MyVideos121", None, first, show)
    assert library_identity("MyVideos121", None, dict(first), dict(show)) == same
    assert library_identity("MyVideos131", None, first, show) != same  # upgraded schema: a new database
    assert library_identity("MyVideos121", "nas:3306", first, show) != same  # moved to MariaDB
    assert library_identity("MyVideos121", None, dict(first, movieid=4), show) != same  # renumbered
    assert library_identity("MyVideos121", None, dict(first, dateadded="2026-12-07 10:00:00"), show) != same
    assert library_identity("MyVideos121", None, None, show) != same
    assert len(same) == 16


# -- an old memory, a shared library ---------------------------------------------------------------------------

def test_a_row_keyed_memory_migrates_without_sending_anything_and_keeps_what_the_addon_wrote():
    old = {"kodi": {"kodi:movie:1": [8, True], "kodi:movie:2": [6, False], "kodi:movie:3": [5, True]},
           "seeded": True, "simkl": {}, "retry": []}
    memory = RatingMemory(old)
    assert not memory.seeded and len(memory.legacy) == 3
    memory = RatingMemory(memory.to_dict())  # saved by a rating from the context menu before the first look
    now = (movie(1, 1, 8), movie(2, 2, 0), movie(3, 3, 9))
    assert kodi_changes(memory, rated(*now), row_item(*now), "lib1") == []
    assert memory.relearned == FIRST_LOOK and memory.resync and memory.legacy == {}
    assert {key: entry[1:3] for key, entry in memory.kodi.to_dict().items()} == {
        "movie:imdb:tt1000001": [8, True], "movie:imdb:tt1000003": [9, False]}
    assert RatingMemory(memory.to_dict()).kodi.to_dict() == memory.kodi.to_dict()


def test_changes_not_made_on_this_box_of_a_shared_library_are_learnt_and_not_sent():
    memory = learnt(movie(1, 1, 8), movie(2, 2, 6))
    now = (movie(1, 1, 3), movie(2, 2, 0))
    assert kodi_changes(memory, rated(*now), row_item(*now), "lib1", may_send=False) == []
    assert memory.held == 2
    assert kodi_changes(memory, rated(*now), row_item(*now), "lib1") == []  # learnt: not sent later either
    now = (movie(1, 1, 4), movie(2, 2, 0))
    assert summary(kodi_changes(memory, rated(*now), row_item(*now), "lib1")) == [(1, 4, 3)]


# -- a row Kodi announced as removed ----------------------------------------------------------------------------

def test_a_rating_gone_with_a_row_kodi_removed_is_no_removal_even_with_the_title_back_in_that_row():
    # The library taken apart in steps: the first look saw one of two rows gone, so by the second too few
    # remain for the disappearance rules; the scan then put the title back in its old row, unrated.
    memory = learnt(movie(1, 1, 7), movie(2, 2, 8))
    kodi_changes(memory, rated(movie(2, 2, 8)), row_item(movie(2, 2, 8)), "lib1")
    assert len(memory.kodi) == 1
    memory.resync = False
    back = [movie(1, 1), movie(2, 2)]
    assert kodi_changes(memory, rated(*back), row_item(*back), "lib1", removed={("movie", 2)}) == []
    assert memory.relearned is None and memory.resync and len(memory.kodi) == 0


def test_a_removed_row_of_another_title_leaves_a_clear_in_place_a_removal():
    memory = learnt(movie(1, 1, 7), *(movie(n, n, 5) for n in range(2, 6)))
    now = [movie(1, 1), *(movie(n, n, 5) for n in range(2, 6))]
    changes = kodi_changes(memory, rated(*now), row_item(*now), "lib1", removed={("movie", 9), ("tvshow", 1)})
    assert summary(changes) == [(1, 0, 7)]
