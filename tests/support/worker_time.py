"""The clock of a Service that runs on its own threads in a test: the worker's waits pass at once.

On the worker thread every clock wait is request spacing (the client's 0.1 s / 1 s pacing, the outbox's
spacing between writes, a retry's back-off): it passes at once and moves this clock on by its length, so a
test waits for what the service does, not for the spacing (the spacing itself is tested on its own, in
tests/unit/simkl). Waits on any other thread (the household's lease loop, the rating prompt's delay) are
real, and every wait still ends when the service stops.
"""
import threading
import time

from simklsync.worker import SystemClock

WORKER_THREAD = "simklsync-worker"


class WorkerTime(SystemClock):
    """SystemClock(stopping) whose wall and monotonic time run `ahead` of real time by the worker's waits."""

    def __init__(self, stopping):
        super().__init__(stopping)
        self._lock = threading.Lock()
        self.ahead = 0.0
        self.time = lambda: time.time() + self.ahead
        self.monotonic = lambda: time.monotonic() + self.ahead

    def wait(self, seconds):
        if threading.current_thread().name != WORKER_THREAD:
            return super().wait(seconds)
        with self._lock:
            self.ahead += max(0.0, seconds)
        return self._stopping.is_set()

    def advance(self, seconds):
        """The test lets `seconds` pass for the service at once (wake its worker to have it notice)."""
        with self._lock:
            self.ahead += seconds


def threaded_service(**kwargs):
    """service.Service(**kwargs) on a WorkerTime of its own stopping event, for a test that runs service.run()
    on a thread (the Service builds its SystemClock from that event, so the class is swapped while it does)."""
    from unittest import mock  # noqa: PLC0415

    from simklsync import service  # noqa: PLC0415

    with mock.patch.object(service, "SystemClock", WorkerTime):
        return service.Service(**kwargs)
