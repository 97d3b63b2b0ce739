"""The last writes the outbox gave up on, with why: the status dialog lists them, the outbox file keeps them."""
import logging

LOG = logging.getLogger("simklsync.outbox")

DROPPED_KEPT = 20


class DroppedWrites:
    def __init__(self, records=()):
        self._records = list(records)[-DROPPED_KEPT:]

    def remember(self, entry, reason, now):
        LOG.warning("outbox: dropped %s %s (%s): %s", entry["kind"], entry["action"], entry["label"], reason)
        record = {"label": entry["label"], "action": entry["action"], "reason": reason, "at": now}
        if entry.get("account"):
            record["account"] = entry["account"]  # another account's drops are not shown to this one
        self._records.append(record)
        self._records = self._records[-DROPPED_KEPT:]

    def records(self):
        """Copies of the records: {"label", "action", "reason", "at"}, oldest first."""
        return [dict(record) for record in self._records]

    def saved_form(self):
        return self._records

    def __len__(self):
        return len(self._records)
