"""This box's role on a shared video library, kept by a small thread of its own:

    puller    holds the lease: the only box that pulls from Simkl and writes the pulled state into the library
    follower  another box holds it: this box skips pulls (no Simkl requests for them) but still scrobbles and
              sends its own marks; it asks the puller for a re-plan after its own scans and "Sync now"
    alone     no coordination (no pymysql, no rights on the table, server away…): today's behaviour, one line
              in the status dialog says why

Household wires the jobs and answers the service: role.py decides the role (the lease), pull_requests.py
passes re-plan requests to the puller, pending.py shares the marks Simkl has not confirmed yet, pulled.py
what the puller pulled, first_push.py the one box that pushes the Kodi-only plays of a first sync.
"""
import logging
import os
import threading
import time

from ..core.state.sync_state import SyncState
from .first_push import claim_first_push
from .mysql import DbError
from .pending import PendingMarks
from .pull_requests import REASONS, PullRequests
from .pulled import PulledShare
from .role import ALONE, FOLLOWER, LEASE_SECONDS, PULLER, BoxRole

LOG = logging.getLogger("simklsync.household")


def lease_seconds_from_env():
    """SIMKL_HOUSEHOLD_LEASE_SECONDS shortens the lease for the end-to-end tests."""
    try:
        value = int(os.environ.get("SIMKL_HOUSEHOLD_LEASE_SECONDS", ""))
    except ValueError:
        return LEASE_SECONDS
    return max(6, value)


class Household:
    """`table`: a lease.HouseholdTable; `wait(seconds)` returns True when the service stops; `clock` (the
    box's, possibly wrong) is used only to show server ages as local times."""

    def __init__(self, table, database, server, wait, lease_seconds=LEASE_SECONDS, clock=time.time,
                 on_takeover=None, on_pull_request=None, pending_source=None, eligible=None, account=None):
        self.table = table
        self.database = database
        self.server = server
        self._wait = wait
        self._eligible = eligible or (lambda: True)
        self._account = account
        self._thread = None
        self.box_role = BoxRole(table, database, lease_seconds, clock, on_takeover or (lambda: None))
        self.pull_requests = PullRequests(table, on_pull_request or (lambda reason: None))
        self.pending = PendingMarks(table, pending_source or dict)
        self.pulled = PulledShare(table, clock)

    @property
    def role(self):
        return self.box_role.role

    @property
    def problem(self):
        return self.box_role.problem

    @property
    def lease(self):
        return self.box_role.lease

    # The thread.
    def start(self):
        """The thread's first tick comes at once; the service's first sync may also tick (may_pull)."""
        self._thread = threading.Thread(target=self._run, name="simklsync-household")
        self._thread.daemon = True
        self._thread.start()

    def _run(self):
        delay = 0
        while not self._wait(delay):
            try:
                self.tick()
            except Exception:  # noqa: BLE001 - the lease thread must outlive any bug in one tick
                LOG.exception("household tick crashed")
            delay = self.box_role.next_tick_seconds()
        self.stop()

    def stop(self):
        """Releases the lease on a clean stop (shutdown, logout) so another box takes over at once."""
        self.box_role.release()

    # One step: make sure the table exists, take or renew the lease, serve requests, publish pending marks.
    def tick(self):
        if not self._eligible():
            return self.box_role.stand_aside()
        if self._account is not None:
            self.box_role.follow_account(self._account())
        role = self.box_role.renew()
        if role == ALONE:
            return role
        if role == PULLER:
            self.pull_requests.serve()
        self.pending.publish()
        return role

    # What the service asks.
    def may_pull(self, reason):
        """Whether this box pulls this cycle. A follower passes a scan or "Sync now" on to the puller."""
        role = self.tick() if self.role != PULLER else self.role
        if role != FOLLOWER:
            return True
        if reason in REASONS:
            self.request_pull(reason)
        return False

    def request_pull(self, reason):
        self.pull_requests.ask(reason)

    def claim_first_push(self):
        """True for the one box of the library that pushes the Kodi-only plays of a first sync (first_push.py)."""
        return True if self.role == ALONE else claim_first_push(self.table)

    def others_pending(self):
        """The Kodi marks other boxes have not yet got confirmed by Simkl ({kodi key: watched}); the puller's."""
        return self.pending.of_others() if self.role == PULLER else {}

    def publish_pulled(self, state):
        """After a pull: what the puller pulled, for the followers (pulled.py)."""
        if self.role == PULLER:
            self.pulled.publish(state)

    def publish_widgets(self, payload):
        """After the puller's widget lists changed: for the followers, which build none (pulled.py)."""
        if self.role == PULLER:
            self.pulled.publish_widgets(payload)

    def shared_widgets(self):
        """A follower's widget lists: the puller's last published ones (None on any other box, or unreadable)."""
        return self.pulled.widgets() if self.role == FOLLOWER else None

    def resume_state(self, state):
        """The sync state the resume check reads: a follower's with the puller's stamps and sessions (pulled.py)."""
        state = state if state is not None else SyncState()
        return self.pulled.over(state) if self.role == FOLLOWER else state

    def accounts_sharing(self):
        """How many Simkl accounts use this library now; 1 when the table cannot be read."""
        try:
            return max(1, self.table.live_accounts())
        except DbError:
            return 1

    def status(self):
        """The status file's household block: role, the puller and since when (as this box's local times)."""
        report = self.box_role.report(self.server)
        if self.role != ALONE:
            report.update(self.pulled.report())
        return report


def alone_status(database, server, problem):
    """The household block of a box that cannot coordinate at all (e.g. pymysql is not installed)."""
    return {"role": ALONE, "problem": problem, "database": database, "server": server}
