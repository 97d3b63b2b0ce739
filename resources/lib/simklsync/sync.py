"""One sync cycle Simkl → Kodi, wiring the pure core to the client and the library:

    activities → which lists moved → fetch deltas → update mirror → plan against a Kodi snapshot
               → apply writes (batched) → save state + status
"""
import datetime
import logging

from .constants import USER_SETTINGS_CACHE_KEY, USER_SETTINGS_TTL
from .core import list_tags
from .core.activities import plan_fetches
from .core.match import KodiIndex
from .core.mirror import Mirror
from .core.plan import PlanSettings, plan_sync
from .core.push import kodi_only, kodi_resume
from .core.scope import Scope
from .fetch import fetch

LOG = logging.getLogger("simklsync.sync")

TYPES = ("movies", "shows", "anime")
STATE_SCHEMA = 1
MAX_UNMATCHED_IN_STATUS = 300
MAX_SUSPECT_CYCLES = 3


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

    @property
    def total_written(self):
        return self.written["movies"] + self.written["episodes"]


class SyncEngine:
    """Runs cycles; holds no Kodi or HTTP code of its own (client, library, stores and UI are injected)."""

    def __init__(self, client, library, state_store, cache, clock=utc_now, tz=None, ratings=None):
        self.ratings = ratings  # rating_sync.RatingSync, or None
        self.client = client
        self.library = library
        self.state_store = state_store
        self.cache = cache
        self.clock = clock
        self.tz = tz

    def run(self, reason, settings, pending=None, replan=False, should_stop=None, progress=None):
        """One cycle. `replan` re-plans from the mirror even when Simkl has nothing new (scan, manual sync)."""
        result = CycleResult(reason)
        should_stop = should_stop or (lambda: False)
        requests_before = self.client.request_count
        state = self._load_state()
        tags = list_tags.with_state(getattr(settings, "list_tags", None), state)
        replan = replan or list_tags.stale(tags, state)  # new tag settings: every title is checked once
        try:
            activities = self.client.get_activities()
            saved = state.get("activities") if state.get("mirror") else None
            fetches = plan_fetches(saved, activities, TYPES)
            if self.ratings is not None and settings.ratings:
                result.ratings = self.ratings.run(saved, activities, settings.types(), settings.title_year_fallback,
                                                  should_stop)
            result.changed_remote = not fetches.unchanged
            result.first_sync = fetches.first_sync
            if fetches.unchanged and not replan:
                result.completed = True
                return result
            mirror = Mirror.from_dict(state.get("mirror") or {})
            # A delta cycle plans only what Simkl reported; first syncs, scans and manual syncs plan it all.
            full_pull = tuple(state.get("full_pull") or ())
            whole = fetches.first_sync or replan or full_pull
            fetched = fetch(self.client, fetches, mirror, should_stop, full_pull)
            result.read, result.suspect = fetched.read, fetched.suspect
            result.scope = Scope.everything() if whole else Scope.of(fetched.changed)
            account_type = self._account_type(state, activities, fetches)
            if should_stop():
                return result
            self._apply(mirror, state, settings, account_type, pending or {}, result, should_stop, progress, tags)
            state["mirror"] = mirror.to_dict()
            if not should_stop():
                if self._accept(state, result):
                    state["activities"] = activities
                result.completed = True
            self._save_state(state)
            return result
        finally:
            result.requests = self.client.request_count - requests_before

    def _accept(self, state, result):
        """Whether the new activities may be saved. After a suspect answer they are not, so the next cycle asks
        again from the same date_from; when the answers stay suspect, the next cycle pulls those types whole
        (a delta that keeps failing may hide changes no later delta would bring)."""
        if not result.suspect:
            state.pop("suspect_cycles", None)
            state.pop("full_pull", None)
            return True
        tries = state.get("suspect_cycles", 0) + 1
        if tries >= MAX_SUSPECT_CYCLES:
            types = sorted({suspect.split(" ")[0] for suspect in result.suspect})
            LOG.warning("Simkl keeps answering %s oddly: pulling them whole next cycle", ", ".join(types))
            state["full_pull"] = types
            tries = 0
        else:
            LOG.warning("suspect answer for %s: asking again next cycle", ", ".join(result.suspect))
        state["suspect_cycles"] = tries
        return False

    def _account_type(self, state, activities, fetches):
        settings_moved = ((activities.get("settings") or {}).get("all")
                          != ((state.get("activities") or {}).get("settings") or {}).get("all"))
        # The login leaves its answer in the cache: the first sync after a login does not ask again.
        answer = None if settings_moved else self.cache.get(USER_SETTINGS_CACHE_KEY)
        if answer is None and (fetches.first_sync or settings_moved or not state.get("account_type")):
            answer = self.client.get_user_settings()
            self.cache.set(USER_SETTINGS_CACHE_KEY, answer, USER_SETTINGS_TTL)
        if isinstance(answer, dict):
            account = answer.get("account") or {}
            state["account_type"] = account.get("type") or "free"
            state["account_name"] = (answer.get("user") or {}).get("name") or state.get("account_name", "")
        return state.get("account_type") or "free"

    def _apply(self, mirror, state, settings, account_type, pending, result, should_stop, progress, tags=None):
        scope = result.scope
        if scope.is_nothing:
            return  # Simkl moved, but nothing a library write could reflect (e.g. a rating)
        snapshot = self._snapshot(mirror, settings, scope, tags is not None and tags.active)
        index = KodiIndex(snapshot.movies, snapshot.shows, snapshot.episodes)
        plan_settings = PlanSettings(
            movies=settings.movies, shows=settings.shows, anime=settings.anime, watched=settings.watched,
            resume=settings.resume, unwatch_removed=settings.unwatch_removed,
            title_year_fallback=settings.title_year_fallback, account_type=account_type,
        )
        synced = set(state.get("synced") or [])
        plan = plan_sync(mirror, index, plan_settings, synced, pending, now=self.clock(), tz=self.tz, scope=scope)
        result.unmatched = plan.unmatched[:MAX_UNMATCHED_IN_STATUS]
        synced |= set(plan.agreed_keys)  # watched on both sides: in sync from now on
        state["synced"] = sorted(synced)
        if result.first_sync:
            result.kodi_only = kodi_only(snapshot, plan)
            result.kodi_resume = kodi_resume(snapshot, plan)
        tag_writes = list_tags.plan_tags(mirror, index, tags, scope) if tags is not None and tags.active else None
        # A movie whose watched state is written anyway takes its tags in the same call: no second write.
        merged = list_tags.merge_into(plan.writes, tag_writes) if tag_writes else []
        tags_failed = 0
        if plan.writes:
            LOG.info("applying %d library writes", len(plan.writes))
            done, failed = self.library.apply(plan.writes, snapshot.playcounts(), progress, should_stop)
            result.failed_writes = failed
            for write in done:
                result.written["movies" if write.media == "movie" else "episodes"] += 1
            done_keys = {write.key for write in done}
            synced |= set(plan.marked_keys) & done_keys
            synced -= set(plan.unmarked_keys) & done_keys
            state["synced"] = sorted(synced)
            done_refs = {(write.media, write.kodi_id) for write in done}
            result.tags_written = sum(1 for ref in merged if ref in done_refs)
            tags_failed = len(merged) - result.tags_written
        if tag_writes is not None and not should_stop():
            self._apply_tags(tag_writes, tags, scope, state, result, tags_failed, should_stop)

    def _apply_tags(self, writes, tags, scope, state, result, failed_before, should_stop):
        """The tag writes left after the merge: shows, and movies with nothing else to write. Kodi sends no
        OnUpdate for a tag-only write, so none is announced to the echo filter (an expectation would linger
        and could hide the user's next mark); the marks listener only reads playcount changes anyway."""
        failed = 0
        if writes:
            LOG.info("applying %d list tag writes", len(writes))
            done, failed = self.library.apply(writes, {}, None, should_stop, announce=False)
            result.tags_written += len(done)
        result.tags_failed = failed_before + failed
        list_tags.remember(state, tags, scope.is_everything and not result.tags_failed and not should_stop())

    def _snapshot(self, mirror, settings, scope, tags=False):
        """The Kodi items the plan needs: all of them, or on a delta cycle the movies (when a movie is in
        scope) and the episodes of the shows in scope only, read show by show. `tags`: with their tags."""
        extra = {"tags": True} if tags else {}
        if scope.is_everything:
            return self.library.snapshot(movies=settings.movies, shows=settings.shows or settings.anime, **extra)
        movies = settings.movies and any(_is_movie(mirror, simkl) for simkl in scope)
        shows = (settings.shows or settings.anime) and not all(_is_movie(mirror, simkl) for simkl in scope)
        snapshot = self.library.snapshot(movies=movies, shows=shows, episodes_of=set(), **extra)
        if shows:
            shows_index = KodiIndex((), snapshot.shows, ())
            wanted = set()
            for item in _scoped_items(mirror, ("shows", "anime"), scope):
                wanted.update(shows_index.match_show(item.ids, item.title, item.year).copies)
            for session in mirror.playback:
                if session.get("simkl") in scope and session.get("kind") != "movie":
                    wanted.update(shows_index.match_show(session.get("ids") or {}).copies)
            snapshot.episodes = self.library.episodes_of(wanted)
        return snapshot

    def _load_state(self):
        state = self.state_store.load() or {}
        return state if isinstance(state, dict) else {}

    def _save_state(self, state):
        self.state_store.save(state)


def _is_movie(mirror, simkl):
    if mirror.get("movies", simkl) is not None or mirror.get_removed("movies", simkl) is not None:
        return True
    anime = mirror.get("anime", simkl)
    return anime is not None and anime.anime_type == "movie"


def _scoped_items(mirror, types, scope):
    for type_ in types:
        for simkl in scope:
            item = mirror.get(type_, simkl) or mirror.get_removed(type_, simkl)
            if item is not None:
                yield item
