"""The rating dialog (1-10, skip), and the prompt after watching that asks through it (rules: core.rate_prompt)."""
import logging
import threading

import xbmc
import xbmcgui

from ...core.item_actions import ItemAction, action_data
from ...core.playing.rate_prompt import Watched, rate_target
from .. import rpc, ui

LOG = logging.getLogger("simklsync.rating_dialog")

RATINGS = tuple(range(10, 0, -1))
# Seconds after a stop before asking: long enough for the next video of a playlist to have started.
SETTLE_SECONDS = 2.0
# The prompt after watching closes itself when nobody answers (nobody may be in front of the screen).
PROMPT_AUTOCLOSE_MS = 60000


def choose_rating(title, current=0, allow_remove=False, autoclose=0):
    """The rating picked (1-10), 0 for "remove my rating" (when offered), None for skip, back or autoclose
    (milliseconds; 0 waits for an answer)."""
    options = [ui.localize(32342, rating=rating) for rating in RATINGS]
    if allow_remove:
        options.append(ui.localize(32343))
    options.append(ui.localize(32341))
    preselect = RATINGS.index(current) if current in RATINGS else -1
    index = xbmcgui.Dialog().select(ui.localize(32340, title=title), options, autoclose=autoclose,
                                    preselect=preselect)
    if index is None or index < 0 or index >= len(options):
        return None
    if index < len(RATINGS):
        return RATINGS[index]
    return 0 if allow_remove and index == len(RATINGS) else None


class RatePrompt:
    """After a scrobbled playback ends: after_watched(item, progress) decides (in a thread of its own, never
    in Kodi's callback) whether to ask, asks, and hands the rating to request_action(data) (the service's
    worker writes it to Kodi and queues it for Simkl). setting() -> the rate_after_watching value."""

    def __init__(self, setting, request_action, wait, is_playing_video=None):
        self._setting = setting
        self._request_action = request_action
        self._wait = wait
        self._is_playing_video = is_playing_video or (lambda: bool(xbmc.Player().isPlayingVideo()))

    def after_watched(self, item, progress):
        worker = threading.Thread(target=self._guarded, args=(item, progress), name="simklsync-rate-prompt")
        worker.daemon = True
        worker.start()
        return worker

    def _guarded(self, item, progress):
        try:
            self._ask(item, progress)
        except Exception:  # noqa: BLE001 - a dialog must never take the service down
            LOG.exception("rating prompt failed")

    def _ask(self, item, progress):
        if self._wait(SETTLE_SECONDS):
            return
        watched = _watched(item, progress)
        target = rate_target(self._setting(), watched, False, self._is_playing_video())
        if target is None:
            LOG.info("no rating asked after %s", item.title or "this video")
            return
        LOG.info("asking for a rating after %s", item.title or "this video")
        rating = choose_rating(_title(target) or item.title, autoclose=PROMPT_AUTOCLOSE_MS)
        if not rating:
            return
        self._request_action(action_data(ItemAction("rate", target.media, target.kodi_id, rating=rating)))


def _watched(item, progress):
    if item.media == "movie":
        movie = _details("Movie", item.kodi_id, ["userrating"]) if (item.kodi_id or 0) > 0 else {}
        return Watched("movie", item.kodi_id, progress, rating=movie.get("userrating") or 0)
    episode = _details("Episode", item.kodi_id, ["tvshowid"]) if (item.kodi_id or 0) > 0 else {}
    show_id = episode.get("tvshowid")
    if not show_id:
        return Watched("episode", item.kodi_id, progress, item.season, item.episode)
    answer = rpc.call("VideoLibrary.GetEpisodes", {"tvshowid": show_id, "season": item.season,
                                                   "properties": ["episode"]}) or {}
    numbers = [e.get("episode") or 0 for e in answer.get("episodes") or []]
    show = _details("TVShow", show_id, ["userrating"])
    return Watched("episode", item.kodi_id, progress, item.season, item.episode, show_id,
                   max(numbers) if numbers else None, show.get("userrating") or 0)


def _title(target):
    kind = "Movie" if target.media == "movie" else "TVShow"
    return _details(kind, target.kodi_id, ["title"]).get("title")


def _details(kind, kodi_id, properties):
    try:
        answer = rpc.call(f"VideoLibrary.Get{kind}Details", {kind.lower() + "id": kodi_id,
                                                            "properties": properties}) or {}
    except rpc.RpcError:
        return {}
    return answer.get(kind.lower() + "details") or {}
