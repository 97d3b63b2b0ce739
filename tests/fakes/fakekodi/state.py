"""FakeKodi: the one shared state behind the fake xbmc* modules, reset per test."""
import copy
import json
import threading
import weakref
from datetime import datetime

from .addon_files import REPO_ROOT, read_addon_info, read_setting_specs, read_strings
from .dispatcher import CallbackDispatcher
from .jsonrpc import JsonRpcServer
from .library import VideoLibrary
from .paths import SpecialPaths
from .player import PlayerState
from .settings_store import SettingsStore
from .ui import UiScript

_OWN_INFO = read_addon_info()
_OWN_SETTINGS = read_setting_specs()
_OWN_STRINGS = read_strings()
ADDON_ID = _OWN_INFO["id"]

# Announcements that Kodi also turns into typed Monitor callbacks (XBPython::Announce).
_TYPED_CALLBACKS = {
    "VideoLibrary.OnScanStarted": ("onScanStarted", "video"),
    "VideoLibrary.OnScanFinished": ("onScanFinished", "video"),
    "VideoLibrary.OnCleanStarted": ("onCleanStarted", "video"),
    "VideoLibrary.OnCleanFinished": ("onCleanFinished", "video"),
    "AudioLibrary.OnScanStarted": ("onScanStarted", "music"),
    "AudioLibrary.OnScanFinished": ("onScanFinished", "music"),
    "GUI.OnScreensaverActivated": ("onScreensaverActivated",),
    "GUI.OnScreensaverDeactivated": ("onScreensaverDeactivated",),
    "GUI.OnDPMSActivated": ("onDPMSActivated",),
    "GUI.OnDPMSDeactivated": ("onDPMSDeactivated",),
}


class InstalledAddon:
    """One add-on as Kodi knows it: info, settings store and strings."""

    def __init__(self, info, settings, strings):
        self.info = info
        self.settings = settings
        self.strings = strings


