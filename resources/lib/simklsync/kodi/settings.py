"""Typed access to the add-on's settings: named ids, one snapshot per read, defaults only in settings.xml.

Build one `Settings()` per cycle (or per playback, per script action) and pass it in: Kodi snapshots the
values per Addon object, so everything read from one snapshot agrees. A value Kodi cannot give (a damaged
settings file, a value of the wrong type) is settings.xml's default for that id.

To add a setting: declare it in resources/settings.xml, name its id below, and read it with
`current.get_bool(MY_ID)` / `get_int` / `get_str` (or add a property when several places read it).
"""
import os

import xbmcaddon
import xbmcvfs

from .. import app_id
from ..constants import ADDON_ID

# Account (hidden values the login and the service keep).
ACCOUNT_NAME = "account_name"
ACCESS_TOKEN = "access_token"
ACCOUNT_ID = "account_id"  # the Simkl account id of the confirmed login (core/state/account_stamp.py)
INITIAL_PUSH_ASKED = "initial_push_asked"
LIBRARY_ACCOUNT = "library_account"  # the account whose history the last sync wrote into Kodi (kept at logout)
# What to sync.
SYNC_MOVIES = "sync_movies"
SYNC_SHOWS = "sync_shows"
SYNC_ANIME = "sync_anime"
SYNC_WATCHED = "sync_watched"
SYNC_RESUME = "sync_resume"
REMOVED_POLICY = "removed_policy"  # 0: unwatch in Kodi what was removed on Simkl, 1: keep it
MASS_UNMARK = "mass_unmark"  # a burst of Kodi unwatches: 0 ask, 1 always remove on Simkl, 2 never
MASS_UNMARK_ASK, MASS_UNMARK_REMOVE, MASS_UNMARK_KEEP = 0, 1, 2
APPLY_LARGE_REMOVALS = "apply_large_removals"  # core/plan/guard.py: apply a held large removal without asking
TITLE_YEAR_FALLBACK = "title_year_fallback"
SYNC_RATINGS = "sync_ratings"
RATE_AFTER_WATCHING = "rate_after_watching"  # core.rate_prompt: 0 off, 1 movies, 2 episodes, 3 both
# When to sync.
SYNC_ON_STARTUP = "sync_on_startup"
SYNC_INTERVAL = "sync_interval"
SYNC_AFTER_SCAN = "sync_after_scan"
# The first sync.
INITIAL_PUSH = "initial_push"  # 0: ask, 1: always, 2: never
PUSH_RESUME_ON_FIRST_SYNC = "push_resume_on_first_sync"
# Scrobbling.
SCROBBLE_ENABLED = "scrobble_enabled"
SCROBBLE_MOVIES = "scrobble_movies"
SCROBBLE_EPISODES = "scrobble_episodes"
SCROBBLE_MIN_MINUTES = "scrobble_min_minutes"
SEARCH_FILE_FALLBACK = "search_file_fallback"
EXCLUDE_LIVETV = "exclude_livetv"
EXCLUDE_HTTP = "exclude_http"
EXCLUDE_PLUGIN = "exclude_plugin"
EXCLUDE_PATHS = ("exclude_path_1", "exclude_path_2", "exclude_path_3")
RESUME_OFFER = "resume_offer"  # core.resume_offer: 0 ask, 1 always, 2 never
# Notifications.
NOTIFY_SYNC = "notify_sync"
NOTIFY_SCROBBLE = "notify_scrobble"
NOTIFY_ERRORS = "notify_errors"
PROGRESS_BAR = "progress_bar"
# Widgets (the plugin's lists; sync/widgets_step.py reads them).
WIDGETS_UPNEXT = "widgets_upnext"
WIDGETS_INPROGRESS = "widgets_inprogress"
WIDGETS_NEWEPISODES = "widgets_newepisodes"
WIDGETS_TYPES = {"movies": "widgets_movies", "shows": "widgets_shows", "anime": "widgets_anime"}
WIDGETS_LIMIT = "widgets_limit"
WIDGETS_HIDE_WATCHED = "widgets_hide_watched"
# Advanced.
CLIENT_ID_OVERRIDE = "client_id_override"
DEBUG_LOGGING = "debug_logging"

INITIAL_PUSH_ASK, INITIAL_PUSH_ALWAYS, INITIAL_PUSH_NEVER = 0, 1, 2
SYNC_INTERVAL_RANGE = (5, 720)  # minutes, as settings.xml's slider allows

_KINDS = {"boolean": bool, "integer": int, "number": float}


