"""sync/removal_guard.py: a cycle's unwatches per type against the items in sync, the held ones taken out of the
plan with their list tags, and no unwatch of a type whose answer was suspect this cycle."""
from simklsync.core.plan.planner import Plan, Write
from simklsync.core.state.mirror import Mirror
from simklsync.core.state.sync_state import SyncState
from simklsync.sync.removal_guard import guard_plan


def world(unwatched, in_sync=60):
    mirror = Mirror()
    mirror.apply_all_items("movies", {"movies": [{"movie": {"title": f"Film {n}", "ids": {"simkl": n}},
                                                   "status": "completed"} for n in range(1, in_sync + 1)]}, True)
    plan = Plan()
    plan.writes = [Write("movie", n, f"m:{n}", playcount=0) for n in range(1, unwatched + 1)]
    plan.writes.append(Write("movie", 999, "m:1", playcount=1))  # a mark: never held
    plan.unmarked_keys = [f"m:{n}" for n in range(1, unwatched + 1)]
    state = SyncState(mirror={}, synced=[f"m:{n}" for n in range(1, in_sync + 1)])
    return mirror, plan, state


def test_a_large_unwatch_is_taken_out_of_the_plan_and_the_user_told():
    mirror, plan, state = world(11)
    told, reread, held = guard_plan(plan, mirror, state, whole=True, read_whole=set(), auto_apply=False)
    assert told == ["movies"] and reread == {"movies"} and len(held) == 11
    assert [(w.kodi_id, w.playcount) for w in plan.writes] == [(999, 1)]
    assert state.held["movies"]["titles"] == ["Film 1", "Film 2", "Film 3", "Film 4", "Film 5"]


def test_ten_unwatches_go_through():
    mirror, plan, state = world(10)
    assert guard_plan(plan, mirror, state, True, set(), False) == ([], set(), set())
    assert len(plan.writes) == 11


def test_no_unwatch_of_a_type_whose_answer_was_suspect():
    mirror, plan, state = world(2)
    told, _, held = guard_plan(plan, mirror, state, True, set(), False, suspect=(["movies ids"], set()))
    assert told == [] and len(held) == 2 and [w.kodi_id for w in plan.writes] == [999]
    assert state.held == {}


def test_a_suspect_type_still_unwatches_what_a_sound_id_list_just_removed():
    mirror, plan, state = world(2)
    guard_plan(plan, mirror, state, True, set(), False, suspect=(["movies"], {2}))
    assert sorted(w.kodi_id for w in plan.writes) == [2, 999]


def test_keep_my_library_takes_the_items_out_of_the_synced_ones():
    mirror, plan, state = world(30)
    guard_plan(plan, mirror, state, True, set(), False)
    mirror, plan, _ = world(30)
    guard_plan(plan, mirror, state, True, set(), False, answers={"movies": "keep"})
    assert state.held == {} and state.synced == {f"m:{n}" for n in range(31, 61)}
