"""Issue 25 in a real Kodi: a cut-off movies list from Simkl (the activity stamps bumped, every list answer
short, deltas and whole pulls) never unwatches the library; the large removal is held and the status file says so; once
Simkl answers in full, "Sync now" reads the type again and the pending change is gone, the library intact."""
import pytest
from simklsync.core.state.sync_state import MAX_SUSPECT_CYCLES
from sync_helpers import (
    SERVICE_STARTED,
    addon_errors,
    emulator_rig_options,
    library_state,
    log_in_and_wait_for_sync,
    simkl_watched_in_kodi_terms,
    sync_done_pattern,
    sync_status,
    wait_for_addon_log,
    wait_for_notification_barrier,
)

from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

SYNC_TIMEOUT = 180


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def first_sync(kodi, user):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    mark, _ = log_in_and_wait_for_sync(kodi)
    wait_for_notification_barrier(kodi)
    return mark


def sync_now(kodi):
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    line = wait_for_addon_log(kodi, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)
    return line


def watched_movies(kodi):
    return sorted(key for key, item in library_state(kodi).items() if key[0] == "movie" and item["playcount"])


def test_a_cut_off_movies_list_unwatches_nothing_and_is_held(kodi, simkl_emulator, user, first_sync):
    before = watched_movies(kodi)
    assert len(before) == len(demo.WATCHED_MOVIES)
    simkl_emulator.inject(kind="cut_off", path="/sync/all-items/movies", count=None, share=0.0)
    for _ in range(MAX_SUSPECT_CYCLES + 2):  # empty deltas are asked again, then the list is pulled whole twice
        assert sync_now(kodi).group("outcome") == "ok"
        assert watched_movies(kodi) == before
        if sync_status(kodi)["held"]:
            break
    held = sync_status(kodi)["held"]["movies"]
    assert held["count"] == len(demo.WATCHED_MOVIES) and held["emptied"]


def test_simkl_answering_in_full_again_cancels_the_pending_change(kodi, simkl_emulator, user, first_sync):
    simkl_emulator.clear_faults()
    assert sync_now(kodi).group("outcome") == "ok"  # a manual sync reads a held type whole again
    assert sync_status(kodi)["held"] == {}
    expected = simkl_watched_in_kodi_terms(user)
    library = library_state(kodi)
    assert all(library[key]["playcount"] == 1 for key in expected)


def test_the_bad_day_logs_no_addon_error(kodi, first_sync):
    assert addon_errors(kodi, since=first_sync) == []
    assert "Traceback" not in kodi.log.text(first_sync)
