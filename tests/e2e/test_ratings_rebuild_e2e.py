"""Issue 26 in a real Kodi: the video library rebuilt under the ratings memory (every movie and show removed, the
sources scanned again) sends no rating removal and no changed rating to Simkl, and Kodi gets Simkl's ratings
back."""
import pytest
from scrobble_helpers import outbox_entries
from sync_helpers import (
    SERVICE_STARTED,
    emulator_rig_options,
    log_in_and_wait_for_sync,
    manual_sync,
)

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

SYNC_TIMEOUT = 180
RESTORE_TIMEOUT = 120


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


def ratings(kodi):
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title", "userrating"]}).get("movies") or []
    shows = kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["title", "userrating"]}).get("tvshows") or []
    return {item["title"]: item["userrating"] for item in movies + shows}


def rebuild_library(kodi):
    """Every movie and show removed from the library, then the sources scanned again: the titles come back
    without their ratings (Kodi invalidates a removed item's path, so the scan adds it again)."""
    movies = kodi.rpc("VideoLibrary.GetMovies").get("movies") or []
    shows = kodi.rpc("VideoLibrary.GetTVShows").get("tvshows") or []
    kodi.rpc_batch([("VideoLibrary.RemoveMovie", {"movieid": m["movieid"]}) for m in movies]
                   + [("VideoLibrary.RemoveTVShow", {"tvshowid": s["tvshowid"]}) for s in shows])
    wait_until(lambda: not ratings(kodi), 30, message="an empty library")
    kodi.scan()


def rating_writes(emu):
    return [(r.method, r.path) for r in emu.requests if r.method == "POST" and r.path.startswith("/sync/ratings")]


def logged_in_with_ratings(kodi, emu):
    """After the login's sync: Kodi's ratings as Simkl's demo account has them; the requests so far forgotten."""
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    log_in_and_wait_for_sync(kodi)
    before = ratings(kodi)
    assert before["The Matrix"] == 9 and before["Stranger Things"] == 8
    emu.clear_requests()
    return before


def assert_nothing_sent_and_ratings_back(kodi, user, emu, before):
    """No rating queued or sent to Simkl, Simkl's ratings unchanged, and Kodi's as they were before."""
    assert [e for e in outbox_entries(kodi) if e.get("kind") == "rating"] == []
    assert rating_writes(emu) == []
    assert (user.rating(demo.MOVIE_MATRIX), user.rating(demo.SHOW_STRANGER_THINGS)) == (9, 8)
    assert ratings(kodi) == before


def test_a_rebuilt_library_sends_no_rating_and_gets_simkls_back(kodi, user, simkl_emulator):
    before = logged_in_with_ratings(kodi, simkl_emulator)
    rebuild_library(kodi)
    assert set(ratings(kodi)) == set(before)
    # The scan's own cycle (or the minute check) finds the ratings gone; then a manual cycle, to be sure.
    wait_until(lambda: ratings(kodi) == before, RESTORE_TIMEOUT, message="Simkl's ratings back in Kodi")
    manual_sync(kodi, SYNC_TIMEOUT)
    assert_nothing_sent_and_ratings_back(kodi, user, simkl_emulator, before)
