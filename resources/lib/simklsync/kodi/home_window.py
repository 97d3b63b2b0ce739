"""The widgets' reload property on Kodi's Home window (read by the skins' widget paths)."""
import xbmcgui

from ..constants import WIDGETS_RELOAD_PROPERTY

HOME_WINDOW = 10000


def widgets_reload() -> str:
    return xbmcgui.Window(HOME_WINDOW).getProperty(WIDGETS_RELOAD_PROPERTY)


def set_widgets_reload(value: str) -> None:
    xbmcgui.Window(HOME_WINDOW).setProperty(WIDGETS_RELOAD_PROPERTY, value)
