"""The Kodi side of plugin playback with ids: the Home window properties read when a playback starts (ours
cleared after), and the playing item they identify. The focused list item is never looked at: a trailer
started from a library movie's info screen must not borrow that movie's ids."""
import logging

import xbmc
import xbmcgui

from ...core.playing.plugin_ids import PROPERTIES, SIMKL_PROPERTY, Handover, PlayingTag
from ...core.playing.scrobble import PlayingItem

LOG = logging.getLogger("simklsync.player")

HOME_WINDOW = 10000


def read_properties():
    window = xbmcgui.Window(HOME_WINDOW)
    return {name: window.getProperty(name) for name in PROPERTIES}


def new_handover():
    """A Handover that takes what the properties hold right now as stale (set before the service ran)."""
    return Handover(read_properties())


def playing_tag(tag, path):
    """What the player says of the playing item. A plugin item plays under the URL it resolved to (what the
    player's file and the tag's paths say); only the Player.Filenameandpath label still has the plugin URL."""
    season, episode = _number(tag.getSeason(), 0), _number(tag.getEpisode(), 1)
    plugin_url = xbmc.getInfoLabel("Player.Filenameandpath")
    paths = tuple(dict.fromkeys(p for p in (path, plugin_url, _safe_text(tag.getFilenameAndPath),
                                            _safe_text(tag.getPath)) if p))
    return PlayingTag(tag.getMediaType() or "", season, episode, paths)


def take_handed_ids(handover, tag, path):
    """At a playback start: the HandedIds a fresh property gives this playback, or None. Our own property is
    cleared either way: it was for this playback (or a stale one)."""
    values = read_properties()
    if values.get(SIMKL_PROPERTY):
        xbmcgui.Window(HOME_WINDOW).clearProperty(SIMKL_PROPERTY)
    playing = playing_tag(tag, path)
    LOG.debug("playing a non-library %s under %s", playing.media or "video", playing.paths)
    handed, rejected = handover.take(values, playing)
    for name, why in sorted(rejected.items()):
        LOG.info("ids in %s not used: %s", name, why)
    return handed


def seen_at_library_start(handover):
    """A library item identifies itself; what the properties hold now must not be taken by a later start."""
    values = read_properties()
    if values.get(SIMKL_PROPERTY):
        xbmcgui.Window(HOME_WINDOW).clearProperty(SIMKL_PROPERTY)
    handover.seen(values)


def item_from_handed(handed, tag, path, duration):
    """The PlayingItem the handed ids name; the title and year from the value, else the playing tag."""
    if handed.media == "episode":
        title = handed.title or tag.getTVShowTitle() or tag.getTitle()
        year = handed.year
    else:
        title = handed.title or tag.getTitle()
        year = handed.year or tag.getYear()
    LOG.info("identified by %s: %s %s", handed.source, handed.media, handed.ids)
    return PlayingItem(handed.media, dict(handed.ids), title, year or 0, handed.season, handed.episode,
                       path=path, duration=duration)


def is_trailer(tag, path):
    """Kodi plays a library movie's trailer with a copy of the movie's tag (ids included, no database id):
    the tag names the movie, not what plays."""
    trailer = _safe_text(tag.getTrailer)
    return bool(trailer) and trailer in (path, _safe_text(tag.getFilenameAndPath))


def _number(value, minimum):
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= minimum else None


def _safe_text(getter):
    try:
        value = getter()
    except Exception:  # noqa: BLE001 - older Kodis lack some getters; the value is optional
        return ""
    return value if isinstance(value, str) else ""
