"""Table rows for the real-Kodi cycles, with the issue's targets."""
from typing import Any, Dict, Set, Tuple

from . import kodi_side_rows
from .core_bench import recent_indexes
from .report import seconds

PAGE_SIZE = 2000  # KodiLibrary's defaults: what its JSON-RPC call count follows from
FIRST_TARGET = "1 activities + 3 all-items + 1 playback + 3 ratings + 2 calendar files (New episodes)"
FIRST_SYNC_RATIO = 0.6  # issue 28: the first sync well under the Set*Details floor

def first_sync(report, cycle, floor, plan, before, after, batch_size) -> None:
    part = "2 Kodi first sync"
    planned = len(plan.writes)
    floor_seconds = floor["seconds"]
    report.add(part, f"floor: the same {floor['calls']:,} writes by a minimal script (batch {floor['batch']}), "
               "after the same Kodi restart as the add-on's run",
               f"{seconds(floor_seconds)} ({floor['calls'] / max(floor_seconds, 1e-9):.0f} writes/s)",
               "", None if not floor["errors"] else False)
    if cycle.error:
        report.add(part, "add-on first sync", f"failed: {cycle.error}", "completes", False)
        return
    limit = FIRST_SYNC_RATIO * floor_seconds
    report.add(part, "add-on: service start → sync logged (bulk work by Files.SetFileDetails)",
               f"{seconds(cycle.seconds)} ({cycle.seconds / max(floor_seconds, 1e-9):.2f} × floor)",
               f"≤ {FIRST_SYNC_RATIO} × floor = {seconds(limit)}", cycle.seconds <= limit)
    kodi_side_rows.cpu(report, part, floor, cycle)
    report.add(part, "add-on: result", cycle.result, "ok", cycle.result == "ok")
    # Files.SetFileDetails announces nothing: OnUpdate counts only the writes left to Set*Details.
    report.add(part, "writes: add-on / planned (OnUpdate: the Set*Details ones)",
               f"{cycle.written:,} / {planned:,} ({cycle.onupdates:,})", "equal", cycle.written == planned)
    recent = recent_items_time(plan, cycle)
    if recent is not None:
        report.add(part, "add-on: service start → the 100 most recently watched items and every resume point "
                   "right (their first OnUpdate)", f"{seconds(recent)} ({recent / max(cycle.seconds, 1e-9):.2f} "
                   "× the whole first sync)")
    wrong = _wrong_items(plan, before, after)
    report.add(part, "items whose watched state differs from the plan afterwards", str(wrong), "0", wrong == 0)
    counts = _kinds_as_one(cycle.request_counts())
    settings_calls = counts.pop("POST /users/settings", 0)
    wanted = {"GET /sync/activities": 1, "GET /sync/all-items": 3, "GET /sync/playback": 1, "GET /sync/ratings": 3,
              "GET /calendar/*.json": 2}
    report.add(part, "HTTP requests", _counts_text(counts), FIRST_TARGET, counts == wanted)
    report.add(part, "HTTP: POST /users/settings (account type for playback retention)", str(settings_calls),
               "1 (first sync only)", settings_calls == 1)
    reads = sum(_pages(len(before[key])) for key in ("movies", "shows", "episodes"))
    report.add(part, "JSON-RPC calls (derived: pages of 2,000 + batches of 50)",
               f"{reads} reads + {_batches(cycle.written, batch_size)} write batches")
    report.note("first sync phases: " + "; ".join(f"{name} {seconds(value)}" for name, value in cycle.phases.items()))

def rounds_text(floors, firsts) -> str:
    """"floor 47.09 s, 44.10 s; add-on 55.98 s, failed" (a sync that did not end is "failed")."""
    def listed(values):
        return ", ".join("failed" if value is None else seconds(value) for value in values)
    return f"floor {listed(floors)}; add-on {listed(firsts)}"


