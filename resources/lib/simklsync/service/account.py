"""The Simkl account as the service holds it: one client for the service's life, whether Simkl still accepts
the login, and which account (by Simkl's id, never by name) the service's memory and files are bound to."""
import logging
import threading

from ..constants import USER_SETTINGS_CACHE_KEY, USER_SETTINGS_TTL
from ..core.state.account_stamp import account_id
from ..kodi import settings
from ..kodi.gui.context_menu import set_logged_in
from ..simkl import errors
from ..simkl.client import SimklClient

# The service's own log name: its lines ("sync (reason): ok, ...") are what tools and e2e tests follow.
LOG = logging.getLogger("simklsync.service")


def default_client(client_id, version, wait, budget=None):
    return SimklClient(client_id, version, wait=wait, budget=budget)


class Account:
    """Account(outbox, clock, make_client, budget, cache, on_switch): make_client(client_id, version, wait,
    budget) -> a SimklClient; budget: the day's request budget (core.budget.DayBudget) every client spends
    from; on_switch() runs after the bound account changed (the service reloads what it read of the old one).
    `id`: the account the service is bound to (the outbox sends only its entries, the stores read only its
    files), None while logged out or before a login of an older version is confirmed."""

    def __init__(self, outbox, clock, make_client=default_client, budget=None, cache=None, on_switch=None):
        self.login_needed = False
        self.budget = budget
        self.id = None
        self._outbox = outbox
        self._clock = clock
        self._make_client = make_client
        self._cache = cache
        self._on_switch = on_switch
        self._lock = threading.RLock()
        self._client = None
        self._client_id = None
        self._cut = False

    def can_send(self, current=None):
        """Logged in to the account the service is bound to, and Simkl has not refused the token since."""
        current = current or settings.Settings()
        return current.logged_in and not self.login_needed and self.id is not None and current.account_id == self.id

    def may_send(self, current):
        """The check before every sync: a token Simkl has not refused, and the service bound to its account
        (sync_job confirms a login of an older version first: confirm())."""
        return not self.login_needed and bool(self.client(current).token)

    def ready(self, current):
        """The check before every flush: may_send, and the account confirmed (only its entries go)."""
        if not self.may_send(current):
            return False
        try:
            return self.confirm(self.client(current))
        except errors.LoginRequired:
            self.lose()
        except errors.SimklError as error:
            LOG.warning("could not confirm the Simkl account: %s", error)
        return False

    def client(self, current=None):
        """One client for the service's life (its pacing spans syncs, flushes and scrobbles), rebuilt only
        when the client id changes; the token is re-read each time (login and logout run in the script), and
        with it the account: the service is bound to the token's account before the token is used."""
        current = current or settings.Settings()
        client_id = current.client_id
        with self._lock:
            if self._client is None or self._client_id != client_id:
                self._client = self._make_client(client_id, current.version, self._clock.wait, self.budget)
                self._client_id = client_id
                if self._cut:
                    self._client.abort()
            self._client.token = self.bind(current)
            return self._client

    def cut(self):
        """The service is stopping: the request in flight ends now (Aborted, so its work stays queued) and no
        other goes out, from this client or one made later."""
        with self._lock:
            self._cut = True
            client = self._client
        if client is not None:
            client.abort()

    def bind(self, current=None):
        """Binds the service to the stored login's account; returns its token ("" while a login is being
        stored: the script writes an empty token, the id, then the token, and the id is read on both sides
        of the token, so an id and a token of two accounts are never paired)."""
        current = current or settings.Settings()
        identity, token, again = current.account_id, current.access_token, current.account_id
        with self._lock:
            if identity != again:
                return ""
            if identity != self.id and (identity is not None or not token):
                self._switch(identity)
            return token

    def lose(self):
        """Simkl refused the token: the outbox waits for the next login. True the first time only."""
        if self.login_needed:
            return False
        self._outbox.hold_all()
        self.login_needed = True
        set_logged_in(False)
        LOG.warning("Simkl refused the token: syncing stops until the next login")
        return True

    def found(self):
        """A new login: what waited for it may go, if it is this account's."""
        self.bind()
        self.login_needed = False
        self._outbox.release_holds(self._clock.time())
        set_logged_in(True)

    def retry_undelivered(self):
        """The user's "Try again": the writes given up after their limit go back in the queue. How many."""
        count = self._outbox.retry_undelivered(self._clock.time())
        LOG.info("outbox: %d writes not delivered are back in the queue", count)
        return count

    def logged_out(self):
        """The account's queue stays parked under it (sent if it logs in again); its files are the script's."""
        self.bind()
        self.login_needed = False
        set_logged_in(False)

    def _switch(self, identity):
        LOG.info("Simkl account %s: the service's memory and files follow it",
                 "changed" if self.id is not None and identity is not None else "set" if identity else "gone")
        self.id = identity
        self._outbox.set_account(identity)
        if self.budget is not None:
            self.budget.reload()
        if self._on_switch is not None:
            self._on_switch()

    def confirm(self, client):
        """True once bound to a confirmed account. A login of a version before the ids is confirmed here:
        Simkl says whose the token is (its SimklError raised), its id is stored unless another login was
        stored meanwhile, and unstamped files and entries become that account's."""
        if self.id is not None:
            return True
        token = client.token
        answer = client.get_user_settings()
        identity = account_id(answer)
        if identity is None:
            raise errors.BadResponse("users/settings: no account id in the answer")
        with self._lock:
            current = settings.Settings()
            if current.access_token != token or current.account_id is not None:
                return False  # a login was stored meanwhile: the next pass binds to it
            current.set_str(settings.ACCOUNT_ID, identity)
            if self._cache is not None:
                self._cache.set(USER_SETTINGS_CACHE_KEY, answer, USER_SETTINGS_TTL)  # the sync need not ask again
            self._switch(identity)
        return True

