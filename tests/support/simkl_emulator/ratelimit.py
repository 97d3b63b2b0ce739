"""Sliding one-second windows per (caller, GET or POST)."""

import threading
from collections import deque
from typing import Deque, Dict, Tuple


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: Dict[Tuple[str, str], Deque[float]] = {}

    def allow(self, caller: str, verb_class: str, per_second: int, now: float, tolerance: float = 0.0) -> bool:
        with self._lock:
            window = self._hits.setdefault((caller, verb_class), deque())
            while window and window[0] <= now - 1.0 + tolerance:
                window.popleft()
            if len(window) >= per_second:
                return False
            window.append(now)
            return True

    def clear(self) -> None:
        with self._lock:
            self._hits.clear()
