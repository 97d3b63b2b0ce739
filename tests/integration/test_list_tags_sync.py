"""Simkl's lists as Kodi tags through a whole sync cycle: the emulator's demo account, the fake Kodi library."""
import pytest
import xbmc
from simklsync.core.echo import EchoFilter
from simklsync.core.list_tags import LISTS, TagSettings
from simklsync.core.outbox.queue import Outbox
from simklsync.core.state.store import JsonStore
from simklsync.kodi import settings
from simklsync.kodi.marks import MarkListener
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import SimklEmulator, demo

NAMES = {"plantowatch": "Simkl: Plan to watch", "watching": "Simkl: Watching", "hold": "Simkl: On hold",
         "dropped": "Simkl: Dropped", "completed": "Simkl: Completed"}
ARRIVAL, MATRIX = demo.MOVIE_ARRIVAL, demo.MOVIE_MATRIX
STRANGER_THINGS = demo.SHOW_STRANGER_THINGS


def tag_settings(enabled=LISTS, names=None):
    return Settings(list_tags=TagSettings(names or NAMES, enabled))


class UpdateForwarder(xbmc.Monitor):
    def __init__(self, listener):
        super().__init__()
        self.listener = listener

    def onNotification(self, sender, method, data):  # noqa: N802 - Kodi's name
        if method == "VideoLibrary.OnUpdate":
            self.listener.on_update(data)


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator() as emu:
        emu.start()
        yield SyncWorld(emu, fake_kodi, tmp_path)


def show_tags(world, simkl):
    library = world.kodi.library
    tvshowid = next(
        tvshowid for tvshowid, show in library.items["tvshow"].items()
        if show["uniqueid"].get("tvdb") == next(t for t in demo.TITLES if t["simkl"] == simkl)["ids"]["tvdb"])
    return library.snapshot("tvshow", tvshowid)["tag"]


def tag_writes(result):
    return [(method, params) for method, params in result.kodi_writes if "tag" in params]


def test_first_sync_tags_every_listed_title_and_leaves_the_users_tags(world):
    arrival_id = world.kodi_ids[ARRIVAL]
    world.kodi.library.get("movie", arrival_id)["tag"] = ["Sci-fi night"]

    result = world.sync("login", tag_settings())

    assert result.completed
    assert world.movie(ARRIVAL)["tag"] == ["Sci-fi night", NAMES["plantowatch"]]
    for simkl in demo.WATCHED_MOVIES:
        assert world.movie(simkl)["tag"] == [NAMES["completed"]]
    assert show_tags(world, STRANGER_THINGS) == [NAMES[world.user.status(STRANGER_THINGS)]]
    assert result.tags_written == len(demo.WATCHED_MOVIES) + 1 + 2  # four movies, two shows
    assert world.requests()[0] == ("GET", "/sync/activities")  # the same cycle: no extra request for tags


def test_tag_writes_cause_no_library_notification_and_no_mark(world, tmp_path):
    world.sync("login", Settings())  # the watched state first, so the tag cycle below writes only tags
    assert world.kodi.wait_idle()
    outbox = Outbox(JsonStore(str(tmp_path / "outbox.json")))
    listener = MarkListener(outbox, EchoFilter(), lambda: None)  # no echo expectations: any OnUpdate is a mark
    forwarder = UpdateForwarder(listener)
    before = len(world.kodi.notifications)

    result = world.sync("timer", tag_settings())

    assert tag_writes(result) and len(tag_writes(result)) == len(result.kodi_writes)
    assert world.kodi.wait_idle()
    assert [n for n in world.kodi.notifications[before:] if n[1] == "VideoLibrary.OnUpdate"] == []
    assert len(outbox) == 0
    assert forwarder.listener is listener


def test_an_idle_cycle_writes_no_tag_and_asks_one_request(world):
    world.sync("login", tag_settings())
    world.emu.clock.advance(120)

    result = world.sync("timer", tag_settings())

    assert world.requests() == [("GET", "/sync/activities")]
    assert result.kodi_writes == []


