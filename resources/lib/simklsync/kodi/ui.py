"""Kodi's dialogs and notifications for the add-on, and its localized strings."""
import xbmc
import xbmcaddon
import xbmcgui

from ..constants import ADDON_ID

ADDON_NAME_ID = 32000
ICONS = {"info": xbmcgui.NOTIFICATION_INFO, "warning": xbmcgui.NOTIFICATION_WARNING,
         "error": xbmcgui.NOTIFICATION_ERROR}


class _KeepUnknown(dict):
    """Placeholders a translation names but the caller did not pass stay visible instead of raising."""

    def __missing__(self, key):
        return "{" + key + "}"


def localize(string_id, **kwargs):
    """The add-on's string `string_id`, with {name}-style placeholders filled from kwargs."""
    text = xbmcaddon.Addon(ADDON_ID).getLocalizedString(string_id)
    if not kwargs:
        return text
    try:
        return text.format_map(_KeepUnknown(kwargs))
    except (ValueError, IndexError):
        return text  # a translation with broken braces still shows something readable


def strings():
    """getLocalizedString of one Addon object: several strings for one call into Kodi's add-on manager."""
    return xbmcaddon.Addon(ADDON_ID).getLocalizedString


def error_text(error):
    """The localized sentence for a SimklError (English fallback when the string is missing)."""
    string_id = getattr(error, "string_id", None)
    text = localize(string_id, **(getattr(error, "string_args", None) or {})) if string_id else ""
    return text or getattr(error, "user_message", "") or localize(32017)


def notify(message, icon="info", milliseconds=5000, heading=None):
    xbmcgui.Dialog().notification(heading or localize(ADDON_NAME_ID), message, ICONS.get(icon, icon),
                                  milliseconds, False)


def ok(message, heading=None):
    xbmcgui.Dialog().ok(heading or localize(ADDON_NAME_ID), message)


def yesno(message, heading=None):
    return bool(xbmcgui.Dialog().yesno(heading or localize(ADDON_NAME_ID), message))


def select(heading, options):
    """The index chosen, or -1 when the user backed out."""
    return xbmcgui.Dialog().select(heading, list(options))


def textviewer(text, heading=None):
    xbmcgui.Dialog().textviewer(heading or localize(ADDON_NAME_ID), text)


def open_settings():
    xbmcaddon.Addon(ADDON_ID).openSettings()


class Progress:
    """A foreground progress dialog: percent 0-100, a message, and whether the user cancelled."""

    def __init__(self, heading, message=""):
        self._dialog = xbmcgui.DialogProgress()
        self._dialog.create(heading, message)

    def update(self, percent, message):
        self._dialog.update(max(0, min(100, int(percent))), message)

    def cancelled(self):
        return bool(self._dialog.iscanceled())

    def close(self):
        self._dialog.close()


class BackgroundProgress:
    """The small progress bar in the corner, for long syncs that must not block the user."""

    def __init__(self, heading, message=""):
        self._dialog = xbmcgui.DialogProgressBG()
        self._dialog.create(heading, message)

    def update(self, percent, message):
        self._dialog.update(max(0, min(100, int(percent))), message=message)

    def close(self):
        self._dialog.close()


def is_playing():
    """True while a video plays: the service keeps its notifications for later."""
    return bool(xbmc.Player().isPlayingVideo())


def yes_no_later(message, yes, no, later, heading=None):
    """True (yes), False (no) or None (later, or the dialog closed)."""
    answer = xbmcgui.Dialog().yesnocustom(heading or localize(ADDON_NAME_ID), message, later, nolabel=no,
                                          yeslabel=yes)
    return {1: True, 0: False}.get(answer)


def refresh_media_list():
    """Reload the open video library list once (after library writes Kodi updates no list row for by id:
    Files.SetFileDetails); nothing when no video window is open, so no other window is disturbed."""
    if xbmc.getCondVisibility("Window.IsActive(videos)"):
        xbmc.executebuiltin("Container.Refresh")
