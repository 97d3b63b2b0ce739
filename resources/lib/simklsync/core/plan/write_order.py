"""The order a sync's writes go to Kodi: what a user looks at first lands first (issue 18).

A first sync of a big library is thousands of writes and minutes of Kodi's time. The user opens Kodi on
what they were in the middle of, so these go first: (1) resume points, (2) the latest watched episode of
each show in progress on Simkl (the one Kodi's "next up" starts from), (3) the other watched marks and
dates, newest first; (4) the rest (unmarks, marks without a date) in the plan's order. The order is stable:
equal writes keep the plan's order. It never changes what is written, only when."""
import datetime
from typing import Dict, List, Optional, Tuple

from ..model import ANIME, EPISODE, SHOWS

RESUME, IN_PROGRESS, RECENT, REST = 0, 1, 2, 3
WATCHING = "watching"
EARLIEST = datetime.datetime.min


def user_first(writes: List, mirror) -> List:
    """The writes reordered as the module says; a new list, `writes` is left as it was."""
    latest = _latest_in_progress(writes, mirror)

    def tier(write):
        return _tier(write, id(write) in latest)

    # Two stable sorts of one list (no record per write: a first sync has 50,000 of them): the newest
    # watches first, then by tier; writes of one date keep the plan's order (reverse=True is stable too).
    ordered = list(writes)
    ordered.sort(key=_newest_first_key(ordered, tier), reverse=True)
    ordered.sort(key=tier)
    return ordered


def _newest_first_key(writes: List, tier):
    """By Kodi's lastplayed text, newest first. The planner's watches carry their instant: by its wall-clock
    time, which orders exactly as the text (no text made per write); writes given the text go by the text."""
    if all(write.played_at is not None for write in writes if tier(write) == RECENT):
        return lambda write: write.local_played() if tier(write) == RECENT else EARLIEST
    return lambda write: write.lastplayed if tier(write) == RECENT else ""


def _tier(write, in_progress: bool) -> int:
    resume = write.resume
    if isinstance(resume, dict) and _positive(resume.get("position")):
        return RESUME
    if in_progress:
        return IN_PROGRESS
    if write.playcount != 0 and write.has_lastplayed:
        return RECENT
    return REST


def _latest_in_progress(writes: List, mirror) -> set:
    """The ids (id()) of the writes that mark the newest watched episode of each show Simkl has as watching."""
    best: Dict[int, Tuple[Tuple[int, int], int]] = {}
    for write in writes:
        if write.media != EPISODE or write.playcount != 1:
            continue
        show, number = _episode_of(write.key)
        if show is None or not _watching(mirror, show):
            continue
        if show not in best or best[show][0] < number:
            best[show] = (number, id(write))
    return {identity for _number, identity in best.values()}


def _episode_of(key: str) -> Tuple[Optional[int], Tuple[int, int]]:
    """(show Simkl id, (season, episode)) of an episode key "e:show:season:episode"."""
    parts = key.split(":") if isinstance(key, str) else []
    if len(parts) != 4 or parts[0] != "e" or not all(part.isdigit() for part in parts[1:]):
        return None, (0, 0)
    return int(parts[1]), (int(parts[2]), int(parts[3]))


def _watching(mirror, show: int) -> bool:
    for type_ in (SHOWS, ANIME):
        item = mirror.get(type_, show)
        if item is not None:
            return item.status == WATCHING
    return False


def _positive(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


