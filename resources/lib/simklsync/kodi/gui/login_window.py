"""The PIN login's window (resources/skins/Default/1080i/script-simkl-sync-login.xml): the address, the code,
a countdown and a QR code of the PIN page, so the code can be entered from a phone.

Shown with show() (not doModal): the login keeps polling in the script's thread, and Kodi delivers the
window's callbacks (Cancel, Back) while that thread waits in Monitor.waitForAbort."""
import logging
import os
import re

import xbmcaddon
import xbmcgui

from ...constants import ADDON_ID
from ...core.login import png
from .qr_code import qr_rows

LOG = logging.getLogger("simklsync.login_window")

XML = "script-simkl-sync-login.xml"
CANCEL_BUTTON = 10
BACK_ACTIONS = (xbmcgui.ACTION_PREVIOUS_MENU, xbmcgui.ACTION_NAV_BACK)
QR_PREFIX = "login-qr-"
QR_SCALE = 12  # pixels per module: a version 3 symbol with its quiet zone is 444 px, the control 440


class LoginWindow(xbmcgui.WindowXMLDialog):
    """The face KodiLoginUI drives: create(heading, instructions, code, qr_path, caption), update(...),
    cancelled(), close()."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cancelled = False

    @classmethod
    def open(cls, heading, instructions, code, qr_path, caption):
        window = cls(XML, xbmcaddon.Addon(ADDON_ID).getAddonInfo("path"), "Default", "1080i")
        window.setProperty("heading", heading)
        window.setProperty("instructions", instructions)
        window.setProperty("code", code)
        window.setProperty("qr", qr_path or "")
        window.setProperty("qr_caption", caption if qr_path else "")
        window.show()
        return window

    def update(self, countdown):
        self.setProperty("countdown", countdown)

    def cancelled(self):
        return self._cancelled

    def onClick(self, controlId):  # noqa: N802,N803 - Kodi's names
        if controlId == CANCEL_BUTTON:
            self._cancel()

    def onAction(self, action):  # noqa: N802 - Kodi's name
        if action.getId() in BACK_ACTIONS:
            self._cancel()

    def _cancel(self):
        self._cancelled = True
        self.close()


def write_qr(folder, text, code, prefix=QR_PREFIX):
    """The QR code of `text` as a PNG in `folder` (one file per code: Kodi caches textures by path);
    None when it cannot be made, and the login then shows the address and the code alone."""
    try:
        os.makedirs(folder, exist_ok=True)
        remove_qr_files(folder, prefix)
        picture = png.qr_png(qr_rows(text), scale=QR_SCALE)
        path = os.path.join(folder, prefix + re.sub(r"[^A-Za-z0-9]", "", code) + ".png")
        with open(path, "wb") as handle:
            handle.write(picture)
        return path
    except (OSError, ValueError) as error:
        LOG.warning("no QR code for the login: %s", error)
        return None


def remove_qr_files(folder, prefix=QR_PREFIX):
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(".png"):
            try:
                os.remove(os.path.join(folder, name))
            except OSError:
                pass
