"""The PIN (device) login as a loop over the client, an injected clock/wait and a small UI.

The UI protocol (the Kodi implementation lives in script/login_dialog.py):
    show(user_code, url, expires_in)   open the dialog with the code and where to enter it
    update(seconds_left)               refresh the countdown
    cancelled() -> bool                the user pressed cancel
    close()                            close the dialog
    ask_retry() -> bool                the code expired: start again?
    logged_in(name)                    tell the user who is logged in
    failed(error)                      tell the user why the login stopped (a SimklError)
The account store persists the result: save_account(account_id, name, users_settings_answer, token) once Simkl
has said whose the token is (the token is never stored before), clear() when it could not.
"""
import logging
import time

from ..constants import PIN_URL
from ..core.state.account_stamp import account_id
from . import errors

LOG = logging.getLogger("simklsync.login")

DEFAULT_INTERVAL = 5
DEFAULT_EXPIRES_IN = 900
TICK = 1.0  # seconds between countdown updates and cancel checks
SLOW_DOWN_STEP = 5


class PinLogin:
    def __init__(self, client, ui, store, wait, clock=time.monotonic):
        self.client = client
        self.ui = ui
        self.store = store
        self.wait = wait
        self.clock = clock

    def run(self):
        """The whole login. Returns the account name, or None when it did not happen."""
        while True:
            try:
                token = self._one_code()
            except errors.Aborted:
                return None
            except errors.SimklError as error:
                LOG.warning("login stopped: %s", error)
                self.ui.failed(error)
                return None
            if token:
                return self._confirm(token)
            if token is None or not self.ui.ask_retry():
                return None

    def _one_code(self):
        """Shows one code and polls it. Returns the token, "" when the code expired, None when cancelled."""
        code = self.client.pin_request()
        user_code = code["user_code"]
        expires_in = _positive(code.get("expires_in"), DEFAULT_EXPIRES_IN)
        url = code.get("verification_url") or code.get("verification_uri") or PIN_URL
        interval = _positive(code.get("interval"), DEFAULT_INTERVAL)
        self.ui.show(user_code, url, expires_in)
        try:
            return _Poller(self, user_code, expires_in, interval).run()
        finally:
            self.ui.close()

    def _confirm(self, token):
        """Asks Simkl whose the token is; only then is anything stored (the account id, the name, the token
        last). An unconfirmed token is never stored, and the login it was to replace is gone: its files stay
        stamped with its account, parked for its return, never another account's."""
        self.client.token = token
        try:
            answer = self.client.get_user_settings()
            identity = account_id(answer)
            if identity is None:
                raise errors.BadResponse("users/settings: no account id in the answer")
        except errors.Aborted:
            self.client.token = None
            self.store.clear()
            return None
        except errors.SimklError as error:
            LOG.warning("login not confirmed: %s", error)
            self.client.token = None
            self.store.clear()
            self.ui.failed(error)
            return None
        name = _account_name(answer)
        self.store.save_account(identity, name, answer, token)
        LOG.info("logged in to Simkl")
        self.ui.logged_in(name)
        return name


class _Poller:
    """Polls one user code at the server's interval until approval, cancel, abort, expiry or a new code."""

    def __init__(self, login, user_code, expires_in, interval):
        self.login = login
        self.user_code = user_code
        self.interval = interval
        self.expires_at = login.clock() + expires_in
        self.next_poll = login.clock() + interval

    def run(self):
        while True:
            left = self.expires_at - self.login.clock()
            if left <= 0:
                LOG.info("login code expired")
                return ""
            self.login.ui.update(int(left + 0.5))
            if self.login.ui.cancelled():
                LOG.info("login cancelled")
                return None
            if self.login.wait(min(TICK, left)):
                raise errors.Aborted("login abandoned: Kodi is closing")
            if self.login.clock() >= self.next_poll and self.login.clock() < self.expires_at:
                token = self._poll()
                if token:
                    return token

    def _poll(self):
        try:
            answer = self.login.client.pin_poll(self.user_code)
        except errors.DailyLimitReached:
            raise  # polling on would only feed the storm: the login stops and says when to try again
        except (errors.TransientError, errors.RateLimited, errors.BadResponse) as error:
            LOG.info("login poll failed, polling on: %s", error)
            answer = {}
        if "slow down" in str(answer.get("message", "")).lower():
            self.interval += SLOW_DOWN_STEP
        # Counted from the answer, so even a poll the client had to retry is followed by a full interval.
        self.next_poll = self.login.clock() + self.interval
        token = answer.get("access_token")
        if answer.get("result") == "OK" and isinstance(token, str) and token.strip():
            return token.strip()
        if "device_code" in answer or "user_code" in answer:
            # Simkl answers a forgotten or used code with a brand-new one: ours is gone.
            raise errors.PinCodeGone("the login code was replaced by Simkl")
        return None


def _positive(value, default):
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return value
    return default


def _account_name(settings_answer):
    user = settings_answer.get("user") or {}
    name = user.get("name") if isinstance(user, dict) else None
    if isinstance(name, str) and name.strip():
        return name.strip()
    account = settings_answer.get("account") or {}
    account_id = account.get("id") if isinstance(account, dict) else None
    return f"#{account_id}" if account_id is not None else "?"
