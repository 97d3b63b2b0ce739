"""Which Simkl account a file belongs to (core/state/account_stamp.py), and the state files read only by
their own account (core/state/state_store.py with an account)."""
import pytest
from simklsync.core.state.account_stamp import STAMP_KEY, StampedStore, account_id, belongs
from simklsync.core.state.state_store import StateStore
from simklsync.core.state.store import JsonStore
from simklsync.core.state.sync_state import SyncState


@pytest.mark.parametrize("answer, expected", [
    ({"user": {"name": "jane"}, "account": {"id": 1001, "type": "free"}}, "1001"),
    ({"account": {"id": "1002"}}, "1002"),
    ({"account": {"id": " 77 "}}, "77"),
])
def test_account_id_is_read_from_the_user_settings_answer(answer, expected):
    assert account_id(answer) == expected


@pytest.mark.parametrize("answer", [
    None, [], "x", {}, {"user": {"name": "jane"}}, {"account": None}, {"account": []}, {"account": {}},
    {"account": {"id": None}}, {"account": {"id": True}}, {"account": {"id": 0}}, {"account": {"id": -4}},
    {"account": {"id": 12.5}}, {"account": {"id": "jane"}}, {"account": {"id": ""}}, {"account": {"id": {}}},
])
def test_a_missing_or_malformed_account_id_is_none(answer):
    assert account_id(answer) is None


def test_unstamped_things_belong_to_whoever_confirms_first_stamped_ones_to_their_account_only():
    assert belongs(None, "1001") and belongs(None, None)
    assert belongs("1001", "1001")
    assert not belongs("1001", "1002") and not belongs("1001", None)


class Current:
    def __init__(self, account):
        self.account = account

    def __call__(self):
        return self.account


def test_a_stamped_file_reads_as_missing_for_another_account_and_as_itself_for_its_own(tmp_path):
    current = Current("1001")
    store = StampedStore(JsonStore(str(tmp_path / "limits.json")), current)
    store.save({"count": 5})
    assert JsonStore(str(tmp_path / "limits.json")).load() == {STAMP_KEY: "1001", "data": {"count": 5}}
    assert store.load() == {"count": 5} and store.owner() == "1001"
    current.account = "1002"
    assert store.load() is None
    current.account = None
    assert store.load() is None


def test_an_unstamped_file_of_an_older_version_is_adopted_by_the_first_account_and_stamped_on_its_save(tmp_path):
    JsonStore(str(tmp_path / "ratings.json")).save({"movie:1": 8})
    store = StampedStore(JsonStore(str(tmp_path / "ratings.json")), Current("1002"))
    assert store.load() == {"movie:1": 8} and store.owner() is None
    store.save(store.load())
    assert store.owner() == "1002"
    assert StampedStore(store.store, Current("1001")).load() is None


def test_a_save_while_no_account_is_known_stays_unstamped(tmp_path):
    store = StampedStore(JsonStore(str(tmp_path / "status.json")), Current(None))
    store.save({"last_result": "ok"})
    assert JsonStore(str(tmp_path / "status.json")).load() == {"last_result": "ok"}


def a_state():
    state = SyncState(activities={"all": "2026-11-30T10:00:00Z"}, mirror={"movies": {"1": {"status": "completed"}}},
                      synced={"movie:1"}, account_type="vip", account_name="jane")
    return state


def test_another_accounts_state_is_never_read_it_is_a_fresh_first_sync(tmp_path):
    current = Current("1001")
    path = str(tmp_path / "state.json")
    StateStore(path, account=current).save(a_state())
    assert StateStore(path, account=current).load_head().saved_activities == {"all": "2026-11-30T10:00:00Z"}
    current.account = "1002"
    store = StateStore(path, account=current)
    for state in (store.load_head(), store.load(), store.load_mirror(store.load_head())):
        assert state.saved_activities is None and not state.synced and not state.has_mirror
    assert not any(store.load_anime(store.load_head()).mirror["items"].values())


def test_an_older_versions_state_belongs_to_the_first_account_that_confirms(tmp_path):
    path = str(tmp_path / "state.json")
    StateStore(path).save(a_state())  # no account: the files of a version before the stamps
    adopted = StateStore(path, account=Current("1001"))
    state = adopted.load()
    assert state.synced == {"movie:1"}
    adopted.save(state)
    assert StateStore(path, account=Current("1002")).load().synced == set()
    assert StateStore(path, account=Current("1001")).load().synced == {"movie:1"}
