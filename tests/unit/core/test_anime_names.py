"""The service's anime names follow the saved sync state, rebuilt only when a cycle changed it."""
from simklsync.anime_names import AnimeNames
from simklsync.core.mirror import Mirror
from simklsync.core.state_store import StateStore
from test_core_anime_ids import AOT_TVDB, PART_1, anime_entry
from test_core_state_store import Loads


def saved_state(store, *entries):
    mirror = Mirror()
    mirror.apply_all_items("anime", {"anime": list(entries)}, full=True)
    state = store.load()
    state.mirror = mirror.to_dict()
    store.save(state)
    return state


def test_the_names_are_read_once_then_only_after_a_save(tmp_path):
    store = StateStore(str(tmp_path / "state.json"))
    saved_state(store, anime_entry(PART_1, "AoT S3", {1: (3, 1)}))
    names = AnimeNames(store)
    loads = Loads(store)
    names.load()  # the worker's first job: the head, then the mirror it belongs to
    assert loads.counts == {"head": 1, "whole": 1} and names.index.knows({"tvdb": AOT_TVDB})
    names.load(store.load_head())  # an idle cycle's head: same save, nothing rebuilt
    assert loads.counts == {"head": 2, "whole": 1}
    state = saved_state(store)  # a cycle saved a mirror without the anime
    before = dict(loads.counts)
    names.load(state)  # the whole state it saved is handed over: rebuilt without a read
    assert loads.counts == before and not names.index.knows({"tvdb": AOT_TVDB})
    names.load()  # and the next look at the files finds that save again
    assert loads.counts == dict(before, head=before["head"] + 1) and not names.index.knows({"tvdb": AOT_TVDB})
