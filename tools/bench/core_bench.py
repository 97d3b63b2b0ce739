"""Part 1, no Kodi: the pure core indexing and planning a big library, first sync and a small delta."""
import datetime
import gc
import json
import time
import tracemalloc
from typing import Any, Dict, List

from resources.lib.simklsync.core.activities import plan_fetches
from resources.lib.simklsync.core.match import KodiIndex
from resources.lib.simklsync.core.mirror import Mirror
from resources.lib.simklsync.core.plan import PlanSettings, plan_sync

from . import account
from .library_shapes import apply_writes, simulated_snapshot

TYPES = account.ALL_ITEMS_TYPES
NOW = datetime.datetime(2026, 6, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)


class Stopwatch:
    """Named phases of one run, in seconds (perf_counter)."""

    def __init__(self):
        self.phases: Dict[str, float] = {}
        self.wall = 0.0

    def time(self, name, function, *args):
        """Phases count CPU time (process_time): other load on the machine must not move the verdict."""
        started, wall_started = time.process_time(), time.perf_counter()
        value = function(*args)
        self.phases[name] = self.phases.get(name, 0.0) + time.process_time() - started
        self.wall += time.perf_counter() - wall_started
        return value

    @property
    def total(self) -> float:
        return sum(self.phases.values())


def plan_cycle(texts: Dict[str, str], mirror: Mirror, snapshot, full: bool, watch: Stopwatch):
    """What sync.py does between the HTTP answers and the writes: parse, mirror, index, plan."""
    bodies = watch.time("parse JSON", lambda: {type_: json.loads(text) for type_, text in texts.items()})

    def update_mirror():
        for type_, body in bodies.items():
            mirror.apply_all_items(type_, body, full=full)
    watch.time("update mirror", update_mirror)
    index = watch.time("index Kodi snapshot", KodiIndex, *snapshot)
    settings = PlanSettings(account_type="vip")
    return watch.time("plan", plan_sync, mirror, index, settings, set(), {}, NOW, datetime.timezone.utc)


def run(sizes) -> Dict[str, Any]:
    """Time and memory of the first-sync plan and of a delta of `sizes.core_delta` changes."""
    emulator = account.TimedEmulator()
    url = emulator.start()
    try:
        token, titles = account.seed(emulator.emu, sizes.core_movies, sizes.core_shows,
                                     sizes.core_episodes_per_show, 1.0)
        before = account.activities(url, token)
        full_texts = account.all_items_texts(url, token)
        delta_texts = _delta_texts(emulator.emu, url, token, titles, before, sizes.core_delta)
    finally:
        emulator.stop()
    snapshot = simulated_snapshot(titles)
    first = _measure_first(full_texts, snapshot)
    apply_writes(first["plan"].writes, snapshot[0], snapshot[2])
    delta = _measure_delta(full_texts, delta_texts, snapshot, first["plan"].marked_keys)
    return {"movies": sizes.core_movies, "shows": sizes.core_shows,
            "episodes": sizes.core_shows * sizes.core_episodes_per_show,
            "first": _summary(first), "delta": _summary(delta), "delta_changes": sizes.core_delta}


def _delta_texts(emu, url, token, titles, before, changes) -> Dict[str, str]:
    """Unwatch one episode in each of `changes` shows on Simkl; the all-items deltas the add-on would fetch."""
    emu.clock.advance(3600)
    user = emu.user(token)
    for title in [t for t in titles if t["kind"] == "show"][:changes]:
        user.unwatch_episodes(title["simkl"], [account.episode_keys(title)[-1]])
    fetches = plan_fetches(before, account.activities(url, token), TYPES)
    texts = {}
    for type_, date_from in fetches.lists:
        texts.update({type_: account.all_items_texts(url, token, date_from)[type_]})
    return texts


def _measure_first(texts, snapshot) -> Dict[str, Any]:
    watch = Stopwatch()
    plan = plan_cycle(texts, Mirror(), snapshot, True, watch)
    peak = _peak_memory(lambda: plan_cycle(texts, Mirror(), snapshot, True, Stopwatch()))
    return {"watch": watch, "plan": plan, "peak": peak}


def _measure_delta(full_texts, delta_texts, snapshot, synced: List[str]) -> Dict[str, Any]:
    def fresh_mirror():
        mirror = Mirror()
        for type_, text in full_texts.items():
            mirror.apply_all_items(type_, json.loads(text), full=True)
        return mirror

    def delta_plan(mirror, watch):
        bodies = watch.time("parse JSON", lambda: {t: json.loads(x) for t, x in delta_texts.items()})
        watch.time("update mirror", lambda: [mirror.apply_all_items(t, b, full=False) for t, b in bodies.items()])
        index = watch.time("index Kodi snapshot", KodiIndex, *snapshot)
        return watch.time("plan", plan_sync, mirror, index, PlanSettings(account_type="vip"), set(synced), {},
                          NOW, datetime.timezone.utc)

    watch = Stopwatch()
    plan = delta_plan(fresh_mirror(), watch)
    mirror = fresh_mirror()
    peak = _peak_memory(lambda: delta_plan(mirror, Stopwatch()))
    return {"watch": watch, "plan": plan, "peak": peak}


def _peak_memory(function) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _summary(measured) -> Dict[str, Any]:
    plan, watch = measured["plan"], measured["watch"]
    return {"seconds": watch.total, "wall": watch.wall, "phases": dict(watch.phases),
            "peak_bytes": measured["peak"], "writes": len(plan.writes), "unmatched": len(plan.unmatched)}


FIRST_SECONDS, FIRST_BYTES, DELTA_SECONDS = 2.0, 100 * 1024 * 1024, 0.050


def add_rows(report, result) -> None:
    from .report import megabytes, seconds

    part = "1 core"
    size = f"{result['movies']:,} movies + {result['shows']:,} shows / {result['episodes']:,} episodes"
    first, delta = result["first"], result["delta"]
    report.add(part, f"first sync: parse + mirror + index + plan ({size}), CPU",
               f"{seconds(first['seconds'])} (wall {seconds(first.get('wall', 0))})",
               "< 2 s", first["seconds"] < FIRST_SECONDS)
    report.add(part, "first sync: peak memory (tracemalloc)", megabytes(first["peak_bytes"]), "< 100 MB",
               first["peak_bytes"] < FIRST_BYTES)
    report.add(part, "first sync: writes planned", f"{first['writes']:,}")
    report.add(part, f"delta of {result['delta_changes']} changes: parse + mirror + index + plan, CPU",
               f"{seconds(delta['seconds'])} (wall {seconds(delta.get('wall', 0))})", "< 50 ms",
               delta["seconds"] < DELTA_SECONDS)
    report.add(part, "delta: writes planned", str(delta["writes"]), str(result["delta_changes"]),
               delta["writes"] == result["delta_changes"])
    report.add(part, "delta: peak memory", megabytes(delta["peak_bytes"]))
    phases = "; ".join(f"{name} {seconds(value)}" for name, value in first["phases"].items())
    report.note(f"core first sync phases (CPU): {phases}")
    phases = "; ".join(f"{name} {seconds(value)}" for name, value in delta["phases"].items())
    report.note(f"core delta phases (CPU): {phases}")
