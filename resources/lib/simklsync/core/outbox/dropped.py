"""The last writes the outbox gave up on, with why: the status dialog lists them, the outbox file keeps them.
A write not delivered after its limit keeps the entry itself, so the user can try it again."""
import logging

LOG = logging.getLogger("simklsync.outbox")

DROPPED_KEPT = 20
UNDELIVERED_KEPT = 200  # writes kept for "Try again": a long outage must not push them out of the list


class DroppedWrites:
    def __init__(self, records=()):
        self._records = [r for r in records if isinstance(r, dict)]
        self._trim()

    def remember(self, entry, reason, now, keep_entry=False):
        LOG.warning("outbox: dropped %s %s (%s): %s", entry["kind"], entry["action"], entry["label"], reason)
        record = {"label": entry["label"], "action": entry["action"], "reason": reason, "at": now}
        if keep_entry:
            record["entry"] = dict(entry)
        if entry.get("account"):
            record["account"] = entry["account"]  # another account's drops are not shown to this one
        self._records.append(record)
        self._trim()

    def note(self, label, reason, now):
        """A record that names no single write (the size bound's compaction)."""
        LOG.warning("outbox: %s: %s", reason, label)
        self._records.append({"label": label, "action": "", "reason": reason, "at": now})
        self._trim()

    def take_retryable(self):
        """The kept entries of the writes not delivered, oldest first; their records leave the list."""
        entries = [r["entry"] for r in self._records if isinstance(r.get("entry"), dict)]
        self._records = [r for r in self._records if not isinstance(r.get("entry"), dict)]
        return entries

    def records(self):
        """Copies of the records: {"label", "action", "reason", "at"}, oldest first; with "retry": True for a
        write the user can try again."""
        return [_shown(record) for record in self._records]

    def saved_form(self):
        return self._records

    def _trim(self):
        plain = [r for r in self._records if "entry" not in r][-DROPPED_KEPT:]
        kept = [r for r in self._records if "entry" in r][-UNDELIVERED_KEPT:]
        kept_ids = {id(r) for r in plain + kept}
        self._records = [r for r in self._records if id(r) in kept_ids]

    def __len__(self):
        return len(self._records)


def _shown(record):
    shown = {name: value for name, value in record.items() if name != "entry"}
    if "entry" in record:
        shown["retry"] = True
    return shown
