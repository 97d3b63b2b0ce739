import copy

from simklsync.core.activities import plan_fetches

SAVED = {
    "all": "2026-05-14T06:50:38Z",
    "settings": {"all": "2026-02-15T22:53:03Z"},
    "tv_shows": {"all": "2026-05-14T06:49:56Z", "rated_at": "2026-04-10T05:34:55Z",
                 "playback": "2026-04-11T10:36:01Z", "plantowatch": "2026-04-10T05:42:42Z",
                 "watching": "2026-05-04T19:40:58Z", "completed": "2026-04-11T11:50:21Z",
                 "hold": None, "dropped": "2026-05-14T06:49:56Z",
                 "removed_from_list": "2026-04-10T05:34:55Z"},
    "anime": {"all": "2026-05-14T06:50:38Z", "rated_at": "2026-04-10T05:34:55Z",
              "playback": "2026-05-14T06:50:38Z", "plantowatch": "2026-05-14T06:41:53Z",
              "watching": "2026-05-14T06:43:00Z", "completed": "2026-05-14T06:42:42Z",
              "hold": "2026-05-14T06:42:05Z", "dropped": "2026-05-14T06:49:56Z",
              "removed_from_list": "2026-04-10T05:34:55Z"},
    "movies": {"all": "2026-05-14T06:50:38Z", "rated_at": "2026-05-14T06:43:20Z",
               "playback": "2026-05-14T06:50:38Z", "plantowatch": "2026-05-14T06:43:11Z",
               "completed": "2026-05-14T06:43:15Z", "dropped": "2026-05-14T06:49:56Z",
               "removed_from_list": "2026-04-10T05:34:55Z"},
}


def moved(**changes):
    """SAVED with some buckets moved: moved(movies={"completed": "..."})."""
    new = copy.deepcopy(SAVED)
    new["all"] = "2026-05-15T09:00:00Z"
    for domain, buckets in changes.items():
        new[domain].update(buckets)
    return new


def test_first_sync_pulls_every_type_in_full_and_playback():
    plan = plan_fetches(None, SAVED)
    assert plan.first_sync and not plan.unchanged
    assert plan.lists == [("movies", None), ("shows", None), ("anime", None)]
    assert plan.playback and plan.removals == []


def test_same_top_level_all_means_nothing_to_fetch():
    plan = plan_fetches(SAVED, copy.deepcopy(SAVED))
    assert plan.unchanged and not plan.first_sync
    assert plan.lists == [] and plan.removals == [] and not plan.playback


def test_one_moved_list_fetches_that_type_from_its_saved_stamp_less_a_second():
    plan = plan_fetches(SAVED, moved(movies={"completed": "2026-05-15T09:00:00Z"}))
    assert plan.lists == [("movies", "2026-05-14T06:43:14Z")]
    assert plan.removals == [] and not plan.playback


def test_tv_shows_domain_maps_to_the_shows_path_and_the_earliest_moved_stamp_wins():
    plan = plan_fetches(SAVED, moved(tv_shows={"watching": "2026-05-15T09:00:00Z",
                                               "completed": "2026-05-15T08:00:00Z"}))
    assert plan.lists == [("shows", "2026-04-11T11:50:20Z")]


def test_a_list_used_for_the_first_time_falls_back_to_the_domain_stamp():
    plan = plan_fetches(SAVED, moved(tv_shows={"hold": "2026-05-15T09:00:00Z"}))
    assert plan.lists == [("shows", "2026-05-14T06:49:55Z")]


def test_removed_from_list_asks_for_an_id_diff_and_playback_for_sessions():
    plan = plan_fetches(SAVED, moved(anime={"removed_from_list": "2026-05-15T09:00:00Z"},
                                     tv_shows={"playback": "2026-05-15T09:00:00Z"}))
    assert plan.lists == []
    assert plan.removals == ["anime"]
    assert plan.playback


def test_only_a_rating_moved_fetches_nothing_but_is_not_unchanged():
    plan = plan_fetches(SAVED, moved(movies={"rated_at": "2026-05-15T09:00:00Z"}))
    assert not plan.unchanged and plan.lists == [] and plan.removals == [] and not plan.playback


def test_types_not_asked_for_are_ignored():
    plan = plan_fetches(SAVED, moved(movies={"completed": "2026-05-15T09:00:00Z"}), types=("shows",))
    assert plan.lists == []


def test_null_buckets_missing_blocks_and_movies_without_watching_are_tolerated():
    saved = {"all": "2026-01-01T00:00:00Z", "movies": None, "tv_shows": {"watching": None}}
    new = {"all": "2026-02-01T00:00:00Z", "movies": {"completed": "2026-02-01T00:00:00Z", "watching": None},
           "tv_shows": {"watching": "2026-02-01T00:00:00Z"}, "anime": None}
    plan = plan_fetches(saved, new)
    # Nothing saved for movies' block: the account's saved `all` is still a safe start.
    assert plan.lists == [("movies", "2025-12-31T23:59:59Z"), ("shows", "2025-12-31T23:59:59Z")]


def test_nothing_saved_at_all_for_a_moved_list_means_a_full_pull():
    plan = plan_fetches({"all": None, "movies": {}}, {"all": "2026-02-01T00:00:00Z",
                                                        "movies": {"completed": "2026-02-01T00:00:00Z"}})
    assert plan.lists == [("movies", None)]


def test_garbage_new_answer_fetches_nothing():
    plan = plan_fetches(SAVED, "not json")
    assert plan.lists == [] and plan.removals == [] and not plan.playback


def test_a_bucket_that_went_backwards_is_fetched_from_the_older_stamp():
    plan = plan_fetches(SAVED, moved(movies={"completed": "2026-05-01T00:00:00Z"}))
    assert plan.lists == [("movies", "2026-04-30T23:59:59Z")]

