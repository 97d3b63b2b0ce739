"""ScrobblePlayer driven by the scripted fake player; the outbox is flushed through a recording client."""
import threading
import time

import pytest
import xbmcgui
from simklsync.constants import EXCLUDE_PROPERTY
from simklsync.core.echo import EchoFilter
from simklsync.core.outbox.queue import Outbox
from simklsync.core.playing import scrobble as reasons
from simklsync.core.reasons import with_detail
from simklsync.core.state.store import JsonStore
from simklsync.kodi import settings
from simklsync.kodi.playback.player import ScrobblePlayer
from simklsync.simkl.outbox_sender import flush

MATRIX_IDS = {"imdb": "tt0133093", "tmdb": "603"}


class RecordingSimkl:
    """Accepts every write like Simkl does and records it."""

    def __init__(self):
        self.calls = []

    def scrobble(self, action, body):
        self.calls.append((action, body))
        return {"action": action}

    def add_history(self, body):
        self.calls.append(("history", body))
        return {"added": {}, "not_found": {}}

    def remove_history(self, body):
        self.calls.append(("history/remove", body))
        return {"deleted": {}, "not_found": {}}


class Rig:
    def __init__(self, kodi, tmp_path):
        self.kodi = kodi
        self.outbox = Outbox(JsonStore(str(tmp_path / "outbox.json")))
        self.echo = EchoFilter(clock=time.monotonic, ttl=120)
        self.wakes = threading.Semaphore(0)
        self.player = ScrobblePlayer(self.outbox, self.echo, settings.Settings, self.wakes.release, poll_seconds=0.01)
        self.simkl = RecordingSimkl()

    def settle(self):
        assert self.kodi.wait_idle()

    def sent(self):
        """Flush what is queued; the (action, progress) of every scrobble sent so far."""
        self.settle()
        flush(self.outbox, self.simkl, time.time, lambda seconds: False)
        return [(action, body.get("progress")) for action, body in self.simkl.calls]

    def wait_polled(self, predicate, timeout=2.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.01)
        return False


@pytest.fixture
def rig(fake_kodi, tmp_path):
    rig = Rig(fake_kodi, tmp_path)
    yield rig
    rig.player.close()


def add_matrix(kodi, playcount=0, runtime=1000):
    return kodi.library.add_movie("The Matrix", 1999, uniqueid=MATRIX_IDS, runtime=runtime,
                                  playcount=playcount)


