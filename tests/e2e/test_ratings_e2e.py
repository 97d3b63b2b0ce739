"""Issue 16 in a real Kodi: Simkl's ratings become the user rating of the movies and shows after a sync; a rating
set in Kodi reaches Simkl exactly once. The tests run in file order on one Kodi."""
import pytest
from sync_helpers import (
    SERVICE_STARTED,
    emulator_rig_options,
    log_in_and_wait_for_sync,
    sync_done_pattern,
    wait_for_addon_log,
)

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

SYNC_TIMEOUT = 180
SEND_TIMEOUT = 60


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def logged_in(kodi):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    log_in_and_wait_for_sync(kodi)


def movie_ratings(kodi):
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title", "userrating"]}).get("movies") or []
    return {movie["title"]: movie["userrating"] for movie in movies}


def show_ratings(kodi):
    shows = kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["title", "userrating"]}).get("tvshows") or []
    return {show["title"]: show["userrating"] for show in shows}


def movie_id(kodi, title):
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title"]}).get("movies") or []
    return next(movie["movieid"] for movie in movies if movie["title"] == title)


def run_sync(kodi):
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    wait_for_addon_log(kodi, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark)


def rating_posts(emu):
    return [r for r in emu.requests if r.method == "POST" and r.path.startswith("/sync/ratings")]


def test_the_first_sync_gives_kodi_simkls_ratings(kodi, logged_in):
    assert movie_ratings(kodi) == {"The Matrix": 9, "Inception": 0, "Interstellar": 0, "Arrival": 0}
    assert show_ratings(kodi)["Stranger Things"] == 8


def test_a_rating_set_on_simkl_shows_in_kodi_after_a_sync(kodi, logged_in, user, simkl_emulator):
    simkl_emulator.clock.advance(60)
    user.rate(demo.MOVIE_INCEPTION, 6)
    run_sync(kodi)
    assert movie_ratings(kodi)["Inception"] == 6
    assert type(movie_ratings(kodi)["Inception"]) is int


def test_a_rating_set_in_kodi_reaches_simkl_once(kodi, logged_in, user, simkl_emulator):
    simkl_emulator.clock.advance(60)
    simkl_emulator.clear_requests()
    kodi.rpc("VideoLibrary.SetMovieDetails", {"movieid": movie_id(kodi, "Interstellar"), "userrating": 7})
    run_sync(kodi)
    wait_until(lambda: user.rating(demo.MOVIE_INTERSTELLAR) == 7, SEND_TIMEOUT, message="the rating on Simkl")
    run_sync(kodi)  # Simkl's rated_at moved by our own write: nothing more is sent, nothing rewritten
    run_sync(kodi)
    assert len(rating_posts(simkl_emulator)) == 1
    assert movie_ratings(kodi)["Interstellar"] == 7


def test_clearing_a_rating_in_kodi_removes_it_on_simkl(kodi, logged_in, user, simkl_emulator):
    simkl_emulator.clock.advance(60)
    simkl_emulator.clear_requests()
    kodi.rpc("VideoLibrary.SetMovieDetails", {"movieid": movie_id(kodi, "The Matrix"), "userrating": 0})
    run_sync(kodi)
    wait_until(lambda: user.rating(demo.MOVIE_MATRIX) is None, SEND_TIMEOUT, message="the rating removed")
    assert [r.path for r in rating_posts(simkl_emulator)] == ["/sync/ratings/remove"]
    run_sync(kodi)
    assert movie_ratings(kodi)["The Matrix"] == 0
