"""Reading Kodi's log (temp/kodi.log): waiting for lines, finding errors and Python tracebacks."""
import re
import time
from pathlib import Path

ENTRY_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ T:\d+\s+(\w+) <")
ERROR_LEVELS = ("error", "fatal")


class LoggedError(AssertionError):
    """Kodi logged an error (often a Python traceback) while the rig waited for something else."""


class KodiLog:
    def __init__(self, path):
        self.path = Path(path)

    def text(self, since=0):
        """The log from byte offset `since` (a mark from `mark()`); empty before Kodi wrote it."""
        try:
            with self.path.open("rb") as handle:
                handle.seek(since)
                return handle.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def mark(self):
        """The current end of the log, to look only at what comes after."""
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def wait_for(self, pattern, timeout, since=0, interval=0.25, fail_on_errors_about=None):
        """The first match of `pattern` after `since`, polling until `timeout`; raises TimeoutError.
        With `fail_on_errors_about`, an error entry mentioning it ends the wait at once (LoggedError)."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.text(since))
            if match:
                return match
            errors = self.errors(fail_on_errors_about, since) if fail_on_errors_about else []
            if errors:
                raise LoggedError(f"waiting for {pattern!r}, Kodi logged instead:\n" + "\n".join(errors))
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no log line matching {pattern!r} within {timeout} s in {self.path}")
            time.sleep(interval)

    def entries(self, since=0):
        """Log entries with their continuation lines (tracebacks) joined: [(level, text), ...]."""
        entries = []
        for line in self.text(since).splitlines():
            start = ENTRY_START.match(line)
            if start:
                entries.append([start.group(1).lower(), line])
            elif entries:
                entries[-1][1] += "\n" + line
        return [(level, text) for level, text in entries]

    def errors(self, mentioning, since=0):
        """ERROR/FATAL entries (Python tracebacks included) whose text mentions `mentioning`."""
        return [text for level, text in self.entries(since)
                if level in ERROR_LEVELS and mentioning in text]
