"""Clocks for a Service the test does not run on virtual time throughout: request spacing passes at once.

A wait of the Service's clock is request spacing (the client's 0.1 s / 1 s pacing, the outbox's spacing
between writes, a retry's back-off) when the sync or flush makes it: it passes at once and moves the clock on
by its length, so a test waits for what the service does, not for the spacing (the spacing itself is tested
on its own, in tests/unit/simkl). Every wait still ends when the service stops.
"""
import threading
import time

from simklsync.service.worker import SystemClock

WORKER_THREAD = "simklsync-worker"


class PassingTime(SystemClock):
    """SystemClock(stopping) whose waits pass at once: its wall and monotonic time run `ahead` of real time by
    what was waited (or advanced). For a test that calls sync_once / flush_once itself."""

    def __init__(self, stopping=None):
        super().__init__(stopping or threading.Event())
        self._lock = threading.Lock()
        self.ahead = 0.0
        self.time = lambda: time.time() + self.ahead
        self.monotonic = lambda: time.monotonic() + self.ahead

    def wait(self, seconds):
        self.advance(max(0.0, seconds))
        return self._stopping.is_set()

    def advance(self, seconds):
        """The test lets `seconds` pass for the service at once (wake its worker to have it notice)."""
        with self._lock:
            self.ahead += seconds


class WorkerTime(PassingTime):
    """For a Service run on its own threads: only the worker thread's waits pass at once; those of any other
    thread (the household's lease loop, the rating prompt's delay) are real."""

    def wait(self, seconds):
        if threading.current_thread().name != WORKER_THREAD:
            return SystemClock.wait(self, seconds)
        return super().wait(seconds)


def threaded_service(**kwargs):
    """service.Service(**kwargs) on a WorkerTime of its own stopping event, for a test that runs service.run()
    on a thread (the Service builds its SystemClock from that event, so the class is swapped while it does)."""
    from unittest import mock  # noqa: PLC0415

    from simklsync.service import service  # noqa: PLC0415

    with mock.patch.object(service, "SystemClock", WorkerTime):
        return service.Service(**kwargs)
