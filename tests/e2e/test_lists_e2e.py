"""Issue 15 in a real Kodi 20: the PIN login window with its QR code, Simkl's lists as Kodi tags after the
login's sync, a list move carried by the delta, and the smart playlists listing the tagged titles.
The tests run in file order on one Kodi; each later one starts from the state the earlier ones left."""
import json
import os

import pytest
from sync_helpers import (
    LOG_PREFIX,
    SERVICE_STARTED,
    emulator_rig_options,
    sync_done_pattern,
    wait_for_addon_log,
    wait_for_notification_barrier,
)

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

pytestmark = pytest.mark.e2e

SYNC_TIMEOUT = 240
PYTHON_WINDOWS = range(13000, 13100)
PLAN, WATCHING, DROPPED, COMPLETED = "Simkl: Plan to watch", "Simkl: Watching", "Simkl: Dropped", "Simkl: Completed"
PLAYLISTS = "special://profile/playlists/video/"
SHOT_DIR = os.environ.get("E2E_SHOT_DIR")  # set it to keep the screenshots this module takes


@pytest.fixture(scope="module")
def simkl_emulator():
    with SimklEmulator(Options(pin_auto_approve_after=None, pin_interval=1)) as emu:
        demo.seed_demo(emu)
        yield emu


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def login(kodi, simkl_emulator, tmp_path_factory):
    """The login action's window, photographed before the PIN is approved; then the login's first sync."""
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    mark = kodi.log_mark()
    assert kodi.execute_addon(["login"]) == "OK"
    wait_until(lambda: kodi.current_window_id() in PYTHON_WINDOWS, 60, message="the login window")
    code = wait_until(lambda: _polled_code(simkl_emulator), 30, message="a PIN poll")
    kodi.wait(1.5)  # the window fades in
    shot = kodi.screenshot((SHOT_DIR and os.path.join(SHOT_DIR, "login.png"))
                           or tmp_path_factory.mktemp("shots") / "login.png")
    simkl_emulator.approve_pin(code)
    line = wait_for_addon_log(kodi, sync_done_pattern("login"), SYNC_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)
    return {"code": code, "shot": shot, "line": line, "log_mark": mark}


def _polled_code(emu):
    codes = [r.path.rsplit("/", 1)[1] for r in emu.requests if r.path.startswith("/oauth/pin/")]
    return codes[-1] if codes else None


def tags(kodi, kind):
    """{title: tags} of Kodi's movies or tvshows."""
    method, key = {"movie": ("VideoLibrary.GetMovies", "movies"),
                   "tvshow": ("VideoLibrary.GetTVShows", "tvshows")}[kind]
    items = kodi.rpc(method, {"properties": ["title", "tag"]}).get(key) or []
    return {item["title"]: item["tag"] for item in items}


def title_of(simkl):
    return next(t["title"] for t in demo.TITLES if t["simkl"] == simkl)


def test_the_login_window_shows_a_qr_code_a_phone_can_read(login):
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (requirements-dev.txt) reads the screenshot")
    from PIL import Image

    found = [(r.text, r.format.name) for r in zxingcpp.read_barcodes(Image.open(str(login["shot"])))]

    assert found == [(f"https://simkl.com/pin/{login['code']}", "QRCode")]


def test_after_the_logins_sync_the_watch_list_and_watched_titles_carry_their_list_tags(kodi, user, login):
    assert login["line"].group("outcome") == "ok"
    movies = tags(kodi, "movie")

    assert movies[title_of(demo.MOVIE_ARRIVAL)] == [PLAN]
    for simkl in demo.WATCHED_MOVIES:
        assert movies[title_of(simkl)] == [COMPLETED]
    shows = tags(kodi, "tvshow")
    assert user.status(demo.SHOW_STRANGER_THINGS) == user.status(demo.ANIME_AOT_S3) == "watching"
    assert shows["Stranger Things"] == [WATCHING]
    assert shows["Attack on Titan"] == [WATCHING]  # the Simkl cour, on the Kodi series it belongs to


