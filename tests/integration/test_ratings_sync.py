"""Ratings both ways through the sync cycle: the emulator's account, the fake Kodi library, the real outbox."""
import os

import pytest
from simklsync.core.outbox.queue import Outbox
from simklsync.core.ratings import RatingMemory
from simklsync.core.state.store import JsonStore
from simklsync.simkl import errors
from simklsync.simkl.outbox_sender import flush
from simklsync.sync.rating_sync import RatingSync
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import SimklEmulator, demo

MATRIX, INCEPTION, STRANGER = demo.MOVIE_MATRIX, demo.MOVIE_INCEPTION, demo.SHOW_STRANGER_THINGS


class RatingSettings(Settings):
    def __init__(self, **overrides):
        overrides.setdefault("ratings", True)
        super().__init__(**overrides)

    def types(self):
        return tuple(name for name in ("movies", "shows", "anime") if getattr(self, name))


class RatingWorld(SyncWorld):
    def __init__(self, emu, kodi, tmp_path):
        super().__init__(emu, kodi, tmp_path)
        self.outbox = Outbox(JsonStore(os.path.join(str(tmp_path), "outbox.json")))
        self.ratings_store = JsonStore(os.path.join(str(tmp_path), "ratings.json"))
        self.engine.ratings = RatingSync(self.client, self.library, self.ratings_store, self.outbox,
                                         clock=lambda: 1000.0)

    def sync(self, reason="timer", settings=None, **kwargs):
        result = super().sync(reason, settings or RatingSettings(), **kwargs)
        self.emu.clock.advance(60)
        return result

    def flush(self):
        self.emu.clear_requests()
        result = flush(self.outbox, self.client, lambda: 2000.0, lambda seconds: False)
        self.emu.clock.advance(60)
        return result

    def kodi_rating(self, media, kodi_id):
        return self.kodi.library.get(media, kodi_id)["userrating"]

    def user_rates_in_kodi(self, media, kodi_id, rating):
        """What Kodi's "Set my rating" does: the value changes, no notification is sent."""
        self.kodi.library.get(media, kodi_id)["userrating"] = rating

    def show_id(self, simkl):
        episode_id = next(iter(self.kodi_ids[simkl].values()))
        return self.kodi.library.get("episode", episode_id)["tvshowid"]

    def rating_requests(self):
        return [(method, path) for method, path in self.requests() if "/ratings" in path]

    def rating_writes(self, result):
        return [(method, params) for method, params in result.kodi_writes if "userrating" in params]


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator() as emu:
        emu.start()
        yield RatingWorld(emu, fake_kodi, tmp_path)


def test_first_sync_reads_every_rating_list_and_writes_them_to_kodi(world):
    result = world.sync("login")
    assert result.completed
    assert world.rating_requests() == [("GET", f"/sync/ratings/{t}/1,2,3,4,5,6,7,8,9,10")
                                       for t in ("movies", "shows", "anime")]
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 9
    assert world.kodi_rating("tvshow", world.show_id(STRANGER)) == 8
    assert world.kodi_rating("movie", world.kodi_ids[INCEPTION]) == 0
    assert result.ratings.written == 2


def test_nothing_is_read_or_written_when_rated_at_did_not_move(world):
    world.sync("login")
    world.user.watch_movie(INCEPTION, at="2026-05-10T20:00:00Z")  # activities move, rated_at does not
    result = world.sync()
    assert world.rating_requests() == []
    assert world.rating_writes(result) == []


def test_a_changed_rating_on_simkl_is_read_for_its_type_only_and_written(world):
    world.sync("login")
    world.user.rate(MATRIX, 6)
    result = world.sync()
    assert world.rating_requests() == [("GET", "/sync/ratings/movies/1,2,3,4,5,6,7,8,9,10")]
    assert world.rating_writes(result) == [("VideoLibrary.SetMovieDetails",
                                            {"movieid": world.kodi_ids[MATRIX], "userrating": 6})]


def test_a_rating_removed_on_simkl_is_cleared_in_kodi_when_the_addon_set_it(world):
    movie = world.kodi_ids[INCEPTION]
    world.user_rates_in_kodi("movie", movie, 7)  # the user's own, before the first sync
    world.sync("login")
    world.user.unrate(MATRIX)
    world.sync()  # no movie rating left on Simkl: "none at all" is asked twice before it is believed
    world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 0
    assert world.kodi_rating("movie", movie) == 7


def test_a_rating_set_in_kodi_reaches_simkl_once(world):
    world.sync("login")
    movie = world.kodi_ids[INCEPTION]
    world.user_rates_in_kodi("movie", movie, 7)
    world.sync()
    assert len(world.outbox) == 1
    world.flush()
    assert world.rating_requests() == [("POST", "/sync/ratings")]
    assert world.user.rating(INCEPTION) == 7
    assert len(world.outbox) == 0
    result = world.sync()  # Simkl's rated_at moved because of our own write: read, and nothing to write
    assert world.rating_requests() == [("GET", "/sync/ratings/movies/1,2,3,4,5,6,7,8,9,10")]
    assert world.rating_writes(result) == []
    world.sync()
    assert len(world.outbox) == 0


