"""What an all-items entry says that only the widgets need, kept compact on the mirror's Item (`shown`):
p poster path, f fanart path, n next_to_watch (kept null when Simkl says there is none), a the latest activity
(watched or added, epoch), tot / na / wc the total, not aired and watched episode counts, nd the next episode's
air date (epoch) when next_watch_info gave it."""
from typing import Any, Dict, Optional

from ..model import as_number
from ..times import to_epoch

_TEXT = ("p", "f")
_NUMBERS = ("a", "tot", "na", "wc", "nd")


def read_shown(entry: Dict[str, Any], block: Dict[str, Any]) -> Dict[str, Any]:
    shown: Dict[str, Any] = {}
    for key, value in (("p", block.get("poster")), ("f", block.get("fanart"))):
        if isinstance(value, str) and value.strip():
            shown[key] = value.strip()
    if "next_to_watch" in entry:
        next_code = entry.get("next_to_watch")
        shown["n"] = next_code.strip() if isinstance(next_code, str) and next_code.strip() else None
    stamps = [to_epoch(entry.get(name)) for name in ("last_watched_at", "added_to_watchlist_at")]
    stamps = [stamp for stamp in stamps if stamp]
    if stamps:
        shown["a"] = max(stamps)
    for key, name in (("tot", "total_episodes_count"), ("na", "not_aired_episodes_count"),
                      ("wc", "watched_episodes_count")):
        number = as_number(entry.get(name))
        if number is not None:
            shown[key] = number
    info = entry.get("next_to_watch_info")
    date = to_epoch(info.get("date")) if isinstance(info, dict) and info.get("date") else None
    if date:
        shown["nd"] = date
    return shown


def shown_fields(stored: Any) -> Optional[Dict[str, Any]]:
    """The saved form read back: only the known keys with their types."""
    if not isinstance(stored, dict):
        return None
    shown: Dict[str, Any] = {}
    for key in _TEXT:
        if isinstance(stored.get(key), str):
            shown[key] = stored[key]
    if "n" in stored and isinstance(stored["n"], (str, type(None))):
        shown["n"] = stored["n"]
    for key in _NUMBERS:
        number = as_number(stored.get(key))
        if number is not None:
            shown[key] = number
    return shown
