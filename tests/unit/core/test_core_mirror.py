import json

import pytest
from core_builders import simkl_movie, simkl_show
from simklsync.core.model import episode_code
from simklsync.core.state.mirror import UNKNOWN_DATE, Mirror
from simklsync.core.times import to_epoch


def test_full_pull_builds_items_keyed_by_simkl_id():
    mirror = Mirror()
    body = {"movies": [simkl_movie(1, imdb="tt0000001"), simkl_movie(2)]}
    applied = mirror.apply_all_items("movies", body, full=True)
    assert sorted(applied) == [1, 2]
    assert sorted(item.simkl for item in mirror.entries("movies")) == [1, 2]
    assert mirror.get("movies", 1).ids == {"simkl": 1, "imdb": "tt0000001"}
    assert mirror.get("movies", 1).watched_at == to_epoch("2026-05-01T20:00:00Z")


def test_watched_episodes_with_dates_and_the_placeholder():
    show = simkl_show(10, {(1, 1): "2024-10-13T22:26:52Z", (1, 2): "1970-01-01T00:00:01Z", (2, 1): None})
    mirror = Mirror()
    mirror.apply_all_items("shows", {"shows": [show]}, full=True)
    episodes = mirror.get("shows", 10).episodes
    assert episodes == {episode_code(1, 1): to_epoch("2024-10-13T22:26:52Z"),
                        episode_code(1, 2): UNKNOWN_DATE, episode_code(2, 1): UNKNOWN_DATE}


def test_delta_upserts_and_replaces_an_items_watched_episodes():
    mirror = Mirror()
    mirror.apply_all_items("shows", {"shows": [simkl_show(10, {(1, 1): "2024-01-01T00:00:00Z"}),
                                               simkl_show(11, {(1, 1): "2024-01-01T00:00:00Z"})]}, full=True)
    mirror.apply_all_items("shows", {"shows": [simkl_show(10, {(1, 2): "2024-02-01T00:00:00Z"})]}, full=False)
    assert list(mirror.get("shows", 10).episodes) == [episode_code(1, 2)]
    assert mirror.get("shows", 11) is not None


def test_an_entry_without_seasons_has_no_watched_episodes_any_more():
    mirror = Mirror()
    mirror.apply_all_items("shows", {"shows": [simkl_show(10, {(1, 1): "2024-01-01T00:00:00Z"})]}, full=True)
    bare = simkl_show(10, status="plantowatch")
    del bare["seasons"]
    mirror.apply_all_items("shows", {"shows": [bare]}, full=False)
    assert mirror.get("shows", 10).episodes == {}
    assert mirror.get("shows", 10).status == "plantowatch"


def test_full_pull_moves_vanished_items_to_the_removed_set():
    mirror = Mirror()
    mirror.apply_all_items("movies", {"movies": [simkl_movie(1), simkl_movie(2)]}, full=True)
    mirror.apply_all_items("movies", {"movies": [simkl_movie(2)]}, full=True)
    assert [item.simkl for item in mirror.entries("movies")] == [2]
    assert [item.simkl for item in mirror.removed_entries("movies")] == [1]


@pytest.mark.parametrize("body", [None, {}, {"movies": None}, {"movies": "x"}, [], {"shows": []}, "garbage"])
def test_empty_and_malformed_bodies_are_tolerated(body):
    mirror = Mirror()
    mirror.apply_all_items("movies", {"movies": [simkl_movie(1)]}, full=True)
    assert mirror.apply_all_items("movies", body, full=False) == []
    assert mirror.get("movies", 1) is not None


def test_bad_entries_are_skipped_and_counted():
    body = {"movies": [simkl_movie(1), None, 5, {"movie": {"ids": {}}}, {"movie": "x"},
                       {"status": "completed"}]}
    mirror = Mirror()
    assert mirror.apply_all_items("movies", body, full=True) == [1]
    assert mirror.skipped == 5


def test_anime_entries_keep_the_tvdb_mapping_even_after_an_episode_is_unmarked():
    mirror = Mirror()
    entry = simkl_show(40, {(1, 1): ("2024-01-01T00:00:00Z", (2, 13)),
                            (1, 2): ("2024-01-02T00:00:00Z", (2, 14))})
    mirror.apply_all_items("anime", {"anime": [entry]}, full=True)
    later = simkl_show(40, {(1, 1): ("2024-01-01T00:00:00Z", (2, 13))})
    mirror.apply_all_items("anime", {"anime": [later]}, full=False)
    item = mirror.get("anime", 40)
    assert list(item.episodes) == [episode_code(1, 1)]
    assert item.tvdb_map == {episode_code(1, 1): episode_code(2, 13), episode_code(1, 2): episode_code(2, 14)}


