"""The context menu's actions as the service runs them: Kodi changes at once (fake Kodi), Simkl through the outbox
(emulator), and the changes do not come back as new user actions."""
import os

import pytest
from simklsync.core.item_actions import ItemAction, ItemActions, action_data, parse_action, pending_marks
from simklsync.core.outbox.queue import Outbox
from simklsync.core.ratings import RatingMemory
from simklsync.core.state.store import JsonStore
from simklsync.simkl.outbox_sender import flush
from simklsync.sync.rating_sync import RatingSync
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import SimklEmulator, demo

MATRIX, ARRIVAL, STRANGER = demo.MOVIE_MATRIX, demo.MOVIE_ARRIVAL, demo.SHOW_STRANGER_THINGS


class ActionWorld(SyncWorld):
    def __init__(self, emu, kodi, tmp_path):
        super().__init__(emu, kodi, tmp_path)
        self.outbox = Outbox(JsonStore(os.path.join(str(tmp_path), "outbox.json")))
        self.ratings_store = JsonStore(os.path.join(str(tmp_path), "ratings.json"))
        self.said = []
        self.syncs = []
        self.actions = ItemActions(self.library, self.outbox, self.ratings_store, self.syncs.append,
                                   lambda string_id, **values: self.said.append((string_id, values)),
                                   clock=lambda: 1779000000.0)
        self.engine.ratings = RatingSync(self.client, self.library, self.ratings_store, self.outbox)

    def act(self, action, media, kodi_id, season=None, rating=None):
        return self.actions.run(ItemAction(action, media, kodi_id, season, rating))

    def flush(self):
        self.emu.clear_requests()
        result = flush(self.outbox, self.client, lambda: 1779000100.0, lambda seconds: False)
        self.emu.clock.advance(60)
        return result

    def show_id(self, simkl):
        return self.kodi.library.get("episode", next(iter(self.kodi_ids[simkl].values())))["tvshowid"]

    def posts(self):
        return [path for method, path in self.requests() if method == "POST"]


class RatingSettings(Settings):
    ratings = True

    def types(self):
        return ("movies", "shows", "anime")


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator() as emu:
        emu.start()
        world = ActionWorld(emu, fake_kodi, tmp_path)
        world.sync("login", RatingSettings())
        world.emu.clock.advance(60)
        yield world


def test_mark_watched_on_a_movie_changes_kodi_at_once_and_simkl_once(world):
    movie = world.kodi_ids[ARRIVAL]
    assert world.act("watched", "movie", movie)
    assert world.kodi.library.get("movie", movie)["playcount"] == 1
    assert world.echo.is_echo("movie", movie, 1)  # its OnUpdate is the add-on's own write
    world.flush()
    assert world.posts() == ["/sync/history"]
    assert ARRIVAL in world.user.watched_movies()
    assert world.said[-1][0] == 32355
    world.flush()
    assert world.posts() == []


def test_mark_unwatched_on_a_movie(world):
    movie = world.kodi_ids[MATRIX]
    world.act("unwatched", "movie", movie)
    assert world.kodi.library.get("movie", movie)["playcount"] == 0
    assert world.outbox.pending_marks() == {f"kodi:movie:{movie}": False}
    world.flush()
    assert world.posts() == ["/sync/history/remove"]
    assert MATRIX not in world.user.watched_movies()


def test_mark_watched_on_a_season_marks_its_episodes_in_one_write(world):
    show = world.show_id(STRANGER)
    world.act("watched", "season", show, season=2)
    season_two = {key: kodi_id for key, kodi_id in world.kodi_ids[STRANGER].items() if key[0] == 2}
    assert all(world.kodi.library.get("episode", e)["playcount"] == 1 for e in season_two.values())
    assert set(pending_marks(world.outbox.entries())) == {f"kodi:episode:{e}" for e in season_two.values()}
    world.flush()
    assert world.posts() == ["/sync/history"]
    assert {key for key in world.user.watched_episodes(STRANGER) if key[0] == 2} == set(season_two)


