"""The issue's measure: "the number of Simkl requests for an idle hour is that of one box, not two".

Two real Services in the fake Kodi share its one library (that is what a shared library is), each with a
profile folder of its own, on the test MariaDB. An idle hour with a 5-minute timer is 12 timer cycles on each
box, driven one by one (no worker thread, no sleeping; the request spacing passes at once): with coordination
the household makes the requests of one box; without it (the same two boxes, no shared-library detection)
twice as many."""
import threading

import pytest
from household_helpers import config_for, new_database
from simklsync.core.videodb_config import VideoDbDetection
from simklsync.household.setup import NoHousehold, open_household
from simklsync.service.service import Service

from tests.integration.syncworld import build_library
from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.worker_time import PassingTime

pytest.importorskip("pymysql")

TIMER_CYCLES_PER_HOUR = 12


@pytest.fixture
def emulator(fake_kodi, monkeypatch):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        build_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = token
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2
        yield emu


def _boxes(tmp_path, mariadb_server, coordinated):
    database = new_database(mariadb_server)
    detection = VideoDbDetection(True, config_for(mariadb_server), database)
    boxes = []
    for name in ("a", "b"):
        service = Service(profile=str(tmp_path / f"box-{name}"), clock=PassingTime())
        if coordinated:
            service.household = open_household(detection, f"box-{name}", f"Box {name}", threading.Event().wait,
                                               account=lambda: demo.DEMO_USER)
        else:
            service.household = NoHousehold()
        boxes.append(service)
    return boxes


def _idle_hour_requests(emulator, boxes):
    for box in boxes:
        box.household.tick()
        box.sync_once("startup")
    emulator.clear_requests()
    for _ in range(TIMER_CYCLES_PER_HOUR):
        for box in boxes:
            box.household.tick()  # the lease thread's renewals, here in step with the cycles
            box.sync_once("timer")
    return [(r.method, r.path) for r in emulator.requests]


def test_an_idle_hour_of_two_boxes_costs_the_requests_of_one(fake_kodi, emulator, tmp_path, mariadb_server):
    coordinated = _idle_hour_requests(emulator, _boxes(tmp_path / "with", mariadb_server, coordinated=True))
    alone = _idle_hour_requests(emulator, _boxes(tmp_path / "without", mariadb_server, coordinated=False))
    assert coordinated == [("GET", "/sync/activities")] * TIMER_CYCLES_PER_HOUR  # one box's idle hour
    assert alone == [("GET", "/sync/activities")] * (2 * TIMER_CYCLES_PER_HOUR)  # today's behaviour: twice