def test_removals_diff_the_id_list_against_the_mirror():
    mirror = Mirror()
    mirror.apply_all_items("shows", {"shows": [simkl_show(n) for n in (1, 2, 3)]}, full=True)
    removed = mirror.apply_removals("shows", {"shows": [{"show": {"ids": {"simkl": 2}}},
                                                        {"show": {"ids": {"simkl": 3, "slug": "x"}}}]})
    assert removed == [1]
    assert sorted(item.simkl for item in mirror.entries("shows")) == [2, 3]
    assert [item.simkl for item in mirror.removed_entries("shows")] == [1]


def test_an_item_back_on_simkl_leaves_the_removed_set():
    mirror = Mirror()
    mirror.apply_all_items("movies", {"movies": [simkl_movie(1), simkl_movie(2)]}, full=True)
    mirror.apply_removals("movies", {"movies": [{"movie": {"ids": {"simkl": 2}}}]})
    mirror.apply_all_items("movies", {"movies": [simkl_movie(1)]}, full=False)
    assert list(mirror.removed_entries("movies")) == []


@pytest.mark.parametrize("body", [None, {}, {"movies": []}, {"movies": [{"movie": {"ids": {}}}]}])
def test_an_id_list_naming_nothing_removes_nothing(body):
    mirror = Mirror()
    mirror.apply_all_items("movies", {"movies": [simkl_movie(1)]}, full=True)
    assert mirror.apply_removals("movies", body) == []
    assert mirror.get("movies", 1) is not None


PLAYBACK = [
    {"id": 123, "progress": 45.5, "paused_at": "2024-01-15T10:30:00.000Z", "type": "episode",
     "episode": {"season": 1, "episode": 5, "tvdb_season": 1, "tvdb_number": 5},
     "show": {"title": "Breaking Bad", "year": 2008, "ids": {"simkl": 12345, "tmdb": 1429}}},
    {"id": 124, "progress": 75, "paused_at": "2024-01-15T11:15:00Z", "type": "movie",
     "movie": {"title": "Inception", "year": 2010, "ids": {"simkl": 67890, "imdb": "tt1375666"}}},
    {"id": 125, "progress": "20", "paused_at": "2024-01-15T11:15:00Z", "type": "episode",
     "episode": {"number": 3}, "anime": {"title": "HxH", "ids": {"simkl": 40398}}},
    {"id": 126, "progress": 0, "paused_at": "2024-01-15T11:15:00Z", "type": "movie", "movie": {"ids": {}}},
    {"id": 127, "progress": 50, "paused_at": None, "type": "movie", "movie": {"ids": {"simkl": 1}}},
    "junk",
]


def test_playback_sessions_are_read_in_all_their_shapes():
    mirror = Mirror()
    assert mirror.set_playback(PLAYBACK) == 3
    episode, movie, anime = mirror.playback
    assert (episode["kind"], episode["simkl"]) == ("episode", 12345)
    assert (episode["season"], episode["episode"]) == (1, 5)
    assert episode["paused_at"] == to_epoch("2024-01-15T10:30:00Z") and episode["progress"] == 45.5
    assert (movie["kind"], movie["ids"]["imdb"], movie["progress"]) == ("movie", "tt1375666", 75.0)
    assert (anime["anime"], anime["episode"], anime["season"]) == (True, 3, None)


def test_a_show_session_is_anime_when_the_show_is_in_the_anime_list():
    mirror = Mirror()
    mirror.apply_all_items("anime", {"anime": [simkl_show(12345)]}, full=True)
    mirror.set_playback(PLAYBACK[:1])
    assert mirror.playback[0]["anime"] is True


def test_playback_is_replaced_not_merged_so_cleared_sessions_vanish():
    mirror = Mirror()
    mirror.set_playback(PLAYBACK)
    mirror.set_playback([])
    assert mirror.playback == []
    mirror.set_playback(None)
    assert mirror.playback == []


def test_round_trip_through_json_keeps_everything():
    mirror = Mirror()
    movies = [simkl_movie(1, imdb="tt0000001"), simkl_movie(2)]
    mirror.apply_all_items("movies", {"movies": movies}, full=True)
    mirror.apply_all_items("anime", {"anime": [
        simkl_show(40, {(1, 1): ("2024-01-01T00:00:00Z", (2, 13))}, anime_type="tv")]}, full=True)
    mirror.apply_removals("movies", {"movies": [{"movie": {"ids": {"simkl": 2}}}]})
    mirror.set_playback(PLAYBACK)
    copy = Mirror.from_dict(json.loads(json.dumps(mirror.to_dict())))
    assert copy.to_dict() == mirror.to_dict()
    assert copy.get("anime", 40).tvdb_map == {episode_code(1, 1): episode_code(2, 13)}
    assert [item.simkl for item in copy.removed_entries("movies")] == [1]


@pytest.mark.parametrize(
    "stored", [None, {}, [], {"schema": 99}, {"items": {"movies": {"x": 1, "5": "bad"}}}])
def test_from_dict_tolerates_missing_or_broken_state(stored):
    mirror = Mirror.from_dict(stored)
    assert list(mirror.entries("movies")) == []
