"""The service's xbmc.Player: follows each video playback and queues its scrobbles in the outbox."""
import logging
import threading
import time

import xbmc
import xbmcgui

from ..constants import EXCLUDE_PROPERTY
from ..core.model import simkl_ids
from ..core.scrobble import (
    KODI_WATCHED_PERCENT,
    Playback,
    PlayingItem,
    ScrobbleSettings,
    scrobble_entry,
    skip_reason,
)
from . import rpc
from . import settings as ids
from .plugin_playback import is_trailer, item_from_handed, new_handover, seen_at_library_start, take_handed_ids

LOG = logging.getLogger("simklsync.player")

POLL_SECONDS = 1.0
_TAG_ID_NAMES = ("imdb", "tmdb", "tvdb", "anidb", "mal", "anilist", "kitsu")


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


def opted_out(path):
    """Another add-on excluded the playing item: the home-window property is "true" or the item's path."""
    value = xbmcgui.Window(10000).getProperty(EXCLUDE_PROPERTY).strip()
    return value.lower() in ("true", "1") or (bool(value) and value == path)


class _Session:
    """One followed playback: what plays and its scrobble state machine."""

    def __init__(self, item):
        self.item = item
        self.playback = Playback(item.duration)
        self.echo_announced = False


class ScrobblePlayer(xbmc.Player):
    """ScrobblePlayer(outbox, echo, read_settings, wake): read_settings() -> a kodi.settings.Settings snapshot,
    read at each playback start; wake() tells the service to flush soon. resolve_file(path) -> /search/file
    answer or None is used for items without ids when search_file_fallback is on; resume_check.start(player,
    item) is told of each library item that starts. anime_index() -> core.anime_ids.AnimeIndex (or None) names
    anime episodes the Simkl way. Call close() when the service stops."""

    def __init__(self, outbox, echo, read_settings, wake, clock=time.time, poll_seconds=POLL_SECONDS,
                 resolve_file=None, resume_check=None, anime_index=None, after_watched=None):
        super().__init__()
        self._after_watched = after_watched  # (item, progress) after a scrobbled playback ended
        self._outbox = outbox
        self._echo = echo
        self._read_settings = read_settings
        self._wake = wake
        self._clock = clock
        self._poll_seconds = poll_seconds
        self._resolve_file = resolve_file
        self._resume_check = resume_check  # offers Simkl's newer paused position of a library item
        self._anime_index = anime_index or (lambda: None)
        self._lock = threading.RLock()
        self._session = None
        self._poll_stop = threading.Event()
        self._poller = None
        self.last_skip = None  # (label, reason) of the last playback not scrobbled, for the status file
        self._handover = new_handover()  # the ids other add-ons hand over in Home window properties

    # -- Kodi callbacks ---------------------------------------------------------------------------------
    def onAVStarted(self):  # noqa: N802 - Kodi's name
        self._guarded(self._begin)

    def onPlayBackPaused(self):  # noqa: N802
        self._guarded(lambda: self._event(lambda playback: playback.paused(self._position())))

    def onPlayBackResumed(self):  # noqa: N802
        self._guarded(lambda: self._event(lambda playback: playback.resumed(self._position())))

    def onPlayBackSeek(self, time_ms, seek_offset_ms):  # noqa: N802
        self._guarded(lambda: self._event(lambda playback: playback.seeked(time_ms / 1000.0)))
        self._guarded(self._check_kodi_threshold)

    def onPlayBackStopped(self):  # noqa: N802
        self._guarded(lambda: self._end(ended=False))

    def onPlayBackEnded(self):  # noqa: N802
        self._guarded(lambda: self._end(ended=True))

    def onPlayBackError(self):  # noqa: N802
        self._guarded(lambda: self._end(ended=False))

    def close(self):
        """Stop following playback (service shutdown); Kodi's stop callback will not come any more."""
        self._stop_polling()

    # -- playback lifecycle -----------------------------------------------------------------------------
    def _begin(self):
        if self._session is not None:
            self._end(ended=False)
        if not self.isPlayingVideo():
            return
        item, handed = self._playing_item()
        hold = 0.0
        if self._resume_check is not None and item.kodi_id is not None and item.kodi_id > 0:
            hold = self._resume_check.start(self, item) or 0.0
        settings = read_scrobble_settings(self._read_settings())
        if not item.ids and settings.search_file_fallback:
            item = self._identified_by_file(item)
        # A stream that a plugin named by its ids is not an anonymous stream.
        rules = settings._replace(exclude_http=False) if handed else settings
        reason = skip_reason(item, rules, opted_out(item.path))
        if reason:
            self.last_skip = (item.title or item.path, reason)
            LOG.info("not scrobbling %s: %s", item.title or "this item", reason)
            return
        item = self._as_anime(item)
        with self._lock:
            self._session = _Session(item)
            self._queue(self._session.playback.started(self._position()), hold=hold)
        self._start_polling()

    def _as_anime(self, item):
        """The episode with its Simkl anime identity when the mirror knows it as one."""
        index = self._anime_index()
        if index is None or item.media != "episode" or "simkl" in item.ids:
            return item
        anime = index.identify(item.ids, item.season, item.episode)
        if anime is None:
            return item
        LOG.info("%s is Simkl anime %s episode %s%s", item.title, anime.simkl, anime.number,
                 "" if anime.exact else " (placed by its TVDB season)")
        return item._replace(anime=anime)

    def _event(self, step):
        with self._lock:
            if self._session is not None:
                self._queue(step(self._session.playback))

    def _end(self, ended):
        self._stop_polling()
        with self._lock:
            session, self._session = self._session, None
            if session is None:
                return
            intent = session.playback.stopped(ended=ended)
            if session.playback.kodi_counts_it_watched():
                self._announce_kodi_watched(session)
            if opted_out(session.item.path):
                LOG.info("not scrobbling the stop of %s: excluded by another add-on", session.item.title)
                return
            self._queue(intent, session)
        if intent is not None and self._after_watched is not None:
            self._after_watched(session.item, session.playback.progress())

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
        self._echo.expect(item.media, item.kodi_id, (item.playcount or 0) + 1)

    # -- position polling -------------------------------------------------------------------------------
    def _start_polling(self):
        self._stop_polling()
        self._poll_stop = threading.Event()
        self._poller = threading.Thread(target=self._poll, args=(self._poll_stop,), name="simkl-player-poll")
        self._poller.daemon = True
        self._poller.start()

    def _stop_polling(self):
        self._poll_stop.set()
        poller, self._poller = self._poller, None
        if poller is not None and poller is not threading.current_thread():
            poller.join(2.0)

    def _poll(self, stop):
        while not stop.wait(self._poll_seconds):
            try:
                position, total = self.getTime(), self.getTotalTime()
            except Exception:  # noqa: BLE001 - Kodi raises when playback just ended
                continue
            with self._lock:
                if stop.is_set() or self._session is None:
                    return
                self._session.playback.observe(position, total)
                self._check_kodi_threshold()

    def _check_kodi_threshold(self):
        with self._lock:
            if self._session is not None and self._session.playback.progress() >= KODI_WATCHED_PERCENT:
                self._announce_kodi_watched(self._session)

    def _position(self):
        return _safe(self.getTime, None)

    # -- identity ---------------------------------------------------------------------------------------
    def _playing_item(self):
        tag = self.getVideoInfoTag()
        path = self.getPlayingFile()
        duration = _safe(self.getTotalTime, 0.0) or float(tag.getDuration() or 0)
        dbid, media = tag.getDbId(), tag.getMediaType()
        if dbid and dbid > 0 and media in ("movie", "episode"):
            seen_at_library_start(self._handover)
            if media == "movie":
                return _library_movie(dbid, path, duration), None
            return _library_episode(dbid, path, duration), None
        handed = take_handed_ids(self._handover, tag, path)
        if handed is not None:
            return item_from_handed(handed, tag, path, duration), handed
        return _tag_item(tag, path, duration), None

    def _identified_by_file(self, item):
        if self._resolve_file is None:
            return item
        try:
            answer = self._resolve_file(item.path)
        except Exception:  # noqa: BLE001 - the lookup is optional; the playback goes on without it
            LOG.info("file lookup failed for the playing item")
            return item
        return _item_from_search(item, answer)

    def _guarded(self, action):
        try:
            action()
        except Exception:  # noqa: BLE001 - a callback must never take the service down
            LOG.exception("player callback failed")


