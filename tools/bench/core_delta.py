"""Part 1, the delta: the add-on's own SyncEngine runs one delta cycle with everything but HTTP and Kodi
real (its state file, the delta answers parsed from the emulator's text, the mirror, the scope, the Kodi
reads it chooses, the index, the scoped plan). The client replays recorded answers and the library serves
a simulated snapshot, so the CPU measured is the add-on's alone."""
import contextlib
import json
import os
import tempfile
import time
from typing import Any, Dict, List

from resources.lib.simklsync.core.list_tags import TagSettings
from resources.lib.simklsync.core.state.state_store import StateStore
from resources.lib.simklsync.core.state.sync_state import SyncState
from resources.lib.simklsync.sync import engine as sync

from . import account
from .library_shapes import TAG_NAMES

ACCOUNT = {"account": {"type": "vip"}, "user": {"name": "big_user"}}


class ReplayClient:
    """The SimklClient calls a sync cycle makes. Live, it fetches the emulator's text and keeps the latest;
    replaying, it only parses the kept text (what requests' .json() costs the add-on)."""

    def __init__(self, url: str, token: str):
        self.url, self.token = url, token
        self.texts: Dict[tuple, str] = {}
        self.live = True
        self.request_count = 0

    def get_activities(self):
        return self.parse("/sync/activities", {})

    def get_all_items(self, type_, date_from=None, extended="full"):
        params = {"extended": extended, "episode_watched_at": "yes", "include_all_episodes": "yes"}
        if date_from:
            params["date_from"] = date_from
        return self.parse(f"/sync/all-items/{type_}", params)

    def get_playback(self):
        return self.parse("/sync/playback", {})

    def get_user_settings(self):
        self.request_count += 1
        return dict(ACCOUNT)

    def parse(self, path, params):
        self.request_count += 1
        key = (path, tuple(sorted(params.items())))
        if self.live:
            self.texts[key] = account.fetch_text(self.url, self.token, path, params)
        elif key not in self.texts:
            raise KeyError(f"not recorded: {path} {params}")
        return json.loads(self.texts[key])


class SimulatedSnapshot:
    def __init__(self, movies, shows, episodes):
        self.movies, self.shows, self.episodes = movies, shows, episodes

    def playcounts(self):
        counts = {("movie", m["movieid"]): m.get("playcount", 0) for m in self.movies}
        counts.update((("episode", e["episodeid"]), e.get("playcount", 0)) for e in self.episodes)
        return counts


class SimulatedLibrary:
    """KodiLibrary's reads and writes over the snapshot dicts; counts what the engine asked to read."""

    def __init__(self, movies, shows, episodes):
        self.movies, self.shows = movies, shows
        self.episodes_by_show: Dict[int, List[Dict[str, Any]]] = {}
        for episode in episodes:
            self.episodes_by_show.setdefault(episode["tvshowid"], []).append(episode)
        self.read = {"movies": 0, "shows": 0, "episodes": 0, "episode reads": 0}
        self.writes: List[Any] = []
        self.tag_writes: List[Any] = []  # tag-only writes (the engine sends them unannounced)

    def snapshot(self, movies=True, shows=True, episodes_of=None, tags=False):
        movie_list = list(self.movies) if movies else []
        show_list = list(self.shows) if shows else []
        episodes = []
        if shows and episodes_of is None:
            episodes = [e for show in self.episodes_by_show.values() for e in show]
        self._count(movie_list, show_list, episodes)
        return SimulatedSnapshot(movie_list, show_list, episodes)

    def episodes_of(self, tvshowids):
        episodes = [e for tvshowid in sorted(tvshowids) for e in self.episodes_by_show.get(tvshowid, ())]
        self.read["episode reads"] += len(tvshowids)
        self._count([], [], episodes)
        return episodes

    def apply(self, writes, playcounts, progress=None, should_stop=None, announce=True, before=None, reason=None,
              bulk=None):
        """Records the writes; a tag array is kept on its item, as Kodi keeps it (the next cycle reads it)."""
        items = {("movie", m["movieid"]): m for m in self.movies}
        items.update((("tvshow", s["tvshowid"]), s) for s in self.shows)
        for write in writes:
            if "tag" in write.fields and (write.media, write.kodi_id) in items:
                items[(write.media, write.kodi_id)]["tag"] = list(write.fields["tag"])
        (self.writes if announce else self.tag_writes).extend(writes)
        return list(writes), 0

    def _count(self, movies, shows, episodes):
        self.read["movies"] += len(movies)
        self.read["shows"] += len(shows)
        self.read["episodes"] += len(episodes)


