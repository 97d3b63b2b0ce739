"""Plugin playback identified by the ids other add-ons hand over (script.trakt.ids / script.simkl.ids), through
the ScrobblePlayer on the scripted fake player."""
import json

import pytest
import xbmcgui
from simklsync.core.playing import scrobble as reasons
from simklsync.core.playing.plugin_ids import SIMKL_PROPERTY, TRAKT_PROPERTY
from test_scrobble_player import Rig, add_matrix

STREAM = "https://cdn.example/v/abc.m3u8"
PLUGIN = "plugin://plugin.video.streamer/play/603"
HOME = xbmcgui.Window(10000)


@pytest.fixture
def rig(fake_kodi, tmp_path):
    rig = Rig(fake_kodi, tmp_path)
    yield rig
    rig.player.close()


def hand_over(name, **value):
    HOME.setProperty(name, json.dumps(value))


def play_plugin_movie(kodi, file=PLUGIN, title="Streamed", **extra):
    kodi.player.play(file=file, mediatype="movie", duration=6000, title=title, **extra)
    kodi.wait_idle()


def bodies(rig):
    rig.sent()
    return [body for _, body in rig.simkl.calls]


def test_plugin_movie_with_trakt_ids_is_scrobbled_with_them(rig):
    hand_over(TRAKT_PROPERTY, tmdb=603, imdb="tt0133093", trakt=481, slug="the-matrix-1999")
    play_plugin_movie(rig.kodi, title="The Matrix", year=1999)
    rig.sent()
    rig.kodi.player.stop()
    sent = bodies(rig)
    assert [body["movie"]["ids"] for body in sent] == [{"tmdb": 603, "imdb": "tt0133093"}] * 2
    assert sent[0]["movie"]["title"] == "The Matrix"


def test_a_resolved_stream_named_by_ids_is_not_an_anonymous_stream(rig):
    hand_over(TRAKT_PROPERTY, imdb="tt0133093")
    play_plugin_movie(rig.kodi, file=STREAM)
    rig.sent()
    rig.kodi.player.stop()
    assert [body["movie"]["ids"] for body in bodies(rig)] == [{"imdb": "tt0133093"}] * 2


def test_a_plugin_item_without_ids_is_not_scrobbled_even_with_a_library_movie_focused(rig):
    add_matrix(rig.kodi)
    # The focused list item is the library movie (what the trailer bug of another add-on took).
    rig.kodi.info_labels.update({"ListItem.DBID": "1", "ListItem.IMDBNumber": "tt0133093",
                                 "ListItem.DBTYPE": "movie", "ListItem.Title": "The Matrix"})
    play_plugin_movie(rig.kodi, title="The Matrix (Trailer)")
    rig.kodi.player.stop()
    assert bodies(rig) == []
    assert rig.player.last_skip == ("The Matrix (Trailer)", reasons.PLUGIN_WITHOUT_IDS)


def test_a_trailer_with_its_movies_tag_is_not_scrobbled_as_the_movie(rig):
    trailer = "plugin://plugin.video.youtube/play/?video_id=m8e-FF8MsqU"
    # Kodi plays a library movie's trailer with a copy of the movie's tag: its ids, no database id.
    rig.kodi.player.play(file=trailer, mediatype="movie", duration=150, title="The Matrix (Trailer)",
                         uniqueids={"imdb": "tt0133093", "tmdb": "603"}, trailer=trailer)
    rig.kodi.player.stop()
    assert bodies(rig) == []


def test_ids_left_over_from_the_previous_playback_are_not_taken(rig):
    hand_over(TRAKT_PROPERTY, tmdb=603)
    play_plugin_movie(rig.kodi, title="The Matrix")
    rig.sent()
    rig.kodi.player.stop()
    # The streaming add-on did not clear its property; then a trailer plays from another plugin.
    play_plugin_movie(rig.kodi, file="plugin://plugin.video.youtube/play/?video_id=x", title="Trailer")
    rig.kodi.player.stop()
    assert [body["movie"]["title"] for body in bodies(rig)] == ["The Matrix", "The Matrix"]
    assert rig.player.last_skip == ("Trailer", reasons.PLUGIN_WITHOUT_IDS)


