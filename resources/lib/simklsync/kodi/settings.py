"""Typed access to the add-on's settings. A fresh Addon() per read: Kodi snapshots settings per object."""
import xbmcaddon

from ..constants import ADDON_ID, CLIENT_ID


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
