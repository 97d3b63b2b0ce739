"""The service's xbmc.Monitor: turns Kodi's callbacks into calls on the service's KodiEvents (service/events.py)."""
import logging

import xbmc

from ..constants import (
    NOTIFY_ITEM_ACTION,
    NOTIFY_LOGGED_IN,
    NOTIFY_LOGGED_OUT,
    NOTIFY_RETRY_UNDELIVERED,
    NOTIFY_SENDER,
    NOTIFY_SYNC_NOW,
    NOTIFY_UNDO,
)

LOG = logging.getLogger("simklsync.monitor")


PLAYBACK_STARTS = ("Player.OnPlay", "Player.OnAVStart", "Player.OnResume")


def idle_seconds():
    """Seconds since the user last pressed a key or moved the mouse (Kodi's own count)."""
    return xbmc.getGlobalIdleTime()


def abort_waiter():
    """wait(seconds) -> True once Kodi aborts: a Monitor's waitForAbort, for code outside the service."""
    return xbmc.Monitor().waitForAbort


class ServiceMonitor(xbmc.Monitor):
    def __init__(self, events):
        super().__init__()
        self.events = events

    def onNotification(self, sender, method, data):  # noqa: N802 - Kodi's name
        try:
            self._dispatch(sender, method, data)
        except Exception:  # noqa: BLE001 - a callback must never take the service down
            LOG.exception("notification %s failed", method)

    def _dispatch(self, sender, method, data):
        if method == "VideoLibrary.OnUpdate":
            self.events.on_library_update(data)
        elif method == "VideoLibrary.OnRemove":
            self.events.on_library_remove(data)
        elif method == "System.OnWake":
            self.events.on_wake()
        elif method in PLAYBACK_STARTS or method == "Player.OnStop":
            self.events.on_playing(method != "Player.OnStop")
        elif sender == NOTIFY_SENDER and method.startswith("Other."):
            message = method[len("Other."):]
            if message == NOTIFY_SYNC_NOW:
                self.events.request_sync("manual")
            elif message == NOTIFY_LOGGED_IN:
                self.events.on_logged_in()
            elif message == NOTIFY_LOGGED_OUT:
                self.events.on_logged_out()
            elif message == NOTIFY_ITEM_ACTION:
                self.events.request_action(data)
            elif message == NOTIFY_RETRY_UNDELIVERED:
                self.events.retry_undelivered()
            elif message == NOTIFY_UNDO:
                self.events.request_undo(data)

    def onScanFinished(self, library):  # noqa: N802 - Kodi's name
        if library == "video":
            self.events.on_scan_finished()

    def onSettingsChanged(self):  # noqa: N802 - Kodi's name
        self.events.on_settings_changed()

    def onScreensaverActivated(self):  # noqa: N802 - Kodi's name
        self.events.on_screensaver(True)

    def onScreensaverDeactivated(self):  # noqa: N802 - Kodi's name
        self.events.on_screensaver(False)

