"""The guard on large removals: nothing irreversible on a bad day.

A cycle that would unwatch more than max(10, 5 %) of the items held in sync for a type (movies, shows, anime)
does not apply that part. It holds it as a pending large change (kept in the sync state), the user is told
once, and the type is read again from Simkl on the next cycle. The change is applied only when a later whole
read agrees AND the user confirms (Apply in the status dialog, or the setting "apply large removals without
asking"), in a cycle that read the type whole again (the user's answer asks for that read); Keep my library
drops it and lets the held items leave the synced keys, so they are never proposed again.
A later whole read that no longer proposes it cancels it. Pure: plain data in, plain data out.

A pending change, as saved: {"count": n, "in_sync": m, "titles": [...], "reads": 1 or 2, "notified": bool,
"decision": "apply" / "keep" / None, "emptied": Simkl lists nothing of the type}."""
from typing import Any, Dict, Iterable, List, Optional, Set

MIN_LIMIT = 10
SHARE = 0.05
MAX_TITLES = 5
APPLY, KEEP = "apply", "keep"
DECISIONS = (APPLY, KEEP)


def is_large(count: int, in_sync: int) -> bool:
    """More than max(10, 5 %) of the items in sync: exactly at the threshold is not large."""
    return count > max(MIN_LIMIT, in_sync * SHARE)


def is_odd_shrink(gone: int, count: int) -> bool:
    """Whether a whole read of a type (of `count` items) lacking `gone` of them is too odd to believe at once:
    more than min(10, 5 %), and always more than one. Stricter than the guard: believing it costs nothing
    until the next read agrees, while a cut-off answer of a small library lacks a few items, not hundreds."""
    return gone > max(1, min(MIN_LIMIT, count * SHARE))


class Verdict:
    """What the cycle does with one type's unwatches: `apply` them, or hold them; `forget`: keys to drop from
    the synced ones (the user kept their library); `told`: a new pending change to tell the user about."""

    __slots__ = ("apply", "forget", "told")

    def __init__(self, apply: bool, forget: bool = False, told: bool = False):
        self.apply = apply
        self.forget = forget
        self.told = told


class RemovalGuard:
    """held: {type: pending change} as saved in the sync state (changed in place); auto_apply: the setting."""

    def __init__(self, held: Optional[Dict[str, Any]], auto_apply: bool = False):
        self.held: Dict[str, Dict[str, Any]] = clean(held)
        self.auto_apply = auto_apply

    def decide(self, type_: str, decision: str) -> bool:
        """The user's answer for a type's pending change; False when nothing is pending for it."""
        pending = self.held.get(type_)
        if pending is None or decision not in DECISIONS:
            return False
        pending["decision"] = decision
        return True

    def review(self, type_: str, count: int, in_sync: int, titles: Iterable[str], whole: bool,
               read_whole: bool, emptied: bool = False) -> Verdict:
        """One type's planned unwatches (`count`, of `in_sync` items in sync). whole: the cycle planned the
        whole mirror; read_whole: it also read the type whole from Simkl (a later read that can agree);
        emptied: Simkl lists nothing of the type any more, which is held whatever the count (an empty answer
        has many shapes a broken one shares: null, {}, [])."""
        pending = self.held.get(type_)
        if not (is_large(count, in_sync) or (emptied and count > 0)):
            if pending is not None and (whole or pending.get("decision") == KEEP):
                del self.held[type_]  # a later answer no longer proposes it (or the user kept the library)
            return Verdict(apply=True)  # small: goes through as any small removal
        if pending is None:
            self.held[type_] = {"count": count, "in_sync": in_sync, "titles": list(titles)[:MAX_TITLES],
                                "reads": 1, "notified": False, "decision": None, "emptied": emptied}
            return Verdict(apply=False, told=True)
        pending.update(count=count, in_sync=in_sync, titles=list(titles)[:MAX_TITLES])
        if pending.get("decision") == KEEP:
            del self.held[type_]
            return Verdict(apply=False, forget=True)
        if not read_whole:
            return Verdict(apply=False)
        pending["reads"] = 2  # a later whole read agrees; applied only with the user's yes, at a fresh read
        if pending.get("decision") == APPLY or self.auto_apply:
            del self.held[type_]
            return Verdict(apply=True)
        return Verdict(apply=False)

    def to_reread(self) -> Set[str]:
        """The types a later whole read must still agree on: pulled whole next cycle."""
        return {type_ for type_, pending in self.held.items() if pending.get("reads", 1) < 2}

    def untold(self) -> List[str]:
        """The types whose pending change the user was not told about yet; marks them told."""
        types = sorted(type_ for type_, pending in self.held.items() if not pending.get("notified"))
        for type_ in types:
            self.held[type_]["notified"] = True
        return types


def clean(held: Any) -> Dict[str, Dict[str, Any]]:
    """A saved `held` read tolerantly: anything unreadable is dropped."""
    if not isinstance(held, dict):
        return {}
    kept = {}
    for type_, pending in held.items():
        if isinstance(type_, str) and isinstance(pending, dict) and _number(pending.get("count")):
            titles = pending.get("titles") if isinstance(pending.get("titles"), list) else []
            decision = pending.get("decision") if pending.get("decision") in DECISIONS else None
            kept[type_] = {"count": _number(pending.get("count")), "in_sync": _number(pending.get("in_sync")),
                           "titles": [t for t in titles if isinstance(t, str)][:MAX_TITLES],
                           "reads": 2 if _number(pending.get("reads")) >= 2 else 1,
                           "notified": bool(pending.get("notified")), "decision": decision,
                           "emptied": bool(pending.get("emptied"))}
    return kept


def _number(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
