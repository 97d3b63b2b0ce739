"""A Kodi library rebuilt under a ratings memory: the video database deleted and rescanned (rows renumbered, or
emptied and refilled with other titles), the memory carried over. Nothing is removed or changed on Simkl, and
Kodi gets its ratings back from Simkl."""
import os

import pytest
from simklsync.core.outbox.queue import Outbox
from simklsync.core.state.store import JsonStore
from simklsync.simkl.outbox_sender import flush
from simklsync.sync.rating_sync import RatingSync
from syncworld import Settings, SyncWorld, build_library

from tests.support.simkl_emulator import SimklEmulator, demo

# Twelve more rated movies: with the demo's two, more than the mass-disappearance floor of ten.
EXTRA = [{"kind": "movie", "simkl": 910000 + n, "title": f"Rated Film {n}", "year": 2000 + n, "runtime": 100,
          "ids": {"imdb": f"tt91000{n:02d}", "tmdb": str(91000 + n)}} for n in range(1, 13)]
EXTRA_RATINGS = {title["simkl"]: 1 + n % 10 for n, title in enumerate(EXTRA)}
# Titles a rescan may put first: in the library, never rated anywhere.
OTHERS = [{"kind": "movie", "simkl": 920000 + n, "title": f"Unrated Film {n}", "year": 1990 + n, "runtime": 90,
           "ids": {"imdb": f"tt92000{n:02d}", "tmdb": str(92000 + n)}} for n in range(1, 21)]


class RatingSettings(Settings):
    def __init__(self):
        super().__init__(ratings=True)

    def types(self):
        return ("movies", "shows", "anime")


class RebuildWorld(SyncWorld):
    def __init__(self, emu, kodi, tmp_path):
        for title in EXTRA + OTHERS:
            demo.add_title(emu, title)
        super().__init__(emu, kodi, tmp_path)
        self.kodi_ids.update(build_library(kodi.library, EXTRA))
        for simkl, rating in EXTRA_RATINGS.items():
            self.user.rate(simkl, rating)
        self.outbox = Outbox(JsonStore(os.path.join(str(tmp_path), "outbox.json")))
        self.ratings_store = JsonStore(os.path.join(str(tmp_path), "ratings.json"))
        self.engine.ratings = RatingSync(self.client, self.library, self.ratings_store, self.outbox,
                                         clock=lambda: 1000.0)

    def sync(self, reason="timer", settings=None, **kwargs):
        result = super().sync(reason, settings or RatingSettings(), **kwargs)
        self.emu.clock.advance(60)
        return result

    def simkl_ratings(self):
        return {simkl: self.user.rating(simkl) for simkl in [t["simkl"] for t in demo.TITLES + EXTRA + OTHERS]}

    def rebuild(self, titles):
        """The video database deleted and the sources rescanned: ids from 1 again, no rating in Kodi."""
        self.kodi.library.wipe()
        self.kodi_ids = build_library(self.kodi.library, titles)

    def kodi_ratings(self):
        """{simkl id: Kodi's userrating} of the movies in the library now, by what they are."""
        imdb_to_simkl = {t["ids"]["imdb"]: t["simkl"] for t in demo.TITLES + EXTRA + OTHERS if "imdb" in t["ids"]}
        return {imdb_to_simkl[m["uniqueid"]["imdb"]]: m["userrating"]
                for m in self.kodi.library.items["movie"].values()}

    def rating_posts(self):
        self.emu.clear_requests()
        flush(self.outbox, self.client, lambda: 2000.0, lambda seconds: False)
        return [(r.method, r.path) for r in self.emu.requests if "/ratings" in r.path]


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator() as emu:
        emu.start()
        yield RebuildWorld(emu, fake_kodi, tmp_path)


def rated_movies():
    return {demo.MOVIE_MATRIX: 9, **EXTRA_RATINGS}


def assert_restored_and_nothing_sent(world, before):
    assert len(world.outbox) == 0
    assert world.rating_posts() == []
    assert world.simkl_ratings() == before
    restored = world.kodi_ratings()
    assert {simkl: restored[simkl] for simkl in rated_movies() if simkl in restored} == \
        {simkl: rating for simkl, rating in rated_movies().items() if simkl in restored}
    assert all(rating == 0 for simkl, rating in restored.items() if simkl not in rated_movies())


def test_a_library_rebuilt_with_its_rows_renumbered_sends_nothing_and_gets_its_ratings_back(world):
    world.sync("login")
    assert world.kodi_ratings()[demo.MOVIE_MATRIX] == 9
    before = world.simkl_ratings()
    world.rebuild(list(reversed(demo.TITLES + EXTRA)))  # every old id present again, each on another title
    world.sync()
    world.sync()
    assert_restored_and_nothing_sent(world, before)


def test_a_library_emptied_and_refilled_with_other_titles_sends_nothing_and_gets_its_ratings_back(world):
    world.sync("login")
    before = world.simkl_ratings()
    world.rebuild(OTHERS + demo.TITLES[:2] + EXTRA[:3])  # the old ids now hold unrated titles
    world.sync()
    world.sync()
    assert_restored_and_nothing_sent(world, before)
