"""One sync cycle Simkl → Kodi, wiring the pure core to the client and the library, as named steps:

    activities → which lists moved → fetch deltas → update mirror → plan against a Kodi snapshot
               → apply writes (batched) → list tags → save state + status
"""
import datetime
import logging

from ..constants import USER_SETTINGS_CACHE_KEY, USER_SETTINGS_TTL
from ..core import list_tags
from ..core.activities import plan_fetches
from ..core.journal.records import name_of
from ..core.match import KodiIndex
from ..core.outbox.push import kodi_only, kodi_resume
from ..core.plan.planner import PlanSettings, plan_sync
from ..core.plan.scope import Scope
from ..core.state import kodi_retry
from ..core.state.mirror import Mirror
from .fetch import fetch
from .list_tags_step import ListTagsStep
from .removal_guard import guard_plan
from .scoped_snapshot import read_snapshot

LOG = logging.getLogger("simklsync.sync")

TYPES = ("movies", "shows", "anime")
MAX_UNMATCHED_IN_STATUS = 300


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


class CycleResult:
    def __init__(self, reason):
        self.reason = reason
        self.changed_remote = False
        self.requests = 0
        self.read = {}
        self.written = {"movies": 0, "episodes": 0}
        self.failed_writes = 0
        self.unmatched = []
        self.completed = False
        self.first_sync = False
        self.suspect = []  # types whose answer looked broken this cycle
        self.scope = Scope.everything()  # the Simkl titles the cycle planned (a delta cycle: what Simkl changed)
        self.kodi_only = None  # on a first sync: the Kodi items watched in Kodi but not on Simkl
        self.kodi_resume = None  # on a first sync: Kodi resume points newer than Simkl's
        self.ratings = None  # rating_sync.RatingResult when ratings were synced
        self.tags_written = 0  # Kodi movies and shows whose Simkl list tags changed
        self.tags_failed = 0  # tag writes Kodi refused (kept apart: failed_writes counts the watched state)
        self.state = None  # the core.sync_state.SyncState the cycle left (its head when idle), for what follows
        self.held_told = []  # types whose large removal was held back this cycle, to tell the user about

    @property
    def total_written(self):
        return self.written["movies"] + self.written["episodes"]


class _Cycle:
    """What one run's steps share: its inputs, the result, the sync state and the mirror once loaded."""

    def __init__(self, reason, settings, pending, should_stop, progress):
        self.result = CycleResult(reason)
        self.settings = settings
        self.pending = pending
        self.should_stop = should_stop
        self.progress = progress
        self.tags = None  # core.list_tags.TagSettings of this cycle, or None
        self.state = None  # core.sync_state.SyncState
        self.mirror = None  # core.mirror.Mirror, loaded only when a list moved or a replan is asked
        self.read_whole = set()  # the types read whole from Simkl this cycle (a held removal's later read)
        self.reread = set()  # the types whose held removal must be read again next cycle
        self.answers = {}  # the user's Apply / Keep for held removals: those types are read whole this cycle
        self.removed = set()  # the Simkl ids this cycle's id lists removed


