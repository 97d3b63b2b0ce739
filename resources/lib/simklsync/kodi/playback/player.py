"""The service's xbmc.Player: follows each video playback and queues its scrobbles in the outbox. What plays
is playing_item.py's job, the scrobbles scrobble_tracker.py's, the position between events position_poller.py's."""
import logging
import time

import xbmc

from ...core.playing.scrobble import ScrobbleSettings, skip_reason
from .. import settings as ids
from .playing_item import PlayingItems, opted_out, safe
from .position_poller import PositionPoller
from .scrobble_tracker import ScrobbleTracker

LOG = logging.getLogger("simklsync.player")

POLL_SECONDS = 1.0


def read_scrobble_settings(current):
    """ScrobbleSettings from one settings snapshot (a kodi.settings.Settings)."""
    return ScrobbleSettings(
        enabled=current.get_bool(ids.SCROBBLE_ENABLED),
        movies=current.get_bool(ids.SCROBBLE_MOVIES),
        episodes=current.get_bool(ids.SCROBBLE_EPISODES),
        min_minutes=current.get_int(ids.SCROBBLE_MIN_MINUTES, minimum=0),
        exclude_livetv=current.get_bool(ids.EXCLUDE_LIVETV),
        exclude_http=current.get_bool(ids.EXCLUDE_HTTP),
        exclude_plugin=current.get_bool(ids.EXCLUDE_PLUGIN),
        exclude_paths=tuple(current.get_str(setting_id) for setting_id in ids.EXCLUDE_PATHS),
        search_file_fallback=current.get_bool(ids.SEARCH_FILE_FALLBACK),
    )


class ScrobblePlayer(xbmc.Player):
    """ScrobblePlayer(outbox, echo, read_settings, wake): read_settings() -> a kodi.settings.Settings snapshot,
    read at each playback start; wake() tells the service to flush soon. resolve_file(path) -> /search/file
    answer or None is used for items without ids when search_file_fallback is on; resume_check.start(player,
    item) is told of each library item that starts. anime_index() -> core.anime_ids.AnimeIndex (or None) names
    anime episodes the Simkl way; after_watched(item, progress) follows a scrobbled playback's end (the rate
    prompt). Call close() when the service stops."""

    def __init__(self, outbox, echo, read_settings, wake, clock=time.time, poll_seconds=POLL_SECONDS,
                 resolve_file=None, resume_check=None, anime_index=None, after_watched=None):
        super().__init__()
        self._after_watched = after_watched
        self._read_settings = read_settings
        self._resume_check = resume_check  # offers Simkl's newer paused position of a library item
        self.items = PlayingItems(resolve_file, anime_index)
        self.scrobbles = ScrobbleTracker(outbox, echo, clock, wake)
        self.poller = PositionPoller(self.scrobbles.observe, poll_seconds)
        self.last_skip = None  # (label, reason) of the last playback not scrobbled, for the status file

    # -- Kodi callbacks ---------------------------------------------------------------------------------
    def onAVStarted(self):  # noqa: N802 - Kodi's name
        self._guarded(self._begin)

    def onPlayBackPaused(self):  # noqa: N802
        self._guarded(lambda: self.scrobbles.event(lambda playback: playback.paused(self._position())))

    def onPlayBackResumed(self):  # noqa: N802
        self._guarded(lambda: self.scrobbles.event(lambda playback: playback.resumed(self._position())))

    def onPlayBackSeek(self, time_ms, seek_offset_ms):  # noqa: N802
        self._guarded(lambda: self.scrobbles.event(lambda playback: playback.seeked(time_ms / 1000.0)))
        self._guarded(self.scrobbles.check_kodi_threshold)

    def onPlayBackStopped(self):  # noqa: N802
        self._guarded(lambda: self._end(ended=False))

    def onPlayBackEnded(self):  # noqa: N802
        self._guarded(lambda: self._end(ended=True))

    def onPlayBackError(self):  # noqa: N802
        self._guarded(lambda: self._end(ended=False))

    def close(self):
        """Stop following playback (service shutdown); Kodi's stop callback will not come any more."""
        self.poller.stop()

    # -- playback lifecycle -----------------------------------------------------------------------------
    def _begin(self):
        if self.scrobbles.following:
            self._end(ended=False)
        if not self.isPlayingVideo():
            return
        item, handed = self.items.playing(self)
        hold = 0.0
        if self._resume_check is not None and item.kodi_id is not None and item.kodi_id > 0:
            hold = self._resume_check.start(self, item) or 0.0
        settings = read_scrobble_settings(self._read_settings())
        if not item.ids and settings.search_file_fallback:
            item = self.items.by_file(item)
        # A stream that a plugin named by its ids is not an anonymous stream.
        rules = settings._replace(exclude_http=False) if handed else settings
        reason = skip_reason(item, rules, opted_out(item.path))
        if reason:
            self.last_skip = (item.title or item.path, reason)
            LOG.info("not scrobbling %s: %s", item.title or "this item", reason)
            return
        self.scrobbles.start(self.items.as_anime(item), self._position(), hold=hold)
        self.poller.start(self._read_position)

    def _end(self, ended):
        self.poller.stop()
        watched = self.scrobbles.stop(ended)
        if watched is not None and self._after_watched is not None:
            self._after_watched(*watched)

    def _read_position(self):
        return self.getTime(), self.getTotalTime()

    def _position(self):
        return safe(self.getTime, None)

    def _guarded(self, action):
        try:
            action()
        except Exception:  # noqa: BLE001 - a callback must never take the service down
            LOG.exception("player callback failed")
