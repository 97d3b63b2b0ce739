"""This box's role on the shared library, decided by the puller lease (see coordinator for the roles).

The lease is renewed every RENEW_SECONDS and lasts LEASE_SECONDS (server time): a puller that vanishes is
replaced once its lease runs out; one that stops cleanly releases it at once. A follower retries when the
lease it saw runs out, so the takeover comes within the lease time of the puller's last renewal.
"""
import logging
import threading

from .lease import account_key
from .mysql import DbError

LOG = logging.getLogger("simklsync.household")

PULLER, FOLLOWER, ALONE = "puller", "follower", "alone"
LEASE_SECONDS = 120
RENEW_SECONDS = 30
RETRY_PROBLEM_SECONDS = 300  # no table yet (no rights, server away): try again this often


class BoxRole:
    """puller, follower or alone, with the problem that left it alone and the lease last seen. `clock` (the
    box's, possibly wrong) only turns the lease's server age into a local time for the status."""

    def __init__(self, table, database, lease_seconds, clock, on_takeover):
        self.table = table
        self.database = database
        self.lease_seconds = lease_seconds
        self.renew_seconds = max(1, min(RENEW_SECONDS, lease_seconds // 4))
        self.clock = clock
        self._on_takeover = on_takeover
        self._lock = threading.RLock()
        self._ready = False
        self.role = ALONE
        self.problem = "starting"
        self.lease = None
        self._lease_seen_at = None

    def renew(self):
        """Makes sure the table exists, then takes or renews the lease: the role now (alone on a problem)."""
        with self._lock:
            if not self._ready and not self._ensure_table():
                return self.role
            previous = self.role
            try:
                self.lease = self.table.acquire(self.lease_seconds)
                self._lease_seen_at = self.clock()
            except DbError as error:
                self._go_alone("unreachable", error)
                return self.role
            self.role = PULLER if self.lease is not None and self.lease.mine else FOLLOWER
            self.problem = None
        if self.role != previous:
            LOG.info("shared library %s: this box is now the %s%s", self.database, self.role,
                     "" if self.role == PULLER else f" (puller: {self.lease.label if self.lease else '?'})")
            if self.role == PULLER and previous == FOLLOWER:
                self._on_takeover()  # from the start (or from alone) the service's own schedule pulls
        return self.role

    def release(self):
        """Ends a held lease (shutdown, logout) so another box takes over at once."""
        with self._lock:
            if self.role != PULLER:
                return
            self.role = ALONE
            self.problem = "stopped"
        try:
            self.table.release()
            LOG.info("released the puller lease")
        except DbError as error:
            LOG.warning("could not release the puller lease: %s", error)

    def follow_account(self, account):
        """The lease is per Simkl account: after a login to another account this box competes for that one."""
        key = account_key(account)
        if key == self.table.scope:
            return
        self.release()
        with self._lock:
            self.table.scope = key
            self.role, self.problem, self.lease = ALONE, "starting", None

    def stand_aside(self):
        """A box that cannot pull (logged out, token refused) must not keep the lease from the others."""
        self.release()
        with self._lock:
            if self.problem != "not_logged_in":
                LOG.info("shared library %s: not logged in, leaving the pulls to the other boxes", self.database)
            self.role, self.problem, self.lease = ALONE, "not_logged_in", None
        return self.role

    def next_tick_seconds(self):
        with self._lock:
            if not self._ready:
                return RETRY_PROBLEM_SECONDS
            if self.role == FOLLOWER and self.lease is not None:
                return max(1, min(self.renew_seconds, self.lease.remaining_seconds + 1))
            return self.renew_seconds

    def report(self, server):
        """The role part of the status file's household block: role, the puller and since when (local time)."""
        with self._lock:
            report = {"role": self.role, "problem": self.problem, "database": self.database, "server": server}
            lease, seen_at = self.lease, self._lease_seen_at
        if lease is not None and lease.live:
            report["puller"] = lease.label
            report["puller_since"] = seen_at - lease.held_seconds
        return report

    def _ensure_table(self):
        try:
            self.table.ensure()
        except DbError as error:
            self._go_alone(_problem(error), error)
            return False
        self._ready = True
        return True

    def _go_alone(self, problem, error):
        if self.problem != problem:
            LOG.warning("shared library %s: syncing on its own (%s: %s)", self.database, problem, error)
        self.role, self.problem, self.lease = ALONE, problem, None


def _problem(error):
    if error.login_refused:
        return "login_refused"
    return "no_rights" if error.denied else "unreachable"
