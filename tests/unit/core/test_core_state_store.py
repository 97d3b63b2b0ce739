"""The sync state's two files: the head an idle cycle reads, the state file it describes (core/state/state_store.py)."""
import json
import os
import shutil

from simklsync.constants import STATE_HEAD_FILE
from simklsync.core.state.state_store import StateStore, head_path
from simklsync.core.state.sync_state import SyncState

SESSION = {"simkl": 10, "kind": "movie", "progress": 40.0}


class Loads:
    """How often each file of a StateStore was loaded (its JsonStores' load, counted)."""

    def __init__(self, store, files=("head", "whole")):
        self.counts = {name: 0 for name in files}
        for name in self.counts:
            self._count(getattr(store, name), name)

    def _count(self, json_store, name):
        load = json_store.load

        def counted():
            self.counts[name] += 1
            return load()
        json_store.load = counted


def a_state(activities="2026-11-30T10:00:00Z"):
    return SyncState(activities={"all": activities}, mirror={"schema": 1, "items": {"movies": {"10": {}}},
                                                            "playback": [SESSION]},
                     synced={"m:10"}, account_type="vip", account_name="jane_doe")


def test_the_head_file_sits_beside_the_state_file_under_the_name_the_logout_deletes(tmp_path):
    assert head_path(str(tmp_path / "state.json")) == str(tmp_path / STATE_HEAD_FILE)


def test_after_a_save_the_head_alone_answers_what_an_idle_cycle_needs(tmp_path):
    store = StateStore(str(tmp_path / "state.json"))
    store.save(a_state())
    loads = Loads(store)
    head = store.load_head()
    assert loads.counts == {"head": 1, "whole": 0}
    assert not head.loaded and head.has_mirror and head.saved_activities == {"all": "2026-11-30T10:00:00Z"}
    assert (head.account_type, head.account_name, head.playback, head.stamp) == ("vip", "jane_doe", [SESSION], 1)
    assert os.path.getsize(head_path(store.path)) < 1024
    whole = store.load_mirror(head)
    assert loads.counts == {"head": 1, "whole": 1}
    assert whole.loaded and whole.synced == {"m:10"} and whole.mirror["items"] == {"movies": {"10": {}}}


def test_a_single_state_file_of_an_older_version_loads_whole_and_the_next_save_writes_the_head(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"schema": 1, "data": a_state().to_dict()}), encoding="utf-8")
    store = StateStore(str(path))
    state = store.load_head()
    assert state.loaded and state.account_name == "jane_doe"
    store.save(state)
    assert os.path.exists(head_path(str(path)))
    assert not store.load_head().loaded


def test_a_state_file_saved_without_its_head_counts_whole(tmp_path):
    """A crash between the two writes, or an older version's save: the head describes another state file."""
    store = StateStore(str(tmp_path / "state.json"))
    store.save(a_state("old"))
    newer = a_state("new")
    newer.stamp = 7
    store.whole.save(newer.to_dict())  # the state file only, as a save cut short before the head
    state = store.load_head()
    assert state.loaded and state.activities == {"all": "new"} and state.stamp == 7


def test_a_head_newer_than_the_state_file_is_not_trusted(tmp_path):
    """An older state file put back (a backup restored): the head's activities would skip what it lacks."""
    store = StateStore(str(tmp_path / "state.json"))
    store.save(a_state("old"))
    shutil.copy(store.path, str(tmp_path / "backup.json"))
    later = store.load()
    later.activities = {"all": "new"}
    store.save(later)
    shutil.copy(str(tmp_path / "backup.json"), store.path)
    state = store.load_head()
    assert state.loaded and state.activities == {"all": "old"}


def test_a_head_without_its_state_file_is_no_state(tmp_path):
    store = StateStore(str(tmp_path / "state.json"))
    store.save(a_state())
    os.remove(store.path)
    state = store.load_head()
    assert state.saved_activities is None and state.account_name == ""


def test_files_out_of_step_after_all_give_the_state_files_whole_state(tmp_path):
    """The mark matched but the stamps differ: load_mirror hands back the state file's, stamp and all, and the
    engine re-checks from its activities."""
    store = StateStore(str(tmp_path / "state.json"))
    store.save(a_state("old"))
    head = json.loads(open(head_path(store.path), encoding="utf-8").read())["data"]
    head.update(stamp=5, activities={"all": "new"})
    store.head.save(dict(head, file=store.file_mark()))
    state = store.load_head()
    assert state.activities == {"all": "new"} and not state.loaded
    whole = store.load_mirror(state)
    assert whole.stamp == 1 and whole.activities == {"all": "old"}


def test_delete_removes_both_files(tmp_path):
    store = StateStore(str(tmp_path / "state.json"))
    store.save(a_state())
    store.delete()
    assert os.listdir(str(tmp_path)) == []
