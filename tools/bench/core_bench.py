"""Part 1, no Kodi: the pure core indexing and planning a big library, first sync and a small delta."""
import datetime
import gc
import json
import time
import tracemalloc
from typing import Any, Dict

from resources.lib.simklsync.core import list_tags
from resources.lib.simklsync.core.match import KodiIndex
from resources.lib.simklsync.core.plan.planner import PlanSettings, plan_sync
from resources.lib.simklsync.core.state.mirror import Mirror

from . import account, core_delta, core_idle
from .library_shapes import TAG_NAMES, apply_writes, simulated_snapshot

TYPES = account.ALL_ITEMS_TYPES
NOW = datetime.datetime(2026, 6, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
RECENT_ITEMS = 100  # "time until the 100 most recent items are right" (issue 18)


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
    """What sync/engine.py does between the HTTP answers and the writes: parse, mirror, index, plan. As sync/engine.py's
    _fetch does, each answer is parsed and applied in turn and dropped once the mirror has it."""
    for type_, text in texts.items():
        body = watch.time("parse JSON", json.loads, text)
        watch.time("update mirror", mirror.apply_all_items, type_, body, full)
        del body
    index = watch.time("index Kodi snapshot", KodiIndex, *snapshot)
    settings = PlanSettings(account_type="vip")
    plan = watch.time("plan", plan_sync, mirror, index, settings, set(), {}, NOW, datetime.timezone.utc)

    def tags():  # the list tags, on by default: planned, then merged into the watched writes
        plan.tag_writes = list_tags.plan_tags(mirror, index, list_tags.TagSettings(TAG_NAMES))
        list_tags.merge_into(plan.writes, plan.tag_writes)
    watch.time("list tags", tags)
    return plan


def run(sizes) -> Dict[str, Any]:
    """Time and memory of the first-sync plan, and of the engine's delta cycle after `sizes.core_delta` changes."""
    emulator = account.TimedEmulator()
    url = emulator.start()
    try:
        token, titles = account.seed(emulator.emu, sizes.core_movies, sizes.core_shows,
                                     sizes.core_episodes_per_show, 1.0)
        snapshot = simulated_snapshot(titles)
        first = _measure_first(account.all_items_texts(url, token), snapshot)
        apply_writes(first["plan"].writes + first["plan"].tag_writes, snapshot[0], snapshot[2], snapshot[1])
        client = core_delta.ReplayClient(url, token)
        state = core_delta.first_sync_state(client, snapshot, NOW)
        _unwatch_last_episodes(emulator.emu, token, titles, sizes.core_delta)
        delta = core_delta.measure(state, client, snapshot, NOW)
        delta["peak"] = _peak_memory(lambda: core_delta.measure(state, client, snapshot, NOW))
        idle = core_idle.measure(state, client, snapshot, NOW)
    finally:
        emulator.stop()
    return {"movies": sizes.core_movies, "shows": sizes.core_shows,
            "episodes": sizes.core_shows * sizes.core_episodes_per_show,
            "first": _summary(first), "delta": _delta_summary(delta), "delta_changes": sizes.core_delta,
            "idle": idle}


def _unwatch_last_episodes(emu, token, titles, changes) -> None:
    """Unwatch one episode in each of `changes` shows on Simkl, an hour after the first sync."""
    emu.clock.advance(3600)
    user = emu.user(token)
    for title in [t for t in titles if t["kind"] == "show"][:changes]:
        user.unwatch_episodes(title["simkl"], [account.episode_keys(title)[-1]])


def _measure_first(texts, snapshot) -> Dict[str, Any]:
    watch = Stopwatch()
    plan = plan_cycle(texts, Mirror(), snapshot, True, watch)
    held = HeldMemory()
    peak = _peak_memory(lambda: plan_cycle(texts, Mirror(), snapshot, True, held))
    return {"watch": watch, "plan": plan, "peak": peak, "held": held.after}


class HeldMemory(Stopwatch):
    """A Stopwatch that also notes the memory held (tracemalloc) after each phase: where the peak goes."""

    def __init__(self):
        super().__init__()
        self.after: Dict[str, int] = {}

    def time(self, name, function, *args):
        value = super().time(name, function, *args)
        if tracemalloc.is_tracing():
            self.after[name] = tracemalloc.get_traced_memory()[0]
        return value


def _peak_memory(function) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _delta_summary(measured) -> Dict[str, Any]:
    phases = measured["phases"]
    planning = sum(phases.get(name, 0.0) for name in DELTA_PLANNING)
    return {"seconds": planning, "cycle": measured["cpu"], "wall": measured["wall"], "phases": dict(phases),
            "peak_bytes": measured["peak"], "writes": len(measured["writes"]), "read": measured["read"],
            "scope": measured["scope"], "completed": measured["completed"],
            "tag_writes": len(measured.get("tag_writes", ()))}


def _summary(measured) -> Dict[str, Any]:
    plan, watch = measured["plan"], measured["watch"]
    by_kodi_id = sorted(plan.writes, key=lambda write: (write.media != "movie", write.kodi_id))
    return {"seconds": watch.total, "wall": watch.wall, "phases": dict(watch.phases),
            "peak_bytes": measured["peak"], "writes": len(plan.writes), "unmatched": len(plan.unmatched),
            "tag_writes": len(plan.tag_writes), "held_after": dict(measured.get("held", {})),
            "recent_after": writes_until_recent(plan.writes),
            "recent_after_by_id": writes_until_recent(by_kodi_id)}


def writes_until_recent(writes, count=RECENT_ITEMS) -> int:
    """How many writes have gone when the `count` most recently watched items and every resume point are
    right in Kodi: the first sync's "what a user looks at" measure."""
    return max(recent_indexes(writes, count), default=-1) + 1


def recent_indexes(writes, count=RECENT_ITEMS):
    """Indexes of the writes a user looks at first: the `count` newest lastplayed, and every resume point."""
    dated = sorted((index for index, write in enumerate(writes) if write.lastplayed),
                   key=lambda index: writes[index].lastplayed, reverse=True)[:count]
    resumes = [index for index, write in enumerate(writes)
               if isinstance(write.resume, dict) and write.resume.get("position")]
    return dated + resumes


FIRST_SECONDS, FIRST_BYTES, DELTA_SECONDS = 2.0, 40 * 1024 * 1024, 0.050
DELTA_PLANNING = ("index the Kodi items read", "plan_sync(scope=...)")


def add_rows(report, result) -> None:
    from .report import megabytes, seconds

    part = "1 core"
    size = f"{result['movies']:,} movies + {result['shows']:,} shows / {result['episodes']:,} episodes"
    first, delta = result["first"], result["delta"]
    report.add(part, f"first sync: parse + mirror + index + plan + list tags ({size}), CPU",
               f"{seconds(first['seconds'])} (wall {seconds(first.get('wall', 0))})",
               "< 2 s", first["seconds"] < FIRST_SECONDS)
    report.add(part, "first sync: peak memory (tracemalloc)", megabytes(first["peak_bytes"]), "< 40 MB",
               first["peak_bytes"] < FIRST_BYTES)
    if "recent_after" in first:
        report.add(part, f"first sync: writes sent when the {RECENT_ITEMS} most recently watched items and every "
                   "resume point are right (the plan's order / the same writes by Kodi id)",
                   f"{first['recent_after']:,} / {first['recent_after_by_id']:,} of {first['writes']:,}")
    report.add(part, "first sync: writes planned (+ list tag writes of their own; a movie's tags ride in its "
               "watched write)", f"{first['writes']:,} + {first.get('tag_writes', 0):,}")
    changes = result["delta_changes"]
    report.add(part, f"delta of {changes} changes: SyncEngine's scoped planning (index of the Kodi items it "
               f"reads + plan_sync(scope=…)), CPU", seconds(delta["seconds"]), "< 50 ms",
               delta["seconds"] < DELTA_SECONDS)
    report.add(part, "delta: the whole engine cycle without HTTP or Kodi (state file load + save, parse, mirror, "
               "scope, reads, plan), CPU", f"{seconds(delta.get('cycle', 0))} (wall {seconds(delta.get('wall', 0))})")
    read = delta.get("read") or {}
    report.add(part, "delta: scope / Kodi items the engine reads",
               f"{delta.get('scope', 0)} titles / {read.get('movies', 0):,} movies, {read.get('shows', 0):,} shows, "
               f"{read.get('episodes', 0):,} episodes of {read.get('episode reads', 0)} shows")
    report.add(part, "delta: writes planned", str(delta["writes"]), str(changes), delta["writes"] == changes)
    report.add(part, "delta: list tag writes of their own (titles whose Simkl list moved with the change)",
               str(delta.get("tag_writes", 0)))
    report.add(part, "delta: peak memory of the cycle (tracemalloc)", megabytes(delta["peak_bytes"]))
    core_idle.add_rows(report, result.get("idle"))
    phases = "; ".join(f"{name} {seconds(value)}" for name, value in first["phases"].items())
    report.note(f"core first sync phases (CPU): {phases}")
    held = first.get("held_after") or {}
    if held:
        steps = "; ".join(f"after {name} {megabytes(value)}" for name, value in held.items())
        report.note(f"core first sync memory held (tracemalloc, the answers' text and the Kodi snapshot not "
                    f"counted: they exist before): {steps}; peak {megabytes(first['peak_bytes'])}")
    phases = "; ".join(f"{name} {seconds(value)}" for name, value in delta["phases"].items())
    report.note(f"core delta cycle phases (CPU; the rest is mirror load/update/save and scope): {phases}")
