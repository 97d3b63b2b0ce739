"""Issue 27's widget part, real Kodi: after the big account's first sync, each widget path listed through
Files.GetDirectory (what a skin's widget does), timed from outside over HTTP JSON-RPC, and the listing's Python
memory measured from inside the plugin (plugin/bench_memory.py: tracemalloc around the imports and the listing)."""
import math
import shutil
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

from .report import megabytes

PART = "4 Kodi widgets"
PLUGIN = "plugin://script.simkl.sync/"
RELOAD = "Window(Home).Property(SimklSync.Widgets.Reload)"
MEMORY_ENV = "SIMKL_SYNC_BENCH_MEMORY"  # plugin/bench_memory.py
# The big list first: Plan to watch of the movies (half of the account's 2,000 movies), then the two lists
# a home screen shows most.
LISTS = ("movies.plantowatch", "upnext", "inprogress")
# What a widget shows of an item (the set tests/e2e/test_widgets_e2e.py reads); JSON-RPC's cost grows with it.
PROPERTIES = ["title", "file", "playcount", "resume", "art"]
SETTINGS = {"widgets_limit": "1000"}  # the setting's maximum: the 1,000-item list of the target
LATENCY_TARGET_MS = 150.0
MEMORY_TARGET = 15 * 1024 * 1024
RUNS = 40  # a p95 of 20 calls is their second slowest; of 40, a real 95th percentile
MEMORY_RUNS = 3
PAUSED_MOVIES = 10
PAUSED_EPISODES = 10


def prepare(emu, token, titles) -> None:
    """Paused sessions on Simkl for Continue watching (the generated account has none): movies not watched and the
    next episode of shows in progress, so the first sync brings them in."""
    user = emu.user(token)
    movies = [t for t in titles if t["kind"] == "movie"][-PAUSED_MOVIES:]
    for number, title in enumerate(movies, start=1):
        user.pause(title["simkl"], 10.0 + number)
    shows = [t for t in titles if t["kind"] == "show"][:PAUSED_EPISODES]
    for title in shows:
        season = max(title["seasons"])
        user.pause(title["simkl"], 30.0, season=season, episode=title["seasons"][season])


class MemoryLog:
    """The file plugin/bench_memory.py appends its tracemalloc peaks to while "<file>.on" exists (env() for Kodi)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="bench-widget-memory-"))
        self.path = self.folder / "listings.log"

    def env(self) -> Dict[str, str]:
        return {MEMORY_ENV: str(self.path)}

    def switch(self, on: bool) -> None:
        switch = Path(str(self.path) + ".on")
        if on:
            switch.write_text("", encoding="utf-8")
        elif switch.exists():
            switch.unlink()

    def read(self) -> Dict[str, Dict[str, List[float]]]:
        return parse_memory_log(self.path.read_text(encoding="utf-8") if self.path.exists() else "")

    def clear(self) -> None:
        if self.path.exists():
            self.path.unlink()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        shutil.rmtree(str(self.folder), ignore_errors=True)


def parse_memory_log(text: str) -> Dict[str, Dict[str, List[float]]]:
    """{"peaks": {list: [bytes, ...]}, "ms": {list: [milliseconds, ...]}} of plugin/bench_memory.py's lines
    "<peak bytes or -> <ms> ?list=<name>&reload=..." (a time under tracemalloc is left out; other lines too)."""
    found: Dict[str, Dict[str, List[float]]] = {"peaks": {}, "ms": {}}
    for line in text.splitlines():
        words = line.split(" ", 2)
        if len(words) < 3:
            continue
        peak, elapsed, query = words
        name = dict(part.partition("=")[::2] for part in query.lstrip("?").split("&")).get("list")
        if not name or not elapsed.replace(".", "", 1).isdigit():
            continue
        if peak.isdigit():
            found["peaks"].setdefault(name, []).append(int(peak))
        elif peak == "-":
            found["ms"].setdefault(name, []).append(float(elapsed))
    return found


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def measure(report, rig, memory: MemoryLog, runs: int = RUNS) -> None:
    """The latency rows (alternating paths, one warm-up call each not counted), then the memory row."""
    reload = rig.rpc("XBMC.GetInfoLabels", {"labels": [RELOAD]}).get(RELOAD) or ""
    memory.switch(False)
    for name in LISTS:
        list_directory(rig, name, reload)
    memory.clear()
    times: Dict[str, List[float]] = {name: [] for name in LISTS}
    counts: Dict[str, int] = {}
    for _ in range(runs):
        for name in LISTS:
            started = time.perf_counter()
            counts[name] = len(list_directory(rig, name, reload))
            times[name].append((time.perf_counter() - started) * 1000)
    latency_rows(report, times, counts)
    inside_rows(report, memory.read()["ms"], counts)
    memory.clear()
    memory.switch(True)
    try:
        for _ in range(MEMORY_RUNS):
            for name in LISTS:
                list_directory(rig, name, reload)
    finally:
        memory.switch(False)
    memory_row(report, memory.read()["peaks"], counts)


def list_directory(rig, name: str, reload: str) -> List[dict]:
    answer = rig.rpc("Files.GetDirectory", {"directory": f"{PLUGIN}?list={name}&reload={reload}",
                                            "media": "video", "properties": PROPERTIES})
    return (answer or {}).get("files") or []


def latency_rows(report, times: Dict[str, List[float]], counts: Dict[str, int]) -> None:
    for name, values in times.items():
        if not values:
            continue
        p95 = percentile(values, 0.95)
        report.add(PART, f"Files.GetDirectory ?list={name} ({counts.get(name, 0):,} items), {len(values)} calls "
                   "alternating with the other lists, wall time over HTTP: median / p95 / max",
                   f"{median(values):.0f} / {p95:.0f} / {max(values):.0f} ms", f"p95 ≤ {LATENCY_TARGET_MS:.0f} ms",
                   p95 <= LATENCY_TARGET_MS)


def inside_rows(report, inside: Dict[str, List[float]], counts: Dict[str, int]) -> None:
    """The plugin's own share of those calls: plugin.py's imports and listing, timed inside Kodi (the rest of the
    wall time is Kodi's: its Python interpreter, the directory, JSON-RPC and HTTP)."""
    for name, values in inside.items():
        report.add(PART, f"?list={name} ({counts.get(name, 0):,} items): plugin.py's own time inside Kodi (the "
                   f"add-on's imports + the listing), {len(values)} calls: median / p95",
                   f"{median(values):.0f} / {percentile(values, 0.95):.0f} ms")


def memory_row(report, peaks: Dict[str, List[int]], counts: Dict[str, int]) -> None:
    measure = ("Python memory of one listing: tracemalloc peak around plugin.py's imports of the add-on and its "
               "listing (Kodi's interpreter start-up not counted; allocations of Kodi's other Python threads in "
               "that window would count too), the largest of "
               f"{MEMORY_RUNS} calls a list")
    if not peaks:
        report.add(PART, measure, "not measured (plugin.py wrote no line)", "≤ 15 MB", False)
        return
    highest = max(max(values) for values in peaks.values())
    value = ", ".join(f"{name} ({counts.get(name, 0):,} items) {megabytes(max(values))}"
                      for name, values in peaks.items())
    report.add(PART, measure, value, "≤ 15 MB", highest <= MEMORY_TARGET)
