"""The status dialog's lines about the next check with Simkl and why the last one ran, from the status file."""
import json
import os

from simklsync.constants import STATUS_FILE
from simklsync.script import status_text


def _render(tmp_path, **status):
    status = dict({"last_sync_finished": "2026-12-01T10:00:00Z", "last_result": "ok", "reason": "timer",
                   "written": {"movies": 0, "episodes": 0}}, **status)
    with open(os.path.join(str(tmp_path), STATUS_FILE), "w", encoding="utf-8") as handle:
        json.dump({"schema": 1, "data": status}, handle)
    return status_text.render(str(tmp_path), "demo")


def test_the_next_check_says_when_and_why(fake_kodi, tmp_path):
    text = _render(tmp_path, next_check={"at": "2026-12-01T14:00:00Z", "why": "idle"})
    assert "Next check with Simkl: " in text
    assert "(Kodi is idle: checking less often until you are back)" in text
    assert "your sync interval" in _render(tmp_path, next_check={"at": "2026-12-01T14:00:00Z", "why": "timer"})
    assert "daily request limit" in _render(tmp_path, next_check={"at": "2026-12-01T14:00:00Z", "why": "budget"})


def test_a_check_started_by_the_users_return_says_so(fake_kodi, tmp_path):
    assert "Last check started because: the system woke up" in _render(tmp_path, reason="wake")
    assert "Last check started because: you came back to Kodi" in _render(tmp_path, reason="return")
    assert "Last check started because" not in _render(tmp_path, reason="timer")


def test_a_damaged_next_check_shows_no_line(fake_kodi, tmp_path):
    for value in (None, "x", {"at": "soon", "why": "idle"}, {"at": "2026-12-01T14:00:00Z", "why": "later"}):
        assert "Next check" not in _render(tmp_path, next_check=value)
