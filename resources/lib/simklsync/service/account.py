"""The Simkl account as the service holds it: one client for the service's life, and whether Simkl still
accepts the login."""
import logging

from ..kodi import settings
from ..kodi.gui.context_menu import set_logged_in
from ..simkl.client import SimklClient

# The service's own log name: its lines ("sync (reason): ok, ...") are what tools and e2e tests follow.
LOG = logging.getLogger("simklsync.service")


def default_client(client_id, version, wait, budget=None):
    return SimklClient(client_id, version, wait=wait, budget=budget)


class Account:
    """Account(outbox, clock, make_client, budget): make_client(client_id, version, wait, budget) -> a
    SimklClient; budget: the day's request budget (core.budget.DayBudget) every client spends from."""

    def __init__(self, outbox, clock, make_client=default_client, budget=None):
        self.login_needed = False
        self.budget = budget
        self._outbox = outbox
        self._clock = clock
        self._make_client = make_client
        self._client = None
        self._client_id = None

    def can_send(self, current=None):
        """Logged in, and Simkl has not refused the token since."""
        current = current or settings.Settings()
        return current.logged_in and not self.login_needed

    def client(self, current=None):
        """One client for the service's life (its pacing spans syncs, flushes and scrobbles), rebuilt only
        when the client id changes; the token is re-read each time (login and logout run in the script)."""
        current = current or settings.Settings()
        client_id = current.client_id
        if self._client is None or self._client_id != client_id:
            self._client = self._make_client(client_id, current.version, self._clock.wait, self.budget)
            self._client_id = client_id
        self._client.token = current.access_token
        return self._client

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
        """A new login: what waited for it may go."""
        self.login_needed = False
        self._outbox.release_holds(self._clock.time())
        set_logged_in(True)

    def retry_undelivered(self):
        """The user's "Try again": the writes given up after their limit go back in the queue. How many."""
        count = self._outbox.retry_undelivered(self._clock.time())
        LOG.info("outbox: %d writes not delivered are back in the queue", count)
        return count

    def logged_out(self):
        self.login_needed = False
        self._outbox.clear()
        set_logged_in(False)
