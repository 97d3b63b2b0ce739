"""Kodi profiles: each profile is its own add-on (settings, token, files); one service runs at a time.

Kodi's Profiles.LoadProfile stops the service add-ons first (their Monitor's abort, then up to 5 s before it
kills them: CProfileManager::PrepareLoadProfile, CPythonInvoker::stop), swaps special://profile/ and every
add-on's settings, then starts the new profile's services (FinalizeLoadProfile). fake_kodi.load_profile does
the same; the services run one after the other on the emulator with two accounts."""
import builtins
import json
import os
import sys
import time
import types

import pytest
from simklsync.constants import NOTIFY_SYNC_NOW, OUTBOX_FILE, STATE_FILE
from simklsync.script import actions as script
from syncworld import build_library
from test_service import RunningService

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

MASTER = "userdata"
KIDS = "userdata/profiles/kids"
B_TOKEN = "kids-token-5a4b3c2d1e0f"


def log_in(kodi, token, account_id):
    kodi.settings["access_token"] = token
    kodi.settings["account_id"] = account_id
    kodi.settings["account_name"] = "someone"
    kodi.settings["initial_push"] = 2  # never push Kodi-only plays: a first sync writes only to Kodi
    kodi.settings["initial_push_asked"] = False


def addon_folder(kodi):
    return kodi.paths.translate("special://profile/addon_data/script.simkl.sync/")


def files_of(folder):
    """{path relative to folder: bytes} of every file under it (the widget lists have a folder of their own)."""
    found = {}
    for parent, _folders, names in os.walk(folder):
        for name in sorted(names):
            path = os.path.join(parent, name)
            with open(path, "rb") as handle:
                found[os.path.relpath(path, folder)] = handle.read()
    return found