def _library_movie(movieid, path, duration):
    movie = rpc.call("VideoLibrary.GetMovieDetails", {
        "movieid": movieid, "properties": ["title", "year", "uniqueid", "imdbnumber", "playcount"]})
    movie = movie.get("moviedetails", {})
    return PlayingItem("movie", simkl_ids(movie.get("uniqueid"), movie.get("imdbnumber", ""), "tmdb"),
                       movie.get("title", ""), movie.get("year", 0), kodi_id=movieid,
                       playcount=movie.get("playcount", 0), path=path, duration=duration)


def _library_episode(episodeid, path, duration):
    episode = rpc.call("VideoLibrary.GetEpisodeDetails", {
        "episodeid": episodeid, "properties": ["tvshowid", "season", "episode", "playcount"]})
    episode = episode.get("episodedetails", {})
    show = rpc.call("VideoLibrary.GetTVShowDetails", {
        "tvshowid": episode.get("tvshowid"), "properties": ["title", "year", "uniqueid", "imdbnumber"]})
    show = show.get("tvshowdetails", {})
    return PlayingItem("episode", simkl_ids(show.get("uniqueid"), show.get("imdbnumber", "")),
                       show.get("title", ""), show.get("year", 0), episode.get("season"),
                       episode.get("episode"), kodi_id=episodeid, playcount=episode.get("playcount", 0),
                       path=path, duration=duration)


