"""Plugin playback with ids and resume across devices, in a real Kodi 20 against the Simkl emulator.

A tiny test plugin (tests/support/kodi_rig/play_plugin.py) plays a local video as a streaming add-on would,
optionally handing over `script.trakt.ids` just before it resolves."""

import pytest
from scrobble_helpers import (
    TOKEN,
    movie_spec,
    requests_about,
    rig_options,
    start_emulator,
    wait_for_request,
    wait_for_startup_sync,
)

from tests.support.kodi_rig import wait_until
from tests.support.kodi_rig.library import MediaMaker
from tests.support.kodi_rig.play_plugin import PLUGIN_ID, install_play_plugin, plugin_url
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

FOCUSED = movie_spec(demo.MOVIE_MATRIX, video_seconds=30)
PAUSED_ELSEWHERE = movie_spec(demo.MOVIE_INCEPTION, video_seconds=120)
MATRIX_IMDB = FOCUSED.uniqueids["imdb"]
PLAYER_TIMEOUT = 60
LOG_TIMEOUT = 90
YES_NO_DIALOG = 10100
YES_BUTTON = 11


@pytest.fixture(scope="module")
def simkl():
    emu = start_emulator((demo.MOVIE_MATRIX, demo.MOVIE_INCEPTION, demo.SHOW_STRANGER_THINGS))
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    options = rig_options(simkl, [FOCUSED, PAUSED_ELSEWHERE])
    options["extra_addons"] = [(PLUGIN_ID, install_play_plugin)]
    return options


@pytest.fixture(scope="module")
def library(kodi):
    wait_for_startup_sync(kodi)
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title"]})["movies"]
    return {movie["title"]: movie["movieid"] for movie in movies}


@pytest.fixture(scope="module")
def stream(kodi):
    """A local video outside the library: what the plugin 'streams'."""
    path = kodi.home / "plugin-media" / "stream.mkv"
    path.parent.mkdir(parents=True, exist_ok=True)
    MediaMaker(kodi.home / "video-cache", real_videos=True).write(path, 30)
    return path


def _labels(kodi, *names):
    return kodi.rpc("XBMC.GetInfoLabels", {"labels": list(names)})


def _focus_library_movie(kodi, title):
    """Open the movie library and move the focus onto `title` (what the trailer bug read)."""
    kodi.rpc("GUI.ActivateWindow", {"window": "videos", "parameters": ["videodb://movies/titles/"]})
    wait_until(lambda: "videodb://movies/titles" in _labels(kodi, "Container.FolderPath")["Container.FolderPath"],
               30, message="the movie library")
    for _ in range(6):
        if _labels(kodi, "ListItem.Title")["ListItem.Title"] == title:
            break
        kodi.rpc("Input.Down")
        kodi.wait(0.3)
    labels = _labels(kodi, "ListItem.Title", "ListItem.DBID", "ListItem.IMDBNumber")
    assert labels["ListItem.Title"] == title and labels["ListItem.DBID"], labels
    return labels


def _play_plugin(kodi, url):
    kodi.rpc("Player.Open", {"item": {"file": url}})
    wait_until(kodi.video_player_id, PLAYER_TIMEOUT, message="the plugin item to play")


def test_plugin_item_without_ids_is_not_scrobbled_even_with_a_library_movie_focused(kodi, simkl, library, stream):
    focused = _focus_library_movie(kodi, FOCUSED.title)
    since = kodi.log_mark()
    _play_plugin(kodi, plugin_url(stream, "The Matrix (Trailer)"))
    kodi.wait_for_log(r"simklsync\.player: not scrobbling The Matrix \(Trailer\)", LOG_TIMEOUT, since=since)
    kodi.player_stop()

    assert focused["ListItem.IMDBNumber"] == MATRIX_IMDB  # the focused movie's ids were there to be taken
    assert requests_about(simkl, "/scrobble/start", MATRIX_IMDB) == []
    assert requests_about(simkl, "/scrobble/stop", MATRIX_IMDB) == []
    assert kodi.log_errors() == []


