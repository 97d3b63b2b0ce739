"""This box's role on a shared video library, kept by a small thread of its own:

    puller    holds the lease: the only box that pulls from Simkl and writes the pulled state into the library
    follower  another box holds it: this box skips pulls (no Simkl requests for them) but still scrobbles and
              sends its own marks; it asks the puller for a re-plan after its own scans and "Sync now"
    alone     no coordination (no pymysql, no rights on the table, server away…): today's behaviour, one line
              in the status dialog says why

The lease is renewed every RENEW_SECONDS and lasts LEASE_SECONDS (server time): a puller that vanishes is
replaced once its lease runs out; one that stops cleanly releases it at once. A follower retries when the
lease it saw runs out, so the takeover comes within the lease time of the puller's last renewal.
"""
import logging
import os
import threading
import time

from .lease import FIRST_PUSH, PENDING_PREFIX, PULL_REQUEST, PULLED, account_key
from .mysql import DbError

LOG = logging.getLogger("simklsync.household")

PULLER, FOLLOWER, ALONE = "puller", "follower", "alone"
LEASE_SECONDS = 120
RENEW_SECONDS = 30
RETRY_PROBLEM_SECONDS = 300  # no table yet (no rights, server away): try again this often
PENDING_MAX_AGE = 7 * 86400  # a box that has not refreshed its pending marks for a week is gone
PENDING_REFRESH_SECONDS = 6 * 3600  # a box re-publishes unchanged pending marks this often (monotonic)


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
        self.lease_seconds = lease_seconds
        self.renew_seconds = max(1, min(RENEW_SECONDS, lease_seconds // 4))
        self.clock = clock
        self._on_takeover = on_takeover or (lambda: None)
        self._on_pull_request = on_pull_request or (lambda reason: None)
        self._pending_source = pending_source or dict
        self._eligible = eligible or (lambda: True)
        self._account = account
        self._lock = threading.RLock()
        self._thread = None
        self._ready = False
        self._published_pending = None
        self._published_at = None
        self._monotonic = time.monotonic
        self.role = ALONE
        self.problem = "starting"
        self.lease = None
        self._lease_seen_at = None

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
            delay = self._next_tick_seconds()
        self.stop()

    def _next_tick_seconds(self):
        with self._lock:
            if not self._ready:
                return RETRY_PROBLEM_SECONDS
            if self.role == FOLLOWER and self.lease is not None:
                return max(1, min(self.renew_seconds, self.lease.remaining_seconds + 1))
            return self.renew_seconds

    def stop(self):
        """Releases the lease on a clean stop (shutdown, logout) so another box takes over at once."""
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

    # One step: make sure the table exists, take or renew the lease, serve requests, publish pending marks.
    def tick(self):
        if not self._eligible():
            return self._stand_aside()
        self._follow_account()
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
        self._serve_pull_request()
        self._publish_pending()
        return self.role

    def _follow_account(self):
        """The lease is per Simkl account: after a login to another account this box competes for that one."""
        if self._account is None:
            return
        key = account_key(self._account())
        if key == self.table.scope:
            return
        self.stop()
        with self._lock:
            self.table.scope = key
            self.role, self.problem, self.lease = ALONE, "starting", None

    def _stand_aside(self):
        """A box that cannot pull (logged out, token refused) must not keep the lease from the others."""
        self.stop()
        with self._lock:
            if self.problem != "not_logged_in":
                LOG.info("shared library %s: not logged in, leaving the pulls to the other boxes", self.database)
            self.role, self.problem, self.lease = ALONE, "not_logged_in", None
        return self.role

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

    def _serve_pull_request(self):
        if self.role != PULLER:
            return
        try:
            request = self.table.take(PULL_REQUEST)
        except DbError as error:
            LOG.debug("pull request unreadable: %s", error)
            return
        if request is not None:
            reason = request.get("reason") if isinstance(request, dict) else None
            LOG.info("another box asked for a re-plan (%s)", reason or "?")
            self._on_pull_request(reason if reason in ("scan", "manual") else "manual")

    def _publish_pending(self):
        marks = self._pending_source() or {}
        fresh = self._published_at is not None and self._monotonic() - self._published_at < PENDING_REFRESH_SECONDS
        if marks == self._published_pending and (fresh or not marks):
            return
        name = PENDING_PREFIX + self.table.box_id
        try:
            if marks:
                self.table.put(name, marks)
            else:
                self.table.delete(name)
        except (DbError, ValueError) as error:
            LOG.debug("pending marks not published: %s", error)
            return
        self._published_pending = dict(marks)
        self._published_at = self._monotonic()

    # What the service asks.
    def may_pull(self, reason):
        """Whether this box pulls this cycle. A follower passes a scan or "Sync now" on to the puller."""
        role = self.tick() if self.role != PULLER else self.role
        if role != FOLLOWER:
            return True
        if reason in ("scan", "manual"):
            self.request_pull(reason)
        return False

    def request_pull(self, reason):
        try:
            self.table.put(PULL_REQUEST, {"reason": reason})
        except DbError as error:
            LOG.warning("could not ask the puller for a re-plan: %s", error)

    def claim_first_push(self):
        """True for the one box of the library that pushes the Kodi-only plays of a first sync. On a database
        error nothing is pushed: a later first sync may still do it, a double push cannot be taken back."""
        if self.role == ALONE:
            return True
        try:
            return self.table.claim_once(FIRST_PUSH)
        except DbError as error:
            LOG.warning("first push not claimed: %s", error)
            return False

    def others_pending(self):
        """The Kodi marks other boxes have not yet got confirmed by Simkl ({kodi key: watched})."""
        if self.role != PULLER:
            return {}
        try:
            rows = self.table.payloads(PENDING_PREFIX)
        except DbError as error:
            LOG.debug("pending marks of other boxes unreadable: %s", error)
            return {}
        merged = {}
        for name, (age, marks) in rows.items():
            if name == PENDING_PREFIX + self.table.box_id or not isinstance(marks, dict) or age > PENDING_MAX_AGE:
                continue  # its own, unreadable, or left by a box gone for a week
            merged.update({key: bool(value) for key, value in marks.items() if isinstance(key, str)})
        return merged

    def publish_pulled(self, state):
        """After a pull: which box pulled, the activities stamps it reached and the playback sessions it saw
        (the sync state's), so a follower can answer "resume across devices" without a pull of its own."""
        if self.role != PULLER or not isinstance(state, dict):
            return
        mirror = state.get("mirror") if isinstance(state.get("mirror"), dict) else {}
        payload = {"activities": state.get("activities") if isinstance(state.get("activities"), dict) else None,
                   "playback": mirror.get("playback") if isinstance(mirror.get("playback"), list) else [],
                   "account_type": state.get("account_type")}
        try:
            self.table.put(PULLED, payload)
        except (DbError, ValueError) as error:
            LOG.debug("pull not published: %s", error)

    def resume_state(self, state):
        """The sync state the resume check reads. A follower's own stamps and sessions are as old as its last
        own pull (maybe never): it reads the puller's instead, so Simkl is asked for the playback list only when
        it moved since the puller's pull. Its own state file is never changed by this."""
        state = state if isinstance(state, dict) else {}
        if self.role != FOLLOWER:
            return state
        try:
            _, pulled = self.table.get(PULLED)
        except DbError:
            return state
        if not isinstance(pulled, dict) or not isinstance(pulled.get("activities"), dict):
            return state
        mirror = dict(state.get("mirror") or {})
        mirror["playback"] = pulled.get("playback") if isinstance(pulled.get("playback"), list) else []
        return dict(state, activities=pulled["activities"], mirror=mirror,
                    account_type=pulled.get("account_type") or state.get("account_type"))

    def status(self):
        """The status file's household block: role, the puller and since when (as this box's local times)."""
        with self._lock:
            report = {"role": self.role, "problem": self.problem, "database": self.database, "server": self.server}
            lease, seen_at = self.lease, self._lease_seen_at
        if lease is not None and lease.live:
            report["puller"] = lease.label
            report["puller_since"] = seen_at - lease.held_seconds
        if self.role != ALONE:
            try:
                pulled, _ = self.table.get(PULLED)
            except DbError:
                pulled = None
            if pulled is not None:
                report["pulled_by"] = pulled.label
                report["pulled_at"] = self.clock() - pulled.held_seconds
        return report


def _problem(error):
    if error.login_refused:
        return "login_refused"
    return "no_rights" if error.denied else "unreachable"


def alone_status(database, server, problem):
    """The household block of a box that cannot coordinate at all (e.g. pymysql is not installed)."""
    return {"role": ALONE, "problem": problem, "database": database, "server": server}
