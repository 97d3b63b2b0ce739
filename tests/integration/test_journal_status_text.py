"""The status dialog's journal parts in the user's words: the recent syncs with their counts, the Kodi writes
owed with Kodi's reason (and those given up)."""
import json
import os

from simklsync.constants import JOURNAL_FILE, STATUS_FILE
from simklsync.core.journal.file import JournalFile
from simklsync.core.journal.journal import Journal
from simklsync.core.plan.writes import Write
from simklsync.script import status_text


def _render(tmp_path, **status):
    status = dict({"last_sync_finished": "2026-12-01T10:00:00Z", "written": {"movies": 0, "episodes": 0}}, **status)
    with open(os.path.join(str(tmp_path), STATUS_FILE), "w", encoding="utf-8") as handle:
        json.dump({"schema": 1, "data": status}, handle)
    return status_text.render(str(tmp_path), "demo")


def test_the_kodi_writes_owed_are_listed_with_kodis_reason(fake_kodi, tmp_path):
    text = _render(tmp_path, kodi_retry={
        "m:1": {"tries": 2, "reason": "Invalid params. movie 4 is locked", "name": "Heat"},
        "m:2": {"tries": 0, "reason": "stopped", "name": "Alien"},
        "m:3": {"tries": 5, "reason": "Invalid params.", "name": "Dune"}})
    assert "Kodi refused 3 library writes; they are tried again at the next syncs:" in text
    assert "Heat: Invalid params. movie 4 is locked (tried 2 times)" in text
    assert "Alien: Kodi was stopping before it got the write (tried 0 times)" in text
    assert "Dune: Invalid params. (given up after 5 tries; a manual sync tries again)" in text


def test_the_recent_syncs_are_listed_newest_first_with_their_counts(fake_kodi, tmp_path):
    now = [1_800_000_000]
    journal = Journal(JournalFile(os.path.join(str(tmp_path), JOURNAL_FILE), durable=False), lambda: now[0])
    journal.begin_cycle("login")
    journal.kodi_writes([Write("movie", 1, "m:1", {"playcount": 1})], lambda m, i: {"title": "Heat", "playcount": 0})
    now[0] += 3600
    journal.begin_cycle("timer")
    journal.simkl_sent({"kind": "history", "action": "remove", "body": {}, "label": "Alien (1979)"})
    lines = _render(tmp_path).splitlines()
    start = lines.index("Recent syncs (Undo this sync: close this page):")
    assert ": 0 changed in Kodi, 1 sent to Simkl (Alien (1979))" in lines[start + 1]
    assert ": 1 changed in Kodi, 0 sent to Simkl (Heat)" in lines[start + 2]


def test_no_journal_no_recent_syncs(fake_kodi, tmp_path):
    assert "Recent syncs" not in _render(tmp_path)


def test_the_recent_syncs_are_the_logged_in_accounts_only(fake_kodi, tmp_path):
    bound = ["111"]
    journal = Journal(JournalFile(os.path.join(str(tmp_path), JOURNAL_FILE), durable=False), lambda: 1_800_000_000,
                      lambda: bound[0])
    journal.begin_cycle("login")
    journal.kodi_writes([Write("movie", 1, "m:1", {"playcount": 1})], lambda m, i: {"title": "Heat", "playcount": 0})
    fake_kodi.settings["account_id"] = "222"
    assert "Recent syncs" not in _render(tmp_path)
    fake_kodi.settings["account_id"] = "111"
    assert "1 changed in Kodi, 0 sent to Simkl (Heat)" in _render(tmp_path)
