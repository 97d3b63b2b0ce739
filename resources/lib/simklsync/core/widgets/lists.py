"""The status lists per type (Plan to watch, Watching, On hold, Completed, Dropped), titles in the library
or not, the most recent first (Completed by the last watch, the others by the latest activity)."""
from typing import Any, Dict, List

from ..model import COMPLETED, MEDIA_TYPES
from .entry import kind_of, row

STATUSES = ("plantowatch", "watching", "hold", COMPLETED, "dropped")


def list_names() -> List[str]:
    """Every status list as "<type>.<status>" ("movies.plantowatch", "anime.completed", ...)."""
    return [f"{type_}.{status}" for type_ in MEDIA_TYPES for status in STATUSES]


def status_list(mirror: Any, type_: str, status: str) -> List[Dict[str, Any]]:
    rows = []
    for item in mirror.entries(type_):
        if item.status != status:
            continue
        rows.append(row(type_, item, kind_of(type_, item), _when(item, status)))
    rows.sort(key=lambda data: (-data["when"], data["title"].lower()))
    return rows


def _when(item: Any, status: str) -> int:
    watched = max(item.episodes.values(), default=0)
    if status == COMPLETED:  # the last watch; Simkl's other stamps move with a rating or a list change
        return item.watched_at or watched or item.shown.get("a", 0)
    return max(watched, item.shown.get("a", 0))