def test_plugin_item_with_trakt_ids_scrobbles_with_those_ids(kodi, simkl, library, stream):
    handed = {"tmdb": 603, "imdb": MATRIX_IMDB, "trakt": 481, "slug": "the-matrix-1999"}
    since = kodi.log_mark()
    _play_plugin(kodi, plugin_url(stream, "The Matrix", trakt_ids=handed))
    start = wait_for_request(simkl, "/scrobble/start", MATRIX_IMDB, status=201)[0]
    kodi.player_stop()
    stop = wait_for_request(simkl, "/scrobble/stop", MATRIX_IMDB)[0]

    for request in (start, stop):
        assert request.body["movie"]["ids"] == {"tmdb": 603, "imdb": MATRIX_IMDB}
    assert "identified by script.trakt.ids" in kodi.log.text(since)
    assert kodi.log_errors() == []


def test_plugin_episode_with_our_ids_for_its_url_scrobbles_as_that_episode(kodi, simkl, library, stream):
    ours = {"type": "episode", "simkl": demo.SHOW_STRANGER_THINGS, "season": 1, "episode": 2,
            "title": "Stranger Things"}
    since = kodi.log_mark()
    _play_plugin(kodi, plugin_url(stream, "Chapter Two", mediatype="episode", simkl_ids=ours))
    start = wait_until(lambda: _scrobbles_of_show(simkl, "/scrobble/start", demo.SHOW_STRANGER_THINGS), LOG_TIMEOUT,
                       message="the episode's scrobble start")[0]
    kodi.player_stop()

    assert start.body["show"]["ids"] == {"simkl": demo.SHOW_STRANGER_THINGS}
    assert start.body["episode"] == {"season": 1, "number": 2}
    assert "identified by script.simkl.ids" in kodi.log.text(since)
    assert _labels(kodi, "Window(Home).Property(script.simkl.ids)")["Window(Home).Property(script.simkl.ids)"] == ""
    assert kodi.log_errors() == []


def _scrobbles_of_show(simkl, path, simkl_id):
    return [record for record in simkl.requests if record.path == path and isinstance(record.body, dict)
            and (record.body.get("show") or {}).get("ids", {}).get("simkl") == simkl_id]


def test_a_position_paused_on_another_device_is_offered_and_the_player_lands_there(kodi, simkl, library):
    simkl.user(TOKEN).pause(demo.MOVIE_INCEPTION, 50.0)  # the phone, after Kodi's last sync
    since = kodi.log_mark()
    playback_reads = _playback_reads(simkl)
    kodi.play_movie(library[PAUSED_ELSEWHERE.title], timeout=PLAYER_TIMEOUT)
    wait_until(lambda: kodi.current_window_id() == YES_NO_DIALOG, LOG_TIMEOUT, message="the resume offer")
    dialog = _labels(kodi, "Control.GetLabel(1)", "Control.GetLabel(9)")
    _press_yes(kodi)
    wait_until(lambda: kodi.player_time() >= 55, PLAYER_TIMEOUT, message="the player at Simkl's position")
    landed = kodi.player_time()
    kodi.player_stop()

    assert "paused at 60 s (Kodi: 0 s)" in kodi.log.text(since)
    assert 55 <= landed <= 75
    assert "at 1:00" in dialog["Control.GetLabel(9)"] and "resume point: none" in dialog["Control.GetLabel(9)"], dialog
    assert _playback_reads(simkl) == playback_reads + 1  # activities said playback moved: asked once
    assert kodi.log_errors() == []


def _playback_reads(simkl):
    return len([record for record in simkl.requests if record.path == "/sync/playback"])


def _press_yes(kodi):
    """Move the focus onto the dialog's yes button (it opens on "no") and press it."""
    for step in ("Input.Left", "Input.Left", "Input.Right", "Input.Right", "Input.Right"):
        if _labels(kodi, "System.CurrentControlId")["System.CurrentControlId"] == str(YES_BUTTON):
            break
        kodi.rpc(step)
        kodi.wait(0.3)
    assert _labels(kodi, "System.CurrentControlId")["System.CurrentControlId"] == str(YES_BUTTON)
    kodi.rpc("Input.Select")
