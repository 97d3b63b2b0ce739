"""Simkl's clock, learnt from the Date header of its answers, against this device's clocks.

Android boxes without a real-time clock start at 1970 or days off and jump when NTP syncs. So the dates the
add-on sends follow Simkl's clock. Every answer's Date header (plus Age, when a cache held the answer) is a
reading of it, taken against the monotonic clock, which no wall-clock jump moves. The estimate is the median of
the last 3 readings: a header is whole seconds and late by the answer's trip, one odd reading is outvoted, and
a real jump (a suspend stops the monotonic clock) wins from the second reading on. The device clock is
believed while it is within THRESHOLD of Simkl's; beyond that every date sent is corrected by the difference.

An event is stamped when it happens (stamp()): the device's wall and monotonic time, this boot's session and,
when Simkl's clock is known, the correction then. Its Simkl time is resolved later (event_time()): by that
correction, else by the monotonic clock once Simkl has answered in the same session (a view recorded while the
box thought it was 1970 gets its real date), else by the device's date if it is plausible, else Simkl's now.
Never 1970, never the future. Pure: the clocks come in as functions.
"""
import email.utils
import logging
from typing import Any, Callable, Dict, Optional, Tuple

LOG = logging.getLogger("simklsync.clock")

THRESHOLD = 120.0  # seconds: a device clock this close to Simkl's is believed as it is
READINGS = 3  # the estimate is the median of this many last readings
# A device date before this (2024-01-01 UTC) is a clock that was never set, not a date.
PLAUSIBLE_AFTER = 1704067200.0
# The Date header is whole seconds, cut down: Simkl's time at the answer is on average half a second later.
HALF_SECOND = 0.5


def parse_http_date(value: Any) -> Optional[float]:
    """Epoch seconds of an HTTP date ("Mon, 07 Dec 2026 15:04:56 GMT"); None when missing or garbled."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or when.tzinfo is None:
        return None  # no zone: not an HTTP date (those are GMT), so not a reading to trust
    try:
        epoch = when.timestamp()
    except (OverflowError, OSError, ValueError):
        return None
    return epoch if epoch > PLAUSIBLE_AFTER else None


def _age(value: Any) -> float:
    """The Age header's seconds (0 when missing or garbled)."""
    text = value.strip() if isinstance(value, str) else ""
    return float(text) if text.isdigit() else 0.0


class SimklClock:
    """wall() -> the device's epoch seconds; monotonic() -> seconds no wall-clock change moves; session: names
    this boot's monotonic clock (stamps of another session cannot be resolved by it)."""

    def __init__(self, wall: Callable[[], float], monotonic: Callable[[], float], session: str = ""):
        self._wall = wall
        self._monotonic = monotonic
        self.session = session
        self._readings = ()  # Simkl's epoch minus the monotonic clock, one per answer; replaced whole
        self._logged = 0.0  # the correction the log last told of

    def observe(self, date: Any, age: Any = None) -> bool:
        """One answer's Date (and Age) header; True when it was a reading (a missing or garbled one is not)."""
        when = parse_http_date(date)
        if when is None:
            return False
        reading = when + HALF_SECOND + _age(age) - self._monotonic()
        self._readings = (self._readings + (reading,))[-READINGS:]
        self._log_change()
        return True

    def _log_change(self):
        correction = self.correction()
        if abs(correction - self._logged) <= THRESHOLD:
            return
        self._logged = correction
        if correction:
            LOG.warning("this device's clock is %.0f s %s Simkl's: the dates sent to Simkl are corrected",
                        abs(correction), "behind" if correction > 0 else "ahead of")
        else:
            LOG.info("this device's clock agrees with Simkl's again")

    @property
    def known(self) -> bool:
        """Simkl has answered at least once with a readable Date."""
        return bool(self._readings)

    def _base(self) -> float:
        readings = self._readings
        if len(readings) < READINGS:
            return readings[-1]
        return sorted(readings)[len(readings) // 2]

    def simkl_now(self) -> Optional[float]:
        """Simkl's epoch now, or None before its first answer."""
        return self._monotonic() + self._base() if self._readings else None

    def offset(self) -> Optional[float]:
        """Simkl's clock minus the device's (positive: the device is behind), None while unknown."""
        simkl = self.simkl_now()
        return None if simkl is None else simkl - self._wall()

    def correction(self) -> float:
        """What to add to a device time to date it by Simkl: the offset beyond THRESHOLD, else 0."""
        offset = self.offset()
        return offset if offset is not None and abs(offset) > THRESHOLD else 0.0

    def now(self) -> float:
        """The time the add-on dates what it sends by: the device's, corrected when it is off."""
        return self._wall() + self.correction()

    def status(self) -> Optional[Dict[str, int]]:
        """For the status dialog: {"offset": whole seconds Simkl minus the device} when the device clock is off
        by more than THRESHOLD, else None."""
        correction = self.correction()
        return {"offset": int(round(correction))} if correction else None

    def stamp(self) -> Dict[str, Any]:
        """This moment, to be resolved into Simkl's time when sent (event_time)."""
        stamp = {"wall": self._wall(), "mono": self._monotonic(), "session": self.session}
        if self.known:
            stamp["shift"] = self.correction()
        return stamp

    def resolved(self, stamp: Any) -> bool:
        """The stamp's Simkl time is known now (or never will be better known)."""
        return not isinstance(stamp, dict) or "shift" in stamp or self.known

    def event_time(self, stamp: Any, created: Any = None) -> float:
        """The Simkl time of a stamped event (no stamp: `created`, a device time of now's offset)."""
        limit = self.now()
        if not isinstance(stamp, dict) or not _is_number(stamp.get("wall")):
            return min(float(created) + self.correction(), limit) if _is_number(created) else limit
        wall = float(stamp["wall"])
        if _is_number(stamp.get("shift")):
            return min(wall + float(stamp["shift"]), limit)
        if self.known and stamp.get("session") == self.session and _is_number(stamp.get("mono")):
            simkl = float(stamp["mono"]) + self._base()
            return min(simkl if abs(simkl - wall) > THRESHOLD else wall, limit)
        return wall if PLAUSIBLE_AFTER <= wall <= limit else limit


def offset_parts(seconds: float) -> Tuple[int, int, int]:
    """Days, hours and minutes of an offset's size, rounded to the minute."""
    minutes = int(round(abs(seconds) / 60.0))
    return minutes // 1440, minutes // 60 % 24, minutes % 60


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
