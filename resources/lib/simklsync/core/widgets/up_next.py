"""Up Next: for every show and anime in Watching, the next episode to watch, newest activity first.

The next episode is Simkl's next_to_watch where the entry had it (a rewatch: Simkl's pointer wins over the
highest watched episode); else the one after the latest watched regular episode (specials, season 0, never
lead it astray). A show whose next episode has not aired (every aired episode watched, or the next one's air
date still ahead) is left out, as is a show Simkl says has nothing next."""
import re
from typing import Any, Dict, List, Optional, Tuple

from ..model import ANIME, EPISODE, SHOWS, split_code
from .entry import row

WATCHING = "watching"
_CODE = re.compile(r"^(?:S(\d+))?E(\d+)$", re.IGNORECASE)


def up_next(mirror: Any, now: int) -> List[Dict[str, Any]]:
    rows = []
    for type_ in (SHOWS, ANIME):
        for item in mirror.entries(type_):
            if item.status != WATCHING:
                continue
            found = next_episode(item, now)
            if found is not None:
                rows.append(row(type_, item, EPISODE, last_activity(item), found[0], found[1]))
    rows.sort(key=lambda data: (-data["when"], data["title"].lower()))
    return rows


def next_episode(item: Any, now: int) -> Optional[Tuple[int, int]]:
    """(season, episode) in Simkl's numbering, or None when there is nothing aired to watch next."""
    shown = item.shown
    if shown.get("nd", 0) > now:
        return None
    if "n" in shown:
        # Every episode watched and none to come, yet a next one named: a rewatch.
        if not shown["n"] or (shown.get("na", 0) and _all_aired_watched(shown)):
            return None
        return parse_code(shown["n"])
    if _all_aired_watched(shown):
        return None
    regular = [code for code in item.episodes if split_code(code)[0] > 0]
    if not regular:
        return (1, 1)
    season, episode = split_code(max(regular))
    return (season, episode + 1)


def parse_code(code: Any) -> Optional[Tuple[int, int]]:
    """"S01E02" → (1, 2); an anime's "E12" → (1, 12); anything else → None."""
    match = _CODE.match(code.strip()) if isinstance(code, str) else None
    if match is None:
        return None
    return (int(match.group(1)) if match.group(1) is not None else 1, int(match.group(2)))


def last_activity(item: Any) -> int:
    watched = max(item.episodes.values(), default=0)
    return max(watched, item.shown.get("a", 0))


def _all_aired_watched(shown: Dict[str, Any]) -> bool:
    total, watched = shown.get("tot"), shown.get("wc")
    if not total or watched is None:
        return False
    return watched + shown.get("na", 0) >= total
