"""The service writes the widget file after a first sync and after a cycle that changed a list, and bumps the
widgets' reload property then; an idle cycle leaves both alone."""
import pytest
import xbmcgui
from simklsync.constants import WIDGETS_RELOAD_PROPERTY
from simklsync.sync.widgets_step import list_store, widget_store
from test_service import start_logged_in

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

MOVIE_ELSEWHERE = 700001  # on the Simkl plan-to-watch list, not in the Kodi library
ELSEWHERE = {"kind": "movie", "simkl": MOVIE_ELSEWHERE, "title": "Elsewhere", "year": 2021, "runtime": 100,
             "ids": {"imdb": "tt7000001", "tmdb": "700001"}}


@pytest.fixture
def running(fake_kodi, monkeypatch):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        demo.add_title(emu, ELSEWHERE)
        emu.user(token).set_status(MOVIE_ELSEWHERE, "plantowatch")
        runner = start_logged_in(fake_kodi, emu, token)
        yield runner
        runner.stop()


def widget_lists(running):
    """{list name: rows} as the plugin reads them: the index's lists, each from its own file."""
    index = widget_store(running.service.profile).load()
    if index is None:
        return None
    return {name: list_store(running.service.profile, name).load() for name in index["lists"]}


def reload_value():
    return xbmcgui.Window(10000).getProperty(WIDGETS_RELOAD_PROPERTY)


def _first_sync(running):
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    return widget_lists(running)


def test_a_first_sync_writes_each_list_with_its_library_matches_and_bumps_the_reload(running):
    lists = _first_sync(running)
    assert reload_value()
    up_next = {row["simkl"]: row for row in lists["upnext"]}
    stranger = up_next[demo.SHOW_STRANGER_THINGS]
    assert (stranger["season"], stranger["episode"]) == (1, 6)
    assert stranger["library"]["dbid"] == running.ids[demo.SHOW_STRANGER_THINGS][(1, 6)]
    titan = up_next[demo.ANIME_AOT_S3]  # Simkl's E5 is Kodi's S03E05 through the TVDB mapping
    assert titan["library"]["dbid"] == running.ids[demo.ANIME_AOT_S3][(3, 5)]
    paused = lists["inprogress"]
    assert [(row["simkl"], row["progress"]) for row in paused] == [(demo.SHOW_STRANGER_THINGS, 40.0)]
    planned = {row["simkl"]: row for row in lists["movies.plantowatch"]}
    assert planned[demo.MOVIE_ARRIVAL]["library"]["dbid"] == running.ids[demo.MOVIE_ARRIVAL]
    assert "library" not in planned[MOVIE_ELSEWHERE]
    assert planned[MOVIE_ELSEWHERE]["link"] == f"https://simkl.com/movies/{MOVIE_ELSEWHERE}"
    completed = [row["simkl"] for row in lists["movies.completed"]]
    assert completed == [demo.MOVIE_INTERSTELLAR, demo.MOVIE_INCEPTION, demo.MOVIE_MATRIX]


def test_the_reload_moves_after_a_sync_that_changed_a_list_and_not_after_an_idle_cycle(running):
    _first_sync(running)
    first = reload_value()
    running.service.request_sync("timer")
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    assert reload_value() == first
    running.emu.clock.advance(60)
    running.emu.user(running.token).watch_episodes(demo.SHOW_STRANGER_THINGS, [(1, 6)], at="2026-05-20T20:00:00Z")
    running.service.request_sync("timer")
    assert wait_until(lambda: len(running.syncs()) == 3)
    assert running.settled()
    assert reload_value() != first
    stranger = next(row for row in widget_lists(running)["upnext"] if row["simkl"] == demo.SHOW_STRANGER_THINGS)
    assert (stranger["season"], stranger["episode"]) == (1, 7)


def test_a_mark_simkl_accepted_moves_up_next_on_with_the_reload_bumped_once(running):
    _first_sync(running)
    first = reload_value()
    episode = running.ids[demo.SHOW_STRANGER_THINGS][(1, 6)]
    running.emu.clock.advance(60)
    running.kodi.library.user_marks_watched("episode", episode)
    user = running.emu.user(running.token)
    assert wait_until(lambda: (1, 6) in user.watched_episodes(demo.SHOW_STRANGER_THINGS))
    assert wait_until(lambda: reload_value() != first)
    assert running.settled()
    bumped = reload_value()
    stranger = next(row for row in widget_lists(running)["upnext"] if row["simkl"] == demo.SHOW_STRANGER_THINGS)
    assert (stranger["season"], stranger["episode"]) == (1, 7)
    assert stranger["library"]["dbid"] == running.ids[demo.SHOW_STRANGER_THINGS][(1, 7)]
    order = [row["simkl"] for row in widget_lists(running)["upnext"]]
    running.service.request_sync("timer")  # Simkl's answer says the same: no second reload
    assert wait_until(lambda: len(running.syncs()) >= 2)
    assert running.settled()
    assert "1 requests" not in running.syncs()[-1]  # the mark came back from Simkl into the mirror
    stranger = next(row for row in widget_lists(running)["upnext"] if row["simkl"] == demo.SHOW_STRANGER_THINGS)
    assert (stranger["season"], stranger["episode"]) == (1, 7)
    # Simkl's own time of the mark can move the show up the list (newest activity first), a change a widget
    # shows; when the order stays, nothing the widgets show changed and the property stays.
    if [row["simkl"] for row in widget_lists(running)["upnext"]] == order:
        assert reload_value() == bumped


def test_the_widget_settings_take_effect_at_the_next_check(running):
    _first_sync(running)
    first = reload_value()
    running.kodi.settings["widgets_limit"] = 10
    running.kodi.settings["widgets_anime"] = False
    running.service.request_sync("timer")  # Simkl has nothing new: only the settings changed
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    lists = widget_lists(running)
    assert not any(name.startswith("anime.") for name in lists)
    assert reload_value() != first
