"""Regressions and known gaps: broken list answers must not be taken as "nothing changed" or "removed".

Was KNOWN_LIST_GAP: a delta from /sync/all-items answered with `null`, `{}`, a body without the type's key, or
entries of the wrong types is taken as "nothing changed" (or "removed"), yet the cycle saves the new
activities — so the change Simkl announced is never fetched again and Kodi stays behind for good.
Fixed in sync/engine.py: after a suspect answer the activities are not saved, so the next cycle asks again.

Also fixed in sync/engine.py (found by the soak, seeds 1032 and 1034; the constants below say what was wrong):
- a broken removal list (the `simkl_ids_only` answer) is not suspect, so its removal is never asked again;
- a broken delta is not suspect when removed_from_list moved in the same cycle, so the change it hid is lost.
"""
import os

import faultworld
import pytest
from simklsync.core.echo import EchoFilter
from simklsync.core.state.mirror import Mirror
from simklsync.core.state.state_store import StateStore
from simklsync.core.state.sync_state import MAX_SUSPECT_CYCLES
from simklsync.kodi import settings
from simklsync.kodi.library import KodiLibrary
from simklsync.simkl.client import SimklClient
from simklsync.sync import engine as sync

from tests.support.memory_cache import MemoryCache
from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

SUSPECT_REMOVALS_GAP = ("sync/engine.py _fetch: a removal list that apply_removals could not use (no list, or "
                        "unreadable entries: mirror.skipped) is not added to result.suspect, so the new "
                        "activities are saved and the removal is never fetched again")
REMOVAL_EXCUSES_BROKEN_DELTA_GAP = ("sync/engine.py _suspect: `removals` excuses an empty delta even when the body "
                                    "was null/{}/keyless, so a change in the same cycle as a removal is lost")


