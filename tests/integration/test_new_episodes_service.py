"""New episodes in the fake Kodi with the emulator serving Simkl's calendar files: after a sync the list holds
the Watching titles' episodes of the week either side (library ones as library items), the plugin lists them
without a request, and a second sync within 3 hours asks the calendar nothing."""
import time

import pytest
from simklsync.core.times import from_epoch, iso_z
from simklsync.sync.widgets_step import list_store, widget_store
from syncworld import build_library
from test_fresh_on_return import HOUR, Box, VirtualClock
from test_service import start_logged_in
from test_widgets_plugin import listing
from test_widgets_service import reload_value, widget_lists

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

DAY = 86400
STRANGER, TITAN = demo.SHOW_STRANGER_THINGS, demo.ANIME_AOT_S3
THREE_HOURS_AND_A_CYCLE = 3 * HOUR + 31 * 60  # timer cycles every 30 minutes: the first one 3 h after a fetch


def _entry(simkl, title, days, episode, season=None):
    number = {"episode": episode} if season is None else {"season": season, "episode": episode}
    return {"title": title, "poster": "55/555", "date": iso_z(from_epoch(int(time.time() + days * DAY))),
            "ids": {"simkl_id": simkl}, "episode": number}


TV = [_entry(STRANGER, "Stranger Things", -2, 7, season=1),
      _entry(STRANGER, "Stranger Things", 20, 1, season=3),  # beyond the week ahead
      _entry(demo.MOVIE_MATRIX, "Not a show in Watching", 1, 1, season=1),
      _entry(999999, "Somebody else's", 1, 1, season=1)]
ANIME = [_entry(TITAN, "Attack on Titan Season 3", 1, 6)]


@pytest.fixture
def running(fake_kodi, monkeypatch):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)  # the calendar files come from <emulator>/calendar
        emu.set_calendar("tv", TV)
        emu.set_calendar("anime", ANIME)
        token = demo.seed_demo(emu)
        runner = start_logged_in(fake_kodi, emu, token)
        yield runner
        runner.stop()


def _calendar_requests(running):
    return [r.path for r in running.emu.requests if r.path.startswith("/calendar/")]


def test_after_a_sync_new_episodes_holds_the_watching_titles_episodes_of_the_week(running):
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    assert sorted(_calendar_requests(running)) == ["/calendar/anime.json", "/calendar/tv.json"]
    assert all(r.query == {} for r in running.emu.requests if r.path.startswith("/calendar/"))
    rows = widget_lists(running)["newepisodes"]
    assert [(row["simkl"], row["season"], row["episode"]) for row in rows] == [(TITAN, 3, 6), (STRANGER, 1, 7)]
    # both in the library: Titan's Simkl E6 is Kodi's S03E06 through the TVDB mapping
    assert rows[0]["library"]["dbid"] == running.ids[TITAN][(3, 6)]
    assert rows[1]["library"]["dbid"] == running.ids[STRANGER][(1, 7)]
    running.emu.clear_requests()
    directory = listing("?list=newepisodes&reload=" + reload_value())
    assert running.emu.requests == []  # a listing asks nothing, not even the CDN
    assert [url for url, _, _ in directory["items"]] == [row["library"]["file"] for row in rows]


def test_a_second_sync_within_three_hours_makes_no_calendar_request_and_keeps_the_reload(running):
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    first = reload_value()
    running.emu.clear_requests()
    running.emu.set_calendar("tv", [])  # would empty the list, were it fetched
    running.service.request_sync("timer")
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    assert _calendar_requests(running) == []
    assert len(widget_lists(running)["newepisodes"]) == 2
    assert reload_value() == first


@pytest.fixture
def box(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.start()
        clock = VirtualClock(emu)
        emu.set_calendar("tv", [])
        emu.set_calendar("anime", [])
        token = demo.seed_demo(emu)
        build_library(fake_kodi.library)
        for key, value in {"access_token": token, "account_name": demo.DEMO_USER, "initial_push": 2,
                           "initial_push_asked": True}.items():
            fake_kodi.settings[key] = value
        running = Box(fake_kodi, emu, clock, str(tmp_path / "profile"))
        running.service.sync_once("startup")
        emu.clear_requests()
        yield running


def _at(clock, simkl, days, episode, season=1):
    return {"title": "t", "date": iso_z(from_epoch(int(clock.time() + days * DAY))), "ids": {"simkl_id": simkl},
            "episode": {"season": season, "episode": episode}}


def test_the_calendar_is_fetched_again_after_three_hours_and_a_change_for_the_user_bumps_the_reload(box):
    first = reload_value()
    box.emu.set_calendar("tv", [_at(box.clock, 999999, 1, 1)])  # not the user's: the list stays empty
    box.live(THREE_HOURS_AND_A_CYCLE)
    assert box.requests().count(("GET", "/calendar/tv.json")) == 1
    assert reload_value() == first
    box.emu.set_calendar("tv", [_at(box.clock, STRANGER, 1, 7)])
    box.live(THREE_HOURS_AND_A_CYCLE)
    assert box.requests().count(("GET", "/calendar/tv.json")) == 2
    assert reload_value() != first
    rows = widget_lists_of(box)["newepisodes"]
    assert [(row["simkl"], row["season"], row["episode"]) for row in rows] == [(STRANGER, 1, 7)]


def widget_lists_of(box):
    return {name: list_store(box.service.profile, name).load()
            for name in widget_store(box.service.profile).load()["lists"]}


def test_with_the_setting_off_there_is_no_list_and_no_calendar_request(box):
    box.kodi.settings["widgets_newepisodes"] = False
    box.live(THREE_HOURS_AND_A_CYCLE)
    assert not any(path.startswith("/calendar/") for _, path in box.requests())
    assert "newepisodes" not in widget_lists_of(box)
