"""Issue 19 in a real Kodi: a change made on Simkl while Kodi's screensaver is on reaches the library within
seconds of the screensaver ending, with one activities call (the screensaver started by Kodi's builtin,
ended by a key press over JSON-RPC)."""
import pytest
from simklsync.core.freshness import JUST_CHECKED_SECONDS
from sync_helpers import (
    SERVICE_STARTED,
    addon_errors,
    emulator_rig_options,
    log_in_and_wait_for_sync,
    sync_done_pattern,
    wait_for_addon_log,
)

from tests.support.kodi_rig import wait_until
from tests.support.kodi_rig.builtin_script import SCRIPT_ID, install_builtin_script, run_builtin
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

RETURN_WITHIN = 15  # seconds from the screensaver's end to the change in Kodi's library


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator, extra_addons=[(SCRIPT_ID, install_builtin_script)])


def _arrival(kodi):
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title", "playcount"]})["movies"]
    return next(movie for movie in movies if movie["title"] == "Arrival")


def _screensaver_active(kodi):
    return kodi.rpc("XBMC.GetInfoBooleans", {"booleans": ["System.ScreenSaverActive"]})["System.ScreenSaverActive"]


def test_a_change_made_under_the_screensaver_shows_once_the_user_is_back(kodi, simkl_emulator):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    log_in_and_wait_for_sync(kodi)
    assert _arrival(kodi)["playcount"] == 0  # on the watch list, not watched

    # The rig runs without a screensaver; Kodi's default (dim) is what users have.
    kodi.rpc("Settings.SetSettingValue", {"setting": "screensaver.mode", "value": "screensaver.xbmc.builtin.dim"})
    run_builtin(kodi, "ActivateScreensaver")
    assert wait_until(lambda: _screensaver_active(kodi), 20, message="screensaver on")
    user = simkl_emulator.user(demo.DEMO_TOKEN)
    assert user.watch_movie(demo.MOVIE_ARRIVAL)  # on the phone, while nobody is at the TV
    kodi.wait(JUST_CHECKED_SECONDS + 2)  # the login's sync is no longer "just made"
    assert _arrival(kodi)["playcount"] == 0  # no timer check while the screensaver is on
    simkl_emulator.clear_requests()

    mark = kodi.log_mark()
    kodi.rpc("Input.Up")  # the user picks up the remote: the screensaver ends
    assert wait_until(lambda: not _screensaver_active(kodi), 20, message="screensaver off")
    wait_for_addon_log(kodi, sync_done_pattern("return"), RETURN_WITHIN, since=mark)
    assert wait_until(lambda: _arrival(kodi)["playcount"] == 1, 5, message="Arrival watched in Kodi")
    requests = [(r.method, r.path.split("?")[0]) for r in simkl_emulator.requests]
    assert requests.count(("GET", "/sync/activities")) == 1
    assert ("GET", "/sync/all-items/movies") in requests
    assert addon_errors(kodi, since=mark) == []
