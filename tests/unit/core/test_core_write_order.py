"""What a user looks at lands first (issue 18): resume points, the latest episode of each show in progress,
then the newest watches, then the rest; the order changes when a write goes, never what is written."""
import random

from core_builders import kodi_episode, kodi_movie, kodi_show, mirror_of, plan_for, simkl_movie, simkl_show
from simklsync.core.plan.planner import Write
from simklsync.core.plan.write_order import user_first

SHOW_WATCHING, SHOW_COMPLETED = 5, 6


def shows_mirror():
    return mirror_of(shows=[simkl_show(SHOW_WATCHING, {(1, 1): "2026-05-01T20:00:00Z"}, tvdb="1"),
                            simkl_show(SHOW_COMPLETED, {(1, 1): "2026-05-01T20:00:00Z"}, status="completed",
                                       tvdb="2")])


def mark(media, kodi_id, key, lastplayed=None):
    fields = {"playcount": 1, "resume": {"position": 0, "total": 0}}
    if lastplayed:
        fields["lastplayed"] = lastplayed
    return Write(media, kodi_id, key, fields)


def names(writes):
    return [write.key for write in writes]


def test_resume_points_then_shows_in_progress_then_newest_watches_then_the_rest():
    writes = [
        mark("movie", 1, "m:1", "2026-01-01 10:00:00"),
        Write("movie", 2, "m:2", {"playcount": 0}),  # an unmark
        mark("movie", 3, "m:3"),  # watched, date unknown
        mark("episode", 10, "e:5:1:1", "2025-01-01 10:00:00"),
        mark("episode", 11, "e:5:1:2", "2025-01-02 10:00:00"),
        mark("episode", 12, "e:6:1:1", "2026-03-01 10:00:00"),  # a completed show: by date
        Write("episode", 13, "e:6:1:3", {"resume": {"position": 600, "total": 2700}}),
        mark("movie", 4, "m:4", "2026-02-01 10:00:00"),
    ]
    ordered = user_first(writes, shows_mirror())
    assert names(ordered) == ["e:6:1:3", "e:5:1:2", "e:6:1:1", "m:4", "m:1", "e:5:1:1", "m:2", "m:3"]


def test_the_latest_episode_of_a_show_in_progress_is_its_highest_season_and_number():
    writes = [mark("episode", 10, "e:5:2:1", "2025-01-01 10:00:00"),
              mark("episode", 11, "e:5:1:9", "2025-06-01 10:00:00"),
              mark("episode", 12, "e:5:10:1", "2024-01-01 10:00:00")]
    assert names(user_first(writes, shows_mirror())) == ["e:5:10:1", "e:5:1:9", "e:5:2:1"]


def test_an_unmark_or_a_lastplayed_only_write_of_a_show_in_progress_is_not_its_latest_episode():
    writes = [Write("episode", 10, "e:5:1:3", {"playcount": 0}),
              Write("episode", 11, "e:5:1:2", {"lastplayed": "2026-01-01 10:00:00"}),
              mark("episode", 12, "e:5:1:1", "2025-01-01 10:00:00")]
    assert names(user_first(writes, shows_mirror())) == ["e:5:1:1", "e:5:1:2", "e:5:1:3"]


def test_a_show_unknown_to_the_mirror_or_a_foreign_key_is_ordered_by_date():
    writes = [mark("episode", 10, "e:99:1:1", "2025-01-01 10:00:00"), mark("episode", 11, "kodi:episode:11"),
              mark("episode", 12, "e:5:x:1", "2026-01-01 10:00:00")]
    assert names(user_first(writes, shows_mirror())) == ["e:5:x:1", "e:99:1:1", "kodi:episode:11"]


def test_the_order_is_stable_keeps_every_write_and_leaves_the_input_alone():
    rng = random.Random(18)
    writes = [mark("episode", n, f"e:{rng.choice((5, 6, 7))}:1:{n}",
                   rng.choice(("", "2026-01-01 10:00:00", "2026-02-01 10:00:00")))
              for n in range(1, 200)]
    before = list(writes)
    ordered = user_first(writes, shows_mirror())
    assert writes == before
    assert sorted(map(id, ordered)) == sorted(map(id, writes))
    same_day = [w.kodi_id for w in ordered if w.fields.get("lastplayed") == "2026-02-01 10:00:00"
                and not w.key.startswith("e:5:")]
    assert same_day == sorted(same_day)


def test_a_first_sync_plan_puts_the_resume_point_and_the_show_in_progress_before_the_older_watches():
    playback = [{"id": 1, "progress": 50.0, "paused_at": "2026-05-13T12:00:00Z", "type": "movie",
                 "movie": {"title": "M", "ids": {"simkl": 2, "imdb": "tt0000002"}}}]
    mirror = mirror_of([simkl_movie(1, watched_at="2026-05-10T20:00:00Z", imdb="tt0000001"),
                        simkl_movie(2, status="watching", imdb="tt0000002")],
                       shows=[simkl_show(SHOW_WATCHING, {(1, 1): "2026-01-01T20:00:00Z",
                                                         (1, 2): "2026-01-02T20:00:00Z"}, tvdb="1")],
                       playback=playback)
    plan = plan_for(mirror, [kodi_movie(1, imdb="tt0000001"), kodi_movie(2, runtime=6000, imdb="tt0000002")],
                    [kodi_show(7, tvdb="1")], [kodi_episode(70, 7, 1, 1), kodi_episode(71, 7, 1, 2)])
    assert names(plan.writes) == ["m:2", "e:5:1:2", "m:1", "e:5:1:1"]
    assert plan.writes[0].fields == {"resume": {"position": 3000, "total": 6000}}


def test_planned_watches_in_the_repeated_autumn_hour_go_as_their_kodi_texts_compare():
    from simklsync.core.times import to_epoch

    try:
        from zoneinfo import ZoneInfo
    except ImportError:  # Python 3.8: the backport
        from backports.zoneinfo import ZoneInfo
    berlin = ZoneInfo("Europe/Berlin")
    # 2026-10-25 Berlin: 02:00-03:00 happens twice (CEST until 01:00Z, then CET).
    instants = {"m:1": "2026-10-25T00:44:00Z", "m:2": "2026-10-25T01:16:00Z", "m:3": "2026-10-25T01:44:00Z",
                "m:4": "2026-10-25T00:16:00Z"}  # texts 02:44, 02:16, 02:44, 02:16
    writes = []
    for kodi_id, (key, stamp) in enumerate(instants.items(), start=1):
        write = Write("movie", kodi_id, key, {"playcount": 1})
        write.played(to_epoch(stamp), berlin)
        writes.append(write)
    ordered = user_first(writes, shows_mirror())
    assert [w.lastplayed for w in ordered] == ["2026-10-25 02:44:00"] * 2 + ["2026-10-25 02:16:00"] * 2
    assert names(ordered) == ["m:1", "m:3", "m:2", "m:4"]  # equal texts keep the plan's order
    texts = [Write(w.media, w.kodi_id, w.key, dict(w.fields)) for w in writes]
    assert names(user_first(texts, shows_mirror())) == names(ordered)  # the same writes given as text