def test_a_rating_changed_in_kodi_is_not_overwritten_by_simkls_older_one(world):
    world.sync("login")
    world.user_rates_in_kodi("movie", world.kodi_ids[MATRIX], 4)
    world.user.rate(STRANGER, 5)  # rated_at moves: Simkl's lists are read in the same cycle
    result = world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 4
    assert ("VideoLibrary.SetMovieDetails", {"movieid": world.kodi_ids[MATRIX], "userrating": 9}) not in \
        world.rating_writes(result)
    world.flush()
    assert world.user.rating(MATRIX) == 4


def test_clearing_a_rating_in_kodi_removes_it_on_simkl(world):
    world.sync("login")
    world.user_rates_in_kodi("movie", world.kodi_ids[MATRIX], 0)
    world.sync()
    world.flush()
    assert world.rating_requests() == [("POST", "/sync/ratings/remove")]
    assert world.user.rating(MATRIX) is None
    world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 0


def test_the_setting_turns_ratings_off(world):
    result = world.sync("login", RatingSettings(ratings=False))
    assert world.rating_requests() == []
    assert world.rating_writes(result) == []
    assert result.ratings is None


def test_an_unreadable_ratings_answer_fails_the_cycle_and_loses_nothing(world):
    world.sync("login")
    world.user.rate(MATRIX, 3)
    world.emu.inject(kind="malformed", count=1, path="/sync/ratings")
    with pytest.raises(errors.BadResponse):
        world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 9
    world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 3


def test_an_empty_answer_is_believed_only_when_said_twice(world):
    world.sync("login")
    world.emu.inject(kind="empty_object", count=1, path="/sync/ratings/movies")
    world.user.rate(MATRIX, 3)
    world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 9  # neither changed nor cleared
    world.sync()
    assert world.rating_requests() == [("GET", "/sync/ratings/movies/1,2,3,4,5,6,7,8,9,10")]
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 3
    world.user.unrate(MATRIX)
    world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 3
    world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 0


def test_a_write_kodi_refuses_is_not_remembered_as_ours_nor_sent_back(world):
    movie = world.kodi_ids[MATRIX]
    real_apply = world.library.apply_ratings

    def movie_gone_meanwhile(writes, **journal):
        world.kodi.library.remove_movie(movie)  # deleted between the snapshot and the write
        return real_apply(writes, **journal)

    world.library.apply_ratings = movie_gone_meanwhile
    result = world.sync("login")
    world.library.apply_ratings = real_apply
    assert result.ratings.failed == 1
    memory = RatingMemory(world.ratings_store.load())
    assert memory.kodi.find("movie", movie, {"imdb": "tt0133093", "tmdb": 603}) is None
    world.sync()
    assert len(world.outbox) == 0


class CountingStore(JsonStore):
    def __init__(self, path):
        super().__init__(path)
        self.saves = 0

    def save(self, data):
        self.saves += 1
        super().save(data)


def test_the_minute_check_rewrites_the_ratings_file_only_when_a_kodi_rating_changed(world, tmp_path):
    world.sync("login")
    store = CountingStore(world.ratings_store.path)
    world.engine.ratings.store = store
    assert [world.engine.ratings.check_kodi() for _ in range(3)] == [0, 0, 0]
    assert store.saves == 0
    world.user_rates_in_kodi("movie", world.kodi_ids[INCEPTION], 7)
    assert world.engine.ratings.check_kodi() == 1
    assert store.saves == 1
    assert RatingMemory(store.load()).to_dict() != {}
    assert world.engine.ratings.check_kodi() == 0  # remembered: not queued again, not saved again
    assert store.saves == 1
    assert len(world.outbox) == 1


def test_an_idle_sync_cycle_leaves_the_ratings_file_alone_and_one_that_learns_a_rating_saves_it(world):
    world.sync("login")
    store = CountingStore(world.ratings_store.path)
    world.engine.ratings.store = store
    world.sync()
    world.sync()
    assert store.saves == 0
    world.user.rate(MATRIX, 6)
    world.sync()
    assert store.saves == 1
    movie = world.kodi_ids[MATRIX]
    assert RatingMemory(store.load()).known("movie", movie, world.kodi.library.get("movie", movie)) == 6


def checked_apart(world):
    """The service's case on a box of its own: Kodi's ratings are compared a minute apart, not in idle cycles."""
    world.engine.ratings.kodi_checked_apart = True


def test_a_box_that_checks_kodi_apart_leaves_kodis_rated_items_unread_in_a_cycle_that_pulls_nothing(world):
    world.sync("login")
    checked_apart(world)
    movie = world.kodi_ids[INCEPTION]
    world.user_rates_in_kodi("movie", movie, 7)
    world.sync()
    assert len(world.outbox) == 0  # left to the minute check
    assert world.engine.ratings.check_kodi() == 1
    assert len(world.outbox) == 1


def test_a_pull_still_queues_kodis_own_change_first_when_kodi_is_checked_apart(world):
    world.sync("login")
    checked_apart(world)
    world.user_rates_in_kodi("movie", world.kodi_ids[MATRIX], 4)
    world.user.rate(STRANGER, 5)  # rated_at moves: this cycle pulls, so it looks at Kodi's side first
    result = world.sync()
    assert world.kodi_rating("movie", world.kodi_ids[MATRIX]) == 4
    assert ("VideoLibrary.SetMovieDetails", {"movieid": world.kodi_ids[MATRIX], "userrating": 9}) not in \
        world.rating_writes(result)
    assert len(world.outbox) == 1
