"""The durable queue of Simkl writes: keys, collapsing, retry schedule, outcome classification.

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
"""
import logging
import threading
from collections import namedtuple

from .reasons import with_detail

LOG = logging.getLogger("simklsync.outbox")

DONE = "done"
RETRY = "retry"
DROP = "drop"
HOLD = "hold"

BASE_DELAY = 15.0
MAX_DELAY = 1800.0
SCROBBLE_LOCK_DELAY = 21.0  # Simkl locks scrobbles per user for ~20 s
DROPPED_KEPT = 20
# Why a write was dropped, as codes (core/reasons.py; kodi/status_text.py says them in words).
REFUSED = "refused"  # with Simkl's status and error code as its detail
NOT_FOUND_ON_SIMKL = "not_found_on_simkl"

# What came back from one send. status None means no answer at all (timeout, connection error);
# BAD_ANSWER means an answer that could not be read.
BAD_ANSWER = 0
Reply = namedtuple("Reply", "status error answer retry_after")
Reply.__new__.__defaults__ = (None, None, None, None)

Outcome = namedtuple("Outcome", "verdict delay reason")


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


def retry_delay(attempts, jitter, retry_after=None):
    """Seconds to wait before the next try: capped exponential backoff, stretched by up to 25 % jitter."""
    backoff = min(MAX_DELAY, BASE_DELAY * (2 ** max(0, attempts - 1)))
    delay = backoff * (1.0 + 0.25 * jitter())
    if retry_after is not None and retry_after > 0:
        delay = max(float(retry_after), 1.0) + jitter()
    return delay


def classify(entry, reply, jitter):
    """Decide what to do with an entry after a send: done, retry (with delay), drop (with reason) or hold."""
    status = reply.status
    attempts = entry.get("attempts", 0) + 1
    if status == BAD_ANSWER:
        # Captive portals and proxies answer 200 with their own page for as long as the network is bad:
        # that says nothing about the write, so it is retried (capped backoff) like no answer, never dropped.
        return Outcome(RETRY, retry_delay(attempts, jitter), "unreadable answer")
    if status is None or status >= 500:
        reason = "no answer" if status is None else "server error"
        return Outcome(RETRY, retry_delay(attempts, jitter), reason)
    if status == 429:
        return Outcome(RETRY, retry_delay(attempts, jitter, reply.retry_after), "rate limited")
    if status == 401:
        return Outcome(HOLD, None, "login required")
    if status == 412:
        # Wrong client id, or Simkl's throttle block after too many writes: neither is this entry's fault.
        return Outcome(RETRY, retry_delay(attempts, jitter), "client id rejected")
    if status == 409 and entry["kind"] == "scrobble":
        return Outcome(DONE, None, "already recorded")
    if status == 400 and (reply.error or "").upper() == "RATE_LIMIT":
        return Outcome(RETRY, SCROBBLE_LOCK_DELAY + jitter(), "scrobble lock")
    if 200 <= status < 300:
        return _classify_success(entry, reply.answer)
    detail = f", {reply.error}" if reply.error else ""
    return Outcome(DROP, None, with_detail(REFUSED, f"{status}{detail}"))


def _classify_success(entry, answer):
    missing = not_found_count(answer)
    if missing and missing >= body_item_count(entry["body"]):
        return Outcome(DROP, None, NOT_FOUND_ON_SIMKL)
    return Outcome(DONE, None, "partly not found" if missing else "")


def not_found_count(answer):
    """How many items Simkl listed under not_found in a /sync answer."""
    if not isinstance(answer, dict) or not isinstance(answer.get("not_found"), dict):
        return 0
    return sum(len(items) for items in answer["not_found"].values() if isinstance(items, list))


def body_item_count(body):
    """The top-level items of a /sync body (a scrobble body counts as one)."""
    lists = [value for value in body.values() if isinstance(value, list)]
    return sum(len(items) for items in lists) if lists else 1