class SyncEngine:
    """Runs cycles; holds no Kodi or HTTP code of its own (client, library, stores and UI are injected).
    state_store: core.state_store.StateStore (or any object with its load_head / load_mirror / save)."""

    def __init__(self, client, library, state_store, cache, clock=utc_now, tz=None, ratings=None, answers=None):
        self.answers = answers  # removal_guard.Answers: the user's Apply / Keep for held removals, or None
        self.ratings = ratings  # rating_sync.RatingSync, or None
        self.client = client
        self.library = library
        self.state_store = state_store
        self.cache = cache
        self.clock = clock
        self.tz = tz

    def run(self, reason, settings, pending=None, replan=False, should_stop=None, progress=None):
        """One cycle. `replan` re-plans from the mirror even when Simkl has nothing new (scan, manual sync)."""
        cycle = _Cycle(reason, settings, pending or {}, should_stop or (lambda: False), progress)
        requests_before = self.client.request_count
        journal = getattr(self.library, "journal", None)
        if journal is not None:
            journal.begin_cycle(reason)  # the Kodi writes of this run, and what it queues for Simkl, are its
        try:
            self._run(cycle, replan)
            cycle.result.state = cycle.state
        finally:
            cycle.result.requests = self.client.request_count - requests_before
            if journal is not None:
                journal.end_cycle()
        return cycle.result

    def _run(self, cycle, replan):
        result = cycle.result
        cycle.state = self.state_store.load_head()
        cycle.tags = list_tags.with_state(getattr(cycle.settings, "list_tags", None), cycle.state)
        replan = replan or list_tags.stale(cycle.tags, cycle.state)  # new tag settings: every title is checked once
        activities = self.client.get_activities()
        fetches = plan_fetches(cycle.state.saved_activities, activities, TYPES)
        self._sync_ratings(cycle, activities)
        result.changed_remote, result.first_sync = not fetches.unchanged, fetches.first_sync
        owed = kodi_retry.due_ids(cycle.state.kodi_retry)  # writes Kodi refused or never got: planned again
        cycle.answers = self.answers.read() if self.answers is not None and cycle.state.held else {}
        if fetches.unchanged and not replan and not owed and not cycle.state.full_pull and not cycle.answers:
            result.completed = True
            return
        fetches = self._fetch(cycle, fetches, activities, replan)
        account_type = self._account_type(cycle.state, activities, fetches)
        if cycle.should_stop():
            return
        self._apply(cycle, account_type)
        self._save(cycle, activities)

    def _sync_ratings(self, cycle, activities):
        if self.ratings is not None and cycle.settings.ratings:
            settings = cycle.settings
            cycle.result.ratings = self.ratings.run(cycle.state.saved_activities, activities, settings.types(),
                                                    settings.title_year_fallback, cycle.should_stop)

    def _fetch(self, cycle, fetches, activities, replan):
        """The mirror loaded and brought up to date; the scope: everything on first syncs, scans and manual
        syncs, else what Simkl's answers changed. Returns the fetches made."""
        head, cycle.state = cycle.state, self.state_store.load_mirror(cycle.state)
        if cycle.state.stamp != head.stamp:  # the files were out of step: the whole state's activities decide
            fetches, replan = plan_fetches(cycle.state.saved_activities, activities, TYPES), True
            cycle.result.changed_remote, cycle.result.first_sync = not fetches.unchanged, fetches.first_sync
        cycle.mirror = Mirror.from_dict(cycle.state.mirror)
        # A held removal is read again whole when the user answers, and at every scan or manual sync.
        held = set(cycle.answers) | (set(cycle.state.held) if replan else set())
        full_pull = tuple(sorted(set(cycle.state.full_pull) | held))
        fetched = fetch(self.client, fetches, cycle.mirror, cycle.should_stop, full_pull)
        result = cycle.result
        result.read, result.suspect, cycle.read_whole = fetched.read, fetched.suspect, fetched.whole
        cycle.removed = fetched.removed
        whole = fetches.first_sync or replan or full_pull
        result.scope = Scope.everything() if whole else Scope.of(fetched.changed).plus(
            kodi_retry.due_ids(cycle.state.kodi_retry))
        return fetches

    def _account_type(self, state, activities, fetches):
        settings_moved = ((activities.get("settings") or {}).get("all")
                          != ((state.activities or {}).get("settings") or {}).get("all"))
        # The login leaves its answer in the cache: the first sync after a login does not ask again.
        answer = None if settings_moved else self.cache.get(USER_SETTINGS_CACHE_KEY)
        if answer is None and (fetches.first_sync or settings_moved or not state.account_type):
            answer = self.client.get_user_settings()
            self.cache.set(USER_SETTINGS_CACHE_KEY, answer, USER_SETTINGS_TTL)
        state.note_account(answer)
        return state.account_type or "free"

    def _apply(self, cycle, account_type):
        """Plan against the Kodi items the scope needs, then write: watched state first, then list tags."""
        result, state, mirror, scope = cycle.result, cycle.state, cycle.mirror, cycle.result.scope
        if scope.is_nothing:
            return  # Simkl moved, but nothing a library write could reflect (e.g. a rating)
        tags = cycle.tags if cycle.tags is not None and cycle.tags.active else None
        snapshot = read_snapshot(self.library, mirror, cycle.settings, scope, tags is not None)
        index = KodiIndex(snapshot.movies, snapshot.shows, snapshot.episodes)
        plan = plan_sync(mirror, index, _plan_settings(cycle.settings, account_type), set(state.synced),
                         cycle.pending, now=self.clock(), tz=self.tz, scope=scope)
        result.unmatched = plan.unmatched[:MAX_UNMATCHED_IN_STATUS]
        auto_apply = getattr(cycle.settings, "apply_large_removals", False)
        result.held_told, cycle.reread, held_refs = guard_plan(plan, mirror, state, scope.is_everything,
                                                               cycle.read_whole, auto_apply, cycle.answers,
                                                               (result.suspect, cycle.removed))
        state.synced |= set(plan.agreed_keys)  # watched on both sides: in sync from now on
        if result.first_sync:
            result.kodi_only, result.kodi_resume = kodi_only(snapshot, plan), kodi_resume(snapshot, plan)
        tag_step = ListTagsStep(self.library, tags, scope) if tags is not None else None
        if tag_step is not None:
            tag_step.plan(mirror, index, plan.writes, held_refs)
        done = self._write(cycle, plan, snapshot) if plan.writes else []
        if plan.writes and tag_step is not None:
            tag_step.count_merged(done, result)
        _settle_owed(self.library, cycle, plan, snapshot, done)
        if tag_step is not None and not cycle.should_stop():
            tag_step.apply(state, result, cycle.should_stop, before=_before(snapshot))
            cycle.reread = set(cycle.reread) | tag_step.reread

    def _write(self, cycle, plan, snapshot):
        """The plan's watched-state writes; the keys Kodi took join (or leave) the synced ones."""
        LOG.info("applying %d library writes", len(plan.writes))
        light = getattr(cycle.settings, "file_writes", True)  # off: the old path, for the bench and tests
        done, failed = self.library.apply(plan.writes, snapshot.playcounts(), cycle.progress, cycle.should_stop,
                                          before=_before(snapshot), bulk=None if light else False)
        result, synced = cycle.result, cycle.state.synced
        result.failed_writes = failed
        for write in done:
            result.written["movies" if write.media == "movie" else "episodes"] += 1
        done_keys = {write.key for write in done}
        synced |= set(plan.marked_keys) & done_keys
        synced -= set(plan.unmarked_keys) & done_keys
        return done

    def _save(self, cycle, activities):
        """The mirror is saved even when Kodi is closing; the new activities only after a whole, trusted cycle."""
        state = cycle.state
        state.mirror = cycle.mirror.to_dict()
        if not cycle.should_stop():
            if state.accept(cycle.result.suspect):
                state.activities = activities
            state.full_pull = tuple(sorted(set(state.full_pull) | cycle.reread))
            cycle.result.completed = True
        self.state_store.save(state)
        if cycle.answers:
            self.answers.clear()  # kept in the state's held removals now


