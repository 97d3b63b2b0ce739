"""The status file the `status` action shows: what the last sync did, what waits in the outbox, the last
playback not scrobbled. Written after every sync and refreshed after every flush."""
from ..core.times import epoch_to_iso, iso_z
from .engine import MAX_UNMATCHED_IN_STATUS, utc_now
from .removal_guard import RATINGS


class StatusWriter:
    """StatusWriter(store, state_store, outbox, last_skip, budget, clock, next_check): last_skip() -> (label,
    reason) or None; budget: the day's request budget (core.budget.DayBudget); next_check() -> (wall time, why)
    of the next timed activities check, or None for no timer; clock_status() -> core.clock.SimklClock.status()
    (how far the device clock is off Simkl's, or None); unmarks() -> {"held", "kept"}: Kodi unwatches held
    before Simkl and those kept apart (service/unmark_guard.py)."""

    def __init__(self, store, state_store, outbox, last_skip, budget, clock, next_check=None, clock_status=None,
                 unmarks=None):
        self.store = store
        self._clock_status = clock_status or (lambda: None)
        self._unmarks = unmarks or dict
        self._next_check = next_check
        self._check_written = None
        self._state_store = state_store
        self._outbox = outbox
        self._last_skip = last_skip
        self._budget = budget
        self._clock = clock

    def after_sync(self, result, started, error, account_name, household):
        previous = self.store.load() or {}
        state = result.state if result.state is not None else self._state_store.load_head()
        report = status_report(result, started, utc_now(), error, self.outbox_status(),
                               state.account_name or account_name, previous)
        report["scrobble_skipped"] = self.scrobble_skipped()
        report["household"] = household
        report["daily_limit"] = self._budget.status(self._clock.time())
        report["next_check"] = self._written(self._check_now())
        report["clock"] = self._clock_status()
        report["unmarks"] = self._unmarks()
        report["held"] = state.held  # large removals held back (core/plan/guard.py), for the status dialog
        ratings = (result.ratings.held_clears if result.ratings is not None  # and a large clear of Kodi ratings
                   else (previous.get("held") or {}).get(RATINGS))
        if ratings:
            report["held"] = dict(state.held or {}, **{RATINGS: ratings})
        self.store.save(report)

    def household_only(self, household):
        """A cycle this box did not pull: only the shared library's picture changes."""
        status = self.store.load()
        status = status if isinstance(status, dict) else {}
        status["household"] = household
        self.store.save(status)

    def after_flush(self):
        """The status file's picture of the outbox follows every flush, not only every sync."""
        status = self.store.load()
        if isinstance(status, dict):
            status["outbox"] = self.outbox_status()
            status["scrobble_skipped"] = self.scrobble_skipped()
            status["daily_limit"] = self._budget.status(self._clock.time())
            status["next_check"] = self._written(self._check_now())
            status["clock"] = self._clock_status()
            status["unmarks"] = self._unmarks()
            self.store.save(status)

    def next_check(self):
        """Saves when the next timed check is due and why, if that changed (to the minute) since last saved."""
        check = self._check_now()
        if check is None or check == self._check_written:
            return
        status = self.store.load()
        if isinstance(status, dict):
            status["next_check"] = self._written(check)
            self.store.save(status)

    def _check_now(self):
        if self._next_check is None:
            return None
        at, why = self._next_check()
        return {"at": epoch_to_iso(at // 60 * 60), "why": why}

    def _written(self, check):
        """`check` as it goes into the status file, remembered so an unchanged one is not saved again."""
        self._check_written = check
        return check

    def scrobble_skipped(self):
        skip = self._last_skip()
        return {"item": skip[0], "reason": skip[1]} if skip else None

    def outbox_status(self):
        status = self._outbox.summary()
        status["dropped"] = [dict({"item": d.get("label"), "reason": d.get("reason"), "at": d.get("at")},
                                  **({"retry": True} if d.get("retry") else {}))
                             for d in self._outbox.dropped()]
        return status


def status_report(result, started, finished, error_text, outbox_status, account_name, previous=None):
    """The status file's content (shown by the `status` action)."""
    report = {
        "last_sync_started": iso_z(started),
        "last_sync_finished": iso_z(finished),
        "last_result": "ok" if error_text is None else error_text,
        "reason": result.reason,
        "requests": result.requests,
        "read": result.read,
        "written": result.written,
        "failed_writes": result.failed_writes,
        "tags_written": result.tags_written,
        "unmatched": result.unmatched,
        "outbox": outbox_status,
        "account": account_name,
    }
    if result.state is not None and result.state.kodi_retry:
        report["kodi_retry"] = result.state.kodi_retry  # Kodi writes owed (core/state/kodi_retry.py)
    if previous and not result.scope.is_everything:
        # A delta cycle only re-checked its scope: the other titles keep what the last full plan said.
        kept = [row for row in previous.get("unmatched", []) if row.get("simkl") not in result.scope]
        report["unmatched"] = (kept + result.unmatched)[:MAX_UNMATCHED_IN_STATUS]
    if previous and not result.changed_remote and not result.total_written:
        # An idle cycle keeps the last cycle's picture of what changed and what did not match.
        report["unmatched"] = previous.get("unmatched", [])
        report["last_change"] = previous.get("last_change")
    else:
        report["last_change"] = iso_z(finished)
    return report
