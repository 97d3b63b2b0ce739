"""The durable queue of Simkl writes: entries, their keys and collapsing, when each may go, holds for a login.

The queue keeps its file through core.outbox_file, its dropped writes in core.outbox_dropped and its pauses in
core.outbox_pauses; core.outbox_outcome tells what a send's reply means for an entry, core.outbox.liveness
which entries may go, when one is given up and the queue's size bound.

An entry is a JSON-able dict:
    key      (item, action, watched_at) identity; an identical key replaces the older entry
    group    entries of one group collapse: the newest intent wins (e.g. unmark replaces mark)
    replaces optional: a further group whose entries this one makes pointless (a finished view
             replaces the pending start of that playback, yet nothing replaces the finished view)
    kind     "history" | "scrobble" | "rating" | "list"
    action   "add" | "remove" (history, rating), "start" | "pause" | "stop" (scrobble), "add" (list)
    body     the request body for Simkl
    label    a short human name for logs and the status file
    created  wall-clock time the user acted
    item     the Simkl item it writes: a later write of an item never overtakes an earlier one
    due      wall-clock time the entry may be sent (never further than the longest back-off: core.outbox.liveness)
    attempts failed sends so far (its own failures: Simkl failing as a whole pauses the queue instead)
    failing_since, last_error  since when and how its own sends fail; after core.outbox.liveness's limit it
             leaves the queue for the dropped list, kept there for the user's "Try again"
    held     true after a 401: waits for the next login
    seq      insertion order; also tells a resent entry from its replacement
    account  the Simkl account id it was queued for: only the current account's entries are sent, counted,
             held or released; the others' stay parked (core/outbox/parking.py)
"""
import logging
import threading

from . import liveness
from .file import OutboxFile
from .outcome import DONE, DROP, HOLD, RETRY, Outcome
from .parking import Parking, ParkingControls, same_account
from .pauses import PauseControls, Pauses

LOG = logging.getLogger("simklsync.outbox")


def make_entry(kind, action, item, body, label, now, watched_at=None, group=None, replaces=None):
    """A new queue entry. item is a stable text naming the Simkl item (see core.scrobble.item_key)."""
    key = f"{kind}:{action}:{item}:{watched_at or ''}"
    entry = {
        "key": key,
        "group": group or f"{kind}:{item}",
        "kind": kind,
        "action": action,
        "body": body,
        "label": label,
        "item": item,
        "created": now,
        "due": now,
        "attempts": 0,
        "held": False,
    }
    if replaces:
        entry["replaces"] = replaces
    return entry


