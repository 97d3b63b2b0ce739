"""The status dialog's household lines, rendered from the status file with the add-on's real strings."""
import datetime
import json
import os

from simklsync.constants import STATUS_FILE
from simklsync.script import status_text


def _render(tmp_path, household):
    status = {"last_sync_finished": "2026-12-01T10:00:00Z", "last_result": "ok", "household": household}
    with open(os.path.join(str(tmp_path), STATUS_FILE), "w", encoding="utf-8") as handle:
        json.dump({"schema": 1, "data": status}, handle)
    return status_text.render(str(tmp_path), "demo")


def _local(epoch):
    return datetime.datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M")


def test_a_follower_is_told_which_box_pulls_and_since_when(fake_kodi, tmp_path):
    since, pulled = 1_800_000_000, 1_800_003_600
    text = _render(tmp_path, {"role": "follower", "database": "MyVideos121", "server": "nas:3306",
                              "puller": "Living room", "puller_since": since, "pulled_by": "Living room",
                              "pulled_at": pulled})
    assert "Shared video library: database MyVideos121 on nas:3306" in text
    assert f"This box does not pull: Living room pulls for every box (since {_local(since)})." in text
    assert "still scrobbles" in text
    assert f"Last pull from Simkl: Living room, {_local(pulled)}" in text


def test_the_puller_is_told_it_pulls(fake_kodi, tmp_path):
    text = _render(tmp_path, {"role": "puller", "database": "MyVideos131", "server": "db:3306",
                              "puller": "Bedroom", "puller_since": 1_800_000_000})
    assert f"This box pulls from Simkl for every box on the shared library (since {_local(1_800_000_000)})." in text


def test_a_box_that_cannot_coordinate_says_why(fake_kodi, tmp_path):
    text = _render(tmp_path, {"role": "alone", "problem": "pymysql_missing", "database": "MyVideos121",
                              "server": "nas:3306"})
    assert "This box syncs on its own, as if the library were not shared: script.module.pymysql is not installed" \
        in text


def test_no_household_block_no_household_lines(fake_kodi, tmp_path):
    assert "Shared video library" not in _render(tmp_path, None)
    assert "Shared video library" not in _render(tmp_path, "garbage")


def test_a_refused_database_login_is_told_apart_from_missing_rights(fake_kodi, tmp_path):
    text = _render(tmp_path, {"role": "alone", "problem": "login_refused", "database": "MyVideos121",
                              "server": "nas:3306"})
    assert "refused the user or password" in text
