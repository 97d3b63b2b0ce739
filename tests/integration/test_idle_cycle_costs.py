"""What the service's cycles cost a box: an idle timer cycle (Simkl's activities unchanged) fsyncs nothing,
asks Kodi for at most two Addon objects and makes no JSON-RPC call. The files that are records (the sync
state, the outbox, the rating memory, the household box id) are fsynced on every save, the pictures (the
status file, the day's request counts) never are; a cycle's settings, list-tag names included, come from one
Addon object."""
import os

import pytest
import xbmcaddon
from simklsync.constants import LIMITS_FILE, OUTBOX_FILE, RATINGS_FILE, STATE_FILE, STATE_HEAD_FILE, STATUS_FILE
from simklsync.core.state.state_store import anime_path
from simklsync.core.state.sync_state import SyncState
from simklsync.household.setup import BOX_FILE, box_id
from simklsync.kodi import settings
from simklsync.service.service import Service
from syncworld import build_library
from test_service import RunningService

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

TAG_NAMES = {"plantowatch": "Simkl: Plan to watch", "watching": "Simkl: Watching", "hold": "Simkl: On hold",
             "dropped": "Simkl: Dropped", "completed": "Simkl: Completed"}
RATED_ITEMS_READS = ["VideoLibrary.GetMovies", "VideoLibrary.GetTVShows"]  # a cycle's look for ratings set in Kodi


class FsyncedFiles:
    """The names of the files (and folders) os.fsync is called on; a save's temporary file is named as the
    file it becomes. Replaces the autouse fixture's no-op fsync."""

    def __init__(self, monkeypatch):
        self.names = []
        self._paths = {}
        real_open = os.open

        def recording_open(path, flags, *args, **kwargs):
            descriptor = real_open(path, flags, *args, **kwargs)
            self._paths[descriptor] = os.fspath(path)
            return descriptor

        monkeypatch.setattr(os, "open", recording_open)
        monkeypatch.setattr(os, "fsync", lambda descriptor: self.names.append(self._name(descriptor)))

    def _name(self, descriptor):
        name = os.path.basename(self._paths.get(descriptor, "?"))
        return name.split(".json.")[0] + ".json" if name.endswith(".tmp") else name

    def during(self, action):
        """The names fsynced while action() ran."""
        self.names = []
        action()
        return sorted(self.names)


def test_the_service_fsyncs_every_save_of_its_records_and_no_save_of_its_pictures(fake_kodi, tmp_path, monkeypatch):
    profile = tmp_path / "profile"
    service = Service(profile=str(profile))
    fsynced = FsyncedFiles(monkeypatch)
    try:
        records = {
            OUTBOX_FILE: service.outbox.clear,
            RATINGS_FILE: lambda: service.ratings_store.save({}),
            BOX_FILE: lambda: box_id(str(profile)),
        }
        pictures = {
            STATUS_FILE: lambda: service.status.household_only({"database": None}),
            LIMITS_FILE: lambda: service.budget.sent(service.clock.time()),
        }
        state_saved = fsynced.during(lambda: service.state_store.save(SyncState.from_dict(None)))
        state_files = [STATE_FILE, STATE_HEAD_FILE, os.path.basename(anime_path(STATE_FILE))]
        assert state_saved == sorted(state_files + ["profile"] * len(state_files))
        for name, save in records.items():
            assert fsynced.during(save) == sorted([name, "profile"]), name
        for name, save in pictures.items():
            assert fsynced.during(save) == [], name
            assert (profile / name).exists()
    finally:
        service.stop()


def counted_addons(monkeypatch):
    """The add-on ids of every xbmcaddon.Addon() built from here on (each one a call into Kodi's add-on manager)."""
    built = []
    real_init = xbmcaddon.Addon.__init__

    def counting_init(addon, id=None):
        built.append(id)
        real_init(addon, id)

    monkeypatch.setattr(xbmcaddon.Addon, "__init__", counting_init)
    return built


def counted_reads(monkeypatch, setting_id):
    reads = []
    real_get = xbmcaddon.Addon.getSettingString

    def counting_get(addon, id):
        if id == setting_id:
            reads.append(id)
        return real_get(addon, id)

    monkeypatch.setattr(xbmcaddon.Addon, "getSettingString", counting_get)
    return reads


def test_a_cycles_settings_name_the_list_tags_through_their_own_addon(fake_kodi, monkeypatch):
    addons = counted_addons(monkeypatch)
    sync_settings = settings.SyncSettings(settings.Settings())
    assert sync_settings.list_tags.names == TAG_NAMES
    assert len(addons) == 1


def test_the_access_token_is_read_once_per_snapshot_and_again_once_the_snapshot_sets_it(fake_kodi, monkeypatch):
    fake_kodi.settings["access_token"] = "first"
    reads = counted_reads(monkeypatch, "access_token")
    current = settings.Settings()
    assert (current.access_token, current.logged_in, current.access_token) == ("first", True, "first")
    assert len(reads) == 1
    current.set_str(settings.ACCESS_TOKEN, "")
    assert not current.logged_in
    assert len(reads) == 2


@pytest.fixture
def running(fake_kodi, monkeypatch):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        fake_kodi.settings["access_token"] = demo.seed_demo(emu)
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2
        build_library(fake_kodi.library)
        runner = RunningService(fake_kodi, emu)
        yield runner
        runner.stop()


def test_an_idle_timer_cycle_fsyncs_nothing_and_builds_at_most_two_addons(running, monkeypatch):
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    fsyncs = []
    monkeypatch.setattr(os, "fsync", fsyncs.append)
    addons = counted_addons(monkeypatch)
    rpc_before = len(running.kodi.rpc.calls)
    running.emu.clear_requests()
    running.service.request_sync("timer")
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    assert "sync (timer): ok" in running.syncs()[-1]
    assert [r.path for r in running.emu.requests] == ["/sync/activities"]  # idle: Simkl has nothing new
    assert fsyncs == []
    assert len(addons) <= 2
    assert running.kodi.rpc.calls[rpc_before:] == []  # Kodi's ratings are the minute check's, not an idle cycle's


def test_a_manual_sync_with_nothing_new_on_simkl_still_looks_at_kodis_ratings(running):
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    rpc_before = len(running.kodi.rpc.calls)
    running.service.request_sync("manual")
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    assert [method for method, _ in running.kodi.rpc.calls[rpc_before:]][:2] == RATED_ITEMS_READS
