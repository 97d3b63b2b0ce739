"""The PIN login's face in Kodi: a progress dialog with the address and the code, counting down."""
from . import ui

LOGIN_HEADING = 32001
OPEN_URL = 32002
ENTER_CODE = 32003
EXPIRES_IN = 32004
ASK_NEW_CODE = 32005
LOGGED_IN_AS = 32006


class KodiLoginUI:
    """Implements the UI protocol of simkl/login.py."""

    def __init__(self):
        self._progress = None
        self._instructions = ""
        self._expires_in = 1

    def show(self, user_code, url, expires_in):
        self._expires_in = max(1, expires_in)
        self._instructions = f"{ui.localize(OPEN_URL, url=url)}\n{ui.localize(ENTER_CODE, code=user_code)}"
        self._progress = ui.Progress(ui.localize(LOGIN_HEADING), self._instructions)
        self.update(expires_in)

    def update(self, seconds_left):
        if self._progress is None:
            return
        percent = 100.0 * seconds_left / self._expires_in
        countdown = ui.localize(EXPIRES_IN, time=_minutes_seconds(seconds_left))
        self._progress.update(percent, f"{self._instructions}\n{countdown}")

    def cancelled(self):
        return self._progress is not None and self._progress.cancelled()

    def close(self):
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
