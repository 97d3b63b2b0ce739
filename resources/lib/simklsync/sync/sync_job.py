"""One sync cycle as the service runs it: the engine wired to the account's client, each failure turned into
what the user hears, and what follows a good cycle (news, first-sync offers, the status file)."""
import logging
import os

from ..constants import GUARD_ANSWERS_FILE
from ..household.setup import NoHousehold
from ..kodi import settings, ui
from ..kodi.gui.reason_text import reason_text, simkl_error_reason
from ..kodi.rpc import RpcError
from ..simkl import errors
from . import engine as sync
from .rating_sync import RatingSync, identity_reader
from .removal_guard import Answers

# The service's own log name: its lines ("sync (reason): ok, ...") are what tools and e2e tests follow.
LOG = logging.getLogger("simklsync.service")

# Reasons that re-plan from the mirror even when Simkl has nothing new.
REPLAN_REASONS = ("manual", "scan", "login")


class SyncJob:
    """parts: the Service (account, library, state_store, ratings_store, cache, outbox, pending_marks(),
    notifier, offers, status, household, own_rating_changes); on_synced(state) runs after every cycle with the
    sync state it left (or None; the service reloads the anime names then, when the state changed)."""

    def __init__(self, parts, on_synced):
        self.parts = parts
        self.on_synced = on_synced
        self.last_error = None  # the failure of the last cycle, or None
        self.capped = False  # the last cycle started inside a day-cap back-off

    def run(self, reason, should_stop):
        """The CycleResult, or None when not synced (logged out, failed, another box pulls)."""
        parts, current = self.parts, settings.Settings()
        token = current.access_token
        if not parts.account.may_send(current):  # bound to the login's account: the stores read only its files
            LOG.debug("not syncing (%s): not logged in", reason)
            return None
        if parts.account.id is None and not isinstance(parts.household, NoHousehold) and not self._confirmed(current):
            return None
        if not parts.household.may_pull(reason):
            LOG.debug("not pulling (%s): another box pulls the shared library", reason)
            parts.status.household_only(parts.household.status())
            parts.widgets.from_puller()  # its widget lists, as this box builds none
            return None
        started = sync.utc_now()
        result, error = self._cycle(reason, current, should_stop)
        if error is None and self.capped:
            parts.outbox.retry_now(parts.clock.time())  # the cap lifted: what waited for it goes out now
            parts.wake()
        self.on_synced(result.state)  # before the first-sync pushes, which name anime by it
        if error is None:
            parts.notifier.sync_done(result, current)
            parts.notifier.held(result)
            parts.offers.after_sync(result, current)
        if settings.access_token() != token:
            # Logged out (or into another account) while this cycle ran: what it saved belongs to nobody now.
            parts.state_store.delete()
            parts.ratings_store.delete()
            LOG.info("account changed during the sync: its state is discarded")  # after: a test waits for it
            return None
        parts.status.after_sync(result, started, error, current.account_name, parts.household.status())
        if error is None and result.completed:
            parts.household.publish_pulled(result.state)
        if error is None:
            parts.widgets.after_sync(result, current)  # the widget file, when the cycle changed something
        LOG.info("sync (%s): %s, %d requests, %d movies and %d episodes written", reason,
                 reason_text(error) if error else "ok", result.requests, result.written["movies"],
                 result.written["episodes"])
        return result if error is None else None

    def _confirmed(self, current):
        """A login of an older version on a shared library is confirmed before the library is asked who pulls: its
        lease is per account, and a box bound to no account stands aside (it would never pull, so never confirm).
        A box of its own confirms inside the cycle, where a failure is told like any other."""
        parts = self.parts
        try:
            return parts.account.confirm(parts.account.client(current))
        except errors.LoginRequired:
            if parts.account.lose():
                parts.notifier.login_lost(current)
        except errors.SimklError as failure:
            LOG.warning("the Simkl account could not be confirmed: %s", reason_text(simkl_error_reason(failure)))
        return False

    def _cycle(self, reason, current, should_stop):
        """(result, error reason): the engine's run, or an empty result and the reason code for the status file."""
        parts = self.parts
        client = parts.account.client(current)
        self.capped = parts.account.budget.blocked_until > parts.clock.time()
        if reason in ("manual", "login"):
            client.allow_attempt()  # the user's own action tries once even inside a day-cap back-off
        # A box that checks Kodi's ratings a minute apart (not a shared library's) skips that on a timed idle cycle.
        checked_apart = isinstance(parts.household, NoHousehold) and reason not in REPLAN_REASONS
        answers = Answers(lambda: os.path.join(settings.profile_path(), GUARD_ANSWERS_FILE))
        ratings = RatingSync(client, parts.library, parts.ratings_store, parts.outbox, kodi_checked_apart=checked_apart,
                             library_identity=identity_reader(parts.library, parts.household),
                             may_send=parts.own_rating_changes,
                             allow_large_clears=current.get_bool(settings.APPLY_LARGE_REMOVALS), answers=answers,
                             removed_rows=parts.removed_rows)
        engine = sync.SyncEngine(client, parts.library, parts.state_store, parts.cache, ratings=ratings,
                                 answers=answers)
        pending = dict(parts.household.others_pending(), **parts.pending_marks())
        progress = parts.notifier.progress(current)
        self.last_error = None
        try:
            if not parts.account.confirm(client):  # a login of an older version: whose is it? (asked once)
                return sync.CycleResult(reason), "login changed"
            return engine.run(reason, current.sync(), pending=pending, replan=reason in REPLAN_REASONS,
                              should_stop=should_stop, progress=progress.update), None
        except errors.LoginRequired as failure:
            self.last_error = failure
            if parts.account.lose():
                parts.notifier.login_lost(current)
            return sync.CycleResult(reason), simkl_error_reason(failure)
        except errors.DailyLimitReached as failure:
            self.last_error = failure
            if parts.account.budget.first_notice():  # one notification per cap, also across restarts
                parts.notifier.sync_failed(ui.error_text(failure), current)
            return sync.CycleResult(reason), simkl_error_reason(failure)
        except errors.SimklError as failure:
            self.last_error = failure
            if not isinstance(failure, errors.Aborted):  # the service stopping (a profile switch): nothing to tell
                parts.notifier.sync_failed(ui.error_text(failure), current)
            return sync.CycleResult(reason), simkl_error_reason(failure)
        except RpcError as failure:
            self.last_error = failure
            LOG.warning("Kodi library: %s", failure)
            return sync.CycleResult(reason), failure.reason
        finally:
            progress.close()