class Outbox(PauseControls, ParkingControls):
    """Thread-safe queue persisted through a store with load()/save(obj) (core.store.JsonStore)."""

    def __init__(self, store):
        self._file = OutboxFile(store)
        self._lock = threading.RLock()
        self._pauses = Pauses()
        self._parking = Parking()
        self._entries, self._dropped, self._seq = self._file.load()

    def _save(self):
        self._file.save(self._entries, self._dropped, self._seq)

    def add(self, entry):
        """Queue an entry, collapsing older entries with the same key or group. Persists before returning."""
        with self._lock:
            self._seq += 1
            entry = self._parking.stamp(dict(entry, seq=self._seq))
            replaced = [e for e in self._entries if _same_intent(e, entry)]
            self._entries = [e for e in self._entries if not _same_intent(e, entry)]
            self._entries.append(entry)
            self._entries = liveness.bounded(self._entries, self._dropped, entry["created"])
            self._save()
        for old in replaced:
            LOG.debug("outbox: %s %s replaced by %s", old["kind"], old["action"], entry["action"])
        return dict(entry)

    def due(self, now):
        """Copies of the entries that may be sent now, oldest first: of each item its writes up to the first that
        must wait (liveness.sendable). Due times and pauses a clock set back has pushed away are brought back
        first."""
        with self._lock:
            if any([liveness.cap_due(e, now) for e in self._entries]):
                self._save()
            self._pauses.cap(now, liveness.MAX_WAIT)
            if now < self._pauses.until:
                return []
            ready = liveness.sendable(
                self._mine(), lambda e: not e.get("held") and self._pauses.due_at(e) <= now)
            return [dict(e) for e in ready]

    def next_due(self):
        """When the next entry becomes sendable (wall clock), or None when nothing is waiting."""
        with self._lock:
            times = [self._pauses.due_at(e) for e in liveness.heads(self._mine()) if not e.get("held")]
            if not times:
                return None
            return max(min(times), self._pauses.until)

    def apply(self, entry, outcome, now):
        """Record the outcome of sending entry. A replacement queued meanwhile is left alone."""
        with self._lock:
            current = self._find(entry)
            if current is None:
                return
            if outcome.verdict == DONE:
                self._entries.remove(current)
                self._pauses.succeeded()
            elif outcome.verdict == DROP:
                self._entries.remove(current)
                self._dropped.remember(current, outcome.reason, now)
                self._pauses.succeeded()  # Simkl answered: a refusal of this entry is no outage
            elif outcome.verdict == RETRY:
                liveness.note_failure(current, now, outcome.delay, outcome.reason)
                liveness.give_up_if_over(self._entries, current, self._dropped, now)
            elif outcome.verdict == HOLD:
                current["held"] = True
            self._save()

    def drop(self, entry, reason, now):
        self.apply(entry, Outcome(DROP, None, reason), now)

    def retry_undelivered(self, now):
        """The user's "Try again": the writes given up after their limit go back in the queue, due now, unless
        a newer write of the same intent waits there already (the newest state wins). Returns how many."""
        with self._lock:
            back = 0
            for entry in self._dropped.take_retryable():
                if liveness.is_complete(entry) and not any(_same_intent(entry, e) for e in self._entries):
                    self._seq += 1
                    self._entries.append(dict(liveness.fresh_copy(entry, now), seq=self._seq))
                    back += 1
            self._save()
            return back

    def hold_all(self):
        """After a 401 every write waits for the next login."""
        with self._lock:
            for entry in self._mine():
                entry["held"] = True
            self._save()

    def release_holds(self, now):
        """After a login: everything held becomes due now."""
        with self._lock:
            for entry in self._mine():
                if entry.get("held"):
                    entry["held"] = False
                    entry["due"] = now
            self._pauses.lift()
            self._save()

    def clear(self):
        """Forget every pending write (logout to another account), those kept for "Try again" too."""
        with self._lock:
            self._entries = []
            self._dropped.take_retryable()
            self._save()

    def entries(self):
        with self._lock:
            return [dict(e) for e in self._mine()]

    def dropped(self):
        """The last dropped writes: {"label", "reason", "at"}."""
        with self._lock:
            return self._parking.shown(self._dropped.records())

    def pending_marks(self):
        """Kodi-side marks not yet confirmed by Simkl, as {model.kodi_key: watched} for the sync planner."""
        with self._lock:
            return {e["kodi"]: e["action"] == "add" for e in self._mine() if e.get("kodi")}

    def summary(self):
        """Counts for the status file."""
        with self._lock:
            mine, parked = self._mine(), self._parking.parked(self._entries)
            held = sum(1 for e in mine if e.get("held"))
            summary = {"pending": len(mine) - held, "held": held, "dropped": len(self.dropped())}
            return dict(summary, parked=parked) if parked else summary

    def __len__(self):
        with self._lock:
            return len(self._mine())

    def _mine(self):
        return self._parking.mine(self._entries)

    def _find(self, entry):
        for current in self._entries:
            if current["key"] == entry["key"] and current["seq"] == entry["seq"]:
                return current
        return None


def _same_intent(old, new):
    return same_account(old, new) and (old["key"] == new["key"] or old["group"] in (new["group"], new.get("replaces")))
