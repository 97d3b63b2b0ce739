import json
import os
import stat

import pytest
from simklsync.core.state.store import JsonStore


def test_missing_file_loads_as_none(tmp_path):
    assert JsonStore(str(tmp_path / "state.json")).load() is None


def test_saved_data_loads_back_with_user_only_permissions(tmp_path):
    path = tmp_path / "profile" / "state.json"
    store = JsonStore(str(path), schema=3)
    store.save({"mirror": {"movies": [1, 2]}, "name": "Zoë"})
    assert store.load() == {"mirror": {"movies": [1, 2]}, "name": "Zoë"}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == 3


def test_save_replaces_an_existing_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{}")
    os.chmod(path, 0o644)
    store = JsonStore(str(path))
    store.save({"n": 1})
    store.save({"n": 2})
    assert store.load() == {"n": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_corrupt_file_loads_as_none_and_is_kept_aside(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"schema": 1, "data": {"trunc')
    assert JsonStore(str(path)).load() is None
    assert (tmp_path / "state.json.corrupt").read_text() == '{"schema": 1, "data": {"trunc'
    assert not path.exists()


def test_other_schema_loads_as_none(tmp_path):
    path = tmp_path / "state.json"
    JsonStore(str(path), schema=1).save({"a": 1})
    assert JsonStore(str(path), schema=2).load() is None
    assert (tmp_path / "state.json.corrupt").exists()


def test_a_crash_while_writing_keeps_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    store = JsonStore(str(path))
    store.save({"generation": 1})

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        store.save({"generation": 2})
    monkeypatch.undo()
    assert store.load() == {"generation": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


def test_unserialisable_data_raises_before_touching_the_file(tmp_path):
    path = tmp_path / "state.json"
    store = JsonStore(str(path))
    store.save({"ok": True})
    with pytest.raises(TypeError):
        store.save({"bad": object()})
    assert store.load() == {"ok": True}


def test_delete_removes_the_file_and_tolerates_absence(tmp_path):
    store = JsonStore(str(tmp_path / "state.json"))
    store.save([1])
    store.delete()
    store.delete()
    assert store.load() is None


def counted_fsyncs(monkeypatch):
    """Every os.fsync from here on (the autouse fixture's no-op replaced by one that counts)."""
    calls = []
    monkeypatch.setattr(os, "fsync", calls.append)
    return calls


def test_a_record_is_fsynced_file_and_folder(tmp_path, monkeypatch):
    fsyncs = counted_fsyncs(monkeypatch)
    JsonStore(str(tmp_path / "state.json")).save({"n": 1})
    assert len(fsyncs) == 2


def test_a_picture_is_replaced_whole_without_any_fsync(tmp_path, monkeypatch):
    path = tmp_path / "status.json"
    path.write_text("{}")
    os.chmod(path, 0o644)
    fsyncs = counted_fsyncs(monkeypatch)
    store = JsonStore(str(path), durable=False)
    store.save({"n": 1})
    store.save({"n": 2})
    assert fsyncs == []
    assert store.load() == {"n": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["status.json"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_picture_that_cannot_be_written_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "status.json"
    store = JsonStore(str(path), durable=False)
    store.save({"generation": 1})

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.save({"generation": 2})
    monkeypatch.undo()
    assert store.load() == {"generation": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["status.json"]
