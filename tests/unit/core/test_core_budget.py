"""core/budget.py on a fake wall clock: the day's count, the day-cap back-off schedule, probes, persistence."""
from simklsync.core.budget import (
    FIRST_BACKOFF,
    DayBudget,
    backoff_until,
    is_day_cap,
    next_utc_midnight,
    utc_text,
)
from simklsync.core.times import to_epoch

MORNING = to_epoch("2026-12-01T08:00:00Z")
MIDNIGHT = to_epoch("2026-12-02T00:00:00Z")


class Store:
    def __init__(self):
        self.data = None

    def load(self):
        return self.data

    def save(self, data):
        self.data = data


def test_requests_are_counted_per_utc_day():
    budget = DayBudget()
    for _ in range(3):
        budget.sent(MORNING)
    assert budget.today(MORNING) == 3 and budget.remaining(MORNING) == 497
    budget.sent(MIDNIGHT + 1)
    assert budget.today(MIDNIGHT + 1) == 1
    assert budget.seconds_left(MORNING) == 16 * 3600


def test_the_back_off_grows_and_never_passes_the_next_utc_midnight():
    budget = DayBudget()
    now, ends = MORNING, []
    while now < MIDNIGHT:
        until = budget.refused(now)
        ends.append(until - now)
        assert budget.blocked(now) == until
        now = until
    assert ends[:6] == [FIRST_BACKOFF * 2 ** n for n in range(6)]  # 08:00 → 08:15 … 23:45, then 00:00
    assert now == MIDNIGHT  # capped at midnight, where a new day starts
    assert budget.blocked(now) is None
    assert budget.refused(now) - now == FIRST_BACKOFF  # a new day starts the schedule over


def test_a_storm_costs_a_handful_of_requests_a_day():
    budget, now, sent = DayBudget(), to_epoch("2026-12-01T00:00:00Z"), 0
    while now < MIDNIGHT:
        if budget.blocked(now) is None:
            sent += 1
            budget.sent(now)
            budget.refused(now)
        now += 60
    assert sent <= 8


def test_a_probe_goes_through_a_block_once():
    budget = DayBudget()
    until = budget.refused(MORNING)
    budget.allow_attempt()
    assert budget.blocked(MORNING + 1) is None
    assert budget.blocked(MORNING + 2) == until


def test_an_answer_lifts_the_block_and_the_notice_is_given_once_per_cap():
    budget = DayBudget()
    budget.refused(MORNING)
    assert budget.first_notice() and not budget.first_notice()
    budget.refused(MORNING + FIRST_BACKOFF)
    assert not budget.first_notice()
    budget.succeeded(MORNING + 3 * FIRST_BACKOFF)
    assert budget.blocked(MORNING + 3 * FIRST_BACKOFF) is None
    budget.refused(MORNING + 4 * FIRST_BACKOFF)
    assert budget.first_notice()


def test_the_state_survives_a_restart():
    store = Store()
    budget = DayBudget(store)
    budget.sent(MORNING)
    until = budget.refused(MORNING)
    budget.first_notice()
    again = DayBudget(store)
    assert again.blocked(MORNING + 60) == until and again.today(MORNING) == 1
    assert not again.first_notice()
    assert again.refused(until) - until == 2 * FIRST_BACKOFF


def test_damaged_state_starts_clean():
    store = Store()
    store.data = {"schema": 1, "count": "x", "blocked_until": True, "strikes": -3, "day": 5}
    budget = DayBudget(store)
    assert budget.blocked(MORNING) is None and budget.today(MORNING) == 0


def test_a_long_retry_after_is_honoured_and_short_ones_are_not_day_caps():
    budget = DayBudget()
    assert budget.refused(MORNING, retry_after=7200) == MORNING + 7200
    assert is_day_cap(None) and is_day_cap(3600) and is_day_cap(5, "user_limit_exceeded")
    assert not is_day_cap(5)


def test_helpers():
    assert next_utc_midnight(MORNING) == MIDNIGHT
    assert backoff_until(MIDNIGHT - 60, 1) == MIDNIGHT
    assert utc_text(MIDNIGHT) == "2026-12-02 00:00 UTC"


def test_a_clock_put_back_three_days_after_a_429_does_not_stop_sending_for_days():
    store = Store()
    budget = DayBudget(store)
    until = budget.refused(MORNING)
    assert until == MORNING + FIRST_BACKOFF
    back = MORNING - 3 * 86400  # NTP set the box's clock back three days
    restarted = DayBudget(store)  # saved and loaded: the cap holds on load too
    assert restarted.status(back)["blocked_until"] == back + FIRST_BACKOFF  # what the status dialog shows
    assert restarted.blocked(back) == back + FIRST_BACKOFF
    assert restarted.blocked(back + FIRST_BACKOFF) is None


def test_a_block_saved_before_its_span_was_is_capped_at_a_day():
    store = Store()
    store.data = {"schema": 1, "day": "2026-12-01", "count": 10, "blocked_until": MORNING + 30 * 86400,
                  "strikes": 1, "strike_day": "2026-12-01", "notified": True}
    assert DayBudget(store).blocked(MORNING) == MORNING + 86400
