"""A Kodi library rebuilt under a ratings memory: the video database deleted and rescanned (rows renumbered, or
emptied and refilled with other titles) or moved to MariaDB, the memory carried over. Nothing is removed or
changed on Simkl, and Kodi gets its ratings back from Simkl. And a library shared with another Simkl account:
only the ratings set on this box are sent."""
import os
from types import SimpleNamespace

import pytest
from simklsync.core.outbox.queue import Outbox
from simklsync.core.rating_identity.removed_rows import RemovedRows
from simklsync.core.state.store import JsonStore
from simklsync.kodi.monitor import ServiceMonitor
from simklsync.kodi.rpc import RpcError
from simklsync.service.events import KodiEvents
from simklsync.simkl.outbox_sender import flush
from simklsync.sync.rating_sync import RatingSync, identity_reader
from simklsync.sync.ratings_check import OwnChanges
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


class Household:
    """Where the household found the video database (None: this Kodi's own SQLite file), and how many Simkl
    accounts use it."""
    database = server = None
    accounts = 1

    def accounts_sharing(self):
        return self.accounts


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
        self.household = Household()
        self.engine.ratings = RatingSync(self.client, self.library, self.ratings_store, self.outbox,
                                         clock=lambda: 1000.0,
                                         library_identity=lambda: identity_reader(self.library, self.household)())

    def sync(self, reason="timer", settings=None, **kwargs):
        result = super().sync(reason, settings or RatingSettings(), **kwargs)
        self.emu.clock.advance(60)
        return result

    def simkl_ratings(self):
        return {simkl: self.user.rating(simkl) for simkl in [t["simkl"] for t in demo.TITLES + EXTRA + OTHERS]}

    def show_id(self):
        episode = next(iter(self.kodi_ids[demo.SHOW_STRANGER_THINGS].values()))
        return self.kodi.library.get("episode", episode)["tvshowid"]

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


def test_a_library_moved_to_a_shared_database_without_its_ratings_sends_nothing_and_gets_them_back(world):
    world.sync("login")
    before = world.simkl_ratings()
    # Imported into MariaDB from an export older than the last few ratings: same rows, same titles, five of
    # the fourteen ratings missing (too few for the mass-disappearance rule: the changed database tells).
    lost = [world.kodi_ids[demo.MOVIE_MATRIX], *(world.kodi_ids[t["simkl"]] for t in EXTRA[:3])]
    for movieid in lost:
        world.kodi.library.get("movie", movieid)["userrating"] = 0
    world.kodi.library.get("tvshow", world.show_id())["userrating"] = 0
    world.household.database, world.household.server = "MyVideos121", "nas.local:3306"
    world.sync()
    assert_restored_and_nothing_sent(world, before)
    assert world.kodi.library.get("tvshow", world.show_id())["userrating"] == 8


def test_the_same_loss_without_a_changed_database_is_sent_as_the_users_removals(world):
    world.sync("login")
    world.kodi.library.get("movie", world.kodi_ids[demo.MOVIE_MATRIX])["userrating"] = 0
    world.kodi.library.get("tvshow", world.show_id())["userrating"] = 0
    world.sync()
    assert world.rating_posts() == [("POST", "/sync/ratings/remove")] * 2
    assert world.user.rating(demo.MOVIE_MATRIX) is None and world.user.rating(demo.SHOW_STRANGER_THINGS) is None



class Gui:
    def __init__(self):
        self.idle = 0.0
        self.now = 0.0


def test_on_a_library_shared_with_another_account_only_ratings_set_on_this_box_are_sent(world):
    gui = Gui()
    world.engine.ratings.may_send = OwnChanges(lambda: world.household, lambda: gui.idle, lambda: gui.now)
    world.household.accounts = 2
    world.sync("login")
    # The other account's box writes its own rating into the shared database while nobody uses this box.
    gui.now, gui.idle = 600.0, 3600.0
    world.kodi.library.get("movie", world.kodi_ids[demo.MOVIE_INCEPTION])["userrating"] = 3
    world.sync()
    assert len(world.outbox) == 0
    # This box's user rates in Kodi between two looks.
    gui.now, gui.idle = 1200.0, 200.0
    world.kodi.library.get("movie", world.kodi_ids[demo.MOVIE_ARRIVAL])["userrating"] = 7
    world.sync()
    assert world.rating_posts() == [("POST", "/sync/ratings")]
    assert world.user.rating(demo.MOVIE_ARRIVAL) == 7 and world.user.rating(demo.MOVIE_INCEPTION) is None


def test_a_library_used_by_one_account_sends_every_kodi_rating_change(world):
    gui = Gui()
    world.engine.ratings.may_send = OwnChanges(lambda: world.household, lambda: gui.idle, lambda: gui.now)
    world.sync("login")
    gui.now, gui.idle = 600.0, 3600.0  # set on another box of the same account, or by a remote app
    world.kodi.library.get("movie", world.kodi_ids[demo.MOVIE_INCEPTION])["userrating"] = 3
    world.sync()
    assert world.rating_posts() == [("POST", "/sync/ratings")]
    assert world.user.rating(demo.MOVIE_INCEPTION) == 3


