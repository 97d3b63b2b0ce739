"""Issue 27 in a real Kodi: after the first sync each widget path lists, through Files.GetDirectory, the
titles the mirror holds (library ones as library items with their dbid, others without), and the reload
property moves after a sync that changed a list, not after an idle one. The tests run in file order."""
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from sync_helpers import (
    SERVICE_STARTED,
    demo_emulator,
    emulator_rig_options,
    log_in_and_wait_for_sync,
    sync_done_pattern,
    wait_for_addon_log,
)
from test_mass_unmarks_e2e import answer

from resources.lib.simklsync.core.widgets.lists import list_names
from tests.support.kodi_rig import wait_until
from tests.support.kodi_rig.builtin_script import run_builtin
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

SYNC_TIMEOUT = 240
RELOAD = "Window(Home).Property(SimklSync.Widgets.Reload)"
PLUGIN = "plugin://script.simkl.sync/"
SELECT_DIALOG = 12000  # Kodi's DialogSelect, what xbmcgui.Dialog().select() opens
PYTHON_WINDOWS = range(13000, 13100)  # the ids Kodi gives an add-on's own windows (the page's)
ELSEWHERE = {"kind": "movie", "simkl": 700001, "title": "Elsewhere", "year": 2021, "runtime": 100,
             "ids": {"imdb": "tt7000001", "tmdb": "700001"}}



def _calendar_entry(simkl, season, episode, days_from_now):
    """An entry of Simkl's calendar files (data.simkl.in/calendar/*.json), dated from the real clock (Kodi's)."""
    when = datetime.now(timezone.utc) + timedelta(days=days_from_now)
    return {"title": "?", "poster": "16/1655c2a1b7e0e1a3", "date": when.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "ids": {"simkl_id": simkl}, "episode": {"season": season, "episode": episode}}


# New episodes: the Watching shows' episodes a week either side of now; not the title in Plan to watch, not an
# episode aired three weeks ago.
STRANGER = demo.SHOW_STRANGER_THINGS
CALENDAR_TV = [_calendar_entry(STRANGER, 2, 1, -2), _calendar_entry(STRANGER, 2, 2, 3),
               _calendar_entry(STRANGER, 1, 8, -21), _calendar_entry(ELSEWHERE["simkl"], 1, 1, -1)]
CALENDAR_ANIME = [_calendar_entry(demo.ANIME_AOT_S3, 1, 30, 1)]  # past the library's episodes: not in it
TYPES = {"movie": "movies", "show": "shows", "anime": "anime"}
NEW_EPISODES = ["Stranger Things S02E02", "Attack on Titan Season 3 S01E30", "Stranger Things S02E01"]


@pytest.fixture(scope="module")
def simkl_emulator():
    with demo_emulator() as emu:
        demo.add_title(emu, ELSEWHERE)
        emu.user(demo.DEMO_TOKEN).set_status(ELSEWHERE["simkl"], "plantowatch")
        emu.set_calendar("tv", CALENDAR_TV)
        emu.set_calendar("anime", CALENDAR_ANIME)
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


def test_every_status_list_lists_exactly_the_accounts_titles_library_ones_with_their_dbid(kodi, simkl_emulator,
                                                                                         logged_in):
    account = simkl_emulator.user(demo.DEMO_TOKEN)
    expected = {name: set() for name in list_names()}
    for title in demo.TITLES + [ELSEWHERE]:
        status = account.status(title["simkl"])
        if status:
            expected[f"{TYPES[title['kind']]}.{status}"].add(title["title"])
    assert any(expected.values())
    for name, titles in expected.items():
        items = directory(kodi, f"list={name}")
        assert set(items) == titles, name
        for label, item in items.items():
            if label == ELSEWHERE["title"]:
                assert item.get("id", -1) in (-1, None) and item["file"].startswith(PLUGIN + "?action=open")
            else:  # every demo title is in the rig's library
                assert item["id"] > 0 and item["type"] in ("movie", "tvshow"), (name, label)


