"""Issue 26's wrong device clock with the box's own clock moved: Kodi runs under libfaketime (Debian's faketime
package, `make kodi-deps`), 3 days behind the real time, then (restarted on the same profile) 2 days ahead; the
emulator keeps the real time. A Kodi mark and a watched stop that goes as a history write are dated on Simkl by
Simkl's clock, to the minute, and the status file says how far the box's clock is off. (test_clock_e2e.py puts
the two clocks apart by moving the emulator's instead.)"""
import datetime
import glob
import os

import pytest
from scrobble_helpers import kodi_movie_ids, rig_options, start_emulator, wait_for_startup_sync
from test_clock_e2e import DAY, SIMKL_IDS, SPECS, _mark_is_dated_by_simkl, _stop_sent_as_history_is_dated_by_simkl
from test_clock_e2e import _wait_for_offset as wait_for_offset

from tests.support.kodi_rig import processes
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

BEHIND = {"mark": demo.MOVIE_MATRIX, "stop": demo.MOVIE_INCEPTION}
AHEAD = {"mark": demo.MOVIE_INTERSTELLAR, "stop": demo.MOVIE_ARRIVAL}
REQUIRED_ENV = "KODI_RIG_REQUIRED"  # as conftest.py: CI sets it, a missing tool is then an error


@pytest.fixture(scope="module")
def simkl():
    if not glob.glob(processes.FAKETIME_GLOB):
        reason = "Kodi under libfaketime needs Debian's faketime package (run `make kodi-deps`)"
        if os.environ.get(REQUIRED_ENV) == "1":
            pytest.fail(reason + f"; {REQUIRED_ENV}=1 makes that an error", pytrace=False)
        pytest.skip(reason)
    emu = start_emulator(SIMKL_IDS)
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    return dict(rig_options(simkl, list(SPECS.values())), faketime="-3d")


@pytest.fixture(scope="module")
def library(kodi):
    wait_for_startup_sync(kodi)
    return kodi_movie_ids(kodi)


def kodi_clock_offset(kodi):
    """How far Kodi's own clock is from the host's, in seconds (System.Date/Time are Kodi's local wall clock)."""
    labels = kodi.rpc("XBMC.GetInfoLabels", {"labels": ["System.Date(yyyy-mm-dd)", "System.Time(hh:mm:ss xx)"]})
    text = labels["System.Date(yyyy-mm-dd)"] + " " + labels["System.Time(hh:mm:ss xx)"]
    kodi_now = datetime.datetime.strptime(text.strip(), "%Y-%m-%d %I:%M:%S %p")
    return (kodi_now - datetime.datetime.now()).total_seconds()


def test_kodi_three_days_behind(kodi, simkl, library):
    assert abs(kodi_clock_offset(kodi) + 3 * DAY) < 120  # the box's clock really is behind
    wait_for_offset(kodi, 3 * DAY)
    _mark_is_dated_by_simkl(kodi, simkl, library, BEHIND["mark"])
    _stop_sent_as_history_is_dated_by_simkl(kodi, simkl, library, BEHIND["stop"])
    assert kodi.log_errors() == []


def test_kodi_two_days_ahead(kodi, simkl, library):
    kodi.faketime = "+2d"
    kodi.restart()
    wait_for_startup_sync(kodi)  # a fresh kodi.log: the old one became kodi.old.log
    assert abs(kodi_clock_offset(kodi) - 2 * DAY) < 120
    wait_for_offset(kodi, -2 * DAY)
    _mark_is_dated_by_simkl(kodi, simkl, library, AHEAD["mark"])
    _stop_sent_as_history_is_dated_by_simkl(kodi, simkl, library, AHEAD["stop"])
    assert kodi.log_errors() == []