def test_ids_set_before_the_service_started_are_stale(fake_kodi, tmp_path):
    hand_over(TRAKT_PROPERTY, tmdb=603)
    rig = Rig(fake_kodi, tmp_path)
    try:
        play_plugin_movie(fake_kodi)
        fake_kodi.player.stop()
        assert bodies(rig) == []
    finally:
        rig.player.close()


def test_our_property_is_read_once_and_cleared(rig):
    hand_over(SIMKL_PROPERTY, type="movie", simkl=53992, imdb="tt0133093", title="The Matrix", year=1999)
    play_plugin_movie(rig.kodi, title="matrix.mkv")
    assert HOME.getProperty(SIMKL_PROPERTY) == ""
    rig.kodi.player.stop()
    sent = bodies(rig)
    assert sent[0]["movie"] == {"title": "The Matrix", "year": 1999, "ids": {"simkl": 53992, "imdb": "tt0133093"}}


def test_our_property_names_an_episode_of_an_anime_with_its_numbers(rig):
    hand_over(SIMKL_PROPERTY, type="episode", simkl=39687, mal=16498, anidb=9541, season=1, episode=13,
              title="Attack on Titan")
    rig.kodi.player.play(file=PLUGIN, mediatype="video", duration=1440, title="Episode 13")
    rig.kodi.player.stop()
    body = bodies(rig)[0]
    assert body["show"] == {"title": "Attack on Titan", "ids": {"simkl": 39687, "mal": 16498, "anidb": 9541}}
    assert body["episode"] == {"season": 1, "number": 13}


def test_trakt_ids_of_a_show_with_the_episode_numbers_of_the_playing_tag(rig):
    hand_over(TRAKT_PROPERTY, tmdb=1399, tvdb=121361, imdb="tt0944947")
    rig.kodi.player.play(file=PLUGIN, mediatype="episode", duration=3300, title="Winter Is Coming",
                         showtitle="Game of Thrones", season=1, episode=1)
    rig.kodi.player.stop()
    body = bodies(rig)[0]
    assert body["show"]["ids"] == {"tmdb": 1399, "tvdb": 121361, "imdb": "tt0944947"}
    assert body["show"]["title"] == "Game of Thrones"
    assert body["episode"] == {"season": 1, "number": 1}


def test_ids_for_the_plugin_url_match_an_item_playing_under_its_resolved_url(rig):
    hand_over(SIMKL_PROPERTY, simkl=53992, path=PLUGIN)
    rig.kodi.info_labels["Player.Filenameandpath"] = PLUGIN  # Kodi keeps the plugin URL only there
    play_plugin_movie(rig.kodi, file=STREAM)
    rig.sent()
    rig.kodi.player.stop()
    assert [body["movie"]["ids"] for body in bodies(rig)] == [{"simkl": 53992}] * 2


def test_ids_for_another_path_are_not_taken(rig):
    hand_over(SIMKL_PROPERTY, simkl=53992, path="plugin://plugin.video.streamer/play/1")
    play_plugin_movie(rig.kodi)
    rig.kodi.player.stop()
    assert bodies(rig) == []


def test_a_library_movie_keeps_its_own_ids_while_a_property_is_set(rig):
    hand_over(TRAKT_PROPERTY, tmdb=550)
    movieid = add_matrix(rig.kodi)
    rig.kodi.player.play_library_movie(movieid)
    rig.sent()
    rig.kodi.player.stop()
    # ... and the value it saw is stale for the plugin playback after it.
    play_plugin_movie(rig.kodi)
    rig.kodi.player.stop()
    assert [body["movie"]["ids"] for body in bodies(rig)] == [{"imdb": "tt0133093", "tmdb": 603}] * 2


def test_a_broken_property_leaves_the_item_unscrobbled_and_the_player_running(rig):
    HOME.setProperty(TRAKT_PROPERTY, "{'tmdb': 603}")
    play_plugin_movie(rig.kodi)
    rig.kodi.player.stop()
    assert bodies(rig) == []
    assert rig.player.last_skip[1] == reasons.PLUGIN_WITHOUT_IDS
