"""One run of the add-on inside (fake) Kodi: the real Service, driven step by step by a session on the
session's virtual clock (no real 1 s write spacing, no worker thread: the session calls sync_once and
flush_once where the worker would).

Errors are handled where Service handles them; anything else escapes to the session, which counts it as an
unhandled exception.
"""
import fakekodi
import xbmc
from faultmenu import CLIENT_TIMEOUT
from simklsync.service.service import Service
from simklsync.simkl.client import SimklClient

from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID


class LibraryRouter(xbmc.Monitor):
    """The one Monitor of a session: hands library notifications to the add-on run that is alive now."""

    def __init__(self):
        super().__init__()
        self.process = None

    def onNotification(self, sender, method, data):  # noqa: N802 - Kodi's name
        if method == "VideoLibrary.OnUpdate" and self.process is not None:
            self.process.marks.on_update(data)


class SessionClock:
    """The session's VirtualClock as the Service's clock: one virtual time for wall and monotonic."""

    def __init__(self, clock):
        self._clock = clock

    def time(self):
        return self._clock.time()

    monotonic = time

    def wait(self, seconds):
        return self._clock.wait(seconds)


class AddonProcess:
    def __init__(self, profile, emu_url, clock, rng, cache):
        def make_client(client_id, version, wait, budget):
            # The day budget counts on the real wall clock, not the session's: the session runs without it.
            return SimklClient(TEST_CLIENT_ID, "0.1.0", base_url=emu_url, wait=wait, clock=clock.time, rng=rng.random,
                               timeout=CLIENT_TIMEOUT)

        self.service = Service(profile=profile, clock=SessionClock(clock), make_client=make_client, cache=cache,
                               rng=rng, library_batch=5, poll_seconds=0.05)
        self.service.load_anime()  # what the worker does first when Kodi starts the add-on
        self.outbox = self.service.outbox
        self.marks = self.service.marks
        self.queued_marks = []  # (kodi key, action) of every Kodi-side mark the listener queued
        self._record_marks()
        self.errors_seen = []  # texts of the typed errors handled, for the token check

    @property
    def login_needed(self):
        return self.service.login_needed

    def _record_marks(self):
        add = self.outbox.add
        hold = self.service.unmarks.hold
        watched = hold.watched

        def recording_add(entry):
            if entry.get("kodi"):
                self.queued_marks.append((entry["kodi"], entry["action"]))
            return add(entry)

        def recording_watched(kodi):
            # A re-mark of an unwatch still held cancels both: neither reaches the outbox, both are accounted for.
            cancelled = watched(kodi)
            if cancelled:
                self.queued_marks.extend([(kodi, "remove"), (kodi, "add")])
            return cancelled

        self.outbox.add = recording_add
        hold.watched = recording_watched

    def next_due(self):
        """When the outbox, or an unwatch held for its two minutes, next wants a flush."""
        dues = [due for due in (self.outbox.next_due(), self.service.unmarks.next_due()) if due is not None]
        return min(dues) if dues else None

    def sync(self, reason, should_stop=None):
        """One cycle as the worker runs it; the CycleResult, or None when not synced / failed."""
        result = self.service.sync_once(reason, should_stop=should_stop)
        if self.service.last_error is not None:
            self.errors_seen.append(str(self.service.last_error))
        return result

    def flush(self):
        return self.service.flush_once()

    def logged_in(self):
        self.service.events.on_logged_in()

    def close(self):
        """Kodi stops this run: the player follows nothing any more and gets no further callbacks."""
        self.service.player.close()
        fakekodi.KODI.players.discard(self.service.player)
