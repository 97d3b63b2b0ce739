"""Whether a request may go to Simkl at all: an app id is set and Simkl has not refused it, and the day's
request budget (core.budget.DayBudget) is not in its back-off after Simkl's daily limit."""
import logging

from ..core import budget as budget_rules
from . import errors

LOG = logging.getLogger("simklsync.client")


class RequestGate:
    """budget: a core.budget.DayBudget (the day's count and back-off, saved) or None; wall_clock() in epoch s."""

    def __init__(self, budget, wall_clock):
        self.budget = budget
        self._wall_clock = wall_clock
        self._refused_id = None

    def check(self, client_id, what):
        """Raises the typed error that says why the request `what` is not sent."""
        if not client_id:
            raise errors.NoClientId(f"{what} not sent: this build has no Simkl app id")
        if self._refused_id == client_id:
            raise errors.ClientIdRejected(f"{what} not sent: Simkl refused this app id", None,
                                          errors.CLIENT_ID_FAILED)
        if self.budget is None:
            return
        until = self.budget.blocked(self._wall_clock())
        if until is not None:
            raise errors.DailyLimitReached(f"{what} not sent: Simkl's daily limit", until,
                                           until - self._wall_clock())

    def allow_attempt(self):
        """A user's own action: the next request goes out even after a refused app id or in a day-cap back-off."""
        self._refused_id = None
        if self.budget is not None:
            self.budget.allow_attempt()

    def rejected(self, client_id, error):
        """Simkl refused the app id: client_id_failed means it will again, so nothing more goes out with it."""
        if error.code == errors.CLIENT_ID_FAILED:
            self._refused_id = client_id

    def sent(self):
        if self.budget is not None:
            self.budget.sent(self._wall_clock())

    def answered(self, status):
        if self.budget is not None and status != 429:
            self.budget.succeeded(self._wall_clock())

    def back_off_for_the_day(self, error, what):
        """A 429 naming no wait (or a long one, or the daily quota) stops requests for a while, saved: no retries
        in quick succession, and a Kodi restart does not start a new storm."""
        if not budget_rules.is_day_cap(error.retry_after, error.code):
            return
        now = self._wall_clock()
        long_wait = error.retry_after if error.retry_after and error.retry_after > budget_rules.SHORT_RETRY_AFTER \
            else None
        if self.budget is not None:
            until = self.budget.refused(now, long_wait)
        else:
            until = now + (long_wait or budget_rules.FIRST_BACKOFF)
        LOG.warning("%s: Simkl's request limit (429%s); nothing sent before %s", what,
                    f" {error.code}" if error.code else "", budget_rules.utc_text(until))
        raise errors.DailyLimitReached(error.detail, until, until - now) from None
