"""The service's check timer on a fake clock: due after the interval, counted as made once due, stretched
while idle, a return check at once, and the day's budget respected."""
from simklsync.core.freshness import IDLE_INTERVAL_SECONDS
from simklsync.service.check_timer import CheckTimer

from tests.unit.service.fake_clock import FakeClock


class FewLeft:
    """A day budget with 4 requests left and 2 hours to go: the timer may spend 2, one an hour."""

    def remaining(self, now):
        return 4

    def seconds_left(self, now):
        return 7200.0


def test_the_timer_is_due_after_its_interval_and_counts_as_made_once_due():
    clock = FakeClock()
    timer = CheckTimer(clock, 30)
    assert timer.tick() is None and timer.wait_seconds() == 30.0
    clock.advance(30 * 60)
    assert timer.tick() == "timer"
    assert timer.tick() is None  # the next tick does not ask again while the sync runs
    timer.set_interval(5)
    clock.advance(5 * 60 - 0.2)
    assert timer.wait_seconds() == 0.5


def test_any_sync_restarts_the_timer():
    clock = FakeClock()
    timer = CheckTimer(clock, 30)
    clock.advance(20 * 60)
    timer.checked()
    clock.advance(20 * 60)
    assert timer.tick() is None


def test_idle_stretches_and_the_return_asks_at_once():
    clock = FakeClock()
    timer = CheckTimer(clock, 30)
    assert timer.screensaver(True) is None
    clock.advance(2 * 3600)
    assert timer.tick() is None
    at, why = timer.next_check()
    assert (at, why) == (1000.0 + IDLE_INTERVAL_SECONDS, "idle")
    assert timer.screensaver(False) == "return"


def test_input_after_a_long_idle_is_a_return_once():
    clock = FakeClock()
    timer = CheckTimer(clock, 30)
    clock.advance(25 * 60)
    assert timer.idle_for(25 * 60) is None
    assert timer.idle_for(2) == "return"
    assert timer.idle_for(1) is None


def test_a_short_budget_spaces_the_timer():
    clock = FakeClock()
    timer = CheckTimer(clock, 5, budget=FewLeft())
    assert timer.next_check() == (1000.0 + 3600.0, "budget")