class Outbox:
    """Thread-safe queue persisted through a store with load()/save(obj) (core.store.JsonStore)."""

    def __init__(self, store):
        self._store = store
        self._lock = threading.RLock()
        self._entries = []
        self._dropped = []
        self._seq = 0
        self._paused_until = 0.0
        self._kind_paused_until = {}  # kind → wall time: e.g. scrobbles while Simkl's per-user lock holds
        self._load()

    def _load(self):
        try:
            saved = self._store.load()
        except Exception:  # noqa: BLE001 - a damaged file must not stop scrobbling
            LOG.exception("outbox file unreadable; starting empty")
            saved = None
        if not isinstance(saved, dict):
            return
        self._entries = [e for e in saved.get("entries", []) if _looks_valid(e)]
        self._dropped = list(saved.get("dropped", []))[-DROPPED_KEPT:]
        self._seq = max([saved.get("seq", 0)] + [e.get("seq", 0) for e in self._entries])

    def _save(self):
        self._store.save({"entries": self._entries, "dropped": self._dropped, "seq": self._seq})

    def add(self, entry):
        """Queue an entry, collapsing older entries with the same key or group. Persists before returning."""
        with self._lock:
            self._seq += 1
            entry = dict(entry, seq=self._seq)
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
            if now < self._paused_until:
                return []
            ready = [e for e in self._entries if not e.get("held") and self._due_at(e) <= now]
            return [dict(e) for e in sorted(ready, key=lambda e: e["seq"])]

    def next_due(self):
        """When the next entry becomes sendable (wall clock), or None when nothing is waiting."""
        with self._lock:
            times = [self._due_at(e) for e in self._entries if not e.get("held")]
            if not times:
                return None
            return max(min(times), self._paused_until)

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
                self._remember_drop(current, outcome.reason, now)
            elif outcome.verdict == RETRY:
                current["attempts"] = current.get("attempts", 0) + 1
                current["due"] = now + outcome.delay
            elif outcome.verdict == HOLD:
                current["held"] = True
            self._save()

    def drop(self, entry, reason, now):
        self.apply(entry, Outcome(DROP, None, reason), now)

    def _due_at(self, entry):
        return max(entry["due"], self._kind_paused_until.get(entry["kind"], 0.0))

    def pause_kind_until(self, kind, when):
        """Send no entry of this kind before when (kept in memory only)."""
        with self._lock:
            self._kind_paused_until[kind] = max(self._kind_paused_until.get(kind, 0.0), when)

    def pause_until(self, when):
        """Send nothing before when (the server is down or rate limiting); kept in memory only."""
        with self._lock:
            self._paused_until = max(self._paused_until, when)

    def hold_all(self):
        """After a 401 every write waits for the next login."""
        with self._lock:
            for entry in self._entries:
                entry["held"] = True
            self._save()

    def release_holds(self, now):
        """After a login: everything held becomes due now."""
        with self._lock:
            for entry in self._entries:
                if entry.get("held"):
                    entry["held"] = False
                    entry["due"] = now
            self._paused_until = 0.0
            self._save()

    def retry_now(self, now):
        """Simkl's daily cap has lifted: what waits for a retry goes out now (held entries still wait for a login,
        the scrobble lock still holds)."""
        with self._lock:
            for entry in self._entries:
                if not entry.get("held") and entry.get("due", now) > now:
                    entry["due"] = now
            self._paused_until = 0.0
            self._save()

    def clear(self):
        """Forget every pending write (logout to another account)."""
        with self._lock:
            self._entries = []
            self._save()

    def entries(self):
        with self._lock:
            return [dict(e) for e in self._entries]

    def dropped(self):
        """The last dropped writes: {"label", "reason", "at"}."""
        with self._lock:
            return [dict(d) for d in self._dropped]

    def pending_marks(self):
        """Kodi-side marks not yet confirmed by Simkl, as {model.kodi_key: watched} for the sync planner."""
        with self._lock:
            return {e["kodi"]: e["action"] == "add" for e in self._entries if e.get("kodi")}

    def summary(self):
        """Counts for the status file."""
        with self._lock:
            held = sum(1 for e in self._entries if e.get("held"))
            return {"pending": len(self._entries) - held, "held": held, "dropped": len(self._dropped)}

    def __len__(self):
        with self._lock:
            return len(self._entries)

    def _find(self, entry):
        for current in self._entries:
            if current["key"] == entry["key"] and current["seq"] == entry["seq"]:
                return current
        return None

    def _remember_drop(self, entry, reason, now):
        LOG.warning("outbox: dropped %s %s (%s): %s", entry["kind"], entry["action"], entry["label"], reason)
        record = {"label": entry["label"], "action": entry["action"], "reason": reason, "at": now}
        self._dropped.append(record)
        self._dropped = self._dropped[-DROPPED_KEPT:]


def _same_intent(old, new):
    return old["key"] == new["key"] or old["group"] in (new["group"], new.get("replaces"))


def _looks_valid(entry):
    required = ("key", "group", "kind", "action", "body", "due")
    return isinstance(entry, dict) and all(name in entry for name in required)
