"""What keeps the outbox moving: which entries may go (the oldest of each item, so an item's writes keep their
order while other items pass a failing one), when an entry is given up, due times a clock turned back cannot
push away, and the size bound with its compaction (the newest state of an item wins)."""
from ..reasons import with_detail
from .outcome import MAX_DELAY, NOT_DELIVERED, QUEUE_FULL

GIVE_UP_ATTEMPTS = 20
GIVE_UP_SECONDS = 7 * 24 * 3600.0
# The age rule needs a few failures too: a clock set right from 1970 must not make one failure "7 days old".
GIVE_UP_MIN_ATTEMPTS = 5
# No entry waits longer than the longest back-off (jitter included): a later saved due time was written by a
# clock that has since been set back.
MAX_WAIT = MAX_DELAY * 1.25
MAX_ENTRIES = 5000
# Writes of one family set one state of an item on Simkl: a newer one makes an older one pointless.
FAMILIES = {"history": "watched", "scrobble": "watched"}
REQUIRED_FIELDS = ("key", "group", "kind", "action", "body", "due")


def item_of(entry):
    """The Simkl item an entry writes (entries saved before they named it: their collapsing group)."""
    return entry.get("item") or entry["group"]


def heads(entries):
    """The oldest entry of each item, oldest first: a later write of an item never overtakes an earlier one
    that still waits (an unmark sent before the view it undoes would leave the view on Simkl)."""
    first = {}
    for entry in sorted(entries, key=lambda e: e["seq"]):
        first.setdefault(item_of(entry), entry)
    return list(first.values())


def sendable(entries, ready):
    """The entries that may go in one round, oldest first: an item's writes in their order, up to its first one
    that is not ready (held, paused, backing off); a round sends an item's next write only once the one before
    it was done (the sender skips the rest of an item after a failure)."""
    blocked, found = set(), []
    for entry in sorted(entries, key=lambda e: e["seq"]):
        item = item_of(entry)
        if item in blocked:
            continue
        if ready(entry):
            found.append(entry)
        else:
            blocked.add(item)
    return found


def cap_due(entry, now):
    """Brings a due time further away than the longest back-off back to it. True when it changed."""
    if entry["due"] > now + MAX_WAIT:
        entry["due"] = now + MAX_WAIT
        return True
    return False


def note_failure(entry, now, delay, reason):
    """An entry's own failure: one attempt more, the next try after delay, since when it fails."""
    entry["attempts"] = entry.get("attempts", 0) + 1
    entry["due"] = now + delay
    since = entry.get("failing_since")
    if not isinstance(since, (int, float)) or since > now:  # a clock set back: the failing starts again
        entry["failing_since"] = now
    entry["last_error"] = reason


def gives_up(entry, now):
    """True once an entry failed on its own 20 times, or for 7 days (over a few attempts)."""
    attempts = entry.get("attempts", 0)
    if attempts >= GIVE_UP_ATTEMPTS:
        return True
    since = entry.get("failing_since")
    return attempts >= GIVE_UP_MIN_ATTEMPTS and isinstance(since, (int, float)) and now - since >= GIVE_UP_SECONDS


def give_up_if_over(entries, entry, dropped, now):
    """An entry over its limit leaves entries for the dropped list (core.outbox.dropped), kept for "Try again"."""
    if gives_up(entry, now):
        entries.remove(entry)
        dropped.remember(entry, with_detail(NOT_DELIVERED, entry.get("last_error") or "?"), now, keep_entry=True)


def bounded(entries, dropped, now):
    """entries within the size bound (compact), what went said in the log and the dropped list."""
    kept, gone = compact(entries)
    if gone:
        labels = [e.get("label") or "?" for e in gone]
        label = ", ".join(labels[:3]) + (", …" if len(labels) > 3 else "")
        dropped.note(label, with_detail(QUEUE_FULL, len(gone)), now)
    return kept


def fresh_copy(entry, now):
    """A given-up entry put back by the user: due now, its failures forgotten."""
    entry = {name: value for name, value in entry.items() if name not in ("failing_since", "last_error", "seq")}
    entry.update(attempts=0, due=now, held=False)
    return entry


def is_complete(entry):
    return isinstance(entry, dict) and all(name in entry for name in REQUIRED_FIELDS)


def compact(entries, limit=None):
    """(kept, gone) for a queue over its bound (MAX_ENTRIES): first only the newest write of each item and
    family stays, then, if still over, the oldest go. Order is kept."""
    limit = MAX_ENTRIES if limit is None else limit
    if len(entries) <= limit:
        return entries, []
    newest = {}
    for entry in entries:
        state = (FAMILIES.get(entry["kind"], entry["kind"]), item_of(entry))
        newest[state] = max(newest.get(state, entry["seq"]), entry["seq"])
    kept = [e for e in entries if e["seq"] == newest[(FAMILIES.get(e["kind"], e["kind"]), item_of(e))]]
    if len(kept) > limit:
        kept = sorted(kept, key=lambda e: e["seq"])[len(kept) - limit:]
    kept_seqs = {e["seq"] for e in kept}
    return [e for e in entries if e["seq"] in kept_seqs], [e for e in entries if e["seq"] not in kept_seqs]
