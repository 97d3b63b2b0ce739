"""The recent cycles of a journal, newest first, with what each changed: the status dialog's list."""
from collections import namedtuple
from typing import Any, Dict, List

from .records import KODI

# kodi: Kodi items written; simkl: writes Simkl accepted; names: the first few items' names
CycleSummary = namedtuple("CycleSummary", "cycle started reason kodi simkl names")
MAX_NAMES = 3


def summarize(records: List[Dict[str, Any]], limit: int = 10) -> List[CycleSummary]:
    cycles: Dict[str, Dict[str, Any]] = {}
    for record in records:
        cycle = cycles.get(record["c"])
        if cycle is None:
            cycle = cycles[record["c"]] = {"started": record["t"], "reason": record.get("r") or "", "kodi": set(),
                                           "simkl": 0, "names": []}
        if record["k"] == KODI:
            cycle["kodi"].add((record["m"], record["i"]))
        else:
            cycle["simkl"] += 1
        name = record.get("n")
        if name and len(cycle["names"]) < MAX_NAMES and name not in cycle["names"]:
            cycle["names"].append(name)
    ordered = sorted(cycles.items(), key=lambda pair: (pair[1]["started"], pair[0]), reverse=True)[:limit]
    return [CycleSummary(cycle, data["started"], data["reason"], len(data["kodi"]), data["simkl"], data["names"])
            for cycle, data in ordered]
