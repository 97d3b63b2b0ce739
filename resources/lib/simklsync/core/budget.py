"""Simkl's daily request cap: the requests of each UTC day, and the back-off after a 429 that names no wait.

Users of other clients hit per-day caps (500, 1,000 and 10,000 a day are reported by tier) and no 429 from
the live service has been seen carrying Retry-After. So after such a 429 nothing is sent for a while that
grows with each refusal of the same UTC day (15 min, 30 min, 1 h, ...) and never lasts past the next UTC
midnight, when a new day starts the schedule over. The state is saved, so a Kodi restart does not start a
new storm. A user's own action (Sync now) may send one request through a block: when the cap has lifted,
syncing resumes at once. A block never has longer left than it had when set: a device clock put back (an
Android box's NTP fix) does not stretch it into days. Pure: the wall clock (epoch seconds) comes in as `now`;
a JsonStore-like `store` (load() / save(data)) keeps the state."""
import datetime
from typing import Any, Dict, Optional

DAILY_LIMIT = 500  # the smallest cap reported (free accounts): what "remaining" is counted against
FIRST_BACKOFF = 15 * 60.0
DAY_SECONDS = 86400
# A 429 whose Retry-After is at most this long is a per-second limit the client simply waits out.
SHORT_RETRY_AFTER = 60.0
DAY_CAP_ERRORS = ("user_limit_exceeded",)
SCHEMA = 1


def utc_day(now: float) -> str:
    return datetime.datetime.fromtimestamp(now, datetime.timezone.utc).strftime("%Y-%m-%d")


def utc_text(when: float) -> str:
    """A wall time as the status dialog and notification show it: "2026-12-02 00:00 UTC"."""
    return datetime.datetime.fromtimestamp(when, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def next_utc_midnight(now: float) -> float:
    return (int(now) // DAY_SECONDS + 1) * DAY_SECONDS


def backoff_until(now: float, strikes: int) -> float:
    """When the `strikes`-th refusal of the day (1 = the first) lets requests go again."""
    delay = FIRST_BACKOFF * (2 ** max(0, min(strikes, 20) - 1))
    return min(now + delay, float(next_utc_midnight(now)))


def is_day_cap(retry_after: Optional[float], error_name: Optional[str] = None) -> bool:
    """A 429 to back off from for long: one that names no wait (or a long one), or the daily quota's name."""
    return error_name in DAY_CAP_ERRORS or retry_after is None or retry_after > SHORT_RETRY_AFTER


class DayBudget:
    def __init__(self, store: Any = None, limit: int = DAILY_LIMIT):
        self.store = store
        self.limit = limit
        self.day = ""
        self.count = 0
        self.blocked_until = 0.0
        self.blocked_span = 0.0  # how long the block was when set: what it is capped to when the clock goes back
        self.strikes = 0
        self.strike_day = ""
        self.notified = False  # the user was told about the current cap episode
        self.probe = False  # one request may go through the block (a user's Sync now); not saved
        self._load()

    # ---- what the client asks ------------------------------------------------------------------

    def blocked(self, now: float) -> Optional[float]:
        """The wall time syncing resumes at, or None when a request may go now (a probe spends itself)."""
        self._cap(now)
        if now >= self.blocked_until:
            return None
        if self.probe:
            self.probe = False
            return None
        return self.blocked_until

    def allow_attempt(self) -> None:
        """The next request goes out even inside a block (the user asked for it)."""
        self.probe = True

    def sent(self, now: float) -> None:
        """One request left for Simkl."""
        self._roll(now)
        self.count += 1
        self._save()

    def succeeded(self, now: float) -> None:
        """Simkl answered: whatever cap there was has lifted."""
        if self.blocked_until or self.strikes or self.notified:
            self.blocked_until = 0.0
            self.strikes = 0
            self.notified = False
            self._save()

    def refused(self, now: float, retry_after: Optional[float] = None) -> float:
        """A 429 to back off from; returns when requests may go again."""
        day = utc_day(now)
        self.strikes = self.strikes + 1 if self.strike_day == day else 1
        self.strike_day = day
        if retry_after is not None and retry_after > 0:
            until = now + float(retry_after)
        else:
            until = backoff_until(now, self.strikes)
        self.blocked_until = until
        self.blocked_span = max(0.0, until - now)
        self._save()
        return self.blocked_until

    def _cap(self, now: float) -> None:
        """The device clock went back since the block was set: the block keeps the length it had, no more."""
        if self.blocked_until - now > self.blocked_span:
            self.blocked_until = now + self.blocked_span
            self._save()

    def first_notice(self) -> bool:
        """True once per cap episode, from the first refusal until Simkl answers again (saved, so a restart
        does not tell the user again)."""
        if self.notified:
            return False
        self.notified = True
        self._save()
        return True

    # ---- what the status dialog and the timer read ------------------------------------------------

    def today(self, now: float) -> int:
        return self.count if self.day == utc_day(now) else 0

    def remaining(self, now: float) -> int:
        return max(0, self.limit - self.today(now))

    def seconds_left(self, now: float) -> float:
        return float(next_utc_midnight(now)) - now

    def status(self, now: float) -> Dict[str, Any]:
        self._cap(now)
        until = self.blocked_until if now < self.blocked_until else None
        return {"day": utc_day(now), "requests": self.today(now), "blocked_until": until}

    # ---- persistence -----------------------------------------------------------------------------

    def _roll(self, now: float) -> None:
        day = utc_day(now)
        if day != self.day:
            self.day = day
            self.count = 0

    def to_dict(self) -> Dict[str, Any]:
        return {"schema": SCHEMA, "day": self.day, "count": self.count, "blocked_until": self.blocked_until,
                "blocked_span": self.blocked_span, "strikes": self.strikes, "strike_day": self.strike_day,
                "notified": self.notified}

    def reload(self) -> None:
        """The store's state again, or a fresh one (another account logged in: its own counts, never ours)."""
        self.day, self.count, self.blocked_until, self.strikes, self.strike_day = "", 0, 0.0, 0, ""
        self.notified = self.probe = False
        self._load()

    def _load(self) -> None:
        data = self.store.load() if self.store is not None else None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            return
        self.day = data.get("day") if isinstance(data.get("day"), str) else ""
        self.count = _number(data.get("count"), int)
        self.blocked_until = _number(data.get("blocked_until"), float)
        # A file from before the span was saved: no block outlives a day (the schedule ends at UTC midnight).
        self.blocked_span = _number(data.get("blocked_span", DAY_SECONDS), float)
        self.strikes = _number(data.get("strikes"), int)
        self.strike_day = data.get("strike_day") if isinstance(data.get("strike_day"), str) else ""
        self.notified = data.get("notified") is True

    def _save(self) -> None:
        if self.store is not None:
            self.store.save(self.to_dict())


def _number(value: Any, kind: type):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return kind(0)
    return kind(value)
