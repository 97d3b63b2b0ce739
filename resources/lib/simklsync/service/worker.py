"""The service's worker thread: one job at a time off Kodi's callback thread, scheduled on an injected clock.

Callbacks only record and wake (request_sync, wake, settings_changed); step() does the work: re-read the
settings once Kodi has finished saving them, flush the outbox, run the next sync. Requests that arrive while a
sync runs are coalesced into the next one. Tests call step() directly, or wait for wait_idle().
"""
import logging
import threading
import time

# The service's own log name: its lines ("sync (reason): ok, ...") are what tools and e2e tests follow.
LOG = logging.getLogger("simklsync.service")

IDLE_WAKE_SECONDS = 60
SETTINGS_SETTLE_SECONDS = 0.5
SHORTEST_WAIT_SECONDS = 0.05


class SystemClock:
    """Wall time (outbox, status), monotonic time (scheduling), and a wait that ends early when stopping."""

    def __init__(self, stopping):
        self._stopping = stopping
        self.time = time.time
        self.monotonic = time.monotonic

    def wait(self, seconds):
        """True when the service is stopping (the client gives up its pacing wait then)."""
        return self._stopping.wait(seconds)


class SyncRequests:
    """Why a sync is wanted, coalesced: one sync serves every request made before it starts; a login wins."""

    def __init__(self):
        self._lock = threading.Lock()
        self._reasons = []

    def add(self, reason):
        with self._lock:
            if reason not in self._reasons:
                self._reasons.append(reason)

    def take(self):
        with self._lock:
            if not self._reasons:
                return None
            reason = "login" if "login" in self._reasons else self._reasons[0]
            self._reasons = []
            return reason


class Worker:
    """Worker(jobs, clock, stopping): jobs has run_actions(), check_kodi_ratings(), flush_once(), sync_once(reason),
    note_schedule(), reload_settings() and next_due() (the wall time the outbox wants sending, or None); on_start() runs
    first on the thread."""

    def __init__(self, jobs, clock, stopping, on_start=None):
        self.jobs = jobs
        self.clock = clock
        self.stopping = stopping
        self.requests = SyncRequests()
        self._on_start = on_start
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._lock = threading.Lock()
        self._settings_changed_at = None
        self._thread = threading.Thread(target=self._run, name="simklsync-worker")
        self._thread.daemon = True

    # -- from callbacks: record and wake, never work ----------------------------------------------------
    def request_sync(self, reason):
        self.requests.add(reason)
        self.wake()

    def wake(self):
        with self._lock:
            self._idle.clear()
            self._wake.set()

    def settings_changed(self):
        # Kodi calls this once per saved setting, while the script may still be writing the next one:
        # reading settings.xml now could catch it half-written. The worker re-reads once writes settle.
        self._settings_changed_at = self.clock.monotonic()
        self.wake()

    # -- the thread -------------------------------------------------------------------------------------
    def start(self):
        self._thread.start()

    def stop(self, timeout=1.0):
        self.stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def wait_idle(self, timeout=10.0):
        """True once the worker has done everything asked of it so far (tests wait on this, not on sleeps)."""
        return self._idle.wait(timeout)

    def _run(self):
        if self._on_start is not None:
            self._on_start()
        self._note_idle()
        while not self.stopping.is_set():
            self._wake.wait(self.idle_seconds())
            self._wake.clear()
            if self.stopping.is_set():
                return
            self.step()
            self._note_idle()

    def _note_idle(self):
        with self._lock:
            if not self._wake.is_set() and self._settings_changed_at is None:
                self._idle.set()

    def step(self):
        """One pass: settled settings re-read, the user's item actions done, the outbox flushed, the next
        requested sync run."""
        try:
            self._reload_settings_when_settled()
            self.jobs.run_actions()
            self.jobs.check_kodi_ratings()
            self.jobs.flush_once()
            reason = self.requests.take()
            if reason:
                self.jobs.sync_once(reason)
            self.jobs.note_schedule()
        except Exception:  # noqa: BLE001 - the worker must outlive any bug in one cycle
            LOG.exception("sync cycle crashed")

    def idle_seconds(self):
        if self._settings_changed_at is not None:
            return SETTINGS_SETTLE_SECONDS
        due = self.jobs.next_due()
        if due is None:
            return IDLE_WAKE_SECONDS
        return min(IDLE_WAKE_SECONDS, max(SHORTEST_WAIT_SECONDS, due - self.clock.time()))

    def _reload_settings_when_settled(self):
        changed = self._settings_changed_at
        if changed is not None and self.clock.monotonic() - changed >= SETTINGS_SETTLE_SECONDS:
            self._settings_changed_at = None
            self.jobs.reload_settings()
