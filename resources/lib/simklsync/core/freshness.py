"""When the next activities check is due, and why.

While Kodi is in use the user's interval holds; while nobody is there (screensaver on, nothing playing) the
interval stretches to hours; when the user comes back (system wake, screensaver off, back at the remote after
a long idle) a check runs at once, unless one has just run, and at most one such check every few minutes.
Whatever the settings, the timer never spends more than its share of the day's request budget. Times are
monotonic seconds (floats)."""
from typing import NamedTuple, Optional

TIMER = "timer"
IDLE = "idle"
WAKE = "wake"
RETURN = "return"
BUDGET = "budget"

IDLE_INTERVAL_SECONDS = 4 * 3600
RETURN_SPACING_SECONDS = 5 * 60  # between two return checks
JUST_CHECKED_SECONDS = 30  # a check this recent already shows what the returning user needs
AWAY_AFTER_SECONDS = 15 * 60
# The timer may spend this share of what is left of the day's requests; the rest stays for the user's own
# actions (Sync now, scrobbles, marks) and the deltas the checks find.
TIMER_SHARE = 0.5


class Due(NamedTuple):
    at: float
    why: str


class Budget(NamedTuple):
    """What is left of the day's requests: how many, and the seconds until the day (UTC) ends."""

    remaining: int
    seconds_left: float


class Freshness:
    def __init__(self, interval_seconds: float, idle_interval_seconds: float = IDLE_INTERVAL_SECONDS,
                 return_spacing_seconds: float = RETURN_SPACING_SECONDS):
        self.interval = float(interval_seconds)
        self.idle_interval = float(idle_interval_seconds)
        self.return_spacing = float(return_spacing_seconds)
        self._last_check: Optional[float] = None
        self._last_return: Optional[float] = None
        self._screensaver = False
        self._playing = False

    @property
    def idle(self) -> bool:
        return self._screensaver and not self._playing

    def set_interval(self, seconds: float) -> None:
        self.interval = float(seconds)

    def checked(self, now: float) -> None:
        """A sync cycle asked Simkl for its activities (whatever started it)."""
        self._last_check = now

    def start(self, now: float) -> None:
        """The service started: the first timer check is one interval away (start-up has its own check)."""
        if self._last_check is None:
            self._last_check = now

    def playing(self, on: bool) -> None:
        self._playing = bool(on)

    def screensaver_on(self) -> None:
        self._screensaver = True

    def screensaver_off(self, now: float) -> Optional[str]:
        """The user is back at the screen: RETURN if a check should run now, None if one just ran."""
        was_idle = self._screensaver
        self._screensaver = False
        return self._return_check(now, RETURN) if was_idle else None

    def woke(self, now: float) -> Optional[str]:
        """The system woke from sleep: WAKE if a check should run now."""
        self._screensaver = False
        return self._return_check(now, WAKE)

    def input_after(self, idle_seconds: float, now: float) -> Optional[str]:
        """Kodi reports the user active again after idle_seconds without input (no screensaver in between,
        e.g. the screensaver is off): RETURN after a long absence."""
        if idle_seconds < AWAY_AFTER_SECONDS:
            return None
        return self._return_check(now, RETURN)

    def next_due(self, budget: Optional[Budget] = None) -> Due:
        base = self._last_check if self._last_check is not None else 0.0
        interval, why = (max(self.interval, self.idle_interval), IDLE) if self.idle else (self.interval, TIMER)
        floor = budget_floor(budget)
        if floor > interval:
            interval, why = floor, BUDGET
        return Due(base + interval, why)

    def _return_check(self, now: float, why: str) -> Optional[str]:
        """A granted return check counts as made at once, so a second signal of the same return (the
        screensaver's end and the input that ended it) asks for no second one."""
        if self._last_return is not None and now - self._last_return < self.return_spacing:
            return None
        if self._last_check is not None and now - self._last_check < JUST_CHECKED_SECONDS:
            return None
        self._last_check = self._last_return = now
        return why


def budget_floor(budget: Optional[Budget]) -> float:
    """The shortest timer interval that keeps the timer inside its share of the day's remaining requests."""
    if budget is None:
        return 0.0
    share = int(max(0, budget.remaining) * TIMER_SHARE)
    if share <= 0:
        return max(0.0, budget.seconds_left)
    return max(0.0, budget.seconds_left) / share
