"""Issue 26's mass unmarks in a real Kodi: a remote app resets many playcounts over JSON-RPC; nothing is removed on
Simkl until the user answers Kodi's dialog. "Keep them on Simkl" sends nothing and a "Sync now" leaves them
unwatched in Kodi; "Remove them from Simkl too" removes them all in a few requests. The tests share one Kodi."""
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
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

STRANGER, AOT = demo.SHOW_STRANGER_THINGS, demo.ANIME_AOT_S3
YES_NO_WINDOWS = (10100, 12002)  # DialogConfirm as yesno / yesnocustom opens it, by Kodi version
SEND_TIMEOUT = 90
MAX_STEPS = 8


@pytest.fixture(scope="module")
def simkl_emulator():
    with demo_emulator() as emu:
        user = emu.user(demo.DEMO_TOKEN)
        user.watch_episodes(STRANGER, [(s, e) for s, count in ((1, 8), (2, 9)) for e in range(1, count + 1)],
                            at="2026-05-01T22:00:00Z")
        user.watch_episodes(AOT, [(1, e) for e in range(1, 13)], at="2026-05-10T18:00:00Z")
        yield emu


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def logged_in(kodi):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    log_in_and_wait_for_sync(kodi)
    wait_until(lambda: len(watched_episodes(kodi)) == 29, 60, message="every episode watched in Kodi")


def watched_episodes(kodi, show=None):
    params = {"properties": ["playcount", "tvshowid"]}
    episodes = kodi.rpc("VideoLibrary.GetEpisodes", params).get("episodes") or []
    return [e["episodeid"] for e in episodes if e["playcount"] > 0 and (show is None or e["tvshowid"] == show)]


def show_id(kodi, title):
    shows = kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["title"]}).get("tvshows") or []
    return next(s["tvshowid"] for s in shows if s["title"] == title)


def unwatch_over_rpc(kodi, episode_ids):
    for episodeid in episode_ids:
        kodi.rpc("VideoLibrary.SetEpisodeDetails", {"episodeid": episodeid, "playcount": 0})


def answer(kodi, button):
    """The question on screen, answered with the button labelled `button`."""
    wait_until(lambda: kodi.current_window_id() in YES_NO_WINDOWS, 60, message="the question")
    for move in ["Input.Left"] * MAX_STEPS + ["Input.Right"] * MAX_STEPS:
        if kodi.rpc("XBMC.GetInfoLabels", {"labels": ["System.CurrentControl"]})["System.CurrentControl"] == button:
            kodi.rpc("Input.Select")
            return
        kodi.rpc(move)
    raise AssertionError(f"{button!r} not in the dialog")


def removals(emu):
    return [r for r in emu.requests if r.method == "POST" and r.path == "/sync/history/remove"]


def test_the_menus_season_unwatch_asks_first_and_no_leaves_it_watched(kodi, logged_in, simkl_emulator, user):
    stranger = show_id(kodi, "Stranger Things")
    simkl_emulator.clear_requests()
    mark = kodi.log_mark()
    assert kodi.execute_addon(["context", "unwatched", "media=season", f"id={stranger}", "season=2"]) == "OK"
    answer(kodi, "No")
    kodi.wait_for_log(r"simklsync\.context_menu: context menu: unwatch of season \d+ not confirmed", timeout=30,
                      since=mark)
    assert len(watched_episodes(kodi, stranger)) == 17
    assert removals(simkl_emulator) == [] and len(user.watched_episodes(STRANGER)) == 17


def test_keep_them_on_simkl_removes_nothing_and_a_sync_leaves_them_unwatched(kodi, logged_in, simkl_emulator, user):
    anime = show_id(kodi, "Attack on Titan")
    simkl_emulator.clear_requests()
    unwatch_over_rpc(kodi, watched_episodes(kodi, anime))
    answer(kodi, "Keep them on Simkl")
    wait_until(lambda: kodi.current_window_id() not in YES_NO_WINDOWS, 30, message="the dialog closed")
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    wait_for_addon_log(kodi, sync_done_pattern("manual"), SEND_TIMEOUT, since=mark)
    assert watched_episodes(kodi, anime) == []
    assert removals(simkl_emulator) == [] and len(user.watched_episodes(AOT)) == 12


def test_remove_them_from_simkl_too_removes_every_one_in_a_few_requests(kodi, logged_in, simkl_emulator, user):
    stranger = show_id(kodi, "Stranger Things")
    simkl_emulator.clear_requests()
    unwatch_over_rpc(kodi, watched_episodes(kodi, stranger))
    assert len(user.watched_episodes(STRANGER)) == 17  # asked first
    answer(kodi, "Remove them from Simkl too")
    wait_until(lambda: not user.watched_episodes(STRANGER), SEND_TIMEOUT, message="removed on Simkl")
    assert 1 <= len(removals(simkl_emulator)) <= 2
