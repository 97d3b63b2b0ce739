"""The service on a shared library (fake Kodi whose advancedsettings.xml points at the test MariaDB), next to
another box of the household played by a bare Household on the same database."""
import json
import os
import threading
import time

import pytest
from household_helpers import KODI_PASSWORD, KODI_USER, Box, ServerClock, new_database
from simklsync.constants import NOTIFY_SYNC_NOW, STATUS_FILE
from simklsync.core.model import kodi_key
from simklsync.core.state.sync_state import SyncState
from simklsync.household.coordinator import FOLLOWER, PULLER
from simklsync.script import actions as script

from tests.integration.syncworld import build_library
from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.worker_time import threaded_service

pytest.importorskip("pymysql")

ADVANCED = ("<advancedsettings><videodatabase><type>mysql</type><host>{host}</host><port>{port}</port>"
            "<user>{user}</user><pass>{password}</pass><name>{name}</name></videodatabase></advancedsettings>")




class World:
    def __init__(self, kodi, emu, server, database):
        self.kodi, self.emu, self.server, self.database = kodi, emu, server, database
        self.service = None
        self.thread = None

    def start(self):
        self.service = threaded_service()
        self.thread = threading.Thread(target=self.service.run, name="test-household-service")
        self.thread.start()

    def status(self):
        path = os.path.join(self.service.profile, STATUS_FILE)
        if not os.path.exists(path):
            return {}
        with open(path) as handle:
            return json.load(handle)["data"]

    def role(self):
        return (self.status().get("household") or {}).get("role")

    def syncs(self):
        return [line for _, line in self.kodi.log_lines if "sync (" in line]

    def other_box(self, box_id="other", server_clock=None):
        return Box(self.server, self.database, server_clock, box_id, account=self.account_id)  # the lease's key

    def stop(self):
        self.kodi.request_abort()
        self.thread.join(10)


@pytest.fixture
def world(fake_kodi, monkeypatch, mariadb_server):
    # The database name Kodi 20 uses for base name <name>: <name>121.
    database = new_database(mariadb_server, base="Shared", schema=121)
    base = database[: -len("121")]
    advanced = fake_kodi.paths.translate("special://profile/advancedsettings.xml")
    with open(advanced, "w", encoding="utf-8") as handle:
        handle.write(ADVANCED.format(host=mariadb_server.host, port=mariadb_server.port, user=KODI_USER,
                                     password=KODI_PASSWORD, name=base))
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        ids = build_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = token
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        account_id = str(emu.user(token).account.user_id)
        fake_kodi.settings["account_id"] = account_id
        fake_kodi.settings["initial_push"] = 1  # always push Kodi-only plays
        fake_kodi.settings["initial_push_asked"] = False
        fake_kodi.library.set_details("movie", ids[demo.MOVIE_ARRIVAL],
                                      {"playcount": 1, "lastplayed": "2026-01-02 10:00:00"})
        world = World(fake_kodi, emu, mariadb_server, database)
        world.ids, world.token, world.account_id = ids, token, account_id
        yield world
        if world.thread is not None:
            world.stop()


def test_alone_on_the_shared_library_the_box_pulls_and_publishes_it(world):
    world.start()
    assert wait_until(lambda: world.syncs())
    assert wait_until(lambda: world.role() == PULLER)
    other = world.other_box()
    assert other.tick() == FOLLOWER
    status = other.household.status()
    assert status["puller"] == status["pulled_by"] == world.service.household.table.label
    assert world.kodi.library.snapshot("movie", world.ids[demo.MOVIE_MATRIX])["playcount"] == 1


def test_a_follower_makes_no_simkl_requests_and_hands_sync_now_to_the_puller(world):
    other = world.other_box()
    assert other.tick() == PULLER
    world.emu.clear_requests()
    world.start()
    assert wait_until(lambda: world.role() == FOLLOWER)
    script.notify_service(NOTIFY_SYNC_NOW)
    assert wait_until(lambda: other.household.table.get("pull_request")[0] is not None)
    other.tick()
    assert other.pull_requests == ["manual"]
    assert world.emu.requests == []  # no /sync/activities, nothing: the pulls are the other box's
    assert world.kodi.library.snapshot("movie", world.ids[demo.MOVIE_MATRIX])["playcount"] == 0
    status = world.status()["household"]
    assert status["puller"] == "Box other" and status["database"] == world.database


def test_the_follower_takes_over_when_the_pullers_lease_has_run_out(world):
    # The other box renewed its lease 200 s ago (server time) and vanished: a 120 s lease is long over.
    vanished = world.other_box(server_clock=ServerClock(int(time.time()) - 200))
    assert vanished.tick() == PULLER
    world.start()
    assert wait_until(lambda: world.syncs())
    assert wait_until(lambda: world.role() == PULLER)
    assert world.kodi.library.snapshot("movie", world.ids[demo.MOVIE_MATRIX])["playcount"] == 1
    assert world.other_box().tick() == FOLLOWER


def test_the_first_push_of_kodi_only_plays_happens_once_for_the_library(world):
    user = world.emu.user(world.token)
    other = world.other_box()
    other.tick()
    assert other.household.claim_first_push()  # the other box pushed them when it did its first sync
    other.household.stop()  # and then handed over
    world.start()
    assert wait_until(lambda: world.syncs())
    world.kodi.wait_idle()
    time.sleep(0.5)
    assert demo.MOVIE_ARRIVAL not in user.watched_movies()
    assert any("pushed by another box" in line for _, line in world.kodi.log_lines)


def test_the_first_push_goes_out_from_the_box_that_claims_it(world):
    user = world.emu.user(world.token)
    world.start()
    assert wait_until(lambda: demo.MOVIE_ARRIVAL in user.watched_movies())
    other = world.other_box()
    assert other.tick() == FOLLOWER
    assert other.household.claim_first_push() is False


def test_the_puller_does_not_undo_another_boxs_pending_mark(world):
    """Box 'other' unmarked The Matrix in the shared library; Simkl has not confirmed it yet."""
    other = world.other_box()
    matrix_key = kodi_key("movie", world.ids[demo.MOVIE_MATRIX])
    other.pending = {matrix_key: False}
    other.tick()
    other.household.stop()
    world.start()
    assert wait_until(lambda: world.syncs())
    assert world.kodi.library.snapshot("movie", world.ids[demo.MOVIE_MATRIX])["playcount"] == 0


def test_a_followers_resume_check_sees_the_sessions_the_puller_pulled(world):
    other = world.other_box()
    other.tick()
    session = {"simkl": demo.MOVIE_ARRIVAL, "kind": "movie", "progress": 40.0, "paused_at": "2026-12-01T10:00:00Z"}
    other.household.publish_pulled(SyncState.from_dict({"activities": {"all": "2026-12-01T10:00:00Z"},
                                                        "mirror": {"playback": [session]}, "account_type": "free"}))
    world.start()
    assert wait_until(lambda: world.role() == FOLLOWER)
    state = world.service.resume_check._load_state()
    assert state.playback == [session]
    assert state.activities == {"all": "2026-12-01T10:00:00Z"}


def test_a_box_of_another_simkl_account_pulls_its_own_account(world):
    stranger = Box(world.server, world.database, None, "stranger", account="someone_else")
    assert stranger.tick() == PULLER
    world.start()
    assert wait_until(lambda: world.syncs())
    assert wait_until(lambda: world.role() == PULLER)
    assert world.kodi.library.snapshot("movie", world.ids[demo.MOVIE_MATRIX])["playcount"] == 1
