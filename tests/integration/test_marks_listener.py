"""MarkListener fed by real OnUpdate notifications of the fake Kodi: user marks go out, our echoes do not."""
import json
import threading
import time

import pytest
import xbmc
from simklsync.core.echo import EchoFilter
from simklsync.core.outbox.queue import Outbox
from simklsync.core.plan.planner import Write
from simklsync.core.state.store import JsonStore
from simklsync.kodi import settings
from simklsync.kodi.library import KodiLibrary
from simklsync.kodi.marks import MarkListener
from simklsync.kodi.playback.player import ScrobblePlayer

from tests.support.kodi_rig import wait_until


class UpdateForwarder(xbmc.Monitor):
    """The service monitor's one job that matters here: OnUpdate data to the listener."""

    def __init__(self, listener):
        super().__init__()
        self.listener = listener

    def onNotification(self, sender, method, data):  # noqa: N802 - Kodi's name
        if method == "VideoLibrary.OnUpdate":
            self.listener.on_update(data)


class Rig:
    def __init__(self, kodi, tmp_path):
        self.kodi = kodi
        self.outbox = Outbox(JsonStore(str(tmp_path / "outbox.json")))
        self.echo = EchoFilter(clock=time.monotonic, ttl=120)
        self.wakes = threading.Semaphore(0)
        self.listener = MarkListener(self.outbox, self.echo, self.wakes.release)
        self.monitor = UpdateForwarder(self.listener)

    def queued(self):
        assert self.kodi.wait_idle()
        return [(e["kind"], e["action"], e["body"]) for e in self.outbox.entries()]


@pytest.fixture
def rig(fake_kodi, tmp_path):
    return Rig(fake_kodi, tmp_path)


def add_matrix(kodi, playcount=0, lastplayed=""):
    return kodi.library.add_movie("The Matrix", 1999, uniqueid={"imdb": "tt0133093", "tmdb": "603"},
                                  runtime=1000, playcount=playcount, lastplayed=lastplayed)