def _settle_owed(library, cycle, plan, snapshot, done):
    """The writes still owed to Kodi: refused (with Kodi's reason) or not sent because Kodi was stopping."""
    refused = {write.key: reason for write, reason in getattr(library, "last_failures", ()) if plan.writes}
    done_keys = {write.key for write in done}
    stopped = [write.key for write in getattr(library, "last_unsent", ())] if plan.writes else ()
    before = _before(snapshot) or (lambda media, kodi_id: None)
    names = {write.key: name_of(before(write.media, write.kodi_id)) for write in plan.writes
             if write.key in refused or write.key in stopped}
    state = cycle.state
    state.kodi_retry = kodi_retry.settle(state.kodi_retry, cycle.result.scope, done_keys, refused, stopped,
                                         names)
    if state.kodi_retry:
        LOG.info("%d Kodi writes owed to the next cycles", len(state.kodi_retry))


def _before(snapshot):
    """The snapshot's item lookup (the values before, for the journal); None for a snapshot without one."""
    return getattr(snapshot, "item", None)


def _plan_settings(settings, account_type):
    return PlanSettings(
        movies=settings.movies, shows=settings.shows, anime=settings.anime, watched=settings.watched,
        resume=settings.resume, unwatch_removed=settings.unwatch_removed,
        title_year_fallback=settings.title_year_fallback, account_type=account_type,
    )
