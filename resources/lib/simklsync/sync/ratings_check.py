"""Kodi's ratings between syncs: Kodi announces no userrating change, so its rated items are compared with
what we knew at most once a RATINGS_CHECK_SECONDS, or RATINGS_SOON_SECONDS after a library update about a
movie or show. A shared library leaves this to the puller's sync cycles."""
from ..household.setup import NoHousehold
from ..kodi import settings
from .rating_sync import RatingSync, may_carry_rating

RATINGS_CHECK_SECONDS = 60
RATINGS_SOON_SECONDS = 5  # after a library update about a movie or show


class KodiRatingsCheck:
    """parts: the Service (clock, account, library, ratings_store, outbox, household)."""

    def __init__(self, parts):
        self.parts = parts
        self._checked_at = parts.clock.monotonic()  # the first sync cycle looks first
        self._dirty = False

    def library_updated(self, data):
        """True when the update asks for a check soon (the worker should wake for it)."""
        if may_carry_rating(data):
            self._dirty = True  # looked at soon, not at once: a sync's own writes come in thousands
        return self._dirty

    def due(self):
        """The wall time the worker should wake for the check a library update asked for, or None."""
        if not self._dirty:
            return None
        waited = self.parts.clock.monotonic() - self._checked_at
        return self.parts.clock.time() + max(0.0, RATINGS_SOON_SECONDS - waited)

    def run(self):
        parts = self.parts
        now = parts.clock.monotonic()
        wait = RATINGS_SOON_SECONDS if self._dirty else RATINGS_CHECK_SECONDS
        if now - self._checked_at < wait or not isinstance(parts.household, NoHousehold):
            return
        self._checked_at, self._dirty = now, False
        current = settings.Settings()
        if parts.account.can_send(current) and current.get_bool(settings.SYNC_RATINGS):
            RatingSync(None, parts.library, parts.ratings_store, parts.outbox).check_kodi()
