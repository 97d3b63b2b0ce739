"""The durable queue of Simkl writes: entries, their keys and collapsing, when each may go, holds for a login.

The queue keeps its file through core.outbox_file, its dropped writes in core.outbox_dropped and its pauses in
core.outbox_pauses; core.outbox_outcome tells what a send's reply means for an entry.

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
    due      wall-clock time the entry may be sent
    attempts failed sends so far
    held     true after a 401: waits for the next login
    seq      insertion order; also tells a resent entry from its replacement
    account  the Simkl account id it was queued for: only the current account's entries are sent, counted,
             held or released; the others' stay parked (core/outbox/parking.py)
"""
import logging
import threading

from .file import OutboxFile
from .outcome import DONE, DROP, HOLD, RETRY, Outcome
from .parking import Parking, same_account
from .pauses import Pauses

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
        "created": now,
        "due": now,
        "attempts": 0,
        "held": False,
    }
    if replaces:
        entry["replaces"] = replaces
    return entry


class Outbox:
    """Thread-safe queue persisted through a store with load()/save(obj) (core.store.JsonStore)."""

    def __init__(self, store):
        self._file = OutboxFile(store)
        self._lock = threading.RLock()
        self._pauses = Pauses()
        self._parking = Parking()
        self._entries, self._dropped, self._seq = self._file.load()

    def _save(self):
        self._file.save(self._entries, self._dropped, self._seq)

    def set_account(self, account):
        """The account whose entries go from now on; the others' stay parked, unstamped ones become its."""
        with self._lock:
            if self._parking.switch(self._entries, account):
                self._save()

    def is_current(self, entry):
        with self._lock:
            return self._parking.is_current(entry)

    def add(self, entry):
        """Queue an entry, collapsing older entries with the same key or group. Persists before returning."""
        with self._lock:
            self._seq += 1
            entry = self._parking.stamp(dict(entry, seq=self._seq))
            replaced = [e for e in self._entries if _same_intent(e, entry)]
            self._entries = [e for e in self._entries if not _same_intent(e, entry)]
            self._entries.append(entry)
            self._save()
        for old in replaced:
            LOG.debug("outbox: %s %s replaced by %s", old["kind"], old["action"], entry["action"])
        return dict(entry)

    def due(self, now):
        """Copies of the entries that may be sent now, oldest first."""
        with self._lock:
            if now < self._pauses.until:
                return []
            ready = [e for e in self._mine() if not e.get("held") and self._pauses.due_at(e) <= now]
            return [dict(e) for e in sorted(ready, key=lambda e: e["seq"])]

    def next_due(self):
        """When the next entry becomes sendable (wall clock), or None when nothing is waiting."""
        with self._lock:
            times = [self._pauses.due_at(e) for e in self._mine() if not e.get("held")]
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
            elif outcome.verdict == DROP:
                self._entries.remove(current)
                self._dropped.remember(current, outcome.reason, now)
            elif outcome.verdict == RETRY:
                current["attempts"] = current.get("attempts", 0) + 1
                current["due"] = now + outcome.delay
            elif outcome.verdict == HOLD:
                current["held"] = True
            self._save()

    def drop(self, entry, reason, now):
        self.apply(entry, Outcome(DROP, None, reason), now)

    def pause_kind_until(self, kind, when):
        """Send no entry of this kind before when (kept in memory only)."""
        with self._lock:
            self._pauses.pause_kind(kind, when)

    def pause_until(self, when):
        """Send nothing before when (the server is down or rate limiting); kept in memory only."""
        with self._lock:
            self._pauses.pause(when)

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

    def retry_now(self, now):
        """Simkl's daily cap has lifted: what waits for a retry goes out now (held entries still wait for a login,
        the scrobble lock still holds)."""
        with self._lock:
            for entry in self._mine():
                if not entry.get("held") and entry.get("due", now) > now:
                    entry["due"] = now
            self._pauses.lift()
            self._save()

    def clear(self):
        """Forget every pending write (logout to another account)."""
        with self._lock:
            self._entries = []
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