@pytest.fixture
def engine_world(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.start()
        user = faultworld.seed_account(emu)
        items = faultworld.build_kodi_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = faultworld.TOKEN
        client = SimklClient(TEST_CLIENT_ID, "0.1.0", token=faultworld.TOKEN, base_url=emu.url, wait=lambda s: False)
        store = StateStore(os.path.join(str(tmp_path), "state.json"))
        engine = sync.SyncEngine(client, KodiLibrary(EchoFilter()), store, MemoryCache())
        yield emu, user, items, engine, fake_kodi


def kodi_watched(kodi, items, simkl):
    media, kodi_id = items[("movie", simkl)]
    return kodi.library.get(media, kodi_id)["playcount"] > 0


def spoil_id_list_entry(engine, simkl):
    """The next `simkl_ids_only` answer carries the entry of `simkl` with unreadable ids (wrong type)."""
    real = engine.client.get_all_items

    def get_all_items(type_, **params):
        body = real(type_, **params)
        if params.get("extended") == "simkl_ids_only":
            engine.client.get_all_items = real
            for entry in body[type_]:
                if entry["movie"]["ids"]["simkl"] == simkl:
                    entry["movie"]["ids"] = []
        return body

    engine.client.get_all_items = get_all_items


@pytest.mark.parametrize("kind", ["null", "empty_object", "empty_list", "drop_keys"])
def test_a_broken_delta_answer_is_fetched_again_next_cycle(engine_world, kind):
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-20T20:00:00Z")
    emu.inject(kind=kind, path="/sync/all-items", count=1)
    engine.run("timer", settings.SyncSettings())
    engine.run("timer", settings.SyncSettings())
    assert kodi_watched(kodi, items, demo.MOVIE_ARRIVAL)


def test_an_unreadable_entry_in_the_removal_list_unmarks_nothing_in_kodi(engine_world):
    # Soak seeds 1001 and 1025: the spoiled entry's movie was taken as removed on Simkl and unmarked in Kodi.
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.remove(demo.MOVIE_INTERSTELLAR)
    spoil_id_list_entry(engine, 9100001)
    engine.run("timer", settings.SyncSettings())
    assert kodi_watched(kodi, items, 9100001)
    assert faultworld.simkl_watched(user, ("movie", 9100001))


def test_a_removal_hidden_by_an_unreadable_id_list_entry_is_fetched_again_next_cycle(engine_world):
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.remove(demo.MOVIE_INTERSTELLAR)
    spoil_id_list_entry(engine, 9100001)
    engine.run("timer", settings.SyncSettings())
    engine.run("timer", settings.SyncSettings())
    assert not kodi_watched(kodi, items, demo.MOVIE_INTERSTELLAR)


@pytest.mark.parametrize("kind", ["null", "empty_object", "drop_keys"])
def test_a_broken_removal_list_is_fetched_again_next_cycle(engine_world, kind):
    # Soak seed 1034: the removal was dropped for good and a later cycle marked the movie watched in Kodi again.
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.remove(9100001)
    emu.inject(kind=kind, path="/sync/all-items", count=1)
    engine.run("timer", settings.SyncSettings())
    engine.run("timer", settings.SyncSettings())
    assert not kodi_watched(kodi, items, 9100001)


@pytest.mark.parametrize("kind", ["null", "empty_object", "empty_list", "drop_keys"])
def test_a_broken_delta_is_fetched_again_when_a_removal_came_in_the_same_cycle(engine_world, kind):
    # Soak seed 1032: the lost delta held the user's own mark; a later cycle unmarked it in Kodi.
    # Live Simkl says "nothing" as null or {} (by app age) as well as []: no shape is excused by the removal.
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-20T20:00:00Z")
    emu.clock.advance(60)
    user.remove(9100001)
    emu.inject(kind=kind, path="/sync/all-items/movies", count=1)
    engine.run("timer", settings.SyncSettings())
    engine.run("timer", settings.SyncSettings())
    assert kodi_watched(kodi, items, demo.MOVIE_ARRIVAL)
    assert not kodi_watched(kodi, items, 9100001)


def test_a_change_behind_an_unreadable_activities_block_is_fetched_next_cycle(engine_world):
    # A 'wrong types' answer replaced the whole movies block: nothing to compare, so movies were not fetched
    # and that answer was saved; the next cycle must not ask movies only from the answer's newest stamp.
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-20T20:00:00Z")
    emu.clock.advance(120)
    user.watch_episodes(faultworld.EXTRA_SHOW["simkl"], [(1, 3)], at="2026-05-20T21:00:00Z")
    real = engine.client.get_activities
    engine.client.get_activities = lambda: dict(real(), movies="x")
    engine.run("timer", settings.SyncSettings())
    engine.client.get_activities = real
    engine.run("timer", settings.SyncSettings())
    assert kodi_watched(kodi, items, demo.MOVIE_ARRIVAL)


@pytest.mark.parametrize("body", [None, {}, {"movies": []}, {"movies": [
    {"movie": {"ids": {"simkl": 1}}, "status": "completed"}, {"movie": {"ids": []}, "status": "completed"}]}])
def test_a_broken_full_pull_buries_nothing(body):
    # A full pull that lost entries must not take the rest as removed on Simkl (Kodi would unmark them).
    mirror = Mirror()
    mirror.apply_all_items("movies", {"movies": [{"movie": {"ids": {"simkl": n}}, "status": "completed"}
                                                 for n in (1, 2)]}, full=True)
    mirror.apply_all_items("movies", body, full=True)
    assert sorted(item.simkl for item in mirror.entries("movies")) == [1, 2]
    assert list(mirror.removed_entries("movies")) == []


def test_a_delta_broken_cycle_after_cycle_is_recovered_by_a_full_pull(engine_world):
    # Soak seed 1045 (outside the soak's seeds): three broken movie deltas in a row used to be believed,
    # and two watches on Simkl were lost for good.
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-20T20:00:00Z")
    emu.inject(kind="empty_object", path="/sync/all-items/movies", count=MAX_SUSPECT_CYCLES)
    for _ in range(MAX_SUSPECT_CYCLES):
        engine.run("timer", settings.SyncSettings())
    assert not kodi_watched(kodi, items, demo.MOVIE_ARRIVAL)
    emu.clear_requests()
    engine.run("timer", settings.SyncSettings())
    movie_pulls = [r for r in emu.requests if r.path == "/sync/all-items/movies"]
    assert movie_pulls and "date_from" not in movie_pulls[0].query
    assert kodi_watched(kodi, items, demo.MOVIE_ARRIVAL)
    engine.run("timer", settings.SyncSettings())
    assert engine.state_store.load().full_pull == ()


def spoil_delta_entry(engine, type_, simkl, spoil):
    """The next delta of `type_` carries the entry of `simkl` changed by `spoil(entry)` (one value of a wrong type)."""
    real = engine.client.get_all_items

    def get_all_items(asked, **params):
        body = real(asked, **params)
        if asked == type_ and params.get("date_from"):
            engine.client.get_all_items = real
            key = "movie" if type_ == "movies" else "show"
            for entry in body[type_]:
                if entry[key]["ids"]["simkl"] == simkl:
                    spoil(entry)
        return body

    engine.client.get_all_items = get_all_items


@pytest.mark.parametrize("status", [True, None, 7, [], {}])
def test_a_movie_entry_with_an_unreadable_status_unmarks_nothing_and_is_fetched_again(engine_world, status):
    # Soak seed 1079: `"status": true` read as "not completed"; Kodi unmarked a movie Simkl still had watched.
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.watch_movie(9100001, at="2026-05-20T20:00:00Z")  # a rewatch: the movie is in the next delta
    user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-20T21:00:00Z")
    spoil_delta_entry(engine, "movies", 9100001, lambda entry: entry.update(status=status))
    engine.run("timer", settings.SyncSettings())
    assert kodi_watched(kodi, items, 9100001)
    engine.run("timer", settings.SyncSettings())
    assert kodi_watched(kodi, items, 9100001) and kodi_watched(kodi, items, demo.MOVIE_ARRIVAL)
    assert engine.state_store.load().suspect_cycles == 0


def kodi_episode_watched(kodi, items, show, season, number):
    media, kodi_id = items[("episode", show, season, number)]
    return kodi.library.get(media, kodi_id)["playcount"] > 0


def _spoil_seasons(entry, how):
    if how == "seasons":
        entry["seasons"] = "x"
    elif how == "null_seasons":
        entry["seasons"] = None
    elif how == "season":
        entry["seasons"][0] = 7
    elif how == "episodes":
        entry["seasons"][0]["episodes"] = None
    else:
        entry["seasons"][0]["episodes"][0] = {"number": []}


@pytest.mark.parametrize("how", ["seasons", "null_seasons", "season", "episodes", "episode"])
def test_a_show_entry_with_unreadable_seasons_unmarks_no_episode(engine_world, how):
    emu, user, items, engine, kodi = engine_world
    show = faultworld.EXTRA_SHOW["simkl"]
    assert engine.run("login", settings.SyncSettings()).completed
    assert kodi_episode_watched(kodi, items, show, 1, 1)
    emu.clock.advance(120)
    user.watch_episodes(show, [(1, 3)], at="2026-05-20T21:00:00Z")
    spoil_delta_entry(engine, "shows", show, lambda entry: _spoil_seasons(entry, how))
    engine.run("timer", settings.SyncSettings())
    assert kodi_episode_watched(kodi, items, show, 1, 1) and kodi_episode_watched(kodi, items, show, 1, 2)
    engine.run("timer", settings.SyncSettings())
    assert all(kodi_episode_watched(kodi, items, show, 1, n) for n in (1, 2, 3))


@pytest.mark.parametrize("entry", [{"status": "plantowatch", "seasons": None, "watched_episodes_count": 0},
                                   {"status": "plantowatch"}, {"status": "watching", "anime_type": None}])
def test_a_show_entry_with_nothing_watched_is_read_not_skipped(entry):
    # The strict reading above must not turn an honest "nothing watched" into an answer asked again forever.
    mirror = Mirror()
    mirror.apply_all_items("shows", {"shows": [dict(entry, show={"ids": {"simkl": 5}})]}, full=False)
    assert mirror.skipped == 0 and mirror.get("shows", 5).episodes == {}
