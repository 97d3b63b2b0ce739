"""The context menu's actions on a library movie, show, season or episode (addon.xml kodi.context.item), run in
the script's interpreter: it finds the item, asks for a rating when needed, and hands the action to the running
service (JSONRPC.NotifyAll), which writes Kodi at once and queues Simkl (core/item_actions/).

Entry: run(argv, listitem). argv holds the action (the menu item's args); after it, key=value pairs may name
the item instead of the list item: `RunScript(script.simkl.sync,context,watched,media=movie,id=5)`.
"""
import logging

import xbmcgui

from ...constants import LOGGED_IN_PROPERTY, NOTIFY_ITEM_ACTION, NOTIFY_SENDER
from ...core.item_actions import ACTIONS, ItemAction, action_data
from .. import log, rpc, settings, ui
from .rating_dialog import choose_rating
from .unmark_dialog import confirm_unwatch

LOG = logging.getLogger("simklsync.context_menu")

HOME_WINDOW = 10000


def set_logged_in(logged_in):
    """The property the menu's visibility condition reads; the service keeps it in step with the login."""
    window = xbmcgui.Window(HOME_WINDOW)
    if logged_in:
        window.setProperty(LOGGED_IN_PROPERTY, "true")
    else:
        window.clearProperty(LOGGED_IN_PROPERTY)


def run(argv, listitem=None):
    current = settings.Settings()
    log.setup(current.debug_logging)
    words = [str(word) for word in argv or ()]
    action = next((word for word in words if word in ACTIONS), None)
    if action is None:
        LOG.warning("context menu: no action in %r", words)
        return
    if not current.logged_in:
        ui.notify(ui.localize(32360), icon="warning")
        return
    named = dict(word.split("=", 1) for word in words[words.index(action) + 1:] if "=" in word)
    target = _named_target(named) if named else _listitem_target(listitem)
    if target is None:
        LOG.warning("context menu %s: not a library movie, show, season or episode", action)
        return
    media, kodi_id, season, title, current = target
    rating = _rating(named.get("rating"))
    if action == "rate" and rating is None:
        rating = choose_rating(title, current, allow_remove=bool(current))
        if rating is None:
            return
    if action == "unwatched" and media in ("tvshow", "season") and not _unwatch_confirmed(kodi_id, season, title):
        LOG.info("context menu: unwatch of %s %s not confirmed", media, kodi_id)
        return
    data = action_data(ItemAction(action, media, kodi_id, season, rating if action == "rate" else None))
    LOG.info("context menu: %s on %s %s", action, media, kodi_id)
    try:
        rpc.call("JSONRPC.NotifyAll", {"sender": NOTIFY_SENDER, "message": NOTIFY_ITEM_ACTION, "data": data})
    except rpc.RpcError as error:
        LOG.warning("could not reach the service: %s", error)


def _unwatch_confirmed(show_id, season, title):
    """A whole show or season leaves the Simkl history only once the user said yes, told how many episodes."""
    params = {"tvshowid": show_id, "properties": [], "limits": {"start": 0, "end": 1}}
    if season is not None:
        params["season"] = season
    count = ((rpc.call("VideoLibrary.GetEpisodes", params) or {}).get("limits") or {}).get("total") or 0
    if not title:
        details = rpc.call("VideoLibrary.GetTVShowDetails", {"tvshowid": show_id, "properties": ["title"]}) or {}
        title = (details.get("tvshowdetails") or {}).get("title") or "?"
    return confirm_unwatch(title, count, season)


def _named_target(named):
    media, kodi_id = named.get("media"), _int(named.get("id"))
    if media not in ("movie", "tvshow", "season", "episode") or kodi_id is None:
        return None
    return media, kodi_id, _int(named.get("season")), named.get("title", ""), 0


def _listitem_target(listitem):
    """(media, id, season, title, current rating) of the item under the cursor; a season is named by its show's
    id and its number."""
    if listitem is None:
        return None
    tag = listitem.getVideoInfoTag()
    media, dbid = tag.getMediaType(), tag.getDbId()
    if media not in ("movie", "tvshow", "season", "episode") or not dbid or dbid <= 0:
        return None
    title = tag.getTitle() or listitem.getLabel()
    current = _safe_rating(tag)
    if media != "season":
        return media, dbid, None, title, current
    season = (rpc.call("VideoLibrary.GetSeasonDetails", {"seasonid": dbid, "properties": ["tvshowid", "season"]})
              or {}).get("seasondetails") or {}
    if not season.get("tvshowid"):
        return None
    return "season", season["tvshowid"], season.get("season"), tag.getTVShowTitle() or title, 0


def _safe_rating(tag):
    try:
        return int(tag.getUserRating() or 0)
    except Exception:  # noqa: BLE001 - older Kodis lack it; the dialog then preselects nothing
        return 0


def _rating(text):
    value = _int(text)
    return value if value is not None and 0 <= value <= 10 else None


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