def test_rows_refilled_with_other_titles_are_no_removals_even_when_nothing_else_tells(world):
    world.engine.ratings.library_identity = lambda: None  # no identity to compare: only the rows' ids tell
    world.sync("login")
    before = world.simkl_ratings()
    world.rebuild(OTHERS[:3] + demo.TITLES + EXTRA)  # every movie three rows further on
    restored_from_nfo = {t["simkl"] for t in EXTRA[3:]}
    for simkl in restored_from_nfo:  # the .nfo files carried most ratings back: no mass disappearance
        world.kodi.library.get("movie", world.kodi_ids[simkl])["userrating"] = EXTRA_RATINGS[simkl]
    world.kodi.library.get("tvshow", world.show_id())["userrating"] = 8  # the show kept its row: its .nfo too
    world.sync()
    assert_restored_and_nothing_sent(world, before)
    assert world.kodi_ratings()[demo.MOVIE_MATRIX] == 9


def test_an_unreadable_library_identity_leaves_the_comparison_as_it_was(world):
    def unreadable():
        raise RpcError("VideoLibrary.GetMovies", "busy")
    world.library.oldest_rows = unreadable
    world.sync("login")
    world.kodi.library.get("movie", world.kodi_ids[demo.MOVIE_MATRIX])["userrating"] = 4
    world.sync()
    assert world.rating_posts() == [("POST", "/sync/ratings")]
    assert world.user.rating(demo.MOVIE_MATRIX) == 4


def test_a_row_keyed_memory_from_an_older_version_migrates_without_sending_anything(world):
    world.sync("login")
    before = world.simkl_ratings()
    memory = world.ratings_store.load()
    rows = {**{f"kodi:movie:{movieid}": [movie["userrating"], True]
               for movieid, movie in world.kodi.library.items["movie"].items() if movie["userrating"]},
            f"kodi:tvshow:{world.show_id()}": [8, True]}
    world.ratings_store.save({"simkl": memory["simkl"], "kodi": rows, "seeded": True, "retry": []})
    world.rebuild(OTHERS[:5] + demo.TITLES + EXTRA)  # restored onto a rescanned library, rows moved
    world.sync()
    world.sync()
    assert_restored_and_nothing_sent(world, before)
    assert world.ratings_store.load()["v"] == 2


def test_a_library_taken_apart_in_steps_and_scanned_back_into_its_old_rows_sends_nothing(world):
    """Each step seen by a sync: one rated movie removed, then the TV shows removed and everything scanned
    back. Stranger Things returns to its old row (SQLite's next id once it was the last), unrated, its ids the
    same, in a library whose oldest rows did not change: only Kodi's OnRemove tells this from a user's clear."""
    removed = world.engine.ratings.removed_rows = RemovedRows()
    not_watched = SimpleNamespace(on_update=lambda payload: None, library_updated=lambda payload: False)
    monitor = ServiceMonitor(KodiEvents(None, None, None, None, None, not_watched, not_watched, None, removed))
    world.sync("login")
    before = world.simkl_ratings()
    library = world.kodi.library
    library.remove_movie(world.kodi_ids[demo.MOVIE_MATRIX])
    assert world.kodi.wait_idle()
    world.sync()
    shows = {show["title"]: tvshowid for tvshowid, show in library.items["tvshow"].items()}
    for tvshowid in sorted(shows.values(), reverse=True):
        library.remove_show(tvshowid)
    assert world.kodi.wait_idle() and removed.pending() == {("tvshow", tvshowid) for tvshowid in shows.values()}
    shows_back = [t for t in demo.TITLES if t["kind"] != "movie"]
    world.kodi_ids.update(build_library(library, [t for t in demo.TITLES if t["simkl"] == demo.MOVIE_MATRIX]
                                       + sorted(shows_back, key=lambda t: shows[t["title"]])))
    assert world.show_id() == shows["Stranger Things"]
    world.sync()
    assert_restored_and_nothing_sent(world, before)
    assert library.get("tvshow", world.show_id())["userrating"] == 8
    assert removed.pending() == frozenset()
    del monitor


def test_removed_rows_stay_pending_when_the_look_that_saw_them_could_not_be_saved(world):
    removed = world.engine.ratings.removed_rows = RemovedRows()
    world.sync("login")
    removed.announced({"id": world.show_id(), "type": "tvshow"})
    world.kodi.library.get("tvshow", world.show_id())["userrating"] = 0  # as if removed and scanned back

    def full_disk(data):
        raise OSError("No space left on device")
    world.ratings_store.save = full_disk
    with pytest.raises(OSError):
        world.engine.ratings.check_kodi()
    assert removed.pending() == {("tvshow", world.show_id())}
    del world.ratings_store.save
    assert world.engine.ratings.check_kodi() == 0
    assert removed.pending() == frozenset() and len(world.outbox) == 0
