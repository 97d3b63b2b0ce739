"""A cycle's journal records → what undoes it: the Kodi writes that put every field back as it was before the
cycle, and the Simkl writes that reverse what Simkl accepted in it.

    Kodi     each item back to the values it had before the cycle's first write of each field (a field whose
             value before is unknown is left as it is); a userrating apart, as a rating write (its own
             Kodi call, and the ratings memory learns it)
    Simkl    history added → removed; history removed → added again with the dates it had (when the record
             kept them); rating added → removed. A list move or a rating removal cannot be reversed (the list
             or the rating before is not known): they are counted, never guessed.

An undo is journaled as a cycle of its own, so undoing the undo puts back what the undo changed."""
import copy
from collections import namedtuple
from typing import Any, Dict, List, Tuple

from ..plan.writes import Write
from ..ratings import RatingWrite
from .records import KODI, KODI_FIELDS

# kind, action, body (what goes to Simkl), dated (the body to journal: a removal's with its dates), label
Reversal = namedtuple("Reversal", "kind action body dated label")


class UndoPlan:
    def __init__(self):
        self.kodi: List[Write] = []
        self.ratings: List[RatingWrite] = []  # Kodi's userratings put back (ids filled in by whoever writes them)
        self.names: Dict[Tuple[str, int], str] = {}
        self.simkl: List[Reversal] = []
        self.not_reversible = 0  # Simkl writes of the cycle that cannot be reversed

    @property
    def is_empty(self) -> bool:
        return not self.kodi and not self.ratings and not self.simkl


def plan_undo(records: List[Dict[str, Any]], cycle: str) -> UndoPlan:
    plan = UndoPlan()
    before: Dict[Tuple[str, int], Dict[str, Any]] = {}
    keys: Dict[Tuple[str, int], str] = {}
    for record in records:
        if record["c"] != cycle:
            continue
        if record["k"] == KODI:
            ref = (record["m"], record["i"])
            fields = before.setdefault(ref, {})
            keys.setdefault(ref, record.get("key") or "")
            for name, value in record["b"].items():
                if name in KODI_FIELDS and name in record["a"]:
                    fields.setdefault(name, value)
            if record.get("n"):
                plan.names.setdefault(ref, record["n"])
        else:
            reversal = _reversal(record)
            if reversal is None:
                plan.not_reversible += 1
            else:
                plan.simkl.append(reversal)
    for (media, kodi_id), fields in before.items():
        if "userrating" in fields:
            plan.ratings.append(RatingWrite(media, kodi_id, fields.pop("userrating")))
        if fields:
            plan.kodi.append(Write(media, kodi_id, keys[(media, kodi_id)], fields))
    plan.simkl.reverse()
    return plan


def _reversal(record: Dict[str, Any]):
    kind, action, body, label = record["o"], record["v"], record.get("body"), record.get("n", "")
    if not isinstance(body, dict):
        return None
    if kind == "history" and action == "add":
        return Reversal("history", "remove", _without(body, ("watched_at",)), copy.deepcopy(body), label)
    if kind == "history" and action == "remove":
        return Reversal("history", "add", copy.deepcopy(body), copy.deepcopy(body), label)
    if kind == "rating" and action == "add":
        return Reversal("rating", "remove", _without(body, ("rating", "rated_at")), copy.deepcopy(body), label)
    return None


def _without(value: Any, names: Tuple[str, ...]) -> Any:
    """A deep copy of a Simkl body without the given keys at any depth."""
    if isinstance(value, dict):
        return {key: _without(item, names) for key, item in value.items() if key not in names}
    if isinstance(value, list):
        return [_without(item, names) for item in value]
    return value
