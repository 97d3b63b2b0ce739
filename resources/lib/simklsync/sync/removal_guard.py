"""The guard on large removals as a cycle step: the plan's unwatches counted per type against the items in sync,
a large part held back (core/plan/guard.py decides), and the user's Apply / Keep my library answers, which the
status dialog leaves in a small file for the next cycle."""
import logging

from ..core.model import MEDIA_TYPES
from ..core.plan.guard import DECISIONS, RemovalGuard
from ..core.state.store import JsonStore

LOG = logging.getLogger("simklsync.sync")
RATINGS = "ratings"  # the answer to a held large clear of Kodi ratings (core/ratings.py), in the same file


class Answers:
    """The user's answers to pending large changes, {type: "apply" | "keep"}, waiting for the next cycle.
    path: the file, or a callable giving it (resolved only when a cycle plans: an idle one asks Kodi nothing)."""

    def __init__(self, path):
        self._path = path
        self._store = None

    @property
    def store(self):
        if self._store is None:
            self._store = JsonStore(self._path() if callable(self._path) else self._path)
        return self._store

    def give(self, type_, decision):
        answers = self.read()
        answers[type_] = decision
        self.store.save(answers)

    def read(self, keys=MEDIA_TYPES):
        answers = self.store.load()
        if not isinstance(answers, dict):
            return {}
        return {t: d for t, d in answers.items() if t in keys and d in DECISIONS}

    def take(self, key):
        """One answer, removed from the file (the others stay for their cycle); None when there is none."""
        answer = self.read((key,)).get(key)
        if answer is not None:
            rest = {t: d for t, d in self.read(tuple(MEDIA_TYPES) + (RATINGS,)).items() if t != key}
            if rest:
                self.store.save(rest)
            else:
                self.store.delete()
        return answer

    def clear(self):
        """Once a cycle saved the answers into the sync state (a cycle that fails first reads them again)."""
        self.store.delete()


def guard_plan(plan, mirror, state, whole, read_whole, auto_apply, answers=None, suspect=((), ())):
    """Holds back each type's unwatches when they are too many. Returns (the types the user must now be told
    about, the types to read whole next cycle, the (media, Kodi id) held back: their list tags stay too).
    whole: the plan covered the whole mirror; read_whole: the types read whole from Simkl this cycle; suspect:
    (the cycle's suspect answers ("movies", "shows ids"...), the Simkl ids its id lists removed): the mirror of
    a suspect type may be behind Simkl (a pushed mark not read back yet), so none of its items is unwatched
    this cycle but those a sound id list just removed."""
    guard = RemovalGuard(state.held, auto_apply)
    for type_, decision in (answers or {}).items():
        guard.decide(type_, decision)
    types = _TypeOf(mirror)
    unwatches = {}
    answers_suspect, removed_now = suspect
    behind = {answer.split(" ")[0] for answer in answers_suspect}
    dropped = set()
    for write in plan.writes:
        if write.playcount != 0:
            continue
        type_ = types.of_key(write.key)
        if type_ in behind and _simkl_of(write.key) not in removed_now:
            dropped.add((write.media, write.kodi_id))
        else:
            unwatches.setdefault(type_, []).append(write)
    held = set()
    if unwatches or guard.held:
        in_sync = types.count(state.synced)
        for type_ in sorted(set(unwatches) | set(guard.held)):
            writes = unwatches.get(type_, [])
            verdict = guard.review(type_, len(writes), in_sync.get(type_, 0), types.titles(writes), whole,
                                   type_ in read_whole, emptied=mirror.count(type_) == 0)
            if not verdict.apply:
                held.add(type_)
            if verdict.forget:  # the user keeps these watched: they are no longer proposed for unwatching
                state.synced -= {key for key in plan.unmarked_keys if types.of_key(key) == type_}
    kept = {(w.media, w.kodi_id) for type_ in held for w in unwatches.get(type_, ())}
    if kept:
        LOG.warning("large removal held back for %s", ", ".join(sorted(held)))
    if kept or dropped:
        plan.writes = [w for w in plan.writes if (w.media, w.kodi_id) not in kept | dropped]
    state.held = guard.held
    return guard.untold(), guard.to_reread(), kept | dropped


class _TypeOf:
    """Which of the mirror's types a Simkl key's title belongs to (items and removed ones)."""

    def __init__(self, mirror):
        self.mirror = mirror
        self._known = {}

    def of_key(self, key):
        return self.of(_simkl_of(key))

    def of(self, simkl):
        if simkl not in self._known:
            self._known[simkl] = next((t for t in MEDIA_TYPES if self.mirror.get(t, simkl) is not None
                                       or self.mirror.get_removed(t, simkl) is not None), None)
        return self._known[simkl]

    def count(self, keys):
        counts = {}
        for key in keys or ():
            type_ = self.of_key(key)
            counts[type_] = counts.get(type_, 0) + 1
        return counts

    def titles(self, writes):
        titles = []
        for write in writes:
            simkl = _simkl_of(write.key)
            item = next((found for t in MEDIA_TYPES for found in (self.mirror.get(t, simkl),
                                                                  self.mirror.get_removed(t, simkl)) if found), None)
            title = item.title if item is not None and item.title else str(simkl)
            if title not in titles:
                titles.append(title)
            if len(titles) >= 5:
                break
        return titles


def _simkl_of(key):
    parts = key.split(":") if isinstance(key, str) else ()
    try:
        return int(parts[1])
    except (IndexError, ValueError):
        return None
