"""The emulator's clock: follows real time until a test sets or advances it."""

import threading
from datetime import datetime, timedelta, timezone
from typing import Optional, Union

from .timefmt import parse_iso


class Clock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frozen: Optional[datetime] = None
        self._offset = timedelta(0)

    def now(self) -> datetime:
        """Aware UTC, whole seconds (Simkl timestamps have second precision)."""
        return self.precise_now().replace(microsecond=0)

    def precise_now(self) -> datetime:
        with self._lock:
            if self._frozen is not None:
                return self._frozen
            return datetime.now(timezone.utc) + self._offset

    def set(self, moment: Union[datetime, str]) -> None:
        """Freeze the clock at `moment`; it then moves only with advance()."""
        parsed = parse_iso(moment)
        if parsed is None:
            raise ValueError(f"not a timestamp: {moment!r}")
        with self._lock:
            self._frozen = parsed

    def advance(self, seconds: float) -> None:
        with self._lock:
            step = timedelta(seconds=seconds)
            if self._frozen is not None:
                self._frozen += step
            else:
                self._offset += step

    def follow_real_time(self) -> None:
        with self._lock:
            self._frozen = None
            self._offset = timedelta(0)

    @property
    def frozen(self) -> bool:
        return self._frozen is not None
