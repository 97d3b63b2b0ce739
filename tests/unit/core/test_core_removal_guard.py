"""The guard on large removals (core/plan/guard.py): its edges, per type, over several cycles."""
import pytest
from simklsync.core.plan.guard import APPLY, KEEP, RemovalGuard, clean, is_large
from simklsync.core.state.state_store import StateStore
from simklsync.core.state.sync_state import SyncState

TITLES = ["Arrival", "Inception", "The Matrix", "Dune", "Heat", "Alien", "Up"]


@pytest.mark.parametrize("in_sync, at_limit", [(0, 10), (60, 10), (200, 10), (210, 10), (400, 20), (2000, 100)])
def test_exactly_at_the_threshold_is_applied_one_more_is_held(in_sync, at_limit):
    assert not is_large(at_limit, in_sync)
    assert is_large(at_limit + 1, in_sync)


def test_five_percent_of_an_odd_count_is_not_rounded_down():
    assert is_large(11, 210)  # 5 % of 210 is 10.5: 11 is more
    assert not is_large(10, 210)


def held_cycle(guard, count=50, in_sync=60, whole=True, read_whole=False, type_="movies"):
    return guard.review(type_, count, in_sync, TITLES, whole=whole, read_whole=read_whole)


def test_a_large_removal_is_held_the_user_told_once_and_the_type_read_again():
    guard = RemovalGuard({})
    verdict = held_cycle(guard)
    assert not verdict.apply and verdict.told
    assert guard.held["movies"]["count"] == 50 and guard.held["movies"]["titles"] == TITLES[:5]
    assert guard.untold() == ["movies"] and guard.untold() == []
    assert guard.to_reread() == {"movies"}


def test_a_small_removal_goes_through_at_once():
    guard = RemovalGuard({})
    assert held_cycle(guard, count=10).apply
    assert guard.held == {}


def test_an_emptied_type_is_held_whatever_the_count():
    guard = RemovalGuard({})
    assert not guard.review("anime", 1, 1000, TITLES, True, False, emptied=True).apply
    assert guard.review("shows", 0, 1000, TITLES, True, False, emptied=True).apply  # nothing to unwatch


def test_each_type_is_judged_against_its_own_items_in_sync():
    guard = RemovalGuard({})
    assert not guard.review("movies", 12, 60, TITLES, True, False).apply
    assert guard.review("shows", 12, 1000, TITLES, True, False).apply  # 12 of 1,000 episodes: small
    assert set(guard.held) == {"movies"}


def test_the_same_answer_again_without_a_new_read_does_not_count_as_agreeing():
    guard = RemovalGuard({})
    held_cycle(guard)
    assert not held_cycle(guard, read_whole=False).apply
    assert guard.held["movies"]["reads"] == 1 and guard.to_reread() == {"movies"}


def test_a_later_read_that_agrees_still_waits_for_the_user():
    guard = RemovalGuard({})
    held_cycle(guard)
    assert not held_cycle(guard, read_whole=True).apply
    assert guard.held["movies"]["reads"] == 2 and guard.to_reread() == set()
    for _ in range(3):  # cycles go by: still held, nobody told again
        assert not held_cycle(guard).apply
    assert guard.untold() == ["movies"] and guard.untold() == []


def test_apply_after_a_later_read_agrees_applies_it():
    guard = RemovalGuard({})
    held_cycle(guard)
    held_cycle(guard, read_whole=True)
    assert guard.decide("movies", APPLY)
    assert not held_cycle(guard, read_whole=False).apply  # applied only at a fresh whole read
    assert held_cycle(guard, read_whole=True).apply
    assert guard.held == {}


def test_apply_before_any_later_read_waits_for_it():
    guard = RemovalGuard({})
    held_cycle(guard)
    guard.decide("movies", APPLY)
    assert not held_cycle(guard, read_whole=False).apply
    assert held_cycle(guard, read_whole=True).apply


def test_keep_my_library_drops_the_change_and_forgets_its_items():
    guard = RemovalGuard({})
    held_cycle(guard)
    assert guard.decide("movies", KEEP)
    verdict = held_cycle(guard)
    assert not verdict.apply and verdict.forget
    assert guard.held == {}


def test_an_answer_without_anything_held_is_ignored():
    guard = RemovalGuard({})
    assert not guard.decide("movies", APPLY)
    assert not guard.decide("movies", "delete everything")


def test_the_setting_applies_it_once_a_later_read_agrees_without_asking():
    guard = RemovalGuard({}, auto_apply=True)
    assert not held_cycle(guard).apply  # never on the first read
    assert held_cycle(guard, read_whole=True).apply


def test_a_later_healthy_answer_cancels_the_pending_change():
    guard = RemovalGuard({})
    held_cycle(guard)
    assert held_cycle(guard, count=2, read_whole=True).apply  # two real removals: applied as any small one
    assert guard.held == {}


def test_a_small_delta_while_a_change_is_held_goes_through_and_keeps_it_pending():
    guard = RemovalGuard({})
    held_cycle(guard)
    assert held_cycle(guard, count=1, whole=False).apply
    assert "movies" in guard.held


def test_the_pending_change_survives_the_state_file(tmp_path):
    guard = RemovalGuard({})
    held_cycle(guard)
    held_cycle(guard, read_whole=True)
    store = StateStore(str(tmp_path / "state.json"))
    store.save(SyncState(mirror={}, held=guard.held))
    assert store.load().held == guard.held
    assert store.load_head().held == guard.held  # the status and an idle cycle see it too
    again = RemovalGuard(store.load().held)
    again.decide("movies", APPLY)
    assert held_cycle(again, read_whole=True).apply


@pytest.mark.parametrize("saved", [None, [], "x", {"movies": "x"}, {"movies": {"count": "many"}}, {3: {"count": 1}}])
def test_an_unreadable_pending_change_is_dropped(saved):
    assert clean(saved) == {}


def test_a_damaged_pending_change_keeps_what_is_readable():
    kept = clean({"movies": {"count": 40, "titles": ["A", 3, None], "reads": "2", "decision": "wipe"}})
    assert kept == {"movies": {"count": 40, "in_sync": 0, "titles": ["A"], "reads": 1, "notified": False,
                               "decision": None, "emptied": False}}