def test_up_next_and_continue_watching_list_the_library_episodes(kodi, logged_in):
    up_next = directory(kodi, "list=upnext")
    assert set(up_next) == {"Stranger Things S01E06", "Attack on Titan S03E05"}
    assert all(item["type"] == "episode" and item["id"] > 0 for item in up_next.values())
    paused = directory(kodi, "list=inprogress")
    assert list(paused) == ["Stranger Things S01E06"]
    resume = paused["Stranger Things S01E06"]["resume"]  # Simkl's paused 40 %, as the library's resume point
    assert resume["total"] > 0 and abs(resume["position"] / resume["total"] - 0.4) < 0.02


def test_the_root_menu_lists_every_widget_list(kodi, logged_in):
    answer = kodi.rpc("Files.GetDirectory", {"directory": PLUGIN, "media": "video"})
    names = [dict(parse_qsl(urlsplit(item["file"]).query)).get("list") for item in answer.get("files") or []]
    assert sorted(names) == sorted(["upnext", "inprogress", "newepisodes"] + list(list_names()))


def test_new_episodes_lists_the_watching_shows_episodes_of_the_calendar_week(kodi, logged_in):
    items = directory(kodi, "list=newepisodes")
    assert list(items) == NEW_EPISODES  # the latest air date first
    in_library = [items["Stranger Things S02E02"], items["Stranger Things S02E01"]]
    assert all(item["type"] == "episode" and item["id"] > 0 for item in in_library)
    not_in_library = items[NEW_EPISODES[1]]
    assert not_in_library.get("id", -1) in (-1, None)
    assert not_in_library["file"].startswith(PLUGIN + "?action=open&list=newepisodes")
    assert "https://simkl.in/posters/" in unquote(not_in_library["art"].get("poster", ""))


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


def test_the_titles_simkl_page_shows_a_qr_code_a_phone_can_read(kodi, logged_in, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (requirements-dev.txt) reads the screenshot")
    from PIL import Image  # noqa: PLC0415 - with zxing-cpp, a test requirement

    items = directory(kodi, "list=movies.plantowatch")
    run_builtin(kodi, f"RunPlugin({items['Elsewhere']['file']})")
    wait_until(lambda: kodi.current_window_id() == SELECT_DIALOG, 60, message="the title's dialog")
    for _ in range(3):  # Add to Plan to watch, Mark watched on Simkl, Remove from list, On Simkl
        kodi.rpc("Input.Down")
    kodi.rpc("Input.Select")
    wait_until(lambda: kodi.current_window_id() in PYTHON_WINDOWS, 60, message="the page's window")

    def read():
        shot = kodi.screenshot(tmp_path / "page.png")
        return [r.text for r in zxingcpp.read_barcodes(Image.open(str(shot)))]

    wait_until(lambda: read() == [f"https://simkl.com/movies/{ELSEWHERE['simkl']}"], 30, message="the QR code")
    kodi.rpc("Input.Back")
    wait_until(lambda: kodi.current_window_id() not in PYTHON_WINDOWS, 30, message="the page closed")


def test_remove_from_list_from_a_titles_dialog_reaches_simkl_once_and_the_widget_drops_it(kodi, simkl_emulator,
                                                                                          logged_in):
    items = directory(kodi, "list=movies.plantowatch")
    before = reload_value(kodi)
    simkl_emulator.clear_requests()
    run_builtin(kodi, f"RunPlugin({items['Elsewhere']['file']})")
    wait_until(lambda: kodi.current_window_id() == SELECT_DIALOG, 60, message="the title's dialog")
    for _ in range(2):  # Add to Plan to watch, Mark watched on Simkl, Remove from list
        kodi.rpc("Input.Down")
    kodi.rpc("Input.Select")
    answer(kodi, "Yes")  # removing takes the title's watch history on Simkl with it: asked first
    removed = lambda: [r for r in simkl_emulator.requests  # noqa: E731
                       if r.method == "POST" and r.path.startswith("/sync/history/remove")]
    wait_until(removed, 60, message="the removal to reach Simkl")
    wait_until(lambda: "Elsewhere" not in directory(kodi, "list=movies.plantowatch"), 120,
               message="the widget to drop the title (a sync reads the lists back)")
    assert reload_value(kodi) != before
    assert len(removed()) == 1
    assert simkl_emulator.user(demo.DEMO_TOKEN).status(ELSEWHERE["simkl"]) is None
