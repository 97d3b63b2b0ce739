import json

import pytest
from simklsync.core.state.state_store import StateStore
from simklsync.core.state.sync_state import MAX_SUSPECT_CYCLES, SyncState

# A state file as the add-on wrote it before SyncState (no stamp), trimmed.
OLD_FILE = {"schema": 1, "data": {
    "activities": {"all": "2026-11-30T10:00:00Z", "settings": {"all": "2026-01-01T00:00:00Z"}},
    "mirror": {"schema": 1, "items": {"movies": {"10": {"ids": {"simkl": 10}, "title": "Arrival"}}},
               "playback": [{"simkl": 10, "kind": "movie"}]},
    "synced": ["m:10", "m:11"], "account_type": "vip", "account_name": "jane_doe",
    "list_tags": {"signature": "s", "names": ["Simkl: Watching"]}, "full_pull": ["movies"], "suspect_cycles": 2}}


def test_a_state_file_written_before_the_type_loads_with_every_field(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps(OLD_FILE), encoding="utf-8")
    state = StateStore(str(path)).load()
    assert state.activities == OLD_FILE["data"]["activities"] and state.saved_activities == state.activities
    assert state.mirror == OLD_FILE["data"]["mirror"] and state.playback == [{"simkl": 10, "kind": "movie"}]
    assert state.synced == {"m:10", "m:11"}
    assert (state.account_type, state.account_name) == ("vip", "jane_doe")
    assert state.list_tags == {"signature": "s", "names": ["Simkl: Watching"]}
    assert (state.full_pull, state.suspect_cycles, state.stamp) == (("movies",), 2, 0)


def test_the_saved_file_keeps_the_shape_older_versions_read(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps(OLD_FILE), encoding="utf-8")
    store = StateStore(str(path))
    store.save(store.load())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert {key: value for key, value in data["data"].items() if key != "stamp"} == OLD_FILE["data"]


@pytest.mark.parametrize("data", [None, [], "x", 5, {"activities": [], "mirror": "abc", "synced": "m:1",
                                                     "account_type": 3, "account_name": None, "list_tags": [],
                                                     "full_pull": "movies", "suspect_cycles": "2", "stamp": -1}])
def test_a_malformed_state_loads_as_an_empty_one(data):
    state = SyncState.from_dict(data)
    assert state.activities is None and state.saved_activities is None and not state.has_mirror
    assert state.mirror == {} and state.synced == set() and state.playback == []
    assert (state.account_type, state.account_name, state.list_tags) == (None, "", None)
    assert (state.full_pull, state.suspect_cycles, state.stamp) == ((), 0, 0)


def test_saved_activities_count_only_once_a_mirror_was_saved():
    assert SyncState(activities={"all": "x"}, mirror={}).saved_activities is None
    assert SyncState(activities={"all": "x"}, mirror={"schema": 1}).saved_activities == {"all": "x"}


def test_suspect_answers_hold_the_activities_back_then_pull_those_types_whole():
    state = SyncState(mirror={})
    for _ in range(MAX_SUSPECT_CYCLES - 1):
        assert not state.accept(["movies", "shows ids"]) and state.full_pull == ()
    assert not state.accept(["movies", "shows ids"])
    assert state.full_pull == ("movies", "shows") and state.suspect_cycles == 0
    assert not state.accept(["movies"]) and state.suspect_cycles == 1
    assert state.accept([]) and (state.full_pull, state.suspect_cycles) == ((), 0)


def test_the_account_comes_from_the_user_settings_answer_and_keeps_its_name_without_one():
    state = SyncState(mirror={}, account_name="jane_doe")
    state.note_account({"account": {"type": "vip"}, "user": {}})
    assert (state.account_type, state.account_name) == ("vip", "jane_doe")
    state.note_account({"user": {"name": "john"}})
    assert (state.account_type, state.account_name) == ("free", "john")
    state.note_account(None)
    assert (state.account_type, state.account_name) == ("free", "john")


def test_another_boxs_pull_replaces_activities_playback_and_account_type_in_a_copy():
    own = SyncState.from_dict(OLD_FILE["data"])
    pulled = own.with_pulled({"all": "new"}, [{"simkl": 5}], None)
    assert (pulled.activities, pulled.playback, pulled.account_type) == ({"all": "new"}, [{"simkl": 5}], "vip")
    assert pulled.mirror["items"] == own.mirror["items"] and own.activities["all"] == "2026-11-30T10:00:00Z"
    head = own.head().with_pulled({"all": "new"}, [{"simkl": 5}], "pro")
    assert (head.loaded, head.playback, head.account_type) == (False, [{"simkl": 5}], "pro")
    assert own.playback == [{"simkl": 10, "kind": "movie"}]