def test_start_pause_resume_stop_scrobbles_each_real_event(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    assert rig.sent() == [("start", 0.0)]
    rig.kodi.player.advance(250)
    rig.kodi.player.pause()
    assert rig.sent()[-1] == ("pause", 25.0)
    rig.kodi.player.resume()
    assert rig.sent()[-1] == ("start", 25.0)
    rig.kodi.player.advance(350)
    assert rig.wait_polled(lambda: rig.player.scrobbles.playback.position >= 600)
    rig.kodi.player.stop()
    assert rig.sent() == [("start", 0.0), ("pause", 25.0), ("start", 25.0), ("stop", 60.0)]


def test_movie_is_identified_with_every_library_id(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.sent()
    action, body = rig.simkl.calls[0]
    assert body["movie"] == {"title": "The Matrix", "year": 1999, "ids": {"imdb": "tt0133093", "tmdb": 603}}


def test_episode_is_identified_by_show_ids_season_and_number(rig):
    showid = rig.kodi.library.add_show("Breaking Bad", 2008, uniqueid={"tvdb": "81189", "imdb": "tt0903747"})
    episodeid = rig.kodi.library.add_episode(showid, 1, 3, runtime=2880, uniqueid={"tvdb": "349232"})
    rig.kodi.player.play_library_episode(episodeid)
    rig.settle()
    rig.sent()
    action, body = rig.simkl.calls[0]
    assert body["show"]["ids"] == {"tvdb": 81189, "imdb": "tt0903747"}
    assert body["episode"] == {"season": 1, "number": 3}


def test_seek_sends_nothing_and_the_stop_reports_the_seeked_position(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.sent()
    rig.kodi.player.seek(850)
    assert rig.sent() == [("start", 0.0)]
    rig.kodi.player.stop()
    assert rig.sent()[-1] == ("stop", 85.0)


def test_end_of_file_stops_at_100_percent(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.sent()
    rig.kodi.player.end()
    assert rig.sent() == [("start", 0.0), ("stop", 100.0)]


def test_nothing_is_sent_periodically_while_playing(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.sent()
    for _ in range(5):
        rig.kodi.player.advance(10)
        time.sleep(0.03)
    assert rig.sent() == [("start", 0.0)]


def test_kodi_playcount_bump_after_a_watched_playback_is_an_echo(rig):
    movieid = add_matrix(rig.kodi, playcount=0)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.kodi.player.advance(950)
    assert rig.wait_polled(lambda: rig.echo.pending() == 1)
    rig.kodi.player.stop()
    rig.settle()
    assert rig.kodi.library.get("movie", movieid)["playcount"] == 1
    assert rig.echo.is_echo("movie", movieid, 1)


def test_ended_playback_announces_the_echo_even_without_a_poll(rig):
    movieid = add_matrix(rig.kodi, playcount=2)
    rig.player.poller.seconds = 60.0
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.kodi.player.end()
    rig.settle()
    assert rig.echo.is_echo("movie", movieid, 3)


def test_stop_below_kodi_threshold_announces_no_echo(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.kodi.player.seek(820)
    rig.kodi.player.stop()
    rig.settle()
    assert rig.echo.pending() == 0
    assert rig.sent()[-1] == ("stop", 82.0)


def test_opt_out_property_skips_the_item(rig):
    movieid = add_matrix(rig.kodi)
    xbmcgui.Window(10000).setProperty(EXCLUDE_PROPERTY, "true")
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.kodi.player.stop()
    assert rig.sent() == []
    assert rig.player.last_skip == ("The Matrix", reasons.EXCLUDED_BY_ADDON)


def test_scrobbling_switched_off_sends_nothing(rig):
    rig.kodi.settings["scrobble_enabled"] = False
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.kodi.player.end()
    assert rig.sent() == []


def test_live_tv_and_streams_are_excluded_by_default(rig):
    rig.kodi.player.play(file="pvr://channels/tv/All/1.pvr", mediatype="movie", duration=3600,
                         uniqueids={"imdb": "tt0133093"}, title="News")
    rig.settle()
    rig.kodi.player.stop()
    rig.kodi.player.play(file="https://cdn.example/movie.m3u8", mediatype="movie", duration=3600,
                         uniqueids={"imdb": "tt0133093"}, title="Stream")
    rig.settle()
    rig.kodi.player.stop()
    assert rig.sent() == []
    assert rig.player.last_skip == ("Stream", reasons.STREAMS_EXCLUDED)


def test_plugin_movie_with_ids_is_scrobbled_and_without_ids_is_skipped(rig):
    rig.kodi.player.play(file="plugin://plugin.video.x/play/1", mediatype="movie", duration=6000,
                         uniqueids={"tmdb": "603"}, title="The Matrix", year=1999)
    rig.sent()
    rig.kodi.player.stop()
    rig.kodi.player.play(file="plugin://plugin.video.x/play/2", mediatype="movie", duration=6000,
                         title="Unknown")
    rig.settle()
    rig.kodi.player.stop()
    assert [action for action, _ in rig.sent()] == ["start", "stop"]
    assert rig.simkl.calls[0][1]["movie"]["ids"] == {"tmdb": 603}
    assert rig.player.last_skip == ("Unknown", reasons.PLUGIN_WITHOUT_IDS)


def test_excluded_folder_is_not_scrobbled(rig):
    rig.kodi.settings["exclude_path_1"] = "/media/movies/"
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.kodi.player.stop()
    assert rig.sent() == []


def test_short_items_are_skipped(rig):
    movieid = add_matrix(rig.kodi, runtime=120)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    rig.kodi.player.stop()
    assert rig.sent() == []
    assert rig.player.last_skip[1] == with_detail(reasons.TOO_SHORT, 5)


def test_search_file_fallback_identifies_items_without_ids(fake_kodi, tmp_path):
    fake_kodi.settings["search_file_fallback"] = True
    fake_kodi.settings["exclude_plugin"] = False
    rig = Rig(fake_kodi, tmp_path)
    looked_up = []

    def resolve(path):
        looked_up.append(path)
        return {"type": "movie", "movie": {"title": "The Matrix", "year": 1999, "ids": {"simkl": 53992}}}

    rig.player = ScrobblePlayer(rig.outbox, rig.echo, settings.Settings, rig.wakes.release, poll_seconds=0.01,
                                resolve_file=resolve)
    fake_kodi.player.play(file="/downloads/The.Matrix.1999.mkv", mediatype="video", duration=6000,
                          title="The.Matrix.1999")
    rig.sent()
    fake_kodi.player.stop()
    rig.sent()
    rig.player.close()
    assert looked_up == ["/downloads/The.Matrix.1999.mkv"]
    assert [call[1]["movie"]["ids"] for call in rig.simkl.calls] == [{"simkl": 53992}] * 2


def test_each_queued_scrobble_wakes_the_service(rig):
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.settle()
    assert rig.wakes.acquire(timeout=1)


def test_watched_stop_replaces_the_unsent_start(fake_kodi, tmp_path):
    rig = Rig(fake_kodi, tmp_path)
    movieid = add_matrix(fake_kodi)
    fake_kodi.player.play_library_movie(movieid)
    fake_kodi.wait_idle()
    fake_kodi.player.seek(900)
    fake_kodi.player.stop()
    rig.settle()
    rig.player.close()
    reborn = Outbox(JsonStore(str(tmp_path / "outbox.json")))  # as after a restart
    assert [(e["action"], e["body"]["progress"]) for e in reborn.entries()] == [("stop", 90.0)]
