"""The widgets step on its own: a Kodi library it cannot read, or a file it cannot write, keeps the last widget
file and the reload property as they were; an idle cycle reads one small file and nothing else."""
import json
import os

from simklsync.core.state.mirror import Mirror
from simklsync.core.state.sync_state import SyncState
from simklsync.kodi.library import Snapshot
from simklsync.kodi.rpc import RpcError
from simklsync.sync.engine import CycleResult
from simklsync.sync.widgets_step import WidgetsStep, widget_store

MOVIE = {"status": "plantowatch", "added_to_watchlist_at": "2026-11-01T00:00:00Z",
         "movie": {"title": "Arrival", "year": 2016, "poster": "11/111", "ids": {"simkl": 5, "imdb": "tt2543164"}}}


class Library:
    def __init__(self, failing=False):
        self.failing = failing
        self.reads = 0

    def read_only(self, episodes_of=lambda shows: ()):
        self.reads += 1
        if self.failing:
            raise RpcError("VideoLibrary.GetMovies", "Kodi is closing")
        return Snapshot([], [], [])


class StateStore:
    def __init__(self):
        mirror = Mirror()
        mirror.apply_all_items("movies", {"movies": [MOVIE]}, full=True)
        self.state = SyncState(mirror=mirror.to_dict())

    def load(self):
        return self.state


class Reload:
    def __init__(self):
        self.value = ""

    def get(self):
        return self.value

    def set(self, value):
        self.value = value


def _step(tmp_path, library, reload):
    return WidgetsStep(widget_store(str(tmp_path)), library, StateStore(), lambda: 1_800_000_000,
                       set_reload=reload.set, get_reload=reload.get)


def _changed(state):
    result = CycleResult("timer")
    result.changed_remote, result.state = True, state
    return result


def test_a_changed_cycle_writes_the_file_and_an_idle_one_reads_only_the_file(fake_kodi, tmp_path):
    library, reload = Library(), Reload()
    step = _step(tmp_path, library, reload)
    assert step.after_sync(_changed(step.state_store.state))
    assert reload.value == "1800000000"
    with open(os.path.join(str(tmp_path), "widgets", "movies.plantowatch.json"), encoding="utf-8") as handle:
        saved = json.load(handle)["data"]
    assert [row["title"] for row in saved] == ["Arrival"]
    idle = CycleResult("timer")
    idle.state = SyncState()  # the head only, as an idle cycle leaves it
    assert not step.after_sync(idle)
    assert library.reads == 1 and reload.value == "1800000000"
    assert step.after_sync(_changed(step.state_store.state)) is False  # the same lists: no second reload


def test_an_unreadable_library_keeps_the_last_file_and_the_reload(fake_kodi, tmp_path):
    reload = Reload()
    step = _step(tmp_path, Library(failing=True), reload)
    assert not step.after_sync(_changed(step.state_store.state))
    assert reload.value == "" and not os.path.exists(os.path.join(str(tmp_path), "widgets.json"))


def test_a_file_that_cannot_be_written_bumps_nothing(fake_kodi, tmp_path):
    reload = Reload()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    step = WidgetsStep(widget_store(str(blocked)), Library(), StateStore(), lambda: 1_800_000_000,
                       set_reload=reload.set, get_reload=reload.get)
    assert not step.rebuild(step.state_store.state)
    assert reload.value == ""
