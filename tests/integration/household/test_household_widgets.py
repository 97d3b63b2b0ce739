"""Widgets on a shared library against a real MariaDB server: the puller's lists reach the follower's widget
files through the household table, per Simkl account, and nothing else writes them there."""
import json
import os

import pytest
from household_helpers import Box, ServerClock, new_database
from simklsync.household.coordinator import FOLLOWER, PULLER
from simklsync.sync.widgets_step import WidgetsStep, widget_store

from tests.unit.service.test_widgets_step import Library, Reload, StateStore, _changed

pytest.importorskip("pymysql")


def _step(folder, box):
    reload = Reload()
    step = WidgetsStep(widget_store(str(folder)), Library(), StateStore(), lambda: 1_800_000_000,
                       set_reload=reload.set, get_reload=reload.get, household=lambda: box.household)
    return step, reload


def _titles(folder, name):
    with open(os.path.join(str(folder), "widgets", name + ".json"), encoding="utf-8") as handle:
        return [row["title"] for row in json.load(handle)["data"]]


def test_a_followers_widgets_are_the_lists_the_puller_built(mariadb_server, tmp_path, fake_kodi):
    clock, database = ServerClock(), new_database(mariadb_server)
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    assert (a.tick(), b.tick()) == (PULLER, FOLLOWER)
    follower, reload = _step(tmp_path / "b", b)
    assert not follower.from_puller() and reload.value == ""  # nothing published yet: nothing shown
    puller, _ = _step(tmp_path / "a", a)
    assert puller.after_sync(_changed(puller.state_store.state))
    assert follower.from_puller()
    assert _titles(tmp_path / "b", "movies.plantowatch") == ["Arrival"] and reload.value
    other = Box(mariadb_server, database, clock, "c", account="another account")
    other.tick()  # the puller of its own account: another account's lists are not its
    assert other.household.pulled.widgets() is None
