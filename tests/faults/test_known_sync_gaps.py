"""Regression: broken delta answers must not be taken as "nothing changed".

Was KNOWN_LIST_GAP: a delta from /sync/all-items answered with `null`, `{}`, a body without the type's key, or
entries of the wrong types is taken as "nothing changed" (or "removed"), yet the cycle saves the new
activities — so the change Simkl announced is never fetched again and Kodi stays behind for good.
Fixed in sync.py: after a suspect answer the activities are not saved, so the next cycle asks again.
"""
import os

import faultworld
import pytest
from simklsync import sync
from simklsync.constants import CLIENT_ID
from simklsync.core.echo import EchoFilter
from simklsync.core.store import JsonStore
from simklsync.kodi import settings
from simklsync.kodi.cache import MemoryCache
from simklsync.kodi.library import KodiLibrary
from simklsync.simkl.client import SimklClient

from tools.simkl_emulator import Options, SimklEmulator, demo


@pytest.fixture
def engine_world(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.start()
        user = faultworld.seed_account(emu)
        items = faultworld.build_kodi_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = faultworld.TOKEN
        client = SimklClient(CLIENT_ID, "0.1.0", token=faultworld.TOKEN, base_url=emu.url, wait=lambda s: False)
        store = JsonStore(os.path.join(str(tmp_path), "state.json"), schema=sync.STATE_SCHEMA)
        engine = sync.SyncEngine(client, KodiLibrary(EchoFilter()), store, MemoryCache())
        yield emu, user, items, engine, fake_kodi


@pytest.mark.parametrize("kind", ["null", "empty_object", "drop_keys"])
def test_a_broken_delta_answer_is_fetched_again_next_cycle(engine_world, kind):
    emu, user, items, engine, kodi = engine_world
    assert engine.run("login", settings.SyncSettings()).completed
    emu.clock.advance(120)
    user.watch_movie(demo.MOVIE_ARRIVAL, at="2026-05-20T20:00:00Z")
    emu.inject(kind=kind, path="/sync/all-items", count=1)
    engine.run("timer", settings.SyncSettings())
    engine.run("timer", settings.SyncSettings())
    media, kodi_id = items[("movie", demo.MOVIE_ARRIVAL)]
    assert kodi.library.get(media, kodi_id)["playcount"] == 1
