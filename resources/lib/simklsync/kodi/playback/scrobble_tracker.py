"""The followed playback's scrobbles: its state machine (core.scrobble.Playback) fed with Kodi's events and
polled positions, each start / pause / stop it decides queued in the outbox, and Kodi's own playcount bump
announced to the echo filter."""
import logging
import threading

from ...core.playing.scrobble import KODI_WATCHED_PERCENT, Playback, scrobble_entry
from .playing_item import opted_out

LOG = logging.getLogger("simklsync.player")


class _Session:
    """One followed playback: what plays and its scrobble state machine."""

    def __init__(self, item):
        self.item = item
        self.playback = Playback(item.duration)
        self.echo_announced = False


class ScrobbleTracker:
    """ScrobbleTracker(outbox, echo, clock, wake): clock() the wall time of the queued entries, wake() tells
    the service to flush soon. Safe to call from Kodi's callbacks and the position poller at once."""

    def __init__(self, outbox, echo, clock, wake):
        self._outbox = outbox
        self._echo = echo
        self._clock = clock
        self._wake = wake
        self._lock = threading.RLock()
        self._session = None

    @property
    def following(self):
        return self._session is not None

    @property
    def playback(self):
        """The followed playback's core.scrobble.Playback, or None."""
        session = self._session
        return session.playback if session is not None else None

    def start(self, item, position, hold=0.0):
        """Follows `item` from `position`; its start waits `hold` seconds more in the outbox."""
        with self._lock:
            self._session = _Session(item)
            self._queue(self._session.playback.started(position), hold=hold)

    def event(self, step):
        """step(playback) -> the Intent a pause, resume or seek makes, queued (when something is followed)."""
        with self._lock:
            if self._session is not None:
                self._queue(step(self._session.playback))

    def observe(self, position, total, stopped):
        """A polled position; False once nothing is followed any more (or stopped() says polling ended)."""
        with self._lock:
            if stopped() or self._session is None:
                return False
            self._session.playback.observe(position, total)
            self.check_kodi_threshold()
            return True

    def check_kodi_threshold(self):
        with self._lock:
            if self._session is not None and self._session.playback.progress() >= KODI_WATCHED_PERCENT:
                self._announce_kodi_watched(self._session)

    def stop(self, ended):
        """Ends the followed playback; (item, progress) when its stop was queued, else None."""
        with self._lock:
            session, self._session = self._session, None
            if session is None:
                return None
            intent = session.playback.stopped(ended=ended)
            if session.playback.kodi_counts_it_watched():
                self._announce_kodi_watched(session)
            if opted_out(session.item.path):
                LOG.info("not scrobbling the stop of %s: excluded by another add-on", session.item.title)
                return None
            self._queue(intent, session)
        return (session.item, session.playback.progress()) if intent is not None else None

    def _queue(self, intent, session=None, hold=0.0):
        session = session or self._session
        if intent is None or session is None:
            return
        entry = scrobble_entry(session.item, intent, self._clock())
        if hold:
            # Simkl's start clears the item's paused playback: the resume check reads it first.
            entry = dict(entry, due=entry["due"] + hold)
        self._outbox.add(entry)
        LOG.debug("scrobble %s queued at %.2f %%", intent.action, intent.progress)
        self._wake()

    def _announce_kodi_watched(self, session):
        """Kodi bumps the playcount itself near the end; its OnUpdate must not come back as a user mark.
        Announced while still playing too: Kodi may send that OnUpdate before our stop callback."""
        item = session.item
        if session.echo_announced or item.kodi_id is None or item.kodi_id <= 0:
            return
        session.echo_announced = True
        self._echo.expect(item.media, item.kodi_id, (item.playcount or 0) + 1, label="the playback's end")
