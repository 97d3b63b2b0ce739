import datetime

from simklsync.core.model import simkl_ids
from simklsync.core.outbox.bodies import item_key, media_block
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.push import push_batches, push_count, push_entries
from simklsync.core.times import UNKNOWN_DATE, lastplayed_to_utc

# Kodi's local zone in these tests: UTC+2.
PLUS_TWO = datetime.timezone(datetime.timedelta(hours=2))


def movie(number, playcount=1, lastplayed="2024-03-01 22:15:00", uniqueid=None):
    return {
        "movieid": number, "title": f"Movie {number}", "year": 2000 + number % 20,
        "uniqueid": uniqueid if uniqueid is not None else {"imdb": f"tt{1000 + number}", "tmdb": str(number)},
        "playcount": playcount, "lastplayed": lastplayed if playcount else "",
    }


def test_uniqueid_map_becomes_simkl_ids_with_numbers_for_numeric_ids():
    ids = simkl_ids({"imdb": "tt0133093", "tmdb": "603", "tvdb": "", "unknown": "x", "anidb": "0"})
    assert ids == {"imdb": "tt0133093", "tmdb": 603}


def test_imdbnumber_is_used_when_the_uniqueid_map_is_empty():
    assert simkl_ids({}, "tt0133093") == {"imdb": "tt0133093"}
    assert simkl_ids(None, "81189") == {"tvdb": 81189}


def test_item_key_is_stable_whatever_the_id_order():
    assert item_key("movie", {"tmdb": 1, "imdb": "tt2"}) == item_key("movie", {"imdb": "tt2", "tmdb": 1})
    assert item_key("episode", {"tvdb": 5}, 1, 2) == "episode:tvdb=5:s1e2"


def test_kodi_local_lastplayed_becomes_utc():
    assert lastplayed_to_utc("2024-03-01 22:15:00", PLUS_TWO) == "2024-03-01T20:15:00Z"


def test_missing_lastplayed_is_simkl_unknown_date():
    assert lastplayed_to_utc("", PLUS_TWO) == UNKNOWN_DATE
    assert lastplayed_to_utc(None, PLUS_TWO) == UNKNOWN_DATE


def test_movie_mark_entry_carries_watched_at_and_is_keyed_by_it():
    block = media_block("The Matrix", 1999, {"imdb": "tt0133093"})
    entry = mark_entry("add", "movie", block, 50.0, watched_at="2024-03-01T20:15:00Z")
    assert entry["body"] == {"movies": [{"title": "The Matrix", "year": 1999, "ids": {"imdb": "tt0133093"},
                                         "watched_at": "2024-03-01T20:15:00Z"}]}
    assert entry["key"].endswith(":2024-03-01T20:15:00Z")
    assert entry["label"] == "The Matrix (1999)"


def test_episode_unmark_entry_names_the_show_season_and_episode():
    block = media_block("Show", 2010, {"tvdb": 81189})
    entry = mark_entry("remove", "episode", block, 50.0, season=2, episode=3, watched_at="ignored")
    show = entry["body"]["shows"][0]
    assert show["ids"] == {"tvdb": 81189}
    assert show["seasons"] == [{"number": 2, "episodes": [{"number": 3}]}]
    assert show["use_tvdb_anime_seasons"] is True
    assert entry["label"] == "Show S02E03"


def test_mark_and_unmark_of_one_episode_share_a_collapse_group():
    block = media_block("Show", 2010, {"tvdb": 81189})
    mark = mark_entry("add", "episode", block, 1.0, 1, 1, "2024-01-01T00:00:00Z")
    unmark = mark_entry("remove", "episode", block, 2.0, 1, 1)
    assert mark["group"] == unmark["group"] and mark["key"] != unmark["key"]


def test_push_sends_only_items_watched_in_kodi_but_not_on_simkl():
    movies = [movie(1), movie(2), movie(3, playcount=0), movie(4, uniqueid={})]
    on_simkl = {"tt1002"}

    def watched(media, ids, season=None, episode=None):
        return ids.get("imdb") in on_simkl

    batches = push_batches(movies, [], [], watched, tz=PLUS_TWO)
    assert batches == [{"movies": [{"title": "Movie 1", "year": 2001, "ids": {"imdb": "tt1001", "tmdb": 1},
                                    "watched_at": "2024-03-01T20:15:00Z"}]}]


def test_push_groups_episodes_under_their_show_and_skips_watched_ones():
    shows = [{"tvshowid": 7, "title": "Show", "year": 2010, "uniqueid": {"tvdb": "81189"}}]
    episodes = [
        {"episodeid": 1, "tvshowid": 7, "season": 1, "episode": 1, "playcount": 1, "lastplayed": ""},
        {"episodeid": 2, "tvshowid": 7, "season": 1, "episode": 2, "playcount": 2,
         "lastplayed": "2024-01-02 10:00:00"},
        {"episodeid": 3, "tvshowid": 7, "season": 2, "episode": 1, "playcount": 1, "lastplayed": ""},
        {"episodeid": 4, "tvshowid": 99, "season": 1, "episode": 1, "playcount": 1, "lastplayed": ""},
    ]

    def watched(media, ids, season=None, episode=None):
        return (season, episode) == (2, 1)

    [body] = push_batches([], episodes, shows, watched, tz=PLUS_TWO)
    assert body["shows"][0]["seasons"] == [{"number": 1, "episodes": [
        {"number": 1, "watched_at": UNKNOWN_DATE}, {"number": 2, "watched_at": "2024-01-02T08:00:00Z"}]}]


def test_push_splits_into_batches_of_at_most_100_items():
    movies = [movie(n) for n in range(1, 231)]
    batches = push_batches(movies, [], [], lambda *args: False, tz=PLUS_TWO)
    assert [len(b["movies"]) for b in batches] == [100, 100, 30]
    assert push_count(batches) == 230


def test_push_counts_episodes_split_across_batches():
    shows = [{"tvshowid": 1, "title": "Long", "year": 2000, "uniqueid": {"tvdb": "5"}}]
    episodes = [{"tvshowid": 1, "season": 1, "episode": n, "playcount": 1, "lastplayed": ""}
                for n in range(1, 151)]
    batches = push_batches([], episodes, shows, lambda *args: False)
    assert push_count(batches) == 150 and len(batches) == 2


def test_push_entries_are_history_adds_that_collapse_when_pushed_twice():
    batches = push_batches([movie(1)], [], [], lambda *args: False, tz=PLUS_TWO)
    first, again = push_entries(batches, 1.0), push_entries(batches, 2.0)
    assert first[0]["kind"] == "history" and first[0]["action"] == "add"
    assert first[0]["body"] == batches[0]
    assert first[0]["key"] == again[0]["key"]
