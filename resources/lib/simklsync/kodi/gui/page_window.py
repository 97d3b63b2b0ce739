"""A title's Simkl page: its address and a QR code of it, so a phone opens it, in the login's window
(script-simkl-sync-login.xml: heading, text, QR code and caption; its code and countdown stay empty).
Shown until the user closes it (Back or its button), Kodi closes, or PAGE_SECONDS pass: the plugin's process
never lingers. Without the window (a skin problem), a plain dialog shows the address."""
import logging

import xbmc
import xbmcgui

from .. import ui
from .login_window import LoginWindow, remove_qr_files, write_qr

LOG = logging.getLogger("simklsync.page_window")

OPEN_ON_SIMKL, SCAN_TO_OPEN = 32903, 32904  # strings.po
QR_PREFIX = "page-qr-"
PAGE_SECONDS = 600
POLL_SECONDS = 0.25


def show_page(heading, url, name, folder):
    """The page `url` (named `name` for its QR file in `folder`), shown until closed; the QR file removed after."""
    path = write_qr(folder, url, name, prefix=QR_PREFIX)
    try:
        window = LoginWindow.open(heading, ui.localize(OPEN_ON_SIMKL, url=url), "", path, ui.localize(SCAN_TO_OPEN))
    except Exception as error:  # noqa: BLE001 - a skin problem must not hide the address
        LOG.warning("page window unavailable (%s): showing the address", error)
        remove_qr_files(folder, QR_PREFIX)
        xbmcgui.Dialog().ok(heading, url)
        return
    try:
        _wait_closed(window)
    finally:
        window.close()
        remove_qr_files(folder, QR_PREFIX)


def _wait_closed(window):
    monitor, waited = xbmc.Monitor(), 0.0
    while not window.cancelled() and waited < PAGE_SECONDS:
        if monitor.waitForAbort(POLL_SECONDS):
            return
        waited += POLL_SECONDS
