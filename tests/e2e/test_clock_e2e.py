"""A box whose clock is days off Simkl's, in a real Kodi: the emulator's clock (its Date headers and what it
records) runs 3 days ahead of the host's, then 2 days behind it, which is the box 3 days behind Simkl, then 2
days ahead. A Kodi mark and a watched stop that goes as a history write are dated on Simkl by Simkl's clock,
to the minute, and the status file says how far the box's clock is off. (test_clock_faketime_e2e.py moves the
box's own clock instead: Kodi under libfaketime.)"""
import json

import pytest
from scrobble_helpers import (
    history_of,
    kodi_movie_ids,
    mark_watched_in_kodi,
    movie_spec,
    rig_options,
    start_emulator,
    wait_for_empty_outbox,
    wait_for_request,
    wait_for_startup_sync,
    wait_until_watched,
)

from tests.support.kodi_rig import ADDON_ID, wait_until
from tests.support.simkl_emulator import demo
from tests.support.simkl_emulator.timefmt import parse_iso

pytestmark = pytest.mark.e2e

DAY = 86400.0
# (Simkl id, the Kodi library's movie) of what is marked and what is watched to its end, in each case.
BEHIND = {"mark": demo.MOVIE_MATRIX, "stop": demo.MOVIE_INCEPTION}
AHEAD = {"mark": demo.MOVIE_INTERSTELLAR, "stop": demo.MOVIE_ARRIVAL}
SIMKL_IDS = (demo.MOVIE_MATRIX, demo.MOVIE_INCEPTION, demo.MOVIE_INTERSTELLAR, demo.MOVIE_ARRIVAL)
SPECS = {simkl_id: movie_spec(simkl_id, video_seconds=30) for simkl_id in SIMKL_IDS}
PLAYER_TIMEOUT = 60
SETTLE_TIMEOUT = 120


@pytest.fixture(scope="module")
def simkl():
    emu = start_emulator(SIMKL_IDS)
    emu.clock.advance(3 * DAY)  # Simkl 3 days ahead: the box is 3 days behind
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    return rig_options(simkl, list(SPECS.values()))


@pytest.fixture(scope="module")
def library(kodi):
    wait_for_startup_sync(kodi)
    return kodi_movie_ids(kodi)


def _status_offset(kodi):
    path = kodi.userdata / "addon_data" / ADDON_ID / "status.json"
    try:
        clock = json.loads(path.read_text(encoding="utf-8"))["data"].get("clock")
    except (OSError, ValueError, KeyError):
        return None
    return clock.get("offset") if isinstance(clock, dict) else None


def _wait_for_offset(kodi, expected):
    """The service has learnt the offset (its status file says so): Sync now until it has."""
    def learnt():
        offset = _status_offset(kodi)
        if offset is not None and abs(offset - expected) < 60:
            return True
        kodi.execute_addon(["sync"])
        return False
    wait_until(learnt, SETTLE_TIMEOUT, interval=3.0, message=f"the status file's clock offset near {expected} s")


def _simkl_date(simkl, simkl_id):
    [event] = history_of(simkl, simkl_id)
    return parse_iso(event["watched_at"]).timestamp()


def _mark_is_dated_by_simkl(kodi, simkl, library, simkl_id):
    spec = SPECS[simkl_id]
    marked_at = simkl.clock.precise_now().timestamp()
    mark_watched_in_kodi(kodi, library[spec.title])
    wait_until_watched(simkl, simkl_id)
    assert abs(_simkl_date(simkl, simkl_id) - marked_at) < 60


def _stop_sent_as_history_is_dated_by_simkl(kodi, simkl, library, simkl_id):
    spec = SPECS[simkl_id]
    simkl.inject(status=404, count=1, path="/scrobble/stop")  # the view then goes as a history write, dated
    notes = kodi.notification_mark()
    kodi.play_movie(library[spec.title], timeout=PLAYER_TIMEOUT)
    wait_for_request(simkl, "/scrobble/start", spec.uniqueids["imdb"], status=201)
    kodi.seek(spec.video_seconds - 2)
    kodi.wait_for_notification("Player.OnStop", timeout=PLAYER_TIMEOUT, since=notes)
    stopped_at = simkl.clock.precise_now().timestamp()
    wait_for_request(simkl, "/sync/history", spec.uniqueids["imdb"], status=201)
    wait_for_empty_outbox(kodi)
    assert abs(_simkl_date(simkl, simkl_id) - stopped_at) < 60


def test_box_three_days_behind_simkl(kodi, simkl, library):
    _wait_for_offset(kodi, 3 * DAY)
    _mark_is_dated_by_simkl(kodi, simkl, library, BEHIND["mark"])
    _stop_sent_as_history_is_dated_by_simkl(kodi, simkl, library, BEHIND["stop"])
    assert kodi.log_errors() == []


def test_box_two_days_ahead_of_simkl(kodi, simkl, library):
    simkl.clock.follow_real_time()
    simkl.clock.advance(-2 * DAY)
    _wait_for_offset(kodi, -2 * DAY)
    _mark_is_dated_by_simkl(kodi, simkl, library, AHEAD["mark"])
    _stop_sent_as_history_is_dated_by_simkl(kodi, simkl, library, AHEAD["stop"])
    assert kodi.log_errors() == []
