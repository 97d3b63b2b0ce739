"""Kodi-side unwatches held before they reach Simkl. More than BURST within WINDOW_SECONDS (another add-on or a
remote app resetting playcounts, Kodi's "mark as unwatched" on a whole show) form one batch the user is asked
about once: remove them from Simkl too, or keep them there. Fewer go on as single removals once their window
has passed (the wait is what lets a sixth one hold the first five). An item kept on Simkl is remembered as
kept apart, so a sync does not mark it watched again in Kodi until its Simkl side changes.

The rules only, on the caller's wall clock; the service's worker releases, asks and applies
(service/unmark_guard.py). Saved through a store with load()/save(obj), so a held batch survives a restart.
"""
import threading
from collections import namedtuple

WINDOW_SECONDS = 120
BURST = 5  # more unwatches than this within the window are a mass unmark
SETTLE_SECONDS = 10  # a batch is asked about once no unwatch has joined it for this long
ASK_AGAIN_SECONDS = 1800  # a question closed without an answer comes back after this
TITLES_SHOWN = 3

# keys: the Kodi keys the question is about (an answer applies to these only); titles: the first labels.
Question = namedtuple("Question", "keys count titles")


class UnmarkHold:
    """Thread-safe: Kodi's callback thread adds, the worker releases and answers."""

    def __init__(self, store):
        self._store = store
        self._lock = threading.RLock()
        data = store.load()
        data = data if isinstance(data, dict) else {}
        self._recent = _entries(data.get("recent"))  # single unwatches inside their window
        self._batch = _entries(data.get("batch"))  # the burst waiting for the user's answer
        self._kept = _entries(data.get("kept"))  # {"kodi", "label", "body", "was"}: kept on Simkl
        self._joined = _number(data.get("joined"))  # when the last unwatch joined the batch
        self._ask_after = _number(data.get("ask_after"))

    # -- from Kodi's callbacks ------------------------------------------------------------------------
    def unwatched(self, entry, now):
        """A Kodi-side unwatch's history removal (with its "kodi" key): held, in its window or in the batch."""
        with self._lock:
            self._forget(entry["kodi"])
            held = dict(entry, noted=now)
            if self._batch:
                self._batch.append(held)
                self._joined = now
            else:
                self._recent.append(held)
                inside = [e for e in self._recent if _inside(e, now)]
                if len(inside) > BURST:
                    self._batch = inside
                    self._recent = [e for e in self._recent if not _inside(e, now)]
                    self._joined = now
            self._save()

    def watched(self, kodi):
        """The item was marked watched again in Kodi: its held removal (or its kept-apart record) is cancelled.
        True when there was one: Simkl never heard of the unwatch, so the watched mark has nothing to tell."""
        with self._lock:
            found = self._forget(kodi)
            if found:
                self._save()
            return found

    # -- from the worker --------------------------------------------------------------------------------
    def release_due(self, now):
        """The single unwatches whose window has passed (or whose time lies past a clock set back): sent as
        before, one removal each."""
        with self._lock:
            due = [e for e in self._recent if not _inside(e, now)]
            if not due:
                return []
            self._recent = [e for e in self._recent if _inside(e, now)]
            self._save()
            return [_plain(e) for e in due]

    def question(self, now):
        """The Question to ask now, or None (no batch, the batch still growing, or asked lately)."""
        with self._lock:
            if not self._batch or now < self._ask_at(now):
                return None
            labels = [e.get("label") or "?" for e in self._batch]
            return Question(tuple(e["kodi"] for e in self._batch), len(labels), labels[:TITLES_SHOWN])

    def later(self, now):
        """The question was closed without an answer: asked again after ASK_AGAIN_SECONDS."""
        with self._lock:
            self._ask_after = now + ASK_AGAIN_SECONDS
            self._save()

    def answer(self, question, remove, was=None):
        """The user's answer (or the standing one) for the items the question named, applied once: a second
        answer finds nothing left. remove: their removals, returned for the outbox. Keep: each is
        remembered as kept apart, with was(entry) (its Simkl watched dates now) to notice a later change."""
        with self._lock:
            chosen = [e for e in self._batch if e["kodi"] in question.keys]
            if not chosen:
                return []
            self._batch = [e for e in self._batch if e["kodi"] not in question.keys]
            self._ask_after = None
            if not remove:
                self._kept.extend({"kodi": e["kodi"], "label": e.get("label", ""), "body": e["body"],
                                   "was": was(e) if was else None} for e in chosen)
            self._save()
            return [_plain(e) for e in chosen] if remove else []

    def kept(self):
        with self._lock:
            return [dict(record) for record in self._kept]

    def prune_kept(self, unchanged):
        """Forget the kept-apart items whose Simkl side changed (unchanged(record) False): the sync plans them
        again. Returns how many were forgotten."""
        with self._lock:
            before = len(self._kept)
            self._kept = [record for record in self._kept if unchanged(record)]
            if len(self._kept) != before:
                self._save()
            return before - len(self._kept)

    def pending(self):
        """{kodi key: False} for what the sync planner must leave unwatched in Kodi: held or kept apart."""
        with self._lock:
            return {e["kodi"]: False for e in self._recent + self._batch + self._kept}

    def next_due(self, now, asking=True):
        """When the worker next has something to do here (wall clock), or None. asking False leaves the
        question out (it waits for playback to stop, which wakes the worker anyway)."""
        with self._lock:
            times = [e.get("noted", 0) + WINDOW_SECONDS for e in self._recent]
            if asking and self._batch:
                times.append(self._ask_at(now))
            return max(now, min(times)) if times else None

    def held(self):
        """How many removals wait: in their window, and in the batch."""
        with self._lock:
            return len(self._recent), len(self._batch)

    def clear(self):
        """Logged out: nothing held belongs to the next account."""
        with self._lock:
            self._recent, self._batch, self._kept = [], [], []
            self._joined = self._ask_after = None
            self._save()

    def _ask_at(self, now):
        """When the batch may be asked about: settled, and not asked lately. A time further off than these
        waits can be comes from a clock set back since: it is not waited for."""
        at = (self._joined or 0) + SETTLE_SECONDS
        at = now if at - now > SETTLE_SECONDS + WINDOW_SECONDS else at
        if self._ask_after is not None and self._ask_after - now <= ASK_AGAIN_SECONDS:
            at = max(at, self._ask_after)
        return at

    def _forget(self, kodi):
        found = False
        for name in ("_recent", "_batch", "_kept"):
            entries = getattr(self, name)
            left = [e for e in entries if e.get("kodi") != kodi]
            found = found or len(left) != len(entries)
            setattr(self, name, left)
        return found

    def _save(self):
        self._store.save({"recent": self._recent, "batch": self._batch, "kept": self._kept,
                          "joined": self._joined, "ask_after": self._ask_after})


def _inside(entry, now):
    # A time a window or more past now (the clock was set back) counts as outside: the window cannot be trusted.
    # A little past now is a callback's time read after the worker's: inside.
    return -WINDOW_SECONDS < now - entry.get("noted", 0) < WINDOW_SECONDS


def _plain(entry):
    return {name: value for name, value in entry.items() if name != "noted"}


def _entries(value):
    if not isinstance(value, list):
        return []
    return [e for e in value if isinstance(e, dict) and isinstance(e.get("kodi"), str)
            and isinstance(e.get("body"), dict) and isinstance(e.get("noted", 0), (int, float))]


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
