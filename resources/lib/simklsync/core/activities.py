"""Saved vs new /sync/activities answer → the fetches one sync cycle has to make."""
import datetime
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .model import ACTIVITY_DOMAINS, LIST_STATUSES, MEDIA_TYPES
from .times import iso_z, parse_utc

# Whether all-items' date_from is inclusive or exclusive is not documented, and a change can carry the
# very second of the saved stamp. Asking from one second earlier can only return items we already have;
# the mirror merges by Simkl id, so the overlap is harmless while a gap would lose a change.
DATE_FROM_MARGIN = datetime.timedelta(seconds=1)


class FetchPlan:
    def __init__(self, unchanged: bool, first_sync: bool, lists: List[Tuple[str, Optional[str]]],
                 removals: List[str], playback: bool):
        self.unchanged = unchanged
        self.first_sync = first_sync
        self.lists = lists  # (type, date_from) — date_from None means a full pull
        self.removals = removals
        self.playback = playback

    def __repr__(self):
        return (f"FetchPlan(unchanged={self.unchanged}, first_sync={self.first_sync}, lists={self.lists}, "
                f"removals={self.removals}, playback={self.playback})")


def plan_fetches(saved: Optional[Dict[str, Any]], new: Any, types: Sequence[str] = MEDIA_TYPES) -> FetchPlan:
    """Which lists to pull and from when. `saved` is the previous answer (None before the first sync)."""
    new = new if isinstance(new, dict) else {}
    if not isinstance(saved, dict) or not saved:
        return FetchPlan(False, True, [(type_, None) for type_ in types], [], True)
    if saved.get("all") == new.get("all"):
        return FetchPlan(True, False, [], [], False)
    lists = []
    removals = []
    playback = False
    for type_ in types:
        domain = ACTIVITY_DOMAINS.get(type_, type_)
        old_block = _block(saved, domain)
        if new and _hidden(saved, new, domain):
            # This answer cannot tell whether the type moved, and once saved its newer stamps would hide
            # whatever did: ask for everything since the saved answer.
            lists.append((type_, _since_saved(saved, old_block)))
            continue
        new_block = _block(new, domain)
        if _lists_moved(old_block, new_block):
            lists.append((type_, _date_from(saved, old_block, new_block)))
        if _moved(old_block, new_block, "removed_from_list"):
            removals.append(type_)
        if _moved(old_block, new_block, "playback"):
            playback = True
    return FetchPlan(False, False, lists, removals, playback)


def _block(activities: Dict[str, Any], domain: str) -> Dict[str, Any]:
    block = activities.get(domain)
    return block if isinstance(block, dict) else {}


def _hidden(saved: Dict[str, Any], new: Dict[str, Any], domain: str) -> bool:
    """The new answer's block for a domain is unreadable, or gone although the saved answer had it.
    (A wholly unreadable answer, once saved, makes the next cycle a full pull instead.)"""
    block = new.get(domain)
    if block is None:
        return isinstance(saved.get(domain), dict)
    return not isinstance(block, dict)


def _since_saved(saved: Dict[str, Any], old_block: Dict[str, Any]) -> Optional[str]:
    stamp = parse_utc(old_block.get("all")) or parse_utc(saved.get("all"))
    return iso_z(stamp - DATE_FROM_MARGIN) if stamp is not None else None


def _moved(old_block: Dict[str, Any], new_block: Dict[str, Any], bucket: str) -> bool:
    new_value = new_block.get(bucket)
    return new_value is not None and new_value != old_block.get(bucket)


def _lists_moved(old_block: Dict[str, Any], new_block: Dict[str, Any]) -> bool:
    return any(_moved(old_block, new_block, status) for status in LIST_STATUSES)


def _date_from(saved: Dict[str, Any], old_block: Dict[str, Any], new_block: Dict[str, Any]) -> Optional[str]:
    """The earliest saved stamp among the moved lists, less the margin. A list that was never used
    before falls back to the domain's (then the account's) saved `all`: every change made after the
    previous answer is stamped at or after those. Nothing usable saved → None (a full pull)."""
    stamps = []
    for status in LIST_STATUSES:
        if not _moved(old_block, new_block, status):
            continue
        saved_stamp = parse_utc(old_block.get(status))
        if saved_stamp is None:
            saved_stamp = parse_utc(old_block.get("all")) or parse_utc(saved.get("all"))
        if saved_stamp is None:
            return None
        new_stamp = parse_utc(new_block.get(status))
        # A bucket that went backwards (server-side reset) still must not leave a gap.
        stamps.append(min(saved_stamp, new_stamp) if new_stamp is not None else saved_stamp)
    if not stamps:
        return None
    return iso_z(min(stamps) - DATE_FROM_MARGIN)
