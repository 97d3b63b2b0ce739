"""The bench's "what a user looks at first" measure (issue 18): counted on the write order, timed by OnUpdate."""
from types import SimpleNamespace

from resources.lib.simklsync.core.plan.planner import Write
from tools.bench.core_bench import writes_until_recent
from tools.bench.kodi_cycles import first_updates
from tools.bench.kodi_rows import recent_items_time


def marked(kodi_id, day):
    return Write("episode", kodi_id, f"e:1:1:{kodi_id}", {"playcount": 1, "lastplayed": f"2026-01-{day:02d} 10:00:00"})


def test_the_count_ends_at_the_last_of_the_newest_watches_and_the_resume_points():
    writes = [marked(1, 1), marked(2, 5), marked(3, 3), marked(4, 2)]
    assert writes_until_recent(writes, count=2) == 3  # the newest two: days 5 and 3
    assert writes_until_recent(list(reversed(writes)), count=2) == 3
    resume = Write("movie", 9, "m:9", {"resume": {"position": 60, "total": 600}})
    assert writes_until_recent(writes + [resume], count=2) == 5
    assert writes_until_recent([], count=2) == 0


def test_first_updates_keep_each_items_first_onupdate():
    notes = [("VideoLibrary.OnUpdate", {"data": {"item": {"id": 7, "type": "episode"}}}),
             ("Player.OnPlay", {"data": {"item": {"id": 8, "type": "episode"}}}),
             ("VideoLibrary.OnUpdate", {"data": {"item": {"id": 7, "type": "episode"}}}),
             ("VideoLibrary.OnUpdate", {"data": {"item": {"id": 7, "type": "movie"}}}),
             ("VideoLibrary.OnUpdate", {}), ("VideoLibrary.OnUpdate", None)]
    assert first_updates(notes, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]) == {("episode", 7): 1.0, ("movie", 7): 4.0}


def test_the_time_is_the_last_first_onupdate_of_the_set_and_none_when_one_is_missing():
    plan = SimpleNamespace(writes=[marked(1, 1), marked(2, 5), marked(3, 3)])
    cycle = SimpleNamespace(started_at=100.0, updated_at={("episode", 1): 109.0, ("episode", 2): 101.0,
                                                          ("episode", 3): 104.0})
    assert recent_items_time(plan, cycle) == 9.0  # 100 newest: all three here
    del cycle.updated_at[("episode", 3)]
    assert recent_items_time(plan, cycle) is None


def test_a_first_syncs_phases_leave_out_the_calendar_files_fetched_after_its_writes():
    from tools.bench.kodi_cycles import _phases, line_time
    text = "2026-12-07 20:00:05.000 T:1 info <general>: [script.simkl.sync] applying 10 library writes\n"
    applied_at = line_time(text, 30)
    requests = [{"path": "/sync/activities", "start": applied_at - 4.0, "end": applied_at - 3.5},
                {"path": "/sync/all-items/shows", "start": applied_at - 3.5, "end": applied_at - 1.0},
                {"path": "/calendar/tv.json", "start": applied_at + 20.0, "end": applied_at + 20.5}]
    phases = _phases(text, applied_at - 5.0, applied_at + 21.0, requests)
    assert phases["HTTP (first request → last answer)"] == 3.0
    assert phases["snapshot + plan (last answer → applying)"] == 1.0
    assert phases["writes + state save (applying → sync line)"] == 21.0