def recent_items_time(plan, cycle):
    """Seconds from the service's start until every item of the "what a user looks at" set (core_bench's
    writes_until_recent: the 100 newest watches and the resume points) had its OnUpdate; None if unseen."""
    times = [cycle.updated_at.get((plan.writes[i].media, plan.writes[i].kodi_id)) for i in recent_indexes(plan.writes)]
    if not times or None in times or cycle.started_at is None:
        return None
    return max(times) - cycle.started_at


def _kinds_as_one(counts: Dict[str, int]) -> Dict[str, int]:
    """GET /sync/ratings/<type>/<ratings> counted as GET /sync/ratings (one a type on a first sync), Simkl's
    calendar files (tv, anime) as one key."""
    merged: Dict[str, int] = {}
    for key, count in counts.items():
        key = "GET /sync/ratings" if key.startswith("GET /sync/ratings/") else key
        key = "GET /calendar/*.json" if key.startswith("GET /calendar/") else key
        merged[key] = merged.get(key, 0) + count
    return merged


def scan_floor(report, after_scan, floor) -> None:
    """The floor measured in the Kodi that has just scanned, before any restart (the baseline until now)."""
    report.add("2 Kodi first sync", "floor in the Kodi that has just scanned (no restart; the earlier baseline)",
               f"{seconds(after_scan['seconds'])}, Kodi CPU {seconds(after_scan['kodi_cpu'])} "
               f"({after_scan['seconds'] / max(floor['seconds'], 1e-9):.2f} × the floor after a restart)")


def idle(report, cycle, quiet=None) -> None:
    part = "3 Kodi idle"
    if cycle.error:
        report.add(part, "idle cycle", f"failed: {cycle.error}", "completes", False)
        return
    kodi_side_rows.idle_cpu(report, part, quiet, cycle)
    report.add(part, "HTTP requests", _counts_text(cycle.request_counts()), "1", len(cycle.requests) == 1)
    report.add(part, "writes", str(cycle.written), "0", cycle.written == 0 and cycle.onupdates == 0)
    report.add(part, "add-on time: service start → sync logged", seconds(cycle.seconds), "< 100 ms",
               cycle.seconds < 0.1)
    report.note("idle phases: " + "; ".join(f"{name} {seconds(value)}" for name, value in cycle.phases.items()))

def delta(report, cycle, changes, before, after) -> None:
    part = "3 Kodi delta"
    if cycle.error:
        report.add(part, f"delta of {changes} episode marks", f"failed: {cycle.error}", "completes", False)
        return
    counts = cycle.request_counts()
    report.add(part, f"HTTP requests ({changes} episode marks on Simkl)", _counts_text(counts),
               "1 activities + 1 all-items",
               counts == {"GET /sync/activities": 1, "GET /sync/all-items": 1})
    changed = len(_watched(after) - _watched(before))
    report.add(part, "writes: add-on / OnUpdate / newly watched in Kodi",
               f"{cycle.written} / {cycle.onupdates} / {changed}", str(changes),
               cycle.written == cycle.onupdates == changed == changes)
    report.add(part, "write batches (derived)", str(_batches(cycle.written, 50)), "1", cycle.written <= 50)
    report.add(part, "add-on time: service start → sync logged", seconds(cycle.seconds))
    report.note("delta phases: " + "; ".join(f"{name} {seconds(value)}" for name, value in cycle.phases.items()))

def _wrong_items(plan, before, after) -> int:
    expected = _watched(before) | {(w.media, w.kodi_id) for w in plan.writes if w.fields.get("playcount")}
    return len(expected ^ _watched(after))

def _watched(snapshot) -> Set[Tuple[str, int]]:
    movies = {("movie", m["movieid"]) for m in snapshot["movies"] if m.get("playcount")}
    return movies | {("episode", e["episodeid"]) for e in snapshot["episodes"] if e.get("playcount")}

def _counts_text(counts: Dict[str, Any]) -> str:
    return ", ".join(f"{count} {name}" for name, count in sorted(counts.items())) or "none"

def _pages(items: int) -> int:
    return max(1, -(-items // PAGE_SIZE))

def _batches(writes: int, batch_size: int) -> int:
    return -(-writes // batch_size)