class FileTrail:
    """Every path the add-on opens, replaces or removes while it is on."""

    def __init__(self, monkeypatch):
        self.paths = []
        real_open, real_os_open = builtins.open, os.open
        real_replace, real_remove = os.replace, os.remove

        def note(path):
            if isinstance(path, (str, bytes, os.PathLike)):
                self.paths.append(os.path.abspath(os.fsdecode(path)))

        def traced(real):
            def call(path, *args, **kwargs):
                note(path)
                return real(path, *args, **kwargs)
            return call

        def replace(source, target, *args, **kwargs):
            note(source)
            note(target)
            return real_replace(source, target, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", traced(real_open))
        monkeypatch.setattr(os, "open", traced(real_os_open))
        monkeypatch.setattr(os, "remove", traced(real_remove))
        monkeypatch.setattr(os, "replace", replace)

    def under(self, folder):
        folder = os.path.abspath(folder)
        return sorted({path for path in self.paths if path == folder or path.startswith(folder + os.sep)})


@pytest.fixture
def household(fake_kodi, monkeypatch):
    """The master profile logged in to the demo account A, its service running; kid B's account on the same
    emulator (it watched nothing yet)."""
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        a_token = demo.seed_demo(emu)
        b = emu.add_user(B_TOKEN, "kid", "free")
        ids = build_library(fake_kodi.library)
        log_in(fake_kodi, a_token, str(emu.user(a_token).account.user_id))
        runner = RunningService(fake_kodi, emu)
        runner.ids, runner.a, runner.b = ids, emu.user(a_token), b
        runners = [runner]
        yield runners
        for each in runners:
            each.stop()


def switch_to(kodi, runner, folder, own_library=False):
    """Profiles.LoadProfile: the old service told to abort and waited for, its worker thread too (Kodi waits for
    every thread of the add-on, and kills it after 5 s); returns the seconds it took."""
    started = time.monotonic()

    def wait_stopped():
        runner.thread.join(5)
        runner.service.worker._thread.join(5)
    kodi.load_profile(folder, own_library=own_library, wait_stopped=wait_stopped)
    assert not runner.thread.is_alive() and not runner.service.worker._thread.is_alive()
    return time.monotonic() - started


def start_service(kodi, emu, runners):
    """The new profile's service (Kodi starts it once the profile is loaded); returns it once it synced or
    decided not to (a profile without a login)."""
    before = len([line for _, line in kodi.log_lines if "sync (" in line])
    runner = RunningService(kodi, emu)
    runners.append(runner)
    runner.own_syncs = lambda: runner.syncs()[before:]
    return runner


def unwatched_episode(library, ids):
    return next(episodeid for episodeid in ids[demo.SHOW_STRANGER_THINGS].values()
                if library.snapshot("episode", episodeid)["playcount"] == 0)


def test_two_profiles_on_one_library_each_send_to_their_own_account_and_b_touches_no_file_of_a(
        household, fake_kodi, monkeypatch):
    a_service = household[0]
    assert wait_until(lambda: a_service.syncs())
    fake_kodi.library.user_marks_watched("movie", a_service.ids[demo.MOVIE_ARRIVAL])
    assert wait_until(lambda: demo.MOVIE_ARRIVAL in a_service.a.watched_movies())
    assert a_service.settled()  # what follows the send (the widget files) is written before A's files are read
    a_folder = addon_folder(fake_kodi)
    a_files = files_of(a_folder)
    a_events = len(a_service.a.history_events())

    assert switch_to(fake_kodi, a_service, KIDS) < 1.0
    log_in(fake_kodi, B_TOKEN, str(household[0].b.account.user_id))
    trail = FileTrail(monkeypatch)
    b_service = start_service(fake_kodi, a_service.emu, household)
    assert wait_until(lambda: b_service.own_syncs())
    episode = unwatched_episode(fake_kodi.library, a_service.ids)
    fake_kodi.library.user_marks_watched("episode", episode)
    assert wait_until(lambda: a_service.b.watched_episodes(demo.SHOW_STRANGER_THINGS))
    assert b_service.settled()

    assert b_service.service.profile == addon_folder(fake_kodi) != a_folder
    assert trail.under(a_folder) == []  # nothing of A's read, written or removed
    assert files_of(a_folder) == a_files
    assert len(a_service.a.history_events()) == a_events  # B's mark went to B only
    assert demo.MOVIE_ARRIVAL not in a_service.b.watched_movies()  # A's mark never went to B
    with open(os.path.join(b_service.service.profile, STATE_FILE), encoding="utf-8") as handle:
        assert json.load(handle)["data"]["simkl_account"] == str(a_service.b.account.user_id)


def test_each_profile_with_its_own_library_syncs_its_account_into_its_library_only(household, fake_kodi):
    a_service = household[0]
    assert wait_until(lambda: a_service.syncs())
    a_library = fake_kodi.library
    before = {kind: {itemid: a_library.snapshot(kind, itemid) for itemid in a_library.items[kind]}
              for kind in ("movie", "episode")}
    a_service.b.watch_movie(demo.MOVIE_ARRIVAL)  # B watched Arrival on simkl.com; A never did

    switch_to(fake_kodi, a_service, KIDS, own_library=True)
    log_in(fake_kodi, B_TOKEN, str(a_service.b.account.user_id))
    b_ids = build_library(fake_kodi.library)
    b_service = start_service(fake_kodi, a_service.emu, household)
    assert wait_until(lambda: b_service.own_syncs())
    assert b_service.settled()

    assert fake_kodi.library is not a_library
    assert fake_kodi.library.snapshot("movie", b_ids[demo.MOVIE_ARRIVAL])["playcount"] == 1
    assert fake_kodi.library.snapshot("movie", b_ids[demo.MOVIE_MATRIX])["playcount"] == 0  # A's, not B's
    after = {kind: {itemid: a_library.snapshot(kind, itemid) for itemid in a_library.items[kind]}
             for kind in ("movie", "episode")}
    assert after == before  # A's library untouched by B's sync


def test_a_profile_that_never_logged_in_makes_no_request(household, fake_kodi):
    a_service = household[0]
    assert wait_until(lambda: a_service.syncs())
    switch_to(fake_kodi, a_service, KIDS)
    a_service.emu.clear_requests()

    fake_kodi.settings["search_file_fallback"] = True  # even asking Simkl what a file is waits for a login
    fake_kodi.settings["exclude_plugin"] = False
    fresh = start_service(fake_kodi, a_service.emu, household)
    assert fresh.settled()
    script.notify_service(NOTIFY_SYNC_NOW)
    fake_kodi.library.user_marks_watched("episode", unwatched_episode(fake_kodi.library, a_service.ids))
    fake_kodi.player.play(file="/downloads/The.Matrix.1999.mkv", mediatype="video", duration=6000,
                          title="The.Matrix.1999")
    assert fresh.settled()
    fake_kodi.player.stop()
    assert fresh.settled()

    assert a_service.emu.requests == []
    assert fake_kodi.ui.window_properties[10000].get("script.simkl.sync.logged_in") in (None, "", "false")


def test_a_switch_while_simkl_is_slow_ends_the_worker_within_a_second_and_loses_nothing(household, fake_kodi):
    a_service = household[0]
    assert wait_until(lambda: a_service.syncs())
    emu = a_service.emu
    emu.inject(kind="delay", seconds=30.0, path="/sync/activities")
    script.notify_service(NOTIFY_SYNC_NOW)
    assert wait_until(lambda: not emu.faults.pending())  # the sync now waits for Simkl's answer
    fake_kodi.library.user_marks_watched("movie", a_service.ids[demo.MOVIE_ARRIVAL])
    a_folder = addon_folder(fake_kodi)

    def queued():
        if not os.path.exists(os.path.join(a_folder, OUTBOX_FILE)):
            return []
        with open(os.path.join(a_folder, OUTBOX_FILE), encoding="utf-8") as handle:
            return json.load(handle)["data"]["entries"]
    assert wait_until(queued)  # the mark is on disk while the sync still waits

    # The worker waits inside Simkl's answer: the stopping service cuts it, the worker ends (Kodi kills at 5 s).
    assert switch_to(fake_kodi, a_service, KIDS) < 1.0
    assert not emu.wait_served(0.0)  # Simkl has not answered yet: the worker did not wait for it
    emu.release_delays()
    assert queued()  # still on disk, not sent by a service told to stop
    assert demo.MOVIE_ARRIVAL not in a_service.a.watched_movies()
    assert not os.path.exists(os.path.join(addon_folder(fake_kodi), OUTBOX_FILE))  # nothing of A's in B

    switch_to(fake_kodi, RunningService(fake_kodi, emu), MASTER)  # a never-logged-in B, then back to A
    back = start_service(fake_kodi, emu, household)
    assert back.service.profile == a_folder
    assert wait_until(lambda: demo.MOVIE_ARRIVAL in a_service.a.watched_movies())
    assert wait_until(lambda: not queued())
    sent = [r.body for r in emu.requests if r.method == "POST" and r.path == "/sync/history"]
    assert [[movie["title"] for movie in body["movies"]] for body in sent] == [["Arrival"]]  # sent once


class HomeWindowCache:
    """script.module.simplecache's memory layer: Home window properties named by the key (they outlive a
    profile switch in Kodi, as in the fake)."""

    def get(self, key, json_data=False):
        import xbmcgui  # noqa: PLC0415 - the fake's, as the add-on's code sees it
        value = xbmcgui.Window(10000).getProperty(key)
        return json.loads(value) if value else None

    def set(self, key, value, expiration=None, json_data=False):
        import xbmcgui  # noqa: PLC0415
        xbmcgui.Window(10000).setProperty(key, json.dumps(value))


def test_the_cache_in_the_home_window_keeps_each_profiles_answers_apart(fake_kodi, monkeypatch):
    from simklsync.kodi.cache import KodiCache  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "simplecache", types.SimpleNamespace(SimpleCache=HomeWindowCache))
    KodiCache().set("user_settings", {"account": {"id": 1}}, 60)

    fake_kodi.load_profile(KIDS)
    assert KodiCache().get("user_settings") is None  # not the master profile's account
    KodiCache().set("user_settings", {"account": {"id": 2}}, 60)

    fake_kodi.load_profile(MASTER)
    assert KodiCache().get("user_settings") == {"account": {"id": 1}}
