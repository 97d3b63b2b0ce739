"""Kodi writes owed from earlier cycles: refused by Kodi, or never sent because Kodi was stopping. Each is
planned again in the next cycles (its title joins the cycle's scope) until Kodi takes it, the plan no longer
needs it, or it was refused MAX_TRIES times; it is listed in the status dialog with Kodi's reason meanwhile.

The form kept in the state (small, in the head): {write key: {"tries": n, "reason": text, "name": text}}."""
from typing import Any, Dict, Iterable, Mapping, Optional, Set, Tuple

MAX_TRIES = 5
STOPPED = "stopped"  # the reason of a write Kodi was closing before it went out


def read(value: Any) -> Dict[str, Dict[str, Any]]:
    """The saved form, tolerantly: anything unreadable is left out."""
    if not isinstance(value, dict):
        return {}
    owed = {}
    for key, row in value.items():
        if isinstance(key, str) and isinstance(row, dict) and isinstance(row.get("tries"), int):
            owed[key] = {"tries": row["tries"], "reason": str(row.get("reason") or ""),
                         "name": str(row.get("name") or "")}
    return owed


def due_ids(owed: Mapping[str, Mapping[str, Any]]) -> Set[int]:
    """The Simkl ids whose titles the next cycle plans again (those not given up)."""
    return {simkl for key, row in owed.items() if row["tries"] < MAX_TRIES
            for simkl in (simkl_of(key),) if simkl is not None}


def given_up(owed: Mapping[str, Mapping[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {key: dict(row) for key, row in owed.items() if row["tries"] >= MAX_TRIES}


def settle(owed: Mapping[str, Mapping[str, Any]], in_scope, done: Iterable[str], refused: Mapping[str, str],
           stopped: Iterable[str], names: Optional[Mapping[str, str]] = None) -> Dict[str, Dict[str, Any]]:
    """What is owed after a cycle. `simkl in in_scope` tells which titles the cycle planned; done: the keys of the
    writes Kodi took; refused: {key: Kodi's reason}; stopped: keys not sent (Kodi was closing)."""
    names = names or {}
    done, stopped = set(done), set(stopped)
    after = {}
    for key, row in owed.items():
        simkl = simkl_of(key)
        planned_now = simkl is None or simkl in in_scope
        if key in done or (planned_now and key not in refused and key not in stopped):
            continue  # Kodi took it, Kodi already holds what Simkl says, or the library chose not to write it
        after[key] = dict(row)
    for key, reason in refused.items():
        row = after.setdefault(key, {"tries": 0, "reason": "", "name": names.get(key, "")})
        row["tries"] += 1
        row["reason"] = reason
    for key in stopped - done - set(refused):
        after.setdefault(key, {"tries": 0, "reason": STOPPED, "name": names.get(key, "")})
    return after


def simkl_of(key: str) -> Optional[int]:
    """The title's Simkl id in a write key ("m:<simkl>", "e:<show simkl>:<season>:<episode>")."""
    parts: Tuple[str, ...] = tuple(key.split(":"))
    if len(parts) >= 2 and parts[0] in ("m", "e") and parts[1].isdigit():
        return int(parts[1])
    return None
