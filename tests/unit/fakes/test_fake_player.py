"""The scripted player: xbmc.Player callbacks, getters, and Kodi's own save on stop (watched or resume)."""
from datetime import datetime

import pytest
import xbmc


class PlayerLog(xbmc.Player):
    def __init__(self):
        super().__init__()
        self.events = []

    def onPlayBackStarted(self):
        self.events.append("started")

    def onAVStarted(self):
        self.events.append(("av_started", self.getVideoInfoTag().getDbId(), self.getTotalTime()))

    def onPlayBackPaused(self):
        self.events.append("paused")

    def onPlayBackResumed(self):
        self.events.append("resumed")

    def onPlayBackSeek(self, time, seekOffset):
        self.events.append(("seek", time, seekOffset))

    def onPlayBackStopped(self):
        self.events.append("stopped")

    def onPlayBackEnded(self):
        self.events.append("ended")


def _heat(kodi):
    kodi.clock = lambda: datetime(2026, 3, 4, 22, 0, 0)
    return kodi.library.add_movie("Heat", 1995, {"imdb": "tt0113277", "tmdb": "949"}, runtime=10000)


def test_callbacks_follow_the_scripted_playback_in_order(fake_kodi):
    player = PlayerLog()
    movieid = _heat(fake_kodi)
    fake_kodi.player.play_library_movie(movieid)
    fake_kodi.player.pause()
    fake_kodi.player.resume()
    fake_kodi.player.seek(600)
    fake_kodi.player.stop()
    assert fake_kodi.wait_idle()
    assert player.events[0] == "started"
    assert player.events[2:] == ["paused", "resumed", ("seek", 600000, 600000), "stopped"]


def test_info_tag_describes_the_playing_library_episode(fake_kodi):
    show = fake_kodi.library.add_show("Lost", 2004, {"tvdb": "73739"})
    episodeid = fake_kodi.library.add_episode(show, 2, 5, title="...And Found", runtime=2600,
                                              uniqueid={"tvdb": "308894"})
    fake_kodi.player.play_library_episode(episodeid)
    tag = xbmc.Player().getVideoInfoTag()
    assert (tag.getDbId(), tag.getMediaType(), tag.getTVShowTitle()) == (episodeid, "episode", "Lost")
    assert (tag.getSeason(), tag.getEpisode(), tag.getDuration()) == (2, 5, 2600)
    assert tag.getUniqueID("tvdb") == "308894"
    assert tag.getUniqueID("imdb") == ""
    assert tag.getFilenameAndPath().endswith("S02E05.mkv")


def test_a_non_library_file_has_dbid_minus_one_and_its_given_ids(fake_kodi):
    fake_kodi.player.play(file="http://example.invalid/stream.mp4", mediatype="movie", duration=90,
                          uniqueids={"imdb": "tt0000001"}, title="Stream", year=2001)
    player = xbmc.Player()
    tag = player.getVideoInfoTag()
    assert (tag.getDbId(), tag.getIMDBNumber(), tag.getYear()) == (-1, "tt0000001", 2001)
    assert player.getPlayingFile() == "http://example.invalid/stream.mp4"
    assert player.isPlayingVideo() is True


def test_getters_raise_when_nothing_plays(fake_kodi):
    player = xbmc.Player()
    assert player.isPlaying() is False
    for getter in (player.getTime, player.getTotalTime, player.getPlayingFile, player.getVideoInfoTag):
        with pytest.raises(RuntimeError):
            getter()


def test_advance_moves_the_position_only_while_not_paused(fake_kodi):
    fake_kodi.player.play(file="/tmp/a.mkv", duration=100)
    fake_kodi.player.advance(30)
    fake_kodi.player.pause()
    fake_kodi.player.advance(30)
    assert xbmc.Player().getTime() == 30.0
    fake_kodi.player.resume()
    fake_kodi.player.advance(500)
    assert xbmc.Player().getTime() == 100.0


def test_stop_at_90_percent_marks_the_library_item_watched(fake_kodi):
    movieid = _heat(fake_kodi)
    fake_kodi.player.play_library_movie(movieid)
    fake_kodi.player.advance(9000)
    fake_kodi.player.stop()
    stored = fake_kodi.library.snapshot("movie", movieid)
    assert (stored["playcount"], stored["lastplayed"]) == (1, "2026-03-04 22:00:00")
    assert stored["resume"]["position"] == 0.0
    updates = [data for _, method, data in fake_kodi.notifications if method == "VideoLibrary.OnUpdate"]
    assert updates == [{"item": {"id": movieid, "type": "movie"}, "playcount": 1}]


def test_stop_midway_saves_a_resume_point_without_onupdate(fake_kodi):
    movieid = _heat(fake_kodi)
    fake_kodi.player.play_library_movie(movieid)
    fake_kodi.player.advance(4000)
    fake_kodi.player.stop()
    stored = fake_kodi.library.snapshot("movie", movieid)
    assert stored["resume"] == {"position": 4000.0, "total": 10000.0}
    assert stored["playcount"] == 0
    methods = [method for _, method, _ in fake_kodi.notifications]
    assert "VideoLibrary.OnUpdate" not in methods
    assert methods[-1] == "Player.OnStop"
    assert fake_kodi.notifications[-1][2] == {"item": {"id": movieid, "type": "movie"}, "end": False}


def test_end_reaches_the_end_fires_ended_and_marks_watched(fake_kodi):
    player = PlayerLog()
    movieid = _heat(fake_kodi)
    fake_kodi.player.play_library_movie(movieid)
    fake_kodi.player.end()
    assert fake_kodi.wait_idle()
    assert player.events[-1] == "ended"
    assert fake_kodi.library.snapshot("movie", movieid)["playcount"] == 1
    assert fake_kodi.notifications[-1][2]["end"] is True


def test_playing_a_second_item_stops_the_first(fake_kodi):
    player = PlayerLog()
    fake_kodi.player.play(file="/tmp/a.mkv", duration=100)
    fake_kodi.player.play(file="/tmp/b.mkv", duration=100)
    assert fake_kodi.wait_idle()
    assert [event for event in player.events if isinstance(event, str)] == ["started", "stopped", "started"]
    assert player.getPlayingFile() == "/tmp/b.mkv"
