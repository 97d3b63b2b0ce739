"""Issue 27 in a real Kodi: after the first sync each widget path lists, through Files.GetDirectory, the
titles the mirror holds (library ones as library items with their dbid, others without), and the reload
property moves after a sync that changed a list, not after an idle one. The tests run in file order."""
from urllib.parse import unquote

import pytest
from sync_helpers import (
    SERVICE_STARTED,
    demo_emulator,
    emulator_rig_options,
    log_in_and_wait_for_sync,
    sync_done_pattern,
    wait_for_addon_log,
)

from tests.support.kodi_rig import wait_until
from tests.support.kodi_rig.builtin_script import run_builtin
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

SYNC_TIMEOUT = 240
RELOAD = "Window(Home).Property(SimklSync.Widgets.Reload)"
PLUGIN = "plugin://script.simkl.sync/"
SELECT_DIALOG = 12000  # Kodi's DialogSelect, what xbmcgui.Dialog().select() opens
ELSEWHERE = {"kind": "movie", "simkl": 700001, "title": "Elsewhere", "year": 2021, "runtime": 100,
             "ids": {"imdb": "tt7000001", "tmdb": "700001"}}


@pytest.fixture(scope="module")
def simkl_emulator():
    with demo_emulator() as emu:
        demo.add_title(emu, ELSEWHERE)
        emu.user(demo.DEMO_TOKEN).set_status(ELSEWHERE["simkl"], "plantowatch")
        yield emu


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def logged_in(kodi):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    log_in_and_wait_for_sync(kodi)  # Addons.ExecuteAddon: through the plugin source's answer to it


def reload_value(kodi):
    return kodi.rpc("XBMC.GetInfoLabels", {"labels": [RELOAD]})[RELOAD]


def directory(kodi, query):
    path = f"{PLUGIN}?{query}&reload={reload_value(kodi)}"
    answer = kodi.rpc("Files.GetDirectory", {"directory": path, "media": "video",
                                             "properties": ["title", "file", "playcount", "resume", "art"]})
    return {item["label"]: item for item in answer.get("files") or []}


def movie_id(kodi, title):
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title"]}).get("movies") or []
    return next(movie["movieid"] for movie in movies if movie["title"] == title)


def run_sync(kodi):
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    return wait_for_addon_log(kodi, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark)


def test_plan_to_watch_lists_the_library_movie_with_its_dbid_and_the_other_without(kodi, logged_in):
    assert reload_value(kodi)
    items = directory(kodi, "list=movies.plantowatch")
    assert sorted(items) == ["Arrival", "Elsewhere"]
    assert items["Arrival"]["id"] == movie_id(kodi, "Arrival")
    assert items["Arrival"]["type"] == "movie"
    assert items["Arrival"]["file"].endswith(".mkv") or not items["Arrival"]["file"].startswith("plugin://")
    assert items["Elsewhere"].get("id", -1) in (-1, None)
    assert items["Elsewhere"]["file"].startswith(PLUGIN + "?action=open")
    assert "https://simkl.in/posters/" in unquote(items["Elsewhere"]["art"].get("poster", ""))


def test_up_next_and_continue_watching_list_the_library_episodes(kodi, logged_in):
    up_next = directory(kodi, "list=upnext")
    assert set(up_next) == {"Stranger Things S01E06", "Attack on Titan S03E05"}
    assert all(item["type"] == "episode" and item["id"] > 0 for item in up_next.values())
    paused = directory(kodi, "list=inprogress")
    assert list(paused) == ["Stranger Things S01E06"]


def test_the_root_menu_lists_every_widget_list(kodi, logged_in):
    answer = kodi.rpc("Files.GetDirectory", {"directory": PLUGIN, "media": "video"})
    assert len(answer.get("files") or []) == 17


def test_the_reload_moves_after_a_sync_that_changed_a_list_and_not_after_an_idle_one(kodi, user, logged_in):
    before = reload_value(kodi)
    run_sync(kodi)
    assert reload_value(kodi) == before
    user.watch_episodes(demo.SHOW_STRANGER_THINGS, [(1, 6)])
    run_sync(kodi)
    wait_until(lambda: reload_value(kodi) != before, 30, message="the reload property to move")
    assert "Stranger Things S01E07" in directory(kodi, "list=upnext")


def test_add_to_plan_to_watch_from_a_titles_dialog_reaches_simkl_once(kodi, simkl_emulator, logged_in):
    items = directory(kodi, "list=movies.plantowatch")
    simkl_emulator.clear_requests()
    run_builtin(kodi, f"RunPlugin({items['Elsewhere']['file']})")
    wait_until(lambda: kodi.current_window_id() == SELECT_DIALOG, 60, message="the title's dialog")
    kodi.rpc("Input.Select")  # its first choice: Add to Plan to watch
    added = lambda: [r for r in simkl_emulator.requests if r.method == "POST" and "add-to-list" in r.path]  # noqa: E731
    wait_until(added, 60, message="the list add to reach Simkl")
    kodi.wait(3)  # a second send would follow within a second or two
    assert len(added()) == 1
