"""When the outbox sends nothing at all (Simkl down or rate limiting) or nothing of one kind (scrobbles while
Simkl's per-user lock holds), and what tells a failure of Simkl from one entry's own: the last send that failed
with a server error, and how many service-wide failures in a row set the queue's back-off. Kept in memory
only: after a restart the first send finds out again."""
from .liveness import item_of
from .outcome import retry_delay


class PauseControls:
    """The Outbox's pause controls (it holds _lock and _pauses; retry_now also _mine and _save)."""

    def service_failed(self, now, jitter, retry_after=None):
        """Simkl failed as a whole: nothing is sent for a back-off growing with each such failure in a row;
        no entry is charged. Returns the delay."""
        with self._lock:
            return self._pauses.service_failed(now, jitter, retry_after)

    def server_error(self, entry):
        """entry's send failed with a server error: True when the send before it failed so, for another item."""
        with self._lock:
            return self._pauses.server_error(item_of(entry))

    def pause_kind_until(self, kind, when):
        """Send no entry of this kind before when (kept in memory only)."""
        with self._lock:
            self._pauses.pause_kind(kind, when)

    def pause_until(self, when):
        """Send nothing before when (the server is down or rate limiting); kept in memory only."""
        with self._lock:
            self._pauses.pause(when)

    def retry_now(self, now):
        """Simkl's daily cap has lifted: what waits for a retry goes out now (held entries still wait for a login,
        the scrobble lock still holds)."""
        with self._lock:
            for entry in self._mine():
                if not entry.get("held") and entry.get("due", now) > now:
                    entry["due"] = now
            self._pauses.lift()
            self._save()


class Pauses:
    def __init__(self):
        self.until = 0.0  # wall time before which nothing is sent
        self._kind_until = {}  # kind → wall time
        self._longest = 0.0  # the longest whole-queue pause asked for: a clock set back cannot stretch it
        self._failures = 0  # service-wide failures since the last success
        self._failed_item = None  # the item whose send failed last with a server error

    def pause(self, when):
        self.until = max(self.until, when)

    def pause_kind(self, kind, when):
        self._kind_until[kind] = max(self._kind_until.get(kind, 0.0), when)

    def lift(self):
        """The whole-queue pause ends now (a login, the daily cap lifted); a kind's pause still holds."""
        self.until = 0.0

    def due_at(self, entry):
        """When entry may be sent, its kind's pause included (the whole-queue pause is the caller's)."""
        return max(entry["due"], self._kind_until.get(entry["kind"], 0.0))

    def service_failed(self, now, jitter, retry_after=None):
        """Simkl failed as a whole: the queue waits a back-off that grows with each failure in a row (or
        Simkl's Retry-After). Returns the delay."""
        self._failures += 1
        delay = retry_delay(self._failures, jitter, retry_after)
        self._longest = max(self._longest, delay)
        self.pause(now + delay)
        return delay

    def server_error(self, item):
        """A send of item failed with a server error: True when the send before it failed so too, for
        another item (two different entries failing in a row)."""
        another = self._failed_item is not None and self._failed_item != item
        self._failed_item = item
        return another

    def succeeded(self):
        self._failures = 0
        self._failed_item = None

    def cap(self, now, longest):
        """A pause further away than any asked for (longest, or a longer Retry-After) was set by a clock since
        turned back: it ends that far from now instead."""
        self.until = min(self.until, now + max(self._longest, longest))
        for kind, when in self._kind_until.items():
            self._kind_until[kind] = min(when, now + longest)