class Settings:
    """One snapshot of the add-on's settings with typed getters and the values the add-on reads by name."""

    def __init__(self, addon=None):
        self._addon = addon or xbmcaddon.Addon(ADDON_ID)
        self._access_token = None

    # -- the typed accessor -----------------------------------------------------------------------------
    def get_bool(self, setting_id, default=None):
        """default: only for an id settings.xml does not declare (yet)."""
        return self._read(self._addon.getSettingBool, setting_id, bool, default)

    def get_int(self, setting_id, default=None, minimum=None, maximum=None):
        value = self._read(self._addon.getSettingInt, setting_id, int, default)
        if minimum is not None and value < minimum:
            value = minimum
        if maximum is not None and value > maximum:
            value = maximum
        return value

    def get_str(self, setting_id, default=None):
        return self._read(self._addon.getSettingString, setting_id, str, default)

    def set_bool(self, setting_id, value):
        self._addon.setSettingBool(setting_id, value)

    def set_str(self, setting_id, value):
        self._addon.setSettingString(setting_id, value)
        if setting_id == ACCESS_TOKEN:
            self._access_token = None

    def _read(self, getter, setting_id, kind, default):
        try:
            return getter(setting_id)
        except Exception:  # noqa: BLE001 - a broken settings file must not stop the service
            return xml_default(setting_id, kind, default)

    # -- named values -----------------------------------------------------------------------------------
    @property
    def access_token(self):
        # Read once per snapshot: a sync cycle asks for it to check the login and again to build the client.
        if self._access_token is None:
            self._access_token = self.get_str(ACCESS_TOKEN).strip()
        return self._access_token

    @property
    def account_name(self):
        return self.get_str(ACCOUNT_NAME)

    @property
    def account_id(self):
        """The confirmed login's Simkl account id, or None (none yet, or a login of a version before the ids)."""
        return self.get_str(ACCOUNT_ID).strip() or None

    @property
    def client_id(self):
        """The override from Advanced settings, else the build's app id; "" when there is neither."""
        return app_id.client_id(self.get_str(CLIENT_ID_OVERRIDE))

    @property
    def logged_in(self):
        return bool(self.access_token)

    @property
    def debug_logging(self):
        return self.get_bool(DEBUG_LOGGING)

    @property
    def sync_interval_minutes(self):
        return self.get_int(SYNC_INTERVAL, minimum=SYNC_INTERVAL_RANGE[0], maximum=SYNC_INTERVAL_RANGE[1])

    @property
    def marks_enabled(self):
        """Kodi's watched marks go to Simkl: logged in and watched states synced."""
        return self.logged_in and self.get_bool(SYNC_WATCHED)

    @property
    def initial_push(self):
        choice = self.get_int(INITIAL_PUSH)
        # A damaged setting asks rather than sending a whole history unasked.
        return choice if choice in (INITIAL_PUSH_ASK, INITIAL_PUSH_ALWAYS, INITIAL_PUSH_NEVER) else INITIAL_PUSH_ASK

    @property
    def mass_unmark(self):
        choice = self.get_int(MASS_UNMARK)
        # A damaged setting asks rather than removing history unasked.
        return choice if choice in (MASS_UNMARK_REMOVE, MASS_UNMARK_KEEP) else MASS_UNMARK_ASK

    @property
    def version(self):
        return self._addon.getAddonInfo("version")

    @property
    def profile(self):
        return self._addon.getAddonInfo("profile")

    def text(self, string_id):
        """The add-on's localized string through this snapshot's Addon object (no new one from Kodi)."""
        return self._addon.getLocalizedString(string_id)

    def sync(self):
        return SyncSettings(self)


class SyncSettings:
    """What the user chose to sync, from one snapshot (a fresh one when none is given)."""

    def __init__(self, current=None):
        current = current or Settings()
        self.movies = current.get_bool(SYNC_MOVIES)
        self.shows = current.get_bool(SYNC_SHOWS)
        self.anime = current.get_bool(SYNC_ANIME)
        self.watched = current.get_bool(SYNC_WATCHED)
        self.resume = current.get_bool(SYNC_RESUME)
        self.unwatch_removed = current.get_int(REMOVED_POLICY) == 0
        self.apply_large_removals = current.get_bool(APPLY_LARGE_REMOVALS)
        self.title_year_fallback = current.get_bool(TITLE_YEAR_FALLBACK)
        self.ratings = current.get_bool(SYNC_RATINGS)
        from . import list_tag_settings  # noqa: PLC0415 - here: a widget listing (plugin.py) never loads the tag rules

        self.list_tags = list_tag_settings.read(current.get_bool, self, current.text)

    def types(self):
        return tuple(name for name, on in (("movies", self.movies), ("shows", self.shows), ("anime", self.anime))
                     if on)


_XML_DEFAULTS = {}


def xml_default(setting_id, kind, fallback=None):
    """settings.xml's default for an id, as `kind`; `fallback` (or the kind's empty value) when it has none."""
    if not _XML_DEFAULTS:
        _XML_DEFAULTS.update(_read_xml_defaults())
    declared = _XML_DEFAULTS.get(setting_id)
    if declared is None:
        return kind() if fallback is None else fallback
    setting_type, text = declared
    try:
        if _KINDS.get(setting_type) is bool:
            return text.strip().lower() == "true"
        return _KINDS.get(setting_type, str)(text)
    except ValueError:
        return kind()


def _read_xml_defaults():
    import xml.etree.ElementTree as ET  # noqa: N817, PLC0415 - here: most processes never read the defaults

    path = os.path.join(xbmcaddon.Addon(ADDON_ID).getAddonInfo("path"), "resources", "settings.xml")
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return {}
    return {node.get("id"): (node.get("type"), node.findtext("default") or "") for node in root.iter("setting")}


# One-shot reads for code outside a cycle (each builds its own snapshot).
def get_bool(setting_id, default=None):
    return Settings().get_bool(setting_id, default)


def get_int(setting_id, default=None, minimum=None, maximum=None):
    return Settings().get_int(setting_id, default, minimum, maximum)


def get_str(setting_id, default=None):
    return Settings().get_str(setting_id, default)


def set_str(setting_id, value):
    Settings().set_str(setting_id, value)


def set_bool(setting_id, value):
    Settings().set_bool(setting_id, value)


def addon_version():
    return Settings().version


def addon_profile():
    return Settings().profile


def client_id():
    return Settings().client_id


def access_token():
    return Settings().access_token


def sync_interval_minutes():
    return Settings().sync_interval_minutes


def profile_path():
    """The add-on's profile folder as a real path (it may not exist yet)."""
    return xbmcvfs.translatePath(addon_profile())


def profile_dir():
    """The add-on's profile folder as a real path, created when missing."""
    path = profile_path()
    if not os.path.isdir(path):
        os.makedirs(path, exist_ok=True)
    return path
