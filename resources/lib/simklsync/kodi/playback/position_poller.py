"""The playing position, read every few seconds on a thread of its own while a scrobbled playback runs:
Kodi announces pauses, seeks and stops, but not how far the playback got between them."""
import threading


class PositionPoller:
    """PositionPoller(on_position, seconds): on_position(position, total, stopped) -> False to stop polling,
    stopped() tells whether stop() was called meanwhile. start(read) polls read() -> (position, total) seconds
    (Kodi raises when the playback just ended: that poll is skipped); only the polling thread holds read, so a
    player that reads itself is not kept alive by its poller."""

    def __init__(self, on_position, seconds):
        self._on_position = on_position
        self.seconds = seconds
        self._stop = threading.Event()
        self._thread = None

    def start(self, read):
        self.stop()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, args=(self._stop, read), name="simkl-player-poll")
        self._thread.daemon = True
        self._thread.start()

    def stop(self):
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(2.0)

    def _poll(self, stop, read):
        while not stop.wait(self.seconds):
            try:
                position, total = read()
            except Exception:  # noqa: BLE001 - Kodi raises when playback just ended
                continue
            if not self._on_position(position, total, stop.is_set):
                return