def test_mark_unwatched_on_a_show_and_on_an_episode(world):
    show = world.show_id(STRANGER)
    episode = world.kodi_ids[STRANGER][(1, 1)]
    world.act("unwatched", "episode", episode)
    assert world.kodi.library.get("episode", episode)["playcount"] == 0
    world.flush()
    assert (1, 1) not in world.user.watched_episodes(STRANGER)
    world.act("unwatched", "tvshow", show)
    world.flush()
    assert world.user.watched_episodes(STRANGER) == {}


def test_rate_a_movie_sets_kodi_at_once_and_reaches_simkl_once(world):
    movie = world.kodi_ids[ARRIVAL]
    world.act("rate", "movie", movie, rating=8)
    assert world.kodi.library.get("movie", movie)["userrating"] == 8
    world.flush()
    assert world.posts() == ["/sync/ratings"]
    assert world.user.rating(ARRIVAL) == 8
    world.sync(settings=RatingSettings())  # the next cycle finds nothing new to send
    assert len(world.outbox) == 0
    assert RatingMemory(world.ratings_store.load()).known("movie", movie, world.kodi.library.get("movie", movie)) == 8


def test_rate_an_episode_rates_its_show_and_zero_removes_it(world):
    show = world.show_id(STRANGER)
    world.act("rate", "episode", world.kodi_ids[STRANGER][(1, 2)], rating=6)
    assert world.kodi.library.get("tvshow", show)["userrating"] == 6
    world.flush()
    assert world.user.rating(STRANGER) == 6
    world.act("rate", "tvshow", show, rating=0)
    assert world.kodi.library.get("tvshow", show)["userrating"] == 0
    world.flush()
    assert world.posts() == ["/sync/ratings/remove"]
    assert world.user.rating(STRANGER) is None


def test_add_to_plan_to_watch(world):
    world.user.remove(ARRIVAL)
    world.act("plantowatch", "movie", world.kodi_ids[ARRIVAL])
    world.flush()
    assert world.posts() == ["/sync/add-to-list"]
    assert world.user.status(ARRIVAL) == "plantowatch"
    assert world.said[-1][0] == 32357


def test_sync_this_item_now_requests_a_sync(world):
    world.act("sync", "movie", world.kodi_ids[MATRIX])
    assert world.syncs == ["manual"]
    assert world.said[-1] == (32358, {"title": "The Matrix"})


def test_an_item_without_ids_queues_nothing_and_says_so(world):
    home_video = world.kodi.library.add_movie("Holiday 2019", 2019, uniqueid={})
    assert not world.act("watched", "movie", home_video)
    assert not world.act("rate", "movie", home_video, rating=5)
    assert len(world.outbox) == 0
    assert world.said[-1][0] == 32359


@pytest.mark.parametrize("data, expected", [
    ({"action": "rate", "media": "movie", "id": 5, "rating": 8}, ItemAction("rate", "movie", 5, None, 8)),
    ('{"action": "watched", "media": "season", "id": "3", "season": 2}', ItemAction("watched", "season", 3, 2, None)),
    ({"action": "rate", "media": "movie", "id": 5, "rating": 0}, ItemAction("rate", "movie", 5, None, 0)),
    ({"action": "rate", "media": "movie", "id": 5, "rating": 11}, None),
    ({"action": "rate", "media": "movie", "id": 5}, None),
    ({"action": "delete", "media": "movie", "id": 5}, None),
    ({"action": "watched", "media": "song", "id": 5}, None),
    ({"action": "watched", "media": "season", "id": 5}, None),
    ({"action": "watched", "media": "movie", "id": -1}, None),
    ("not json", None),
    (None, None),
])
def test_parse_action(data, expected):
    assert parse_action(data) == expected


def test_action_data_round_trips():
    action = ItemAction("watched", "season", 3, 2, None)
    assert parse_action(action_data(action)) == action
