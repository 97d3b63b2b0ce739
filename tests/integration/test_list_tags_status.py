"""The status dialog's line about the Simkl list tags, rendered from the status file with the real strings."""
import json
import os

from simklsync.constants import STATUS_FILE
from simklsync.script import status_text


def _render(tmp_path, **status):
    status = dict({"last_sync_finished": "2026-12-01T10:00:00Z", "last_result": "ok",
                   "written": {"movies": 2, "episodes": 0}}, **status)
    with open(os.path.join(str(tmp_path), STATUS_FILE), "w", encoding="utf-8") as handle:
        json.dump({"schema": 1, "data": status}, handle)
    return status_text.render(str(tmp_path), "demo")


def test_the_tags_a_sync_changed_are_counted(fake_kodi, tmp_path):
    assert "Simkl list tags changed on 7 library titles" in _render(tmp_path, tags_written=7)


def test_no_line_when_no_tag_changed_or_the_value_is_damaged(fake_kodi, tmp_path):
    for value in (0, None, "x", -3):
        assert "list tags" not in _render(tmp_path, tags_written=value)
    assert "list tags" not in _render(tmp_path)
