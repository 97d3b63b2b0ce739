"""Anime scrobbles from the fake Kodi's player, through the real client, to an emulator that behaves like
the live service: TVDB-numbered anime scrobbles are 404, so a view reaches Simkl by its Simkl identity or,
failing that, as a history write with the TVDB flag; a view Simkl cannot find either way is dropped with
its reason in the status dialog. Every case under both empty all-items shapes."""
import os
import threading
import time

import pytest
import xbmc
from simklsync.constants import STATUS_FILE
from simklsync.core.anime_ids import AnimeIndex
from simklsync.core.echo import EchoFilter
from simklsync.core.outbox.queue import Outbox
from simklsync.core.playing.scrobble import NOT_FOUND_EITHER_WAY, SCROBBLE_NOT_FOUND
from simklsync.core.state.mirror import Mirror
from simklsync.core.state.store import JsonStore
from simklsync.core.state.sync_state import SyncState
from simklsync.kodi import settings
from simklsync.kodi.marks import MarkListener
from simklsync.kodi.playback.player import ScrobblePlayer
from simklsync.script import status_text
from simklsync.simkl.client import SimklClient
from simklsync.simkl.outbox_sender import flush

from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

TOKEN = "anime-scrobble-token"
AOT_S3 = 776433
AOT_KODI_IDS = {"tvdb": "267440", "tmdb": "1429"}


def emulator(options):
    emu = SimklEmulator(options)
    emu.catalog.add_anime(AOT_S3, "Attack on Titan Season 3", 2018, mal=35760, anidb=13241, tvdb=267440,
                          tmdb=1429, episodes=12, tvdb_map={ep: (3, ep) for ep in range(1, 13)})
    emu.add_user(token=TOKEN)
    emu.start()
    return emu


@pytest.fixture(params=["null", "{}"], ids=["empty-null", "empty-object"])
def empty_body(request):
    return request.param


class UpdateForwarder(xbmc.Monitor):
    """The service monitor's part that matters here: OnUpdate data to the mark listener."""

    def __init__(self, listener):
        super().__init__()
        self.listener = listener

    def onNotification(self, sender, method, data):  # noqa: N802 - Kodi's name
        if method == "VideoLibrary.OnUpdate":
            self.listener.on_update(data)


class World:
    def __init__(self, kodi, tmp_path, emu):
        self.kodi, self.emu = kodi, emu
        self.client = SimklClient(TEST_CLIENT_ID, "1.0.0", token=TOKEN, base_url=emu.url, wait=lambda s: False,
                                  timeout=(2, 2), max_retries=0)
        self.outbox = Outbox(JsonStore(str(tmp_path / "outbox.json")))
        self.anime = AnimeIndex()
        self.player = ScrobblePlayer(self.outbox, EchoFilter(clock=time.monotonic, ttl=120), settings.Settings,
                                     threading.Semaphore(0).release, poll_seconds=0.01,
                                     anime_index=lambda: self.anime)
        self.monitor = None
        show = kodi.library.add_show("Attack on Titan", 2013, uniqueid=AOT_KODI_IDS)
        self.episodes = {n: kodi.library.add_episode(show, 3, n, runtime=1440) for n in range(1, 13)}

    def listen_for_marks(self):
        """Kodi-side marks from here on reach the outbox (the scrobble tests leave them out: the fake Kodi's
        own playcount bump at the end of a playback is the mark listener's own test's business)."""
        marks = MarkListener(self.outbox, EchoFilter(), lambda: None, anime_index=lambda: self.anime)
        self.monitor = UpdateForwarder(marks)

    def sync_anime(self):
        """What a sync cycle does for anime: the full_anime_seasons pull into the mirror, then the index."""
        mirror = Mirror()
        body = self.client.get_all_items("anime", extended="full_anime_seasons")
        mirror.apply_all_items("anime", body, full=True)
        self.anime = AnimeIndex.from_state(SyncState(mirror=mirror.to_dict()))

    def watch_to_the_end(self, number):
        self.kodi.player.play_library_episode(self.episodes[number])
        assert self.kodi.wait_idle()
        self.flush_all(1)  # the service sends the start while the episode plays
        self.kodi.player.end()
        assert self.kodi.wait_idle()

    def flush_all(self, rounds=4):
        for _ in range(rounds):
            flush(self.outbox, self.client, time.time, lambda seconds: False)

    def posts(self):
        return [(r.path, r.status) for r in self.emu.requests if r.method == "POST"]

    def watched(self):
        return self.emu.user(TOKEN).watched_episodes(AOT_S3)


@pytest.fixture
def world_with(fake_kodi, tmp_path, empty_body):
    made = []

    def build(**options):
        world = World(fake_kodi, tmp_path, emulator(Options(empty_body=empty_body, **options)))
        made.append(world)
        return world

    yield build
    for world in made:
        world.player.close()
        world.emu.stop()


def test_anime_the_mirror_knows_is_scrobbled_by_simkl_id_and_watched_once(world_with):
    world = world_with()
    world.emu.user(TOKEN).watch_episodes(AOT_S3, [(1, n) for n in range(1, 5)], at="2026-05-10T18:00:00Z")
    world.sync_anime()
    world.emu.clear_requests()

    world.watch_to_the_end(5)  # TVDB S03E05: not watched yet, placed by its season's offset
    world.flush_all()

    assert world.posts() == [("/scrobble/start", 201), ("/scrobble/stop", 201)]
    stop = [r for r in world.emu.requests if r.path == "/scrobble/stop"][0]
    assert stop.body["show"]["ids"] == {"simkl": AOT_S3} and stop.body["episode"] == {"season": 1, "number": 5}
    assert set(world.watched()) == {(1, n) for n in range(1, 6)}
    assert _events(world, 5) == ["scrobble"]
    assert len(world.outbox) == 0 and world.outbox.dropped() == []


