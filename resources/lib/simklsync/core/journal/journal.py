"""Journal: what the library and the outbox sender call to record, and the cycle the records belong to.

A sync cycle begins a journal cycle; the Kodi writes it makes and the Simkl writes sent until the next
cycle begins are that cycle's (the sends that follow a sync are mostly what it queued, and an undo's
reversals carry the undo's own cycle). Simkl writes sent before any cycle of this run get one of their own."""
import threading
import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

from .cycles import CycleSummary, summarize
from .file import JournalFile
from .records import kodi_record, name_of, simkl_record

JOURNALED_KINDS = ("history", "rating", "list")

Before = Callable[[str, int], Optional[Mapping[str, Any]]]


class Journal:
    def __init__(self, journal_file: JournalFile, clock: Callable[[], float] = time.time):
        self.file = journal_file
        self._clock = clock
        self._lock = threading.Lock()
        self.cycle: Optional[str] = None
        self.reason = ""
        self._last_id = ""

    def begin_cycle(self, reason: str) -> str:
        """A new cycle id (time-ordered, unique within this run); later records belong to it."""
        with self._lock:
            cycle = f"c{int(self._clock())}"
            if cycle <= self._last_id:
                cycle = self._last_id + "+"
            self._last_id = self.cycle = cycle
            self.reason = reason
            return cycle

    def kodi_writes(self, writes: Iterable[Any], before: Optional[Before], reason: Optional[str] = None,
                    cycle: Optional[str] = None) -> None:
        """Writes Kodi accepted (core.plan.writes.Write); before(media, kodi_id) the item as the plan read it."""
        now = self._clock()
        cycle, reason = self._cycle(cycle, reason)
        records = []
        for write in writes:
            item = before(write.media, write.kodi_id) if before is not None else None
            key = getattr(write, "key", "")  # a list tag write has none
            records.append(kodi_record(now, cycle, reason, write.media, write.kodi_id, key, write.fields, item,
                                       name_of(item)))
        self.file.append(records, now)

    def simkl_sent(self, entry: Mapping[str, Any], body: Any = None) -> None:
        """An outbox entry Simkl accepted (history, rating or list; scrobbles are not journaled). body: the
        entry's body with more in it (a history removal's original dates), else the entry's own."""
        if entry.get("kind") not in JOURNALED_KINDS:
            return
        self.history_write(entry["kind"], entry.get("action", ""), body if body is not None else entry.get("body"),
                           entry.get("label", ""), entry.get("cycle"))

    def history_write(self, kind: str, action: str, body: Any, label: str = "", cycle: Optional[str] = None) -> None:
        """One Simkl write, recorded as is. A history removal should carry the dates it removes (dates.py
        with_dates) so that an undo re-adds them exactly."""
        now = self._clock()
        cycle, reason = self._cycle(cycle, None)
        self.file.append([simkl_record(now, cycle, reason, kind, action, body, label)], now)

    def records(self, cycle: Optional[str] = None) -> List[Dict[str, Any]]:
        records = self.file.read()
        return records if cycle is None else [record for record in records if record["c"] == cycle]

    def cycles(self, limit: int = 10) -> List[CycleSummary]:
        return summarize(self.file.read(), limit)

    def _cycle(self, cycle: Optional[str], reason: Optional[str]) -> Tuple[str, str]:
        if cycle:
            return cycle, reason or ""
        if self.cycle is None:
            self.begin_cycle("send")
        return self.cycle, reason or self.reason