class FakeKodi:
    """Everything a test scripts or inspects. Reached as fakekodi.KODI; the fake_kodi fixture resets it."""

    def __init__(self):
        self.paths = SpecialPaths()
        self.dispatcher = CallbackDispatcher(self._callback_failed)
        self.reset()

    def reset(self, home_dir=None):
        """A fresh Kodi: empty library and logs, default settings, nothing playing, no abort."""
        self.shutdown()
        self.lock = threading.RLock()
        self.clock = datetime.now
        self.log_lines = []
        self.notifications = []
        self.callback_errors = []
        self.allow_callback_errors = False
        self.allow_type_errors = False  # a test that sends a wrong type on purpose sets it
        self.builtins = []
        self.info_labels = {"System.BuildVersion": "20.1 (20.1.0) Git:20230311-fakekodi"}
        self.conditions = {}
        self.idle_seconds = 0  # seconds since the user's last input (xbmc.getGlobalIdleTime)
        self.abort_event = threading.Event()
        self.monitors = weakref.WeakSet()
        self.players = weakref.WeakSet()
        self.dispatcher = CallbackDispatcher(self._callback_failed)
        self.paths = SpecialPaths(home_dir)
        self._profiles = {}  # profile folder -> (its add-ons' settings, its video library), while another is loaded
        self.addons = {ADDON_ID: _own_addon()}
        for dependency in _OWN_INFO["requires"]:
            self.install_addon(dependency)
        self.settings = self.addons[ADDON_ID].settings
        self.ui = UiScript()
        self.library = VideoLibrary(self._announce_library, self.now)
        self.rpc = JsonRpcServer(self)
        self.directories = {}  # a plugin run's directory per handle (the fake xbmcplugin)
        self.player = PlayerState(self)

    def shutdown(self):
        """Wakes every waitForAbort, stops the callback thread and removes a private temp home."""
        if hasattr(self, "abort_event"):
            self.abort_event.set()
        self.dispatcher.stop()
        self.paths.cleanup()

    # -- test controls ----------------------------------------------------------------------------------
    def load_profile(self, folder, own_library=False, wait_stopped=None):
        """Profiles.LoadProfile (CProfileManager::LoadProfile): the running services are told to abort and
        Kodi waits for them (wait_stopped(); Kodi gives up after 5 s), then special://profile/ is `folder`
        (relative to the Kodi home: "userdata" for the master profile, "userdata/profiles/<name>" for
        another), every add-on's settings are that profile's (defaults the first time), and the services
        started next get an abort of their own. own_library: the profile has its own video database (Kodi's
        default for a new profile) instead of sharing the master's. Window properties are kept, as in Kodi."""
        self.abort_event.set()
        if wait_stopped is not None:
            wait_stopped()
        with self.lock:
            self._profiles[self.paths.profile_folder] = (
                {addon_id: addon.settings for addon_id, addon in self.addons.items()}, self.library)
            settings, library = self._profiles.get(folder, ({}, None))
            for addon_id, addon in self.addons.items():
                addon.settings = settings.get(addon_id) or _fresh_settings(addon_id)
            self.settings = self.addons[ADDON_ID].settings
            if own_library:
                self.library = library or VideoLibrary(self._announce_library, self.now)
            self.paths.profile_folder = folder
            self.abort_event = threading.Event()
            # The stopped services' interpreters are gone in Kodi, and with them their monitors and players.
            self.monitors, self.players = weakref.WeakSet(), weakref.WeakSet()

    def request_abort(self):
        """Kodi is shutting down: waitForAbort() returns True, abortRequested() turns True."""
        self.abort_event.set()

    def wait_idle(self, timeout=2.0):
        """Waits until every queued Monitor/Player callback has run. True when idle, False on timeout."""
        return self.dispatcher.wait_idle(timeout)

    def on_callback_thread(self):
        return self.dispatcher.on_worker_thread()

    def scan_finished(self, library="video"):
        """A library scan ran: onScanStarted then onScanFinished (and their notifications)."""
        prefix = "VideoLibrary" if library == "video" else "AudioLibrary"
        self.announce("xbmc", prefix + ".OnScanStarted", None)
        self.announce("xbmc", prefix + ".OnScanFinished", None)

    def clean_finished(self):
        self.announce("xbmc", "VideoLibrary.OnCleanStarted", None)
        self.announce("xbmc", "VideoLibrary.OnCleanFinished", None)

    def screensaver(self, active):
        """The screensaver starts (True) or ends (False): the GUI announcement and its typed callback."""
        self.announce("xbmc", "GUI.OnScreensaverActivated" if active else "GUI.OnScreensaverDeactivated",
                      {"shuttingdown": False} if not active else None)

    def system_woke(self):
        """The system resumed from sleep: System.OnWake (Kodi has no typed callback for it)."""
        self.announce("xbmc", "System.OnWake", None)

    def change_setting(self, setting_id, value, addon_id=ADDON_ID):
        """The user changed a setting in the settings dialog: stored, then onSettingsChanged."""
        self.addons[addon_id].settings[setting_id] = value
        self.settings_changed()

    def install_addon(self, addon_id, name=None, version="1.0.0"):
        info = {"id": addon_id, "name": name or addon_id, "version": version, "author": "", "path":
                "/usr/share/kodi/addons/" + addon_id, "type": "xbmc.python.module", "summary": "",
                "description": "", "disclaimer": "", "changelog": "", "stars": "-1", "icon": "",
                "fanart": "", "requires": [],
                "profile": f"special://profile/addon_data/{addon_id}/"}
        self.addons[addon_id] = InstalledAddon(info, SettingsStore({}), {})

    def now(self):
        """Kodi's local time as the video database stores it."""
        return self.clock().strftime("%Y-%m-%d %H:%M:%S")

    # -- used by the fake modules ------------------------------------------------------------------------
    def announce(self, sender, method, data):
        """A JSON-RPC announcement: recorded, then delivered to every live Monitor like XBPython does."""
        self.notifications.append((sender, method, data))
        monitors = list(self.monitors)
        typed = _TYPED_CALLBACKS.get(method)
        if typed:
            self._post_to(monitors, typed[0], *typed[1:])
        self._post_to(monitors, "onNotification", sender, method, json.dumps(data))

    def settings_changed(self):
        self._post_to(list(self.monitors), "onSettingsChanged")

    def post_to_players(self, callback, *args):
        self._post_to(list(self.players), callback, *args)

    def log(self, level, msg):
        self.log_lines.append((level, msg))

    def _post_to(self, targets, callback, *args):
        for target in targets:
            self.dispatcher.post(getattr(target, callback), *args)

    def _announce_library(self, message, data):
        self.announce("xbmc", "VideoLibrary." + message, data)

    def _callback_failed(self, text):
        self.callback_errors.append(text)
        self.log(3, "EXCEPTION in a Python callback:\n" + text)


def _fresh_settings(addon_id):
    return SettingsStore(copy.deepcopy(_OWN_SETTINGS) if addon_id == ADDON_ID else {})


def _own_addon():
    info = dict(_OWN_INFO)
    info["profile"] = f"special://profile/addon_data/{ADDON_ID}/"
    info["path"] = REPO_ROOT
    return InstalledAddon(info, SettingsStore(copy.deepcopy(_OWN_SETTINGS)), dict(_OWN_STRINGS))


KODI = FakeKodi()
