"""Tells the library notifications caused by our own writes from the ones caused by the user."""
import threading
import time
from collections import deque
from typing import Callable, Deque, Dict, List, Optional, Tuple

ItemRef = Tuple[str, int]


class EchoFilter:
    """Each write announces the playcount it sets; the first matching VideoLibrary.OnUpdate consumes it.
    Expectations expire after `ttl` seconds so a write whose notification never came cannot hide a later
    user action for long. A first sync expects thousands while their notifications trail the writes: each
    call costs O(1) amortized (expiry walks the expectations in deadline order once), not a scan of all."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, ttl: float = 120):
        self._clock = clock
        self._ttl = ttl
        self._lock = threading.Lock()
        self._expected: Dict[ItemRef, List[Tuple[Optional[int], float, str]]] = {}
        self._deadlines: Deque[Tuple[float, ItemRef]] = deque()  # in the order expected: the oldest first

    def expect(self, media: str, kodi_id: int, playcount: Optional[int], label: str = "") -> None:
        """label: what the echo is, for a log line when it comes (a playback's end); "" for a sync's writes,
        whose thousands of echoes are not logged one by one."""
        with self._lock:
            deadline = self._clock() + self._ttl
            ref = (media, int(kodi_id))
            self._expected.setdefault(ref, []).append((_count(playcount), deadline, label))
            self._deadlines.append((deadline, ref))

    def is_echo(self, media: str, kodi_id: int, playcount: Optional[int]) -> bool:
        """True (once) when this notification matches an expected write. A notification without a
        playcount matches any expectation for the item (resume-only updates carry none)."""
        return self.echo_of(media, kodi_id, playcount) is not None

    def echo_of(self, media: str, kodi_id: int, playcount: Optional[int]) -> Optional[str]:
        """is_echo, answered with the matched expectation's label (None: not an echo)."""
        with self._lock:
            self._drop_expired()
            ref = (media, _as_int(kodi_id))
            waiting = self._expected.get(ref)
            if not waiting:
                return None
            wanted = _count(playcount)
            for position, (count, _deadline, label) in enumerate(waiting):
                if wanted is None or count is None or count == wanted:
                    del waiting[position]
                    if not waiting:
                        del self._expected[ref]
                    return label
            return None

    def pending(self) -> int:
        with self._lock:
            self._drop_expired()
            return sum(len(waiting) for waiting in self._expected.values())

    def _drop_expired(self) -> None:
        now = self._clock()
        deadlines = self._deadlines
        while deadlines and deadlines[0][0] <= now:
            ref = deadlines.popleft()[1]
            waiting = self._expected.get(ref)
            if waiting is None:
                continue  # consumed already
            alive = [entry for entry in waiting if entry[1] > now]
            if alive:
                self._expected[ref] = alive
            else:
                del self._expected[ref]


def _count(playcount: Optional[int]) -> Optional[int]:
    # Kodi only distinguishes watched from unwatched in what we compare; 2 plays echo as "watched".
    if playcount is None:
        return None
    try:
        return 1 if int(playcount) > 0 else 0
    except (TypeError, ValueError):
        return None


def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
