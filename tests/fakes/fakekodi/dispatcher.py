"""Kodi delivers Monitor and Player callbacks asynchronously, one at a time, on its own thread."""
import collections
import threading
import time
import traceback


class CallbackDispatcher:
    """A single worker thread running posted callbacks in order; wait_idle() waits for the queue to drain."""

    def __init__(self, on_error):
        self._on_error = on_error
        self._queue = collections.deque()
        self._pending = 0
        self._stopping = False
        self._thread = None
        self._cond = threading.Condition()

    def post(self, func, *args):
        with self._cond:
            if self._stopping:
                return
            self._queue.append((func, args))
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="fakekodi-callbacks", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def wait_idle(self, timeout=2.0):
        """True once every posted callback (and those they posted) has run; False on timeout."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("wait_idle() called from inside a callback would wait for itself")
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True

    def stop(self, timeout=2.0):
        """Drops what is queued and ends the worker thread."""
        with self._cond:
            self._stopping = True
            self._queue.clear()
            self._pending = 0
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def on_worker_thread(self):
        return threading.current_thread() is self._thread

    def is_running(self):
        return self._thread is not None and self._thread.is_alive()

    def _run(self):
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                func, args = self._queue.popleft()
            try:
                func(*args)
            except Exception:  # noqa: BLE001 - Kodi logs a failing callback and carries on
                self._on_error(traceback.format_exc())
            with self._cond:
                self._pending = max(0, self._pending - 1)
                self._cond.notify_all()
