"""When the next activities check is due: the user's interval in use, hours while nobody is there, at once
when the user comes back (but not twice within a few minutes), and never past the day's request budget."""
from simklsync.core.freshness import (
    BUDGET,
    IDLE,
    IDLE_INTERVAL_SECONDS,
    JUST_CHECKED_SECONDS,
    RETURN,
    RETURN_SPACING_SECONDS,
    TIMER,
    WAKE,
    Budget,
    Freshness,
    budget_floor,
)

HOUR = 3600.0


def fresh(interval=30 * 60.0, now=1000.0):
    schedule = Freshness(interval)
    schedule.start(now)
    return schedule


def test_in_use_the_users_interval_holds():
    schedule = fresh()
    assert schedule.next_due() == (1000.0 + 1800.0, TIMER)
    schedule.checked(5000.0)
    assert schedule.next_due() == (6800.0, TIMER)


def test_screensaver_on_with_nothing_playing_stretches_the_timer_to_hours():
    schedule = fresh()
    schedule.screensaver_on()
    assert schedule.next_due() == (1000.0 + IDLE_INTERVAL_SECONDS, IDLE)


def test_screensaver_during_playback_is_not_idle():
    schedule = fresh()
    schedule.playing(True)
    schedule.screensaver_on()
    assert schedule.next_due().why == TIMER
    schedule.playing(False)
    assert schedule.next_due().why == IDLE


def test_a_user_interval_longer_than_the_idle_one_is_kept_while_idle():
    schedule = fresh(interval=6 * HOUR)
    schedule.screensaver_on()
    assert schedule.next_due() == (1000.0 + 6 * HOUR, IDLE)


def test_screensaver_ending_after_hours_asks_for_a_check_at_once():
    schedule = fresh()
    schedule.screensaver_on()
    assert schedule.screensaver_off(1000.0 + 3 * HOUR) == RETURN
    assert schedule.next_due().why == TIMER


def test_screensaver_ending_right_after_a_check_asks_for_none():
    schedule = fresh()
    schedule.screensaver_on()
    schedule.checked(5000.0)
    assert schedule.screensaver_off(5000.0 + JUST_CHECKED_SECONDS - 1) is None
    schedule.screensaver_on()
    assert schedule.screensaver_off(5000.0 + JUST_CHECKED_SECONDS) == RETURN


def test_at_most_one_return_check_every_few_minutes():
    schedule = fresh()
    schedule.screensaver_on()
    assert schedule.screensaver_off(5000.0) == RETURN
    schedule.screensaver_on()
    assert schedule.screensaver_off(5000.0 + RETURN_SPACING_SECONDS - 1) is None
    schedule.screensaver_on()
    assert schedule.screensaver_off(5000.0 + RETURN_SPACING_SECONDS) == RETURN


def test_screensaver_off_without_it_having_been_on_is_no_return():
    assert fresh().screensaver_off(99999.0) is None


def test_wake_asks_for_a_check_and_ends_idle():
    schedule = fresh()
    schedule.screensaver_on()
    assert schedule.woke(1000.0 + 8 * HOUR) == WAKE
    assert not schedule.idle


def test_two_signals_of_one_return_give_one_check_even_before_it_ran():
    schedule = fresh()
    schedule.screensaver_on()
    assert schedule.screensaver_off(1000.0 + 8 * HOUR) == RETURN
    assert schedule.input_after(8 * HOUR, 1000.0 + 8 * HOUR + 1) is None
    assert schedule.woke(1000.0 + 8 * HOUR + 2) is None


def test_a_granted_return_check_restarts_the_timer():
    schedule = fresh()
    assert schedule.woke(1000.0 + 8 * HOUR) == WAKE
    assert schedule.next_due() == (1000.0 + 8 * HOUR + 1800.0, TIMER)


def test_input_after_a_long_absence_is_a_return_and_a_short_one_is_not():
    schedule = fresh()
    assert schedule.input_after(60.0, 1000.0 + HOUR) is None
    assert schedule.input_after(20 * 60.0, 1000.0 + HOUR) == RETURN


def test_the_budget_stretches_a_short_interval_when_few_requests_are_left():
    schedule = fresh(interval=5 * 60.0)
    # 10 hours left, 40 requests left: the timer may spend 20 of them, one every 30 minutes.
    due = schedule.next_due(Budget(remaining=40, seconds_left=10 * HOUR))
    assert due == (1000.0 + 30 * 60.0, BUDGET)


def test_a_roomy_budget_leaves_the_interval_alone():
    schedule = fresh(interval=30 * 60.0)
    assert schedule.next_due(Budget(remaining=900, seconds_left=10 * HOUR)).why == TIMER


def test_an_exhausted_budget_waits_for_the_next_day():
    assert budget_floor(Budget(remaining=0, seconds_left=2 * HOUR)) == 2 * HOUR
    assert budget_floor(Budget(remaining=-5, seconds_left=2 * HOUR)) == 2 * HOUR
    assert budget_floor(None) == 0.0


def test_an_idle_day_with_the_shortest_interval_stays_within_a_few_dozen_checks():
    schedule = fresh(interval=5 * 60.0, now=0.0)
    schedule.screensaver_on()
    now, checks = 0.0, 0
    while True:
        now = schedule.next_due().at
        if now > 24 * HOUR:
            break
        schedule.checked(now)
        checks += 1
    assert checks == 24 * HOUR // IDLE_INTERVAL_SECONDS