def test_anime_unknown_to_the_mirror_is_refused_as_a_scrobble_and_lands_as_a_history_write(world_with):
    world = world_with()
    world.sync_anime()  # nothing on Simkl yet: an empty answer, in either shape
    assert len(world.anime) == 0

    world.watch_to_the_end(5)
    world.flush_all()

    assert world.posts() == [("/scrobble/start", 404), ("/scrobble/stop", 404), ("/sync/history", 201)]
    history = [r for r in world.emu.requests if r.path == "/sync/history"][0]
    assert history.body["shows"][0]["use_tvdb_anime_seasons"] is True
    assert history.body["shows"][0]["seasons"] == [{"number": 3, "episodes": [
        {"number": 5, "watched_at": history.body["shows"][0]["seasons"][0]["episodes"][0]["watched_at"]}]}]
    assert set(world.watched()) == {(1, 5)}
    assert _events(world, 5) == ["api"]
    # Only the start is gone (no "watching now" on Simkl); the view itself is not lost.
    assert len(world.outbox) == 0
    assert [(d["action"], d["reason"]) for d in world.outbox.dropped()] == [("start", SCROBBLE_NOT_FOUND)]


def test_where_simkl_honours_the_tvdb_flag_on_scrobbles_no_history_write_is_needed(world_with):
    world = world_with(scrobble_honours_tvdb_flag=True)
    world.sync_anime()
    world.watch_to_the_end(7)
    world.flush_all()
    assert world.posts() == [("/scrobble/start", 201), ("/scrobble/stop", 201)]
    assert set(world.watched()) == {(1, 7)}
    assert _events(world, 7) == ["scrobble"]


def test_a_view_simkl_finds_neither_way_is_dropped_with_its_reason_in_the_status_dialog(world_with, tmp_path):
    world = world_with()
    world.emu.catalog.clear()  # Simkl has no such title at all
    world.watch_to_the_end(9)
    world.flush_all()

    assert world.posts() == [("/scrobble/start", 404), ("/scrobble/stop", 404), ("/sync/history", 201)]
    start, view = world.outbox.dropped()
    assert (start["action"], start["reason"]) == ("start", SCROBBLE_NOT_FOUND)
    assert (view["label"], view["action"], view["reason"]) == ("Attack on Titan S03E09", "add", NOT_FOUND_EITHER_WAY)
    text = _status_dialog(str(tmp_path), world.outbox)
    assert "Attack on Titan S03E09: Simkl found this view neither as a scrobble nor as a history write" in text
    assert "Attack on Titan S03E09: Simkl did not know this playback" in text


def test_a_kodi_mark_of_anime_reaches_simkl_once_in_kodis_numbering_with_the_flag(world_with):
    world = world_with()
    world.emu.user(TOKEN).watch_episodes(AOT_S3, [(1, n) for n in range(1, 5)], at="2026-05-10T18:00:00Z")
    world.sync_anime()
    world.emu.clear_requests()
    world.listen_for_marks()

    world.kodi.library.user_marks_watched("episode", world.episodes[6])
    assert world.kodi.wait_idle()
    world.flush_all()

    assert world.posts() == [("/sync/history", 201)]
    show = world.emu.requests[0].body["shows"][0]
    assert show["use_tvdb_anime_seasons"] is True and show["ids"] == {"tvdb": 267440, "tmdb": 1429}
    assert _events(world, 6) == ["api"]
    assert len(world.outbox) == 0 and world.outbox.dropped() == []


def test_a_kodi_unmark_of_a_mapped_anime_episode_goes_by_simkl_id(world_with):
    world = world_with()
    world.emu.user(TOKEN).watch_episodes(AOT_S3, [(1, n) for n in range(1, 5)], at="2026-05-10T18:00:00Z")
    world.sync_anime()
    world.kodi.library.set_details("episode", world.episodes[3], {"playcount": 1})
    assert world.kodi.wait_idle()
    world.emu.clear_requests()
    world.listen_for_marks()

    world.kodi.library.user_marks_unwatched("episode", world.episodes[3])
    assert world.kodi.wait_idle()
    world.flush_all()

    assert world.posts() == [("/sync/history/remove", 201)]
    assert world.emu.requests[0].body == {"shows": [{"title": "Attack on Titan Season 3", "year": 2018,
                                                     "ids": {"simkl": AOT_S3},
                                                     "seasons": [{"number": 1, "episodes": [{"number": 3}]}]}]}
    assert set(world.watched()) == {(1, 1), (1, 2), (1, 4)}


def _events(world, number):
    """The sources of the recorded watches of Simkl's episode (1, number) of the anime."""
    return [e["source"] for e in world.emu.user(TOKEN).history_events()
            if (e["simkl"], e.get("season"), e.get("episode")) == (AOT_S3, 1, number)]


def _status_dialog(profile, outbox):
    """The status dialog's text for an outbox, written the way the service writes its status file."""
    dropped = [{"item": d["label"], "reason": d["reason"], "at": d["at"]} for d in outbox.dropped()]
    JsonStore(os.path.join(profile, STATUS_FILE), schema=1).save({"outbox": dict(outbox.summary(),
                                                                                 dropped=dropped)})
    return status_text.render(profile, "tester")
