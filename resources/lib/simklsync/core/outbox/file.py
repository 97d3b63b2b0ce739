"""The outbox as saved: its entries, the last dropped writes and the insertion counter, through a store with
load()/save(obj) (core.store.JsonStore). A damaged file reads as an empty outbox, an entry missing a field
as absent."""
import logging

from .dropped import DroppedWrites

LOG = logging.getLogger("simklsync.outbox")

REQUIRED_FIELDS = ("key", "group", "kind", "action", "body", "due")


class OutboxFile:
    def __init__(self, store):
        self._store = store

    def load(self):
        """(entries, DroppedWrites, seq) as saved: seq is the highest insertion number given out so far."""
        try:
            saved = self._store.load()
        except Exception:  # noqa: BLE001 - a damaged file must not stop scrobbling
            LOG.exception("outbox file unreadable; starting empty")
            saved = None
        if not isinstance(saved, dict):
            return [], DroppedWrites(), 0
        entries = [e for e in saved.get("entries", []) if _looks_valid(e)]
        seq = max([saved.get("seq", 0)] + [e.get("seq", 0) for e in entries])
        return entries, DroppedWrites(saved.get("dropped", [])), seq

    def save(self, entries, dropped, seq):
        self._store.save({"entries": entries, "dropped": dropped.saved_form(), "seq": seq})


def _looks_valid(entry):
    return isinstance(entry, dict) and all(name in entry for name in REQUIRED_FIELDS)
