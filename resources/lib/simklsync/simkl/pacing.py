"""Spacing between requests to Simkl's documented limits: 1 write/s and 10 reads/s per token."""
from . import errors

WRITE_SPACING = 1.0  # seconds between writes (1 POST/s per token)
READ_SPACING = 0.1  # seconds between reads (10 GET/s per token)


class Pacer:
    """Holds a request back until its kind (a read, or any other method as a write) may go out again."""

    def __init__(self, clock, wait):
        self._clock = clock
        self._wait = wait
        self._next_write = None
        self._next_read = None

    def wait_turn(self, method):
        """Waits until the next request of this kind is allowed; Aborted when Kodi closes meanwhile."""
        ready_at = self._next_read if method == "GET" else self._next_write
        now = self._clock()
        if ready_at is not None and now < ready_at and self._wait(ready_at - now):
            raise errors.Aborted(f"{method} abandoned: Kodi is closing")

    def done(self, method):
        # Counted from the end of a request: Simkl counts arrivals, and the previous one may have arrived late.
        if method == "GET":
            self._next_read = self._clock() + READ_SPACING
        else:
            self._next_write = self._clock() + WRITE_SPACING
