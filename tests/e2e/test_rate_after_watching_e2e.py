"""Issue 16's rate-after-watching dialog in a real Kodi 20 playing real short videos: a movie watched to the end
asks for a rating (default setting: movies), the rating lands in Kodi and on the emulator; one stopped halfway
asks nothing."""
import pytest
from scrobble_helpers import (
    TOKEN,
    kodi_movie_ids,
    movie_spec,
    rig_options,
    start_emulator,
    wait_for_request,
    wait_for_startup_sync,
    wait_until_watched,
)

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

WATCHED = movie_spec(demo.MOVIE_INCEPTION, video_seconds=30)
HALF_WATCHED = movie_spec(demo.MOVIE_MATRIX, video_seconds=40)
SELECT_DIALOG = 12000
PLAYER_TIMEOUT = 60
SEND_TIMEOUT = 120


@pytest.fixture(scope="module")
def simkl():
    emu = start_emulator((demo.MOVIE_INCEPTION, demo.MOVIE_MATRIX))
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    return rig_options(simkl, [WATCHED, HALF_WATCHED])


@pytest.fixture(scope="module")
def library(kodi):
    wait_for_startup_sync(kodi)
    return kodi_movie_ids(kodi)


def labels(kodi, *names):
    return kodi.rpc("XBMC.GetInfoLabels", {"labels": list(names)})


def userrating(kodi, movieid):
    details = kodi.rpc("VideoLibrary.GetMovieDetails", {"movieid": movieid, "properties": ["userrating"]})
    return details["moviedetails"]["userrating"]


def test_a_movie_watched_to_the_end_asks_for_a_rating_that_reaches_kodi_and_simkl(kodi, simkl, library):
    movieid = library[WATCHED.title]
    kodi.play_movie(movieid, timeout=PLAYER_TIMEOUT)
    wait_for_request(simkl, "/scrobble/start", WATCHED.uniqueids["imdb"], status=201)
    kodi.seek(WATCHED.video_seconds - 2)
    wait_until_watched(simkl, demo.MOVIE_INCEPTION)
    wait_until(lambda: kodi.current_window_id() == SELECT_DIALOG, 60, message="the rating dialog")
    assert "Inception" in labels(kodi, "Control.GetLabel(1)")["Control.GetLabel(1)"]
    for _ in range(12):
        if labels(kodi, "System.CurrentControl")["System.CurrentControl"] == "9 / 10":
            break
        kodi.rpc("Input.Down")
    kodi.rpc("Input.Select")
    wait_until(lambda: simkl.user(TOKEN).rating(demo.MOVIE_INCEPTION) == 9, SEND_TIMEOUT,
               message="the rating on Simkl")
    assert userrating(kodi, movieid) == 9


def test_a_movie_stopped_halfway_asks_nothing(kodi, simkl, library):
    mark = kodi.log_mark()
    kodi.play_movie(library[HALF_WATCHED.title], timeout=PLAYER_TIMEOUT)
    wait_for_request(simkl, "/scrobble/start", HALF_WATCHED.uniqueids["imdb"], status=201)
    kodi.seek(HALF_WATCHED.video_seconds / 2)
    wait_until(lambda: kodi.player_time() >= HALF_WATCHED.video_seconds / 2 + 2, PLAYER_TIMEOUT, message="play on")
    kodi.player_stop()
    kodi.wait_for_log(r"rating_dialog: no rating asked after The Matrix", 60, since=mark)
    assert kodi.current_window_id() != SELECT_DIALOG
