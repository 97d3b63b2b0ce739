"""The service's timer for activities checks: core.freshness's schedule on the service's clock, fed by Kodi's
presence signals (screensaver, wake, playback, input after a long idle) and the day's request budget.

Kodi's callbacks call screensaver(), woke(), playing() on its thread; the main loop calls tick() after each
waitForAbort; the worker calls checked() after every sync cycle. Returns are reasons for request_sync."""
import threading

from ..core.freshness import Budget, Freshness

POLL_SECONDS = (0.5, 30.0)  # the main loop's waitForAbort: at least, at most


class CheckTimer:
    """CheckTimer(clock, interval_minutes, budget): budget is the day's core.budget.DayBudget or None."""

    def __init__(self, clock, interval_minutes, budget=None):
        self._clock = clock
        self._budget = budget
        self._lock = threading.Lock()
        self._schedule = Freshness(interval_minutes * 60)
        self._schedule.start(clock.monotonic())
        self._last_idle = 0.0

    def set_interval(self, minutes):
        with self._lock:
            self._schedule.set_interval(minutes * 60)

    # -- Kodi's presence signals -------------------------------------------------------------------------
    def screensaver(self, active):
        """The screensaver started (True) or ended (False): a reason to check now, or None."""
        with self._lock:
            if active:
                self._schedule.screensaver_on()
                return None
            return self._schedule.screensaver_off(self._clock.monotonic())

    def woke(self):
        with self._lock:
            return self._schedule.woke(self._clock.monotonic())

    def playing(self, active):
        with self._lock:
            self._schedule.playing(active)

    def idle_for(self, seconds):
        """Kodi's seconds without input, read at each tick: a long idle that just ended is a return."""
        with self._lock:
            before, self._last_idle = self._last_idle, float(seconds)
            if seconds >= before:
                return None
            return self._schedule.input_after(before, self._clock.monotonic())

    # -- the main loop and the worker --------------------------------------------------------------------
    def tick(self):
        """The reason a timed check is due now (timer, idle or budget), or None. A due check counts as made
        at once, so a slow sync is not asked again by the next tick."""
        with self._lock:
            now = self._clock.monotonic()
            due = self._schedule.next_due(self._budget_left())
            if now < due.at:
                return None
            self._schedule.checked(now)
            return due.why

    def checked(self):
        """A sync cycle asked Simkl for its activities, whatever started it."""
        with self._lock:
            self._schedule.checked(self._clock.monotonic())

    def wait_seconds(self):
        low, high = POLL_SECONDS
        with self._lock:
            due = self._schedule.next_due(self._budget_left())
        return min(high, max(low, due.at - self._clock.monotonic()))

    def next_check(self):
        """(wall time, why) of the next timed check, for the status dialog."""
        with self._lock:
            due = self._schedule.next_due(self._budget_left())
        return self._clock.time() + max(0.0, due.at - self._clock.monotonic()), due.why

    def _budget_left(self):
        if self._budget is None:
            return None
        now = self._clock.time()
        return Budget(self._budget.remaining(now), self._budget.seconds_left(now))