def test_a_list_move_on_simkl_moves_the_tag_with_no_library_notification_and_nothing_sent_back(
        kodi, user, simkl_emulator, login):
    user.set_status(demo.MOVIE_ARRIVAL, "dropped")
    simkl_emulator.clear_requests()
    notifications = kodi.notification_mark()
    mark = kodi.log_mark()

    assert kodi.execute_addon(["sync"]) == "OK"
    wait_for_addon_log(kodi, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)

    assert tags(kodi, "movie")[title_of(demo.MOVIE_ARRIVAL)] == [DROPPED]
    assert kodi.notifications("VideoLibrary.OnUpdate", since=notifications) == []  # a tag write is silent
    kodi.wait(3)  # a mark would be queued and flushed within a second or two
    sent = [(r.method, r.path) for r in simkl_emulator.requests if r.method == "POST"]
    assert sent == []
    kodi.wait_for_log(LOG_PREFIX + r"simklsync\.sync: applying 1 list tag writes", timeout=5, since=mark)
    user.set_status(demo.MOVIE_ARRIVAL, "plantowatch")  # back, for the playlist tests below
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    wait_for_addon_log(kodi, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark)
    assert tags(kodi, "movie")[title_of(demo.MOVIE_ARRIVAL)] == [PLAN]


def test_the_playlists_action_writes_smart_playlists_that_list_the_tagged_titles(kodi, login):
    assert kodi.execute_addon(["playlists"]) == "OK"
    movies_xsp = PLAYLISTS + "Simkl - Plan to watch (movies).xsp"
    shows_xsp = PLAYLISTS + "Simkl - Watching (tvshows).xsp"
    completed_xsp = PLAYLISTS + "Simkl - Completed (movies).xsp"
    # The action writes its files one after another: wait for each one the test reads, not only the first.
    wait_until(lambda: all(_listed(kodi, PLAYLISTS, path) for path in (movies_xsp, shows_xsp, completed_xsp)), 30,
               message="the playlists")

    planned = kodi.rpc("Files.GetDirectory", {"directory": movies_xsp, "media": "video", "properties": ["title"]})
    watching = kodi.rpc("Files.GetDirectory", {"directory": shows_xsp, "media": "video", "properties": ["title"]})
    completed = kodi.rpc("Files.GetDirectory", {"directory": completed_xsp, "media": "video", "properties": ["title"]})

    assert [item["title"] for item in planned.get("files") or []] == [title_of(demo.MOVIE_ARRIVAL)]
    assert sorted(item["title"] for item in watching.get("files") or []) == ["Attack on Titan", "Stranger Things"]
    assert sorted(item["title"] for item in completed.get("files") or []) == sorted(
        title_of(simkl) for simkl in demo.WATCHED_MOVIES)
    names = [entry["label"] for entry in kodi.rpc("Files.GetDirectory", {"directory": PLAYLISTS}).get("files")]
    assert len([name for name in names if name.startswith("Simkl")]) == 10, json.dumps(names)


def test_a_tag_playlist_opens_in_kodis_video_window(kodi, login, tmp_path_factory):
    kodi.rpc("GUI.ActivateWindow", {"window": "videos",
                                    "parameters": [PLAYLISTS + "Simkl - Completed (movies).xsp", "return"]})
    wait_until(lambda: kodi.current_window_id() == 10025, 30, message="the video window")
    kodi.wait(2.0)
    shot = kodi.screenshot((SHOT_DIR and os.path.join(SHOT_DIR, "lists.png"))
                           or tmp_path_factory.mktemp("shots") / "lists.png")
    assert shot.stat().st_size > 10000
    kodi.press_back()


def test_nothing_of_this_logged_an_addon_error(kodi, login):
    assert kodi.log_errors(since=login["log_mark"]) == []


def _listed(kodi, folder, path):
    files = kodi.rpc("Files.GetDirectory", {"directory": folder}).get("files") or []
    return any(entry.get("file") == path for entry in files)
