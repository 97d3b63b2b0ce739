"""The journal's two record shapes, compact (one JSON line each; short keys, 100,000 of them stay a few MB):

    Kodi write  {"t": epoch, "c": cycle, "r": reason, "k": "kodi", "m": media, "i": kodi id, "key": Simkl key,
                 "n": name, "b": {field: value before}, "a": {field: value after}}
    Simkl write {"t": epoch, "c": cycle, "r": reason, "k": "simkl", "o": kind, "v": action, "body": body,
                 "n": label}

"b" names only the fields written; a field whose value before is unknown is left out of "b" (an undo
cannot put back what was never known, so it does not write that field).

Either shape carries "u": the Simkl account id it was made for (account_stamp.py), when one was bound: an
account sees and undoes its own cycles only."""
from typing import Any, Dict, Iterable, List, Mapping, Optional

KODI = "kodi"
SIMKL = "simkl"
ACCOUNT = "u"
KODI_FIELDS = ("playcount", "lastplayed", "resume", "tag", "userrating")  # userrating: movies and TV shows


def kodi_record(now: float, cycle: str, reason: str, media: str, kodi_id: int, key: str,
                after: Mapping[str, Any], before: Optional[Mapping[str, Any]], name: str = "") -> Dict[str, Any]:
    """One Kodi library write: `after` the fields written, `before` the item as the plan read it (or None)."""
    record = {"t": int(now), "c": cycle, "r": reason, "k": KODI, "m": media, "i": kodi_id, "key": key,
              "b": before_fields(before, after), "a": {name_: _plain(value) for name_, value in after.items()}}
    if name:
        record["n"] = name
    return record


def simkl_record(now: float, cycle: str, reason: str, kind: str, action: str, body: Any,
                 label: str = "") -> Dict[str, Any]:
    """One write Simkl accepted: kind "history" | "rating" | "list", action "add" | "remove"."""
    record = {"t": int(now), "c": cycle, "r": reason, "k": SIMKL, "o": kind, "v": action, "body": body}
    if label:
        record["n"] = label
    return record


def before_fields(item: Optional[Mapping[str, Any]], after: Mapping[str, Any]) -> Dict[str, Any]:
    """The written fields' values in `item` (a Kodi snapshot dict), in the form a write takes them back."""
    if not item:
        return {}
    before = {}
    for name in after:
        if name not in item:
            continue
        value = item[name]
        if name == "resume":
            value = _resume(value)
        elif name == "playcount":
            value = value if isinstance(value, int) and not isinstance(value, bool) else 0
        elif name == "lastplayed":
            value = value if isinstance(value, str) else ""
        elif name == "userrating":
            value = value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10 else 0
        elif name == "tag":
            value = [tag for tag in value if isinstance(tag, str)] if isinstance(value, list) else []
        before[name] = value
    return before


def is_record(value: Any) -> bool:
    """A line read back that has the shape of one of the two records (anything else is skipped)."""
    if not isinstance(value, dict) or not isinstance(value.get("t"), int) or not isinstance(value.get("c"), str):
        return False
    if value.get("k") == KODI:
        return (value.get("m") in ("movie", "episode", "tvshow") and isinstance(value.get("i"), int)
                and isinstance(value.get("b"), dict) and isinstance(value.get("a"), dict))
    if value.get("k") == SIMKL:
        return isinstance(value.get("o"), str) and value.get("v") in ("add", "remove")
    return False


def of_account(records: Iterable[Dict[str, Any]], account: Optional[str]) -> List[Dict[str, Any]]:
    """The records made for `account` (None: those made while no account was bound). A record of another
    account, or one made with none, is never another account's to list or undo."""
    return [record for record in records if record.get(ACCOUNT) == account]


def stamped(records: List[Dict[str, Any]], account: Optional[str]) -> List[Dict[str, Any]]:
    """The records with the account they are made for (unchanged when none is bound)."""
    if account:
        for record in records:
            record[ACCOUNT] = account
    return records


def name_of(item: Optional[Mapping[str, Any]]) -> str:
    """A short name of a Kodi snapshot item: "Title" or "Show S01E02"."""
    if not item:
        return ""
    if "showtitle" in item and isinstance(item.get("season"), int) and isinstance(item.get("episode"), int):
        return f"{item.get('showtitle') or '?'} S{item['season']:02d}E{item['episode']:02d}"
    return str(item.get("title") or item.get("label") or "")


def _resume(value: Any) -> Dict[str, Any]:
    value = value if isinstance(value, dict) else {}
    position, total = value.get("position"), value.get("total")
    return {"position": position if isinstance(position, (int, float)) else 0,
            "total": total if isinstance(total, (int, float)) else 0}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    return value
