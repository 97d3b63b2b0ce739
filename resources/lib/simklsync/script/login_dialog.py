"""The PIN login's face in Kodi: a window with the address, the code, a QR code of the PIN page and a
countdown (kodi/gui/login_window.py); a progress dialog with the same text when that window cannot open."""
import logging

from ..constants import PIN_URL
from ..core.login.pin_page import pin_page
from ..kodi import settings, ui
from ..kodi.gui.login_window import LoginWindow, remove_qr_files, write_qr

LOG = logging.getLogger("simklsync.login_dialog")

LOGIN_HEADING = 32001
OPEN_URL = 32002
ENTER_CODE = 32003
EXPIRES_IN = 32004
ASK_NEW_CODE = 32005
LOGGED_IN_AS = 32006
SCAN_QR = 32419


class KodiLoginUI:
    """Implements the UI protocol of simkl/login.py."""

    def __init__(self, folder=None):
        self._progress = None
        self._window = None
        self._instructions = ""
        self._expires_in = 1
        self._folder = folder

    def show(self, user_code, url, expires_in):
        self._expires_in = max(1, expires_in)
        self._instructions = f"{ui.localize(OPEN_URL, url=url)}\n{ui.localize(ENTER_CODE, code=user_code)}"
        self._window = self._open_window(user_code, url)
        if self._window is None:
            self._progress = ui.Progress(ui.localize(LOGIN_HEADING), self._instructions)
        self.update(expires_in)

    def _open_window(self, user_code, url):
        target = pin_page(url, user_code, PIN_URL)
        qr_path = write_qr(self._qr_folder(), target, user_code) if target else None
        try:
            return LoginWindow.open(ui.localize(LOGIN_HEADING), self._instructions, user_code, qr_path,
                                    ui.localize(SCAN_QR))
        except Exception as error:  # noqa: BLE001 - a skin problem must not stop the login
            LOG.warning("login window unavailable (%s): showing a progress dialog", error)
            return None

    def _qr_folder(self):
        if self._folder is None:
            self._folder = settings.profile_dir()
        return self._folder

    def update(self, seconds_left):
        countdown = ui.localize(EXPIRES_IN, time=_minutes_seconds(seconds_left))
        if self._window is not None:
            self._window.update(countdown)
        elif self._progress is not None:
            percent = 100.0 * seconds_left / self._expires_in
            self._progress.update(percent, f"{self._instructions}\n{countdown}")

    def cancelled(self):
        if self._window is not None:
            return self._window.cancelled()
        return self._progress is not None and self._progress.cancelled()

    def close(self):
        if self._window is not None:
            self._window.close()
            self._window = None
            remove_qr_files(self._qr_folder())
        if self._progress is not None:
            self._progress.close()
            self._progress = None

    def ask_retry(self):
        return ui.yesno(ui.localize(ASK_NEW_CODE), heading=ui.localize(LOGIN_HEADING))

    def logged_in(self, name):
        ui.notify(ui.localize(LOGGED_IN_AS, name=name))

    def failed(self, error):
        ui.ok(ui.error_text(error), heading=ui.localize(LOGIN_HEADING))


def _minutes_seconds(seconds):
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
