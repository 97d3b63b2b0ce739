"""Watched/unwatched marks made in Kodi, from VideoLibrary.OnUpdate notifications to outbox entries."""
import json
import logging
import time

from ..core.model import kodi_key, simkl_ids
from ..core.outbox.bodies import media_block
from ..core.outbox.marks import mark_entry
from ..core.times import lastplayed_to_utc
from . import rpc

LOG = logging.getLogger("simklsync.marks")


class MarkListener:
    """MarkListener(outbox, echo, wake).on_update(data) for every VideoLibrary.OnUpdate. Playcount changes
    the add-on caused itself (sync writes, the end of a scrobbled playback) are in the echo filter and
    are not sent back. enabled() lets the service switch the listener off (logged out, sync_watched off).
    hold: a core.outbox.unmark_hold.UnmarkHold that unwatches wait in before the outbox (None: straight in)."""

    def __init__(self, outbox, echo, wake, clock=time.time, enabled=None, anime_index=None, hold=None):
        self._outbox = outbox
        self._hold = hold
        self._anime_index = anime_index or (lambda: None)
        self._echo = echo
        self._wake = wake
        self._clock = clock
        self._enabled = enabled or (lambda: True)

    def forget_held(self):
        """Logged out: the unwatches held for the old account are not sent."""
        if self._hold is not None:
            self._hold.clear()

    def on_update(self, data):
        try:
            self._handle(parse_update(data))
        except Exception:  # noqa: BLE001 - a notification must never take the service down
            LOG.exception("library update not handled")

    def _handle(self, payload):
        change = _playcount_change(payload)
        if change is None or not self._enabled():
            return
        media, kodi_id, playcount = change
        echo = self._echo.echo_of(media, kodi_id, playcount)
        if echo is not None:
            if echo:  # a sync's writes have no label: a first sync brings thousands of those, not logged
                LOG.debug("OnUpdate %s %s is our own write (%s)", media, kodi_id, echo)
            return
        if playcount > 0 and self._hold is not None and self._hold.watched(kodi_key(media, kodi_id)):
            LOG.info("%s %s marked watched again before its unmark was sent: neither is sent", media, kodi_id)
            return
        entry = self._entry(media, kodi_id, playcount)
        if entry is not None:
            entry["kodi"] = kodi_key(media, kodi_id)  # the sync planner leaves queued marks alone
        if entry is None:
            LOG.info("%s %s changed in Kodi but has no ids Simkl knows; not sent", media, kodi_id)
            return
        if not playcount and self._hold is not None:
            self._hold.unwatched(entry, self._clock())
            LOG.info("held unmark of %s", entry["label"])
            self._wake()
            return
        self._outbox.add(entry)
        LOG.info("queued %s of %s", "mark" if playcount else "unmark", entry["label"])
        self._wake()

    def _entry(self, media, kodi_id, playcount):
        action = "add" if playcount > 0 else "remove"
        now = self._clock()
        if media == "movie":
            movie = _details("Movie", kodi_id, ["title", "year", "uniqueid", "imdbnumber", "lastplayed"])
            ids = simkl_ids(movie.get("uniqueid"), movie.get("imdbnumber", ""), "tmdb")
            if not ids:
                return None
            block = media_block(movie.get("title"), movie.get("year"), ids)
            watched_at = lastplayed_to_utc(movie.get("lastplayed"))
            return mark_entry(action, "movie", block, now, watched_at=watched_at)
        episode = _details("Episode", kodi_id, ["tvshowid", "season", "episode", "lastplayed"])
        show = _details("TVShow", episode.get("tvshowid"), ["title", "year", "uniqueid", "imdbnumber"])
        ids = simkl_ids(show.get("uniqueid"), show.get("imdbnumber", ""))
        if not ids or episode.get("season") is None or episode.get("episode") is None:
            return None
        block = media_block(show.get("title"), show.get("year"), ids)
        return mark_entry(action, "episode", block, now, episode["season"], episode["episode"],
                          lastplayed_to_utc(episode.get("lastplayed")),
                          anime=self._anime(ids, episode["season"], episode["episode"]))

    def _anime(self, ids, season, number):
        index = self._anime_index()
        return index.identify(ids, season, number) if index is not None and "simkl" not in ids else None


def _details(kind, kodi_id, properties):
    key = kind.lower() + "id"
    answer = rpc.call(f"VideoLibrary.Get{kind}Details", {key: kodi_id, "properties": properties}) or {}
    return answer.get(kind.lower() + "details") or {}


def parse_update(data):
    """A notification's data as a dict, or None when it is not a JSON object."""
    if isinstance(data, dict):
        return data
    try:
        parsed = json.loads(data) if data else None
    except (TypeError, ValueError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _playcount_change(payload):
    """(media, kodi_id, playcount) when the notification reports a movie or episode playcount, else None.
    Kodi puts the item under "item" or at the top level depending on the version; both are read."""
    if not payload or "playcount" not in payload or payload.get("added"):
        return None
    item = payload.get("item") if isinstance(payload.get("item"), dict) else payload
    media, kodi_id = item.get("type"), item.get("id")
    if media not in ("movie", "episode") or not isinstance(kodi_id, int):
        return None
    try:
        return media, kodi_id, int(payload["playcount"])
    except (TypeError, ValueError):
        return None