def _tag_item(tag, path, duration):
    """A playing item outside the library (a plugin, a file): movies may carry ids in their tag. An
    episode's tag ids name the episode, not the show, so they cannot identify it here."""
    media = tag.getMediaType()
    if media != "movie":
        return PlayingItem(media or "video", {}, tag.getTVShowTitle() or tag.getTitle(), 0,
                           _positive(tag.getSeason()), _positive(tag.getEpisode()), path=path,
                           duration=duration)
    if is_trailer(tag, path):
        LOG.info("a trailer: its tag's ids are the movie's, not the trailer's")
        return PlayingItem("movie", {}, tag.getTitle(), tag.getYear(), path=path, duration=duration)
    uniqueid = {name: tag.getUniqueID(name) for name in _TAG_ID_NAMES}
    return PlayingItem("movie", simkl_ids(uniqueid, tag.getIMDBNumber(), "tmdb"), tag.getTitle(), tag.getYear(),
                       path=path, duration=duration)


def _item_from_search(item, answer):
    """The playing item with the ids Simkl's /search/file found, if it found a movie or an episode."""
    if not isinstance(answer, dict):
        return item
    if answer.get("type") == "movie" and isinstance(answer.get("movie"), dict):
        movie = answer["movie"]
        return item._replace(media="movie", ids=simkl_ids(movie.get("ids")), title=movie.get("title", ""),
                             year=movie.get("year") or 0)
    if answer.get("type") == "episode" and isinstance(answer.get("show"), dict):
        show, episode = answer["show"], answer.get("episode") or {}
        return item._replace(media="episode", ids=simkl_ids(show.get("ids")), title=show.get("title", ""),
                             year=show.get("year") or 0, season=episode.get("season"),
                             episode=episode.get("episode"))
    return item


def _positive(number):
    return number if isinstance(number, int) and number >= 0 else None


def _safe(getter, default):
    try:
        return getter()
    except Exception:  # noqa: BLE001 - Kodi raises when nothing plays any more
        return default
