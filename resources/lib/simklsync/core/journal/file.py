"""The journal's file: one JSON record a line, appended (a crash can only tear the last line, which reading
skips and the next append closes off), bounded by age and by count, rewritten whole (atomically) only when
a bound is passed. Readable without Kodi: tools and tests read it with JournalFile(path).read()."""
import json
import logging
import os
import threading
from typing import Any, Dict, Iterable, List

from .records import is_record

LOG = logging.getLogger("simklsync.journal")

MAX_ENTRIES = 100000
MAX_AGE_DAYS = 90
TRIM_TO = 0.9  # past the count bound, the oldest are dropped down to this share (not one rewrite per append)
AGE_CHECK_SECONDS = 86400
FILE_MODE = 0o600
# A first sync appends a batch of records every few hundred milliseconds: an fsync each would cost a small
# box's flash 5-30 ms a batch. At most one every this many seconds; a power cut loses the last few records.
FSYNC_SECONDS = 10


class JournalFile:
    def __init__(self, path: str, max_entries: int = MAX_ENTRIES, max_age_days: int = MAX_AGE_DAYS,
                 durable: bool = True):
        self.path = path
        self.max_entries = max_entries
        self.max_age = max_age_days * 86400
        self.durable = durable
        self._lock = threading.Lock()
        self._count = None  # lines in the file, counted once on first use
        self._age_checked = None
        self._synced_at = None

    def append(self, records: Iterable[Dict[str, Any]], now: float) -> None:
        lines = [json.dumps(record, separators=(",", ":"), ensure_ascii=False) for record in records]
        if not lines:
            return
        with self._lock:
            try:
                self._append(lines, now)
            except OSError as error:  # a full or read-only disk costs the journal a record, never a sync
                LOG.warning("journal not written: %s", error.strerror or type(error).__name__)

    def _append(self, lines: List[str], now: float) -> None:
        if self._count is None:
            self._count = len(self._read_lines())
        try:
            self._keep_bounds(now, len(lines))
        except OSError as error:  # e.g. Windows refuses to replace a file another process reads: next time
            LOG.warning("journal not trimmed: %s", error.strerror or type(error).__name__)
        folder = os.path.dirname(self.path) or "."
        os.makedirs(folder, mode=0o700, exist_ok=True)
        torn = self._torn_tail()
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write(("\n" if torn else "") + "\n".join(lines) + "\n")
            handle.flush()
            if self.durable and (self._synced_at is None or abs(now - self._synced_at) >= FSYNC_SECONDS):
                os.fsync(handle.fileno())
                self._synced_at = now
        self._count += len(lines)

    def read(self) -> List[Dict[str, Any]]:
        """Every readable record, oldest first; a torn or foreign line is skipped."""
        with self._lock:
            return self._records(self._read_lines())

    def _keep_bounds(self, now: float, adding: int) -> None:
        over_count = self._count + adding > self.max_entries
        age_due = self._age_checked is None or now - self._age_checked >= AGE_CHECK_SECONDS
        if not over_count and not age_due:
            return
        self._age_checked = now
        records = self._records(self._read_lines()) if over_count or self._oldest_before(now - self.max_age) else None
        if records is None:
            return
        kept = [record for record in records if record["t"] >= now - self.max_age]
        if len(kept) + adding > self.max_entries:
            room = max(0, int(self.max_entries * TRIM_TO) - adding)
            kept = kept[len(kept) - room:] if room else []
        LOG.info("journal: %d old records dropped, %d kept", len(records) - len(kept), len(kept))
        self._rewrite(kept)

    def _oldest_before(self, limit: float) -> bool:
        try:
            with open(self.path, encoding="utf-8") as handle:
                for line in handle:
                    record = _parse(line)
                    if record is not None:
                        return record["t"] < limit
        except OSError:
            return False
        return False

    def _rewrite(self, records: List[Dict[str, Any]]) -> None:
        temporary = f"{self.path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n" for r in records))
            handle.flush()
            if self.durable:
                os.fsync(handle.fileno())
        try:
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, self.path)
        except OSError:
            os.remove(temporary)
            raise
        self._count = len(records)

    def _read_lines(self) -> List[str]:
        try:
            with open(self.path, encoding="utf-8", errors="replace") as handle:
                return handle.read().splitlines()
        except FileNotFoundError:
            return []
        except OSError as error:
            LOG.warning("journal unreadable: %s", type(error).__name__)
            return []

    def _torn_tail(self) -> bool:
        """Whether the file ends inside a line (a crash mid-append): the next record must start on its own."""
        try:
            with open(self.path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                if handle.tell() == 0:
                    return False
                handle.seek(-1, os.SEEK_END)
                return handle.read(1) != b"\n"
        except OSError:
            return False

    @staticmethod
    def _records(lines: List[str]) -> List[Dict[str, Any]]:
        return [record for record in map(_parse, lines) if record is not None]


def _parse(line: str):
    line = line.strip()
    if not line:
        return None
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if is_record(value) else None

