"""Issue 16's context menu in a real Kodi 20: each "Simkl: …" entry, picked in Kodi's own context menu on a library
item (or run by name, as RunScript would), changes Kodi at once and reaches the emulator. The tests share one Kodi."""
import pytest
from sync_helpers import SERVICE_STARTED, emulator_rig_options, log_in_and_wait_for_sync

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

VIDEO_NAV = 10025
CONTEXT_MENU = 10106
SELECT_DIALOG = 12000
SEND_TIMEOUT = 60
MAX_STEPS = 30


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def logged_in(kodi):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    log_in_and_wait_for_sync(kodi)


def labels(kodi, *names):
    return kodi.rpc("XBMC.GetInfoLabels", {"labels": list(names)})


def open_library(kodi, path):
    kodi.rpc("GUI.ActivateWindow", {"window": "videos", "parameters": [path]})
    wait_until(lambda: kodi.current_window_id() == VIDEO_NAV and labels(kodi, "Container.NumItems")[
        "Container.NumItems"] not in ("", "0"), 30, message=path)


def focus(kodi, label):
    """Move down the list until the item `label` has the focus."""
    for _ in range(MAX_STEPS):
        if labels(kodi, "ListItem.Label")["ListItem.Label"] == label:
            return
        kodi.rpc("Input.Down")
    raise AssertionError(f"{label!r} not found in the list")


def choose(kodi, window_id, control_label):
    """In the open menu or dialog, move to the entry `control_label` and select it."""
    wait_until(lambda: kodi.current_window_id() == window_id, 15, message=f"window {window_id}")
    for _ in range(MAX_STEPS):
        if labels(kodi, "System.CurrentControl")["System.CurrentControl"] == control_label:
            kodi.rpc("Input.Select")
            return
        kodi.rpc("Input.Down")
    raise AssertionError(f"{control_label!r} not in window {window_id}")


def menu_entry(kodi, library_path, item_label, entry):
    open_library(kodi, library_path)
    focus(kodi, item_label)
    kodi.rpc("Input.ContextMenu")
    choose(kodi, CONTEXT_MENU, entry)


def movie(kodi, title, properties=("playcount", "userrating")):
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title"] + list(properties)}).get("movies") or []
    return next(m for m in movies if m["title"] == title)


def show_id(kodi, title):
    shows = kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["title"]}).get("tvshows") or []
    return next(s["tvshowid"] for s in shows if s["title"] == title)


def posts(emu, path):
    return [r for r in emu.requests if r.method == "POST" and r.path == path]


def test_the_menu_is_offered_only_while_logged_in(kodi, logged_in):
    prop = "Window(Home).Property(script.simkl.sync.logged_in)"
    assert labels(kodi, prop)[prop] == "true"


def test_mark_watched_from_the_menu(kodi, logged_in, user, simkl_emulator):
    simkl_emulator.clear_requests()
    menu_entry(kodi, "videodb://movies/titles/", "Arrival", "Simkl: mark watched")
    wait_until(lambda: movie(kodi, "Arrival")["playcount"] == 1, 30, message="Arrival watched in Kodi")
    wait_until(lambda: demo.MOVIE_ARRIVAL in user.watched_movies(), SEND_TIMEOUT, message="Arrival on Simkl")
    assert len(posts(simkl_emulator, "/sync/history")) == 1  # Kodi's OnUpdate was not sent back a second time


def test_mark_unwatched_from_the_menu(kodi, logged_in, user, simkl_emulator):
    menu_entry(kodi, "videodb://movies/titles/", "The Matrix", "Simkl: mark unwatched")
    wait_until(lambda: movie(kodi, "The Matrix")["playcount"] == 0, 30, message="The Matrix unwatched in Kodi")
    wait_until(lambda: demo.MOVIE_MATRIX not in user.watched_movies(), SEND_TIMEOUT, message="unwatched on Simkl")


def test_rate_from_the_menu_asks_and_rates_in_kodi_and_on_simkl(kodi, logged_in, user, simkl_emulator):
    simkl_emulator.clear_requests()
    menu_entry(kodi, "videodb://movies/titles/", "Inception", "Simkl: rate...")
    choose(kodi, SELECT_DIALOG, "8 / 10")
    wait_until(lambda: movie(kodi, "Inception")["userrating"] == 8, 30, message="Inception rated in Kodi")
    wait_until(lambda: user.rating(demo.MOVIE_INCEPTION) == 8, SEND_TIMEOUT, message="Inception rated on Simkl")
    assert len(posts(simkl_emulator, "/sync/ratings")) == 1


def test_mark_watched_on_a_season_from_the_menu(kodi, logged_in, user):
    show = show_id(kodi, "Stranger Things")
    menu_entry(kodi, f"videodb://tvshows/titles/{show}/", "Season 2", "Simkl: mark watched")

    def season_two_on_simkl():
        return {episode for (season, episode) in user.watched_episodes(demo.SHOW_STRANGER_THINGS) if season == 2}
    wait_until(lambda: len(season_two_on_simkl()) == 9, SEND_TIMEOUT, message="season 2 on Simkl")
    episodes = kodi.rpc("VideoLibrary.GetEpisodes", {"tvshowid": show, "season": 2,
                                                     "properties": ["playcount"]})["episodes"]
    assert [e["playcount"] for e in episodes] == [1] * 9


def test_add_to_plan_to_watch_by_name(kodi, logged_in, user):
    user.remove(demo.MOVIE_ARRIVAL)
    arrival = movie(kodi, "Arrival", ())["movieid"]
    assert kodi.execute_addon(["context", "plantowatch", "media=movie", f"id={arrival}"]) == "OK"
    wait_until(lambda: user.status(demo.MOVIE_ARRIVAL) == "plantowatch", SEND_TIMEOUT, message="plan to watch")


def test_sync_this_item_now_from_the_menu(kodi, logged_in, simkl_emulator):
    simkl_emulator.clear_requests()
    mark = kodi.log_mark()
    menu_entry(kodi, "videodb://movies/titles/", "Interstellar", "Simkl: sync this item now")
    kodi.wait_for_log(r"simklsync\.service: sync \(manual\): ok", timeout=120, since=mark)
    assert ("GET", "/sync/activities") in [(r.method, r.path) for r in simkl_emulator.requests]
