"""Typed access to the add-on's settings. A fresh Addon() per read: Kodi snapshots settings per object."""
import os

import xbmcaddon
import xbmcvfs

from ..constants import ADDON_ID, CLIENT_ID
from . import list_tag_settings


def _addon():
    return xbmcaddon.Addon(ADDON_ID)


def get_bool(key, default=False):
    try:
        return _addon().getSettingBool(key)
    except Exception:  # noqa: BLE001 - a broken settings file must not stop the service
        return default


def get_int(key, default=0, minimum=None, maximum=None):
    try:
        value = _addon().getSettingInt(key)
    except Exception:  # noqa: BLE001
        value = default
    if minimum is not None and value < minimum:
        value = minimum
    if maximum is not None and value > maximum:
        value = maximum
    return value


def get_str(key, default=""):
    try:
        return _addon().getSettingString(key)
    except Exception:  # noqa: BLE001
        return default


def set_str(key, value):
    _addon().setSettingString(key, value)


def set_bool(key, value):
    _addon().setSettingBool(key, value)


def addon_version():
    return _addon().getAddonInfo("version")


def addon_profile():
    return _addon().getAddonInfo("profile")


def client_id():
    return get_str("client_id_override").strip() or CLIENT_ID


def access_token():
    return get_str("access_token").strip()


class SyncSettings:
    """What the user chose to sync, read once per cycle."""

    def __init__(self):
        self.movies = get_bool("sync_movies", True)
        self.shows = get_bool("sync_shows", True)
        self.anime = get_bool("sync_anime", True)
        self.watched = get_bool("sync_watched", True)
        self.resume = get_bool("sync_resume", True)
        self.unwatch_removed = get_int("removed_policy", 0) == 0
        self.title_year_fallback = get_bool("title_year_fallback", False)
        self.ratings = get_bool("sync_ratings", True)
        self.list_tags = list_tag_settings.read(get_bool, self)

    def types(self):
        return tuple(name for name, on in (("movies", self.movies), ("shows", self.shows), ("anime", self.anime))
                     if on)


def sync_interval_minutes():
    return get_int("sync_interval", 30, minimum=5, maximum=720)


def profile_path():
    """The add-on's profile folder as a real path (it may not exist yet)."""
    return xbmcvfs.translatePath(addon_profile())


def profile_dir():
    """The add-on's profile folder as a real path, created when missing."""
    path = profile_path()
    if not os.path.isdir(path):
        os.makedirs(path, exist_ok=True)
    return path
