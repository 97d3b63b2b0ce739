"""The library after the add-on's first sync by its light path (Files.SetFileDetails for bulk work) against the
same first sync by Set*Details only (the hidden setting file_writes off): every field of every movie and episode
as JSON-RPC reads it back must be the same."""
from typing import Any, Dict, List, Tuple

from .report import seconds

PART = "2 Kodi first sync"
OLD_PATH = {"file_writes": "false"}  # the add-on's hidden setting: every write by Set*Details
_COMMON = ["title", "file", "playcount", "lastplayed", "resume", "dateadded", "art", "userrating", "ratings"]
READS = {"movie": ("VideoLibrary.GetMovies", "movies", "movieid", _COMMON + ["tag", "year"]),
         "episode": ("VideoLibrary.GetEpisodes", "episodes", "episodeid",
                     _COMMON + ["tvshowid", "season", "episode"])}


def read_all(rig) -> Dict[Tuple[str, int], Dict[str, Any]]:
    """(media, Kodi id) → every compared field of every movie and episode, as JSON-RPC answers."""
    items = {}
    for media, (method, key, id_field, properties) in READS.items():
        for item in (rig.rpc(method, {"properties": properties}) or {}).get(key) or []:
            items[(media, item[id_field])] = {name: item.get(name) for name in properties}
    return items


def differing(light, old) -> List[str]:
    """One line per item whose fields differ between the two reads (or that only one holds)."""
    lines = []
    for ref in sorted(set(light) | set(old)):
        a, b = light.get(ref), old.get(ref)
        if a == b:
            continue
        if a is None or b is None:
            lines.append(f"{ref[0]} {ref[1]}: only in the {'Set*Details' if a is None else 'light'} run")
            continue
        fields = [f"{name} {a.get(name)!r} / {b.get(name)!r}" for name in a if a.get(name) != b.get(name)]
        lines.append(f"{ref[0]} {ref[1]}: " + "; ".join(fields))
    return lines


def rows(report, old_cycle, floor, light_reads, old_read) -> None:
    """The Set*Details-only first sync's time beside the floor, and how many items each light run left different."""
    if old_cycle.error:
        report.add(PART, "add-on by Set*Details only (the light path off)", f"failed: {old_cycle.error}", "completes",
                   False)
        return
    report.add(PART, "add-on by Set*Details only (the light path off): service start → sync logged",
               f"{seconds(old_cycle.seconds)} ({old_cycle.seconds / max(floor['seconds'], 1e-9):.2f} × floor), "
               f"Kodi CPU {seconds(old_cycle.kodi_cpu or 0.0)}, {old_cycle.onupdates:,} OnUpdate")
    counts = [len(differing(read, old_read)) for read in light_reads]
    report.add(PART, "items where a field differs from the Set*Details-only run (movies + episodes), per light run",
               ", ".join(str(count) for count in counts) + f" of {len(old_read):,}", "0",
               bool(counts) and max(counts) == 0)
    worst = max(light_reads, key=lambda read: len(differing(read, old_read)), default=None)
    if worst is not None and differing(worst, old_read):
        report.section("Items differing from the Set*Details-only run (first 20)",
                       "\n".join(differing(worst, old_read)[:20]))
