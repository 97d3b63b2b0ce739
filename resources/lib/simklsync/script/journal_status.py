"""The status dialog's journal parts: the recent syncs with what each changed, and the Kodi writes owed."""
import datetime
import os

from ..constants import JOURNAL_FILE
from ..core.journal.cycles import summarize
from ..core.journal.file import JournalFile
from ..core.journal.records import of_account
from ..core.state.kodi_retry import MAX_TRIES, STOPPED
from ..kodi import settings
from ..kodi.ui import localize

RECENT = 8
MAX_OWED_LISTED = 20


def recent_cycles(profile_folder, limit=RECENT):
    """The newest journal cycles of the logged-in account (another account's are never offered), newest first
    (core.journal.cycles.CycleSummary)."""
    journal = JournalFile(os.path.join(profile_folder, JOURNAL_FILE))
    return summarize(of_account(journal.read(), settings.Settings().account_id), limit)


def cycle_line(cycle):
    names = ", ".join(cycle.names)
    return localize(32555, time=local_time(cycle.started), kodi=cycle.kodi, simkl=cycle.simkl,
                    names=f"({names})" if names else "")


def lines(profile_folder):
    cycles = recent_cycles(profile_folder)
    if not cycles:
        return []
    return ["", localize(32559)] + ["  " + cycle_line(cycle) for cycle in cycles]


def owed_lines(owed):
    """The status file's kodi_retry rows: {key: {"tries", "reason", "name"}}."""
    if not isinstance(owed, dict) or not owed:
        return []
    rows = [row for row in owed.values() if isinstance(row, dict)]
    listed = ["", localize(32560, count=len(rows))]
    for row in rows[:MAX_OWED_LISTED]:
        reason = localize(32562) if row.get("reason") == STOPPED else str(row.get("reason") or "?")
        tries = row.get("tries") if isinstance(row.get("tries"), int) else 0
        string_id = 32563 if tries >= MAX_TRIES else 32561
        listed.append("  " + localize(string_id, name=row.get("name") or "?", reason=reason, tries=tries))
    return listed


def local_time(epoch):
    try:
        return datetime.datetime.fromtimestamp(int(epoch)).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError, OverflowError, OSError):
        return "?"
