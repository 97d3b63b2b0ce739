"""The Kodi marks each box has not yet got confirmed by Simkl, shared so the puller's plan does not undo them:
this box publishes its own, the puller reads the others'."""
import logging
import time

from .lease import PENDING_PREFIX
from .mysql import DbError

LOG = logging.getLogger("simklsync.household")

PENDING_MAX_AGE = 7 * 86400  # a box that has not refreshed its pending marks for a week is gone
PENDING_REFRESH_SECONDS = 6 * 3600  # a box re-publishes unchanged pending marks this often (monotonic)


class PendingMarks:
    """`source()` -> this box's pending marks ({kodi key: watched})."""

    def __init__(self, table, source, monotonic=time.monotonic):
        self.table = table
        self._source = source
        self._monotonic = monotonic
        self._published_pending = None
        self._published_at = None

    def publish(self):
        """Writes this box's marks when they changed, or again every PENDING_REFRESH_SECONDS to show it lives."""
        marks = self._source() or {}
        fresh = self._published_at is not None and self._monotonic() - self._published_at < PENDING_REFRESH_SECONDS
        if marks == self._published_pending and (fresh or not marks):
            return
        name = self._own_name()
        try:
            if marks:
                self.table.put(name, marks)
            else:
                self.table.delete(name)
        except (DbError, ValueError) as error:
            LOG.debug("pending marks not published: %s", error)
            return
        self._published_pending = dict(marks)
        self._published_at = self._monotonic()

    def of_others(self):
        """The other boxes' marks merged ({kodi key: watched}); {} when the table cannot be read."""
        try:
            rows = self.table.payloads(PENDING_PREFIX)
        except DbError as error:
            LOG.debug("pending marks of other boxes unreadable: %s", error)
            return {}
        merged = {}
        for name, (age, marks) in rows.items():
            if name == self._own_name() or not isinstance(marks, dict) or age > PENDING_MAX_AGE:
                continue  # its own, unreadable, or left by a box gone for a week
            merged.update({key: bool(value) for key, value in marks.items() if isinstance(key, str)})
        return merged

    def _own_name(self):
        return PENDING_PREFIX + self.table.box_id