def test_a_list_move_on_simkl_moves_the_tag_in_the_delta(world):
    world.sync("login", tag_settings())
    world.emu.clock.advance(120)
    world.user.set_status(ARRIVAL, "dropped")

    result = world.sync("timer", tag_settings())

    assert tag_writes(result) == [("VideoLibrary.SetMovieDetails",
                                   {"movieid": world.kodi_ids[ARRIVAL], "tag": [NAMES["dropped"]]})]


def test_a_title_removed_on_simkl_loses_its_tag(world):
    world.kodi.library.get("movie", world.kodi_ids[ARRIVAL])["tag"] = ["Mine"]
    world.sync("login", tag_settings())
    world.emu.clock.advance(120)
    assert world.user.remove(ARRIVAL)

    result = world.sync("timer", tag_settings())

    assert world.movie(ARRIVAL)["tag"] == ["Mine"]
    assert len(tag_writes(result)) == 1


def test_switching_a_list_off_removes_its_tags_on_the_next_cycle_without_a_simkl_change(world):
    world.sync("login", tag_settings())
    world.emu.clock.advance(120)

    result = world.sync("timer", tag_settings(enabled=("plantowatch", "watching", "hold", "dropped")))

    for simkl in demo.WATCHED_MOVIES:
        assert world.movie(simkl)["tag"] == []
    assert world.movie(ARRIVAL)["tag"] == [NAMES["plantowatch"]]
    assert len(tag_writes(result)) == len(demo.WATCHED_MOVIES)
    assert [path for _, path in world.requests() if path.startswith("/sync/all-items")] == []


def test_a_new_language_renames_our_tags(world):
    world.sync("login", tag_settings())
    world.emu.clock.advance(120)
    german = dict(NAMES, plantowatch="Simkl: Geplant", completed="Simkl: Abgeschlossen")

    world.sync("timer", tag_settings(names=german))

    assert world.movie(ARRIVAL)["tag"] == ["Simkl: Geplant"]
    assert world.movie(MATRIX)["tag"] == ["Simkl: Abgeschlossen"]
    assert sorted(world.state_store.load().list_tags["names"]) == sorted(german.values())


def test_without_tag_settings_the_cycle_reads_no_tags(world):
    result = world.sync("login", Settings())

    assert tag_writes(result) == []
    reads = [params for method, params in world.kodi.rpc.calls if method == "VideoLibrary.GetMovies"]
    assert reads and all("tag" not in params["properties"] for params in reads)


def test_the_settings_give_every_list_on_by_default_with_names_from_strings_po(fake_kodi):
    tags = settings.SyncSettings().list_tags
    assert tags.enabled == frozenset(LISTS)
    assert tags.names == NAMES

    fake_kodi.change_setting("list_tag_completed", False)
    fake_kodi.change_setting("sync_movies", False)
    tags = settings.SyncSettings().list_tags
    assert tags.enabled == frozenset(LISTS) - {"completed"}
    assert not tags.movies and tags.shows


def test_a_first_sync_puts_a_watched_movies_tag_into_its_watched_write(world):
    result = world.sync("login", tag_settings())

    matrix = [params for method, params in result.kodi_writes
              if method == "VideoLibrary.SetMovieDetails" and params["movieid"] == world.kodi_ids[MATRIX]]
    assert len(matrix) == 1 and matrix[0]["playcount"] == 1 and matrix[0]["tag"] == [NAMES["completed"]]
    assert result.tags_written == 6 and result.tags_failed == 0


def test_a_first_sync_with_tags_merged_into_watched_writes_sends_no_mark_back(world, tmp_path):
    outbox = Outbox(JsonStore(str(tmp_path / "outbox.json")))
    forwarder = UpdateForwarder(MarkListener(outbox, world.echo, lambda: None))  # the engine's own echo filter

    result = world.sync("login", tag_settings())

    assert world.kodi.wait_idle()
    merged = [params for method, params in result.kodi_writes if "tag" in params and "playcount" in params]
    assert merged and [n for n in world.kodi.notifications if n[1] == "VideoLibrary.OnUpdate"]
    assert len(outbox) == 0
    # Every expectation was consumed but those of resume-only writes (Kodi announces no OnUpdate for them).
    resume_only = [params for _, params in result.kodi_writes if set(params) & {"resume"} and "playcount" not in params]
    assert world.echo.pending() == len(resume_only)
    assert forwarder.listener is not None
