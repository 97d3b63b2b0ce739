"""The movie and TV show rows Kodi announced as removed (VideoLibrary.OnRemove) since the ratings memory last
looked at Kodi.

A rating that vanished because its row was deleted is not the user clearing it, even when a scan has put the
same title back by the next look: SQLite hands a re-added title the row id it had when it was the table's last,
so the old row then holds the same item, unrated, in a library whose oldest rows did not change. Only Kodi's
announcement of the removal tells the two apart. Notifications arrive on Kodi's thread, looks run on the
worker: the set is guarded by a lock, and a look settles only the rows it saw (a removal announced during a
look is kept for the next).
"""
import threading
from typing import FrozenSet, Iterable, Optional, Tuple

from ..model import MOVIE, TVSHOW

Row = Tuple[str, int]  # ("movie" | "tvshow", Kodi row id)
RATED_MEDIA = (MOVIE, TVSHOW)


class RemovedRows:
    def __init__(self):
        self._rows = set()
        self._lock = threading.Lock()

    def announced(self, payload) -> bool:
        """Record a VideoLibrary.OnRemove payload ({"id": 4, "type": "movie"}, as a dict). True when it was a
        movie or TV show row."""
        row = removed_row(payload)
        if row is None:
            return False
        with self._lock:
            self._rows.add(row)
        return True

    def pending(self) -> FrozenSet[Row]:
        with self._lock:
            return frozenset(self._rows)

    def settled(self, rows: Iterable[Row]) -> None:
        """The rows a finished look accounted for."""
        with self._lock:
            self._rows.difference_update(rows)


class NoRemovedRows:
    """For a RatingSync that hears no notifications (tests, a one-off script)."""

    def pending(self) -> FrozenSet[Row]:
        return frozenset()

    def settled(self, rows: Iterable[Row]) -> None:
        pass


def removed_row(payload) -> Optional[Row]:
    if not isinstance(payload, dict):
        return None
    item = payload.get("item") if isinstance(payload.get("item"), dict) else payload
    media, row = item.get("type"), item.get("id")
    if media not in RATED_MEDIA or not isinstance(row, int) or isinstance(row, bool):
        return None
    return media, row
