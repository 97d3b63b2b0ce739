"""The service's anime names follow the saved sync state, rebuilt only when a cycle changed it; at the start they
come from the anime file, not the whole mirror."""
import os

from simklsync.core.state.mirror import Mirror
from simklsync.core.state.state_store import StateStore
from simklsync.sync.anime_names import AnimeNames
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
    loads = Loads(store, files=("head", "whole", "anime"))
    names.load()  # the worker's first job: the head, then the anime file of the same save
    assert loads.counts == {"head": 1, "whole": 0, "anime": 1} and names.index.knows({"tvdb": AOT_TVDB})
    names.load(store.load_head())  # an idle cycle's head: same save, nothing rebuilt
    assert loads.counts == {"head": 2, "whole": 0, "anime": 1}
    state = saved_state(store)  # a cycle saved a mirror without the anime
    before = dict(loads.counts)
    names.load(state)  # the whole state it saved is handed over: rebuilt without a read
    assert loads.counts == before and not names.index.knows({"tvdb": AOT_TVDB})
    names.load()  # and the next look at the files finds that save again
    assert loads.counts == dict(before, head=before["head"] + 1) and not names.index.knows({"tvdb": AOT_TVDB})


def test_without_an_anime_file_of_the_same_save_the_names_come_from_the_state_file(tmp_path):
    store = StateStore(str(tmp_path / "state.json"))
    saved_state(store, anime_entry(PART_1, "AoT S3", {1: (3, 1)}))
    part = store.anime.load()
    store.anime.save(dict(part, stamp=part["stamp"] - 1))  # an older save's (a crash between the two writes)
    names = AnimeNames(store)
    loads = Loads(store, files=("head", "whole", "anime"))
    names.load()
    assert loads.counts == {"head": 1, "whole": 1, "anime": 1} and names.index.knows({"tvdb": AOT_TVDB})
    store.anime.delete()  # an older version's state: no anime file at all
    names = AnimeNames(store)
    names.load()
    assert loads.counts == {"head": 2, "whole": 2, "anime": 2} and names.index.knows({"tvdb": AOT_TVDB})


def test_the_anime_file_holds_the_anime_titles_only(tmp_path):
    store = StateStore(str(tmp_path / "state.json"))
    state = saved_state(store, anime_entry(PART_1, "AoT S3", {1: (3, 1)}))
    state.mirror["items"]["movies"] = {str(n): {"title": f"Movie {n}"} for n in range(1, 500)}
    store.save(state)
    part = store.anime.load()
    assert part["stamp"] == store.load_head().stamp == state.stamp
    assert set(part["mirror"]) == {"items", "removed"}
    assert set(part["mirror"]["items"]) == {"anime"} and list(part["mirror"]["items"]["anime"]) == [str(PART_1)]
    assert os.path.getsize(store.anime.path) * 20 < os.path.getsize(store.path)
    store.delete()
    assert not os.path.exists(store.anime.path)