class MemoryCache:
    def __init__(self):
        self.values: Dict[str, Any] = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value, ttl=None):
        self.values[key] = value


class PhaseTimer:
    """CPU seconds spent inside chosen functions while a cycle runs (the functions stay the real ones)."""

    def __init__(self):
        self.phases: Dict[str, float] = {}

    def wrap(self, name, function):
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.phases[name] = self.phases.get(name, 0.0) + time.process_time() - started
        return timed


@contextlib.contextmanager
def timed_engine_parts(timer: PhaseTimer):
    """sync/engine.py's index and plan, timed; restored afterwards."""
    originals = {"KodiIndex": sync.KodiIndex, "plan_sync": sync.plan_sync}
    plan_tags = sync.list_tags.plan_tags
    sync.KodiIndex = timer.wrap("index the Kodi items read", sync.KodiIndex)
    sync.plan_sync = timer.wrap("plan_sync(scope=...)", sync.plan_sync)
    sync.list_tags.plan_tags = timer.wrap("list tags: plan_tags(scope=...)", plan_tags)
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(sync, name, original)
        sync.list_tags.plan_tags = plan_tags


def measure(state: SyncState, client: ReplayClient, snapshot, now) -> Dict[str, Any]:
    """Records the delta's answers with a first run, then times a second run from the same saved state."""
    with tempfile.TemporaryDirectory(prefix="bench-delta-") as folder:
        store = StateStore(os.path.join(folder, "state.json"))
        _run_cycle(store, state, client, snapshot, now, PhaseTimer())
        client.live = False
        timer = PhaseTimer()
        result, library, cpu, wall = _run_cycle(store, state, client, snapshot, now, timer)
    scope = 0 if result.scope.is_everything else len(result.scope.ids)
    return {"cpu": cpu, "wall": wall, "phases": timer.phases, "scope": scope,
            "read": dict(library.read), "writes": library.writes, "tag_writes": library.tag_writes,
            "completed": result.completed}


def _run_cycle(store, state, client, snapshot, now, timer: PhaseTimer):
    store.save(state)
    library = SimulatedLibrary(*snapshot)
    store.load_head = timer.wrap("state file load", store.load_head)
    store.load_mirror = timer.wrap("state file load", store.load_mirror)
    store.save = timer.wrap("state file save", store.save)
    client.parse = timer.wrap("fetch (replayed) + parse the answers", client.parse)
    engine = sync.SyncEngine(client, library, store, MemoryCache(), clock=lambda: now)
    started, wall_started = time.process_time(), time.perf_counter()
    with timed_engine_parts(timer):
        result = engine.run("timer", _settings())
    cpu, wall = time.process_time() - started, time.perf_counter() - wall_started
    del store.load_head, store.load_mirror, store.save, client.parse
    return result, library, cpu, wall


def first_sync_state(client: ReplayClient, snapshot, now) -> SyncState:
    """The add-on's saved state after its first sync of this account (the engine's own first cycle)."""
    with tempfile.TemporaryDirectory(prefix="bench-first-") as folder:
        store = StateStore(os.path.join(folder, "state.json"))
        engine = sync.SyncEngine(client, SimulatedLibrary(*snapshot), store, MemoryCache(), clock=lambda: now)
        engine.run("startup", _settings())
        return store.load()


def _settings():
    """The SyncSettings fields the engine reads, at their defaults."""
    class Settings:
        movies = shows = anime = watched = resume = unwatch_removed = True
        title_year_fallback = False
        list_tags = TagSettings(TAG_NAMES)
    return Settings()
