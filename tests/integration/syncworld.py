"""A Simkl account on the emulator and the matching Kodi library in the fake Kodi, with a sync engine between.

The library is built from the emulator's demo data (tests/support/simkl_emulator/demo.py), the same data the
real-Kodi demo uses, so the two can never disagree about ids or numbering.
"""
import os

from simklsync.core.echo import EchoFilter
from simklsync.core.state.state_store import StateStore
from simklsync.kodi.library import KodiLibrary
from simklsync.simkl.client import SimklClient
from simklsync.sync.engine import SyncEngine

from tests.support.memory_cache import MemoryCache
from tests.support.simkl_emulator import demo
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID


class Settings:
    """The sync settings the service reads from Kodi, as plain attributes."""

    def __init__(self, **overrides):
        self.movies = self.shows = self.anime = self.watched = self.resume = True
        self.unwatch_removed = True
        self.title_year_fallback = False
        for name, value in overrides.items():
            setattr(self, name, value)


def build_library(library, titles=demo.TITLES):
    """Adds every demo title to the fake Kodi library; returns {simkl: kodi id or {(s, e): episodeid}}."""
    ids = {}
    for title in titles:
        uniqueid = dict(title["ids"])
        if title["kind"] == "movie":
            ids[title["simkl"]] = library.add_movie(title["title"], title["year"], uniqueid=uniqueid,
                                                    runtime=title["runtime"] * 60)
            continue
        show = library.add_show(title["title"], title["year"], uniqueid=uniqueid)
        if title["kind"] == "anime":
            numbers = [title["tvdb_map"][number] for number in range(1, title["episodes"] + 1)]
        else:
            numbers = [(s, e) for s, count in sorted(title["seasons"].items()) for e in range(1, count + 1)]
        ids[title["simkl"]] = {
            (season, episode): library.add_episode(show, season, episode, runtime=title["runtime"] * 60)
            for season, episode in numbers
        }
    return ids


class SyncWorld:
    def __init__(self, emu, kodi, tmp_path):
        self.emu = emu
        self.kodi = kodi
        self.token = demo.seed_demo(emu)
        self.user = emu.user(self.token)
        self.kodi_ids = build_library(kodi.library)
        self.echo = EchoFilter()
        self.state_store = StateStore(os.path.join(str(tmp_path), "state.json"))
        self.cache = MemoryCache()
        self.client = SimklClient(TEST_CLIENT_ID, "0.1.0", token=self.token, base_url=emu.url, wait=lambda s: False)
        self.library = KodiLibrary(self.echo)
        self.engine = SyncEngine(self.client, self.library, self.state_store, self.cache)

    def sync(self, reason="timer", settings=None, **kwargs):
        self.emu.clear_requests()
        writes_before = len(self.kodi.library.writes)
        result = self.engine.run(reason, settings or Settings(), **kwargs)
        result.kodi_writes = self.kodi.library.writes[writes_before:]
        return result

    def requests(self):
        return [(r.method, r.path) for r in self.emu.requests]

    def movie(self, simkl):
        return self.kodi.library.snapshot("movie", self.kodi_ids[simkl])

    def episode(self, simkl, season, episode):
        return self.kodi.library.snapshot("episode", self.kodi_ids[simkl][(season, episode)])
