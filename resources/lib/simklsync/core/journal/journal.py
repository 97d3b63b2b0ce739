"""Journal: what the library and the outbox sender call to record, and the cycle each record belongs to.

Every record carries the account bound when it was made (records.ACCOUNT), and only the bound account's
records are read back: one account's cycles are never listed, nor undone, under another.

A cycle is a sync (SyncEngine.run) or one user action (a context-menu mark): begun, then ended. A Kodi write
belongs to the cycle running. A Simkl write belongs to the cycle its outbox entry was made in (what a sync
or an action queued, by the entry's `created` time), or to the one named in the entry (an undo's reversals);
any other (the user's own marks in Kodi, made between syncs) to a "send" cycle shared by the sends that
follow each other until the next cycle begins."""
import collections
import threading
import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

from .cycles import CycleSummary, summarize
from .file import JournalFile
from .records import kodi_record, name_of, of_account, simkl_record, stamped

JOURNALED_KINDS = ("history", "rating", "list")
SEND = "send"
KEPT_SPANS = 64  # the cycles of this run whose time span an entry's creation is looked up in

Before = Callable[[str, int], Optional[Mapping[str, Any]]]


class Journal:
    def __init__(self, journal_file: JournalFile, clock: Callable[[], float] = time.time,
                 account: Optional[Callable[[], Optional[str]]] = None):
        """account() -> the Simkl account id bound now (None: none; no account callable: records unstamped)."""
        self.file = journal_file
        self._clock = clock
        self._account = account or (lambda: None)
        self._lock = threading.Lock()
        self.cycle: Optional[str] = None
        self.reason = ""
        self._last_id = ""
        self._spans: collections.deque = collections.deque(maxlen=KEPT_SPANS)  # [cycle, reason, start, end]
        self._send: Optional[str] = None

    def begin_cycle(self, reason: str) -> str:
        """A new cycle id (time-ordered, unique within this run); the Kodi writes that follow belong to it."""
        with self._lock:
            now = self._clock()
            self._close(now)
            cycle = self._new_id(now)
            self._spans.append([cycle, reason, now, None])
            self.cycle, self.reason, self._send = cycle, reason, None
            return cycle

    def end_cycle(self) -> None:
        with self._lock:
            self._close(self._clock())

    def kodi_writes(self, writes: Iterable[Any], before: Optional[Before], reason: Optional[str] = None) -> None:
        """Writes Kodi accepted (core.plan.writes.Write); before(media, kodi_id) the item as the plan read it."""
        now = self._clock()
        with self._lock:
            if self.cycle is None:
                self.cycle, self.reason = self._new_id(now), "kodi"
            cycle, reason = self.cycle, reason or self.reason
        records = []
        for write in writes:
            item = before(write.media, write.kodi_id) if before is not None else None
            key = getattr(write, "key", "")  # a list tag write has none
            records.append(kodi_record(now, cycle, reason, write.media, write.kodi_id, key, write.fields, item,
                                       name_of(item)))
        self.file.append(stamped(records, self._account()), now)

    def simkl_sent(self, entry: Mapping[str, Any], body: Any = None) -> None:
        """An outbox entry Simkl accepted (history, rating or list; scrobbles are not journaled). body: the
        entry's body with more in it (a history removal's original dates, dates.with_dates), else its own."""
        if entry.get("kind") not in JOURNALED_KINDS:
            return
        cycle, reason = self._owner(entry)
        self.history_write(entry["kind"], entry.get("action", ""), body if body is not None else entry.get("body"),
                           entry.get("label", ""), cycle, reason)

    def history_write(self, kind: str, action: str, body: Any, label: str = "", cycle: Optional[str] = None,
                      reason: str = SEND) -> None:
        """One Simkl write, recorded as is (by default in the current send cycle). A history removal should
        carry the dates it removes (dates.with_dates) so that an undo re-adds them exactly."""
        now = self._clock()
        if not cycle:
            with self._lock:
                cycle = self._send_cycle(now)
        self.file.append(stamped([simkl_record(now, cycle, reason, kind, action, body, label)], self._account()), now)

    def records(self, cycle: Optional[str] = None) -> List[Dict[str, Any]]:
        """The bound account's records (of one cycle)."""
        records = of_account(self.file.read(), self._account())
        return records if cycle is None else [record for record in records if record["c"] == cycle]

    def cycles(self, limit: int = 10) -> List[CycleSummary]:
        return summarize(self.records(), limit)

    def _owner(self, entry: Mapping[str, Any]) -> Tuple[Optional[str], str]:
        named = entry.get("cycle")
        if isinstance(named, str) and named:
            return named, "undo"
        created = entry.get("created")
        if isinstance(created, (int, float)):
            with self._lock:
                for cycle, reason, start, end in reversed(self._spans):
                    if start <= created and (end is None or created <= end):
                        return cycle, reason
        return None, SEND

    def _send_cycle(self, now: float) -> str:
        if self._send is None:
            self._close(now)
            self._send = self._new_id(now)
        return self._send

    def _close(self, now: float) -> None:
        if self._spans and self._spans[-1][3] is None:
            self._spans[-1][3] = now

    def _new_id(self, now: float) -> str:
        cycle = f"c{int(now)}"
        if cycle <= self._last_id:
            cycle = self._last_id + "+"
        self._last_id = cycle
        return cycle