def local_to_utc_text(local_text):
    epoch = time.mktime(time.strptime(local_text, "%Y-%m-%d %H:%M:%S"))
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def test_user_mark_watched_queues_a_history_add_dated_by_lastplayed(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.library.user_marks_watched("movie", movieid)
    lastplayed = rig.kodi.library.get("movie", movieid)["lastplayed"]
    [(kind, action, body)] = rig.queued()
    assert (kind, action) == ("history", "add")
    ids = {"imdb": "tt0133093", "tmdb": 603}
    assert body == {"movies": [{"title": "The Matrix", "year": 1999, "ids": ids,
                                "watched_at": local_to_utc_text(lastplayed)}]}
    assert rig.wakes.acquire(timeout=1)


def test_user_mark_unwatched_queues_a_history_remove(rig):
    movieid = add_matrix(rig.kodi, playcount=1, lastplayed="2024-01-01 20:00:00")
    rig.kodi.library.user_marks_unwatched("movie", movieid)
    [(kind, action, body)] = rig.queued()
    assert (kind, action) == ("history", "remove")
    assert body["movies"][0]["ids"] == {"imdb": "tt0133093", "tmdb": 603}
    assert "watched_at" not in body["movies"][0]


def test_mark_then_unmark_before_sending_keeps_the_last_intent(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.library.user_marks_watched("movie", movieid)
    rig.kodi.library.user_marks_unwatched("movie", movieid)
    assert [(kind, action) for kind, action, _ in rig.queued()] == [("history", "remove")]


def test_episode_mark_names_show_ids_season_and_episode(rig):
    showid = rig.kodi.library.add_show("Breaking Bad", 2008, uniqueid={"tvdb": "81189"})
    episodeid = rig.kodi.library.add_episode(showid, 2, 5, runtime=2880)
    rig.kodi.library.user_marks_watched("episode", episodeid)
    [(_, _, body)] = rig.queued()
    show = body["shows"][0]
    assert show["ids"] == {"tvdb": 81189} and show["title"] == "Breaking Bad"
    assert [(s["number"], [e["number"] for e in s["episodes"]]) for s in show["seasons"]] == [(2, [5])]


def test_own_sync_writes_are_not_sent_back(rig):
    movieid = add_matrix(rig.kodi)
    library = KodiLibrary(rig.echo)
    write = Write("movie", movieid, "m:1", {"playcount": 1, "lastplayed": "2024-01-01 20:00:00"})
    applied, failed = library.apply([write], {("movie", movieid): 0})
    assert failed == 0 and rig.kodi.library.get("movie", movieid)["playcount"] == 1
    assert rig.queued() == []


def test_user_mark_right_after_an_own_write_of_another_item_is_still_sent(rig):
    first = add_matrix(rig.kodi)
    second = rig.kodi.library.add_movie("Heat", 1995, uniqueid={"imdb": "tt0113277"})
    KodiLibrary(rig.echo).apply([Write("movie", first, "m:1", {"playcount": 1})], {})
    rig.kodi.library.user_marks_watched("movie", second)
    assert [body["movies"][0]["ids"]["imdb"] for _, _, body in rig.queued()] == ["tt0113277"]


def test_kodi_playcount_bump_after_a_scrobbled_playback_is_not_sent_as_a_mark(rig):
    movieid = add_matrix(rig.kodi)
    player = ScrobblePlayer(rig.outbox, rig.echo, settings.Settings, rig.wakes.release, poll_seconds=0.01)
    try:
        rig.kodi.player.play_library_movie(movieid)
        rig.kodi.wait_idle()
        rig.kodi.player.advance(950)
        assert wait_until(lambda: rig.echo.pending() == 1)
        rig.kodi.player.end()
        rig.kodi.wait_idle()
    finally:
        player.close()
    assert rig.kodi.library.get("movie", movieid)["playcount"] == 1
    assert [(kind, action) for kind, action, _ in rig.queued()] == [("scrobble", "stop")]


def test_seek_into_the_last_tenth_then_stop_is_not_sent_as_a_mark(rig):
    movieid = add_matrix(rig.kodi)
    player = ScrobblePlayer(rig.outbox, rig.echo, settings.Settings, rig.wakes.release, poll_seconds=60.0)
    try:
        rig.kodi.player.play_library_movie(movieid)
        rig.kodi.wait_idle()
        rig.kodi.player.seek(960)
        rig.kodi.player.stop()
        rig.kodi.wait_idle()
    finally:
        player.close()
    assert rig.kodi.library.get("movie", movieid)["playcount"] == 1
    assert [(kind, action) for kind, action, _ in rig.queued()] == [("scrobble", "stop")]


def test_updates_without_playcount_or_for_new_items_are_ignored(rig):
    movieid = add_matrix(rig.kodi)
    item = {"id": movieid, "type": "movie"}
    rig.listener.on_update(json.dumps({"item": item}))
    rig.listener.on_update(json.dumps({"item": item, "added": True, "playcount": 0}))
    rig.listener.on_update("not json")
    assert rig.queued() == []


def test_top_level_item_shape_is_understood(rig):
    movieid = add_matrix(rig.kodi, playcount=1, lastplayed="2024-01-01 20:00:00")
    rig.listener.on_update({"id": movieid, "type": "movie", "playcount": 1})
    [(_, action, body)] = rig.queued()
    assert action == "add" and body["movies"][0]["watched_at"] == local_to_utc_text("2024-01-01 20:00:00")


def test_item_without_ids_is_not_queued(rig):
    movieid = rig.kodi.library.add_movie("Home video", 2020, uniqueid={})
    rig.kodi.library.user_marks_watched("movie", movieid)
    assert rig.queued() == []


def test_listener_switched_off_queues_nothing(fake_kodi, tmp_path):
    rig = Rig(fake_kodi, tmp_path)
    rig.listener._enabled = lambda: False
    movieid = add_matrix(fake_kodi)
    fake_kodi.library.user_marks_watched("movie", movieid)
    assert rig.queued() == []


def test_with_a_hold_an_unwatch_waits_there_and_a_remark_cancels_both(fake_kodi, tmp_path):
    from simklsync.core.outbox.unmark_hold import UnmarkHold

    rig = Rig(fake_kodi, tmp_path)
    hold = UnmarkHold(JsonStore(str(tmp_path / "unmarks.json")))
    rig.monitor.listener = MarkListener(rig.outbox, rig.echo, rig.wakes.release, hold=hold)
    movieid = add_matrix(fake_kodi, playcount=1, lastplayed="2024-01-01 20:00:00")
    fake_kodi.library.user_marks_unwatched("movie", movieid)
    assert rig.queued() == [] and hold.pending() == {f"kodi:movie:{movieid}": False}
    fake_kodi.library.user_marks_watched("movie", movieid)
    assert rig.queued() == [] and hold.pending() == {}
