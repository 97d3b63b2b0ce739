"""The Kodi writes owed to the next cycles: refused or cut off by a stop, retried up to MAX_TRIES, kept in the state."""
from simklsync.core.plan.scope import Scope
from simklsync.core.state.kodi_retry import MAX_TRIES, STOPPED, due_ids, given_up, read, settle, simkl_of
from simklsync.core.state.sync_state import SyncState


def test_a_refused_write_is_owed_with_kodis_reason_and_its_title_is_planned_again():
    owed = settle({}, Scope.of([10]), ["e:20:1:2"], {"m:10": "Invalid params."}, (),
                  {"m:10": "Heat"})
    assert owed == {"m:10": {"tries": 1, "reason": "Invalid params.", "name": "Heat"}}
    assert due_ids(owed) == {10}


def test_writes_never_sent_because_kodi_was_stopping_are_owed_without_counting_a_try():
    owed = settle({}, Scope.everything(), ["m:10"], {}, ["m:11", "e:20:1:2"])
    assert owed == {"m:11": {"tries": 0, "reason": STOPPED, "name": ""},
                    "e:20:1:2": {"tries": 0, "reason": STOPPED, "name": ""}}
    assert due_ids(owed) == {11, 20}


def test_an_owed_write_leaves_once_kodi_takes_it_or_the_plan_no_longer_needs_it():
    owed = {"m:10": {"tries": 2, "reason": "x", "name": ""}, "m:11": {"tries": 1, "reason": "x", "name": ""},
            "m:12": {"tries": 1, "reason": "x", "name": ""}}
    after = settle(owed, Scope.of([10, 11]), ["m:10"], {}, ())
    assert after == {"m:12": owed["m:12"]}  # 11 was planned and needs no write now; 12 was not in scope


def test_after_max_tries_a_write_is_given_up_but_stays_listed():
    owed = {}
    for _ in range(MAX_TRIES):
        owed = settle(owed, Scope.of(due_ids(owed) | {10}), [], {"m:10": "locked"}, ())
    assert owed["m:10"]["tries"] == MAX_TRIES
    assert due_ids(owed) == set() and list(given_up(owed)) == ["m:10"]


def test_the_owed_writes_survive_the_state_file_and_its_head_and_junk_is_dropped():
    state = SyncState(mirror={}, kodi_retry={"m:10": {"tries": 1, "reason": "locked", "name": "Heat"}})
    assert SyncState.from_dict(state.to_dict()).kodi_retry == state.kodi_retry
    assert SyncState.from_head(state.head_dict()).kodi_retry == state.kodi_retry
    assert read({"m:1": {"tries": "x"}, 5: {}, "m:2": {"tries": 2}}) == {"m:2": {"tries": 2, "reason": "", "name": ""}}
    assert SyncState.from_dict({}).kodi_retry == {}


def test_the_simkl_id_is_read_from_movie_and_episode_keys_only():
    assert (simkl_of("m:10"), simkl_of("e:20:1:2"), simkl_of("kodi:movie:5"), simkl_of("")) == (10, 20, None, None)


def test_a_write_the_library_chose_not_to_send_is_not_owed_again():
    owed = {"m:10": {"tries": 0, "reason": STOPPED, "name": ""}}
    assert settle(owed, Scope.of([10]), [], {}, ()) == {}  # planned, neither taken, refused nor cut off


def test_a_key_without_a_simkl_id_is_never_kept():
    assert settle({"kodi:movie:5": {"tries": 1, "reason": "x", "name": ""}}, Scope.of([]), [], {}, ()) == {}
