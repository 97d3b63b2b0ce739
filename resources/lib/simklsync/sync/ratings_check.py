"""Kodi's ratings between syncs: Kodi announces no userrating change, so its rated items are compared with
what we knew at most once a RATINGS_CHECK_SECONDS, or RATINGS_SOON_SECONDS after a library update about a
movie or show. A shared library leaves this to the puller's sync cycles."""
from ..household.setup import NoHousehold
from ..kodi import settings
from .rating_sync import RatingSync, identity_reader, may_carry_rating

RATINGS_CHECK_SECONDS = 60
RATINGS_SOON_SECONDS = 5  # after a library update about a movie or show
GUI_USE_GRACE_SECONDS = 60  # a rating set just before the previous look may be seen only at this one


class OwnChanges:
    """may_send for RatingSync: whether the Kodi rating changes seen now are this box's user's. Always on a library
    this account alone uses; on one shared with other Simkl accounts only when this box's GUI was in use since
    the previous look (a change made elsewhere, such as another account's box writing its own ratings into the
    shared database, is learnt and not sent). household(): the current household; idle_seconds(): Kodi's idle
    time; monotonic: a clock."""

    def __init__(self, household, idle_seconds, monotonic):
        self.household = household
        self.idle_seconds = idle_seconds
        self.monotonic = monotonic
        self._looked_at = None

    def __call__(self):
        now = self.monotonic()
        since = now - self._looked_at if self._looked_at is not None else 0.0
        self._looked_at = now
        if self.household().accounts_sharing() <= 1:
            return True
        return self.idle_seconds() <= since + GUI_USE_GRACE_SECONDS


class KodiRatingsCheck:
    """parts: the Service (clock, account, library, ratings_store, outbox, household, own_rating_changes,
    removed_rows)."""

    def __init__(self, parts):
        self.parts = parts
        self._checked_at = parts.clock.monotonic()  # the first sync cycle looks first
        self._dirty = False

    def library_updated(self, data):
        """True when this update is the one that asks for a check soon: the worker wakes once and then waits for
        due(). A sync's own writes come in thousands; waking the worker for each cost a worker pass apiece."""
        if self._dirty or not may_carry_rating(data):
            return False
        self._dirty = True  # looked at soon, not at once
        return True

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
            RatingSync(None, parts.library, parts.ratings_store, parts.outbox,
                       library_identity=identity_reader(parts.library, parts.household),
                       may_send=parts.own_rating_changes, removed_rows=parts.removed_rows).check_kodi()
