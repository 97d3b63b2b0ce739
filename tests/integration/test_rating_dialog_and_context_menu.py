"""The rating dialog, the prompt after watching, and the context menu run against the running service (fake Kodi +
emulator)."""
import pytest
import xbmcgui
from simklsync.constants import EXCLUDE_PROPERTY, LOGGED_IN_PROPERTY
from simklsync.core.echo import EchoFilter
from simklsync.core.item_actions import parse_action
from simklsync.core.outbox.queue import Outbox
from simklsync.core.playing.scrobble import PlayingItem
from simklsync.core.state.store import JsonStore
from simklsync.kodi import settings, ui
from simklsync.kodi.gui import context_menu, rating_dialog
from simklsync.kodi.playback.player import ScrobblePlayer
from simklsync.sync import ratings_check
from simklsync.sync.rating_sync import may_carry_rating
from syncworld import build_library
from test_service import RunningService

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

MATRIX, ARRIVAL, STRANGER = demo.MOVIE_MATRIX, demo.MOVIE_ARRIVAL, demo.SHOW_STRANGER_THINGS


def selects(kodi):
    return kodi.ui.calls_of("Dialog.select")


def notifications(kodi):
    return [call.args["message"] for call in kodi.ui.calls_of("Dialog.notification")]


# -- the dialog ---------------------------------------------------------------------------------------------

def test_the_dialog_offers_ten_to_one_and_skip(fake_kodi):
    fake_kodi.ui.answers.append(2)
    assert rating_dialog.choose_rating("The Matrix") == 8
    call = selects(fake_kodi)[-1]
    assert len(call.args["list"]) == 11  # 10 … 1, skip
    fake_kodi.ui.answers.append(10)
    assert rating_dialog.choose_rating("The Matrix") is None  # skip
    assert rating_dialog.choose_rating("The Matrix") is None  # back (-1)


def test_the_dialog_can_offer_removal_and_preselects_the_current_rating(fake_kodi):
    fake_kodi.ui.answers.append(10)
    assert rating_dialog.choose_rating("The Matrix", current=7, allow_remove=True) == 0
    assert selects(fake_kodi)[-1].args["preselect"] == 3


# -- the prompt after watching --------------------------------------------------------------------------------

class Prompt:
    def __init__(self, setting=1, playing=False):
        self.requested = []
        self.prompt = rating_dialog.RatePrompt(lambda: setting, self.requested.append, lambda seconds: False,
                                               lambda: playing)

    def after(self, item, progress):
        self.prompt.after_watched(item, progress).join(5)
        return [parse_action(data) for data in self.requested]


@pytest.fixture
def library(fake_kodi):
    return build_library(fake_kodi.library)


def movie_item(ids, simkl):
    return PlayingItem("movie", {"imdb": "tt0133093"}, "The Matrix", 1999, kodi_id=ids[simkl])


def test_a_movie_watched_to_the_end_asks_and_hands_the_rating_to_the_service(fake_kodi, library):
    fake_kodi.ui.answers.append(1)  # 9
    actions = Prompt().after(movie_item(library, MATRIX), 100.0)
    assert [(a.action, a.media, a.kodi_id, a.rating) for a in actions] == [("rate", "movie", library[MATRIX], 9)]
    assert "The Matrix" in selects(fake_kodi)[-1].args["heading"]


def test_no_prompt_while_another_video_plays_or_below_the_threshold_or_when_off(fake_kodi, library):
    assert Prompt(playing=True).after(movie_item(library, MATRIX), 100.0) == []
    assert Prompt().after(movie_item(library, MATRIX), 50.0) == []
    assert Prompt(setting=0).after(movie_item(library, MATRIX), 100.0) == []
    assert selects(fake_kodi) == []


def test_skipping_sends_nothing(fake_kodi, library):
    fake_kodi.ui.answers.append(10)
    assert Prompt().after(movie_item(library, MATRIX), 100.0) == []
    assert len(selects(fake_kodi)) == 1


def test_the_last_episode_of_a_season_rates_the_show(fake_kodi, library):
    episodes = library[STRANGER]
    last = max(number for season, number in episodes if season == 1)
    show_id = fake_kodi.library.get("episode", episodes[(1, 1)])["tvshowid"]
    fake_kodi.ui.answers.append(3)  # 7

    def item(number):
        return PlayingItem("episode", {"tvdb": 305288}, "Stranger Things", 2016, 1, number,
                           kodi_id=episodes[(1, number)])

    assert Prompt(setting=2).after(item(1), 100.0) == []
    actions = Prompt(setting=2).after(item(last), 100.0)
    assert [(a.media, a.kodi_id, a.rating) for a in actions] == [("tvshow", show_id, 7)]


# -- the context menu against the running service -----------------------------------------------------------------

@pytest.fixture
def running(fake_kodi, monkeypatch):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        ids = build_library(fake_kodi.library)
        for key, value in {"access_token": token, "account_name": demo.DEMO_USER, "initial_push": 2,
                           "initial_push_asked": False}.items():
            fake_kodi.settings[key] = value
        runner = RunningService(fake_kodi, emu)
        runner.ids = ids
        runner.user = emu.user(token)
        assert wait_until(lambda: runner.syncs())
        yield runner
        runner.stop()


def logged_in_property():
    return xbmcgui.Window(10000).getProperty(LOGGED_IN_PROPERTY)


def listitem(mediatype, dbid, title, userrating=0):
    item = xbmcgui.ListItem(title)
    tag = item.getVideoInfoTag()
    tag.setMediaType(mediatype)
    tag.setDbId(dbid)
    tag.setTitle(title)
    tag.setUserRating(userrating)
    return item


def test_the_service_shows_the_menu_only_while_logged_in(running):
    assert logged_in_property() == "true"
    running.service.events.on_logged_out()
    assert logged_in_property() == ""


def test_mark_watched_from_the_menu_changes_kodi_and_reaches_simkl(running):
    movie = running.ids[ARRIVAL]
    context_menu.run(["script.simkl.sync", "watched"], listitem("movie", movie, "Arrival"))
    assert wait_until(lambda: running.kodi.library.get("movie", movie)["playcount"] == 1)
    assert wait_until(lambda: ARRIVAL in running.user.watched_movies())
    assert any("Arrival" in message for message in notifications(running.kodi))


def test_rate_from_the_menu_asks_then_rates_in_kodi_and_on_simkl_once(running):
    movie = running.ids[ARRIVAL]
    running.kodi.ui.answers.append(4)  # 6
    context_menu.run(["rate"], listitem("movie", movie, "Arrival"))
    assert wait_until(lambda: running.user.rating(ARRIVAL) == 6)
    assert running.kodi.library.get("movie", movie)["userrating"] == 6
    running.service.request_sync("manual")
    assert wait_until(lambda: len(running.syncs()) == 2)
    # A second send would still wait in the outbox, or be in the emulator's log already.
    assert len(running.service.outbox) == 0
    posts = [r for r in running.emu.requests if r.method == "POST" and r.path == "/sync/ratings"]
    assert len(posts) == 1


def test_named_items_work_without_a_list_item(running):
    show = running.kodi.library.get("episode", running.ids[STRANGER][(1, 1)])["tvshowid"]
    running.kodi.ui.answers.append(True)  # yes to the season's unwatch
    context_menu.run(["unwatched", "media=season", f"id={show}", "season=1"])
    assert wait_until(lambda: not any(s == 1 for s, _ in running.user.watched_episodes(STRANGER)))
    assert running.kodi.library.get("episode", running.ids[STRANGER][(1, 1)])["playcount"] == 0


def test_add_to_plan_to_watch_and_sync_now_from_the_menu(running):
    running.user.remove(ARRIVAL)
    context_menu.run(["plantowatch", "media=movie", f"id={running.ids[ARRIVAL]}"])
    assert wait_until(lambda: running.user.status(ARRIVAL) == "plantowatch")
    context_menu.run(["sync", "media=movie", f"id={running.ids[MATRIX]}"])
    assert wait_until(lambda: len(running.syncs()) == 2)


def test_the_menu_does_nothing_but_say_so_when_logged_out(running):
    running.kodi.settings["access_token"] = ""
    context_menu.run(["watched"], listitem("movie", running.ids[ARRIVAL], "Arrival"))
    assert notifications(running.kodi)[-1] == ui.localize(32360)  # the script stops before telling the service
    assert running.kodi.library.get("movie", running.ids[ARRIVAL])["playcount"] == 0


# -- the player hands finished playbacks to the prompt ---------------------------------------------------------

class PlayerRig:
    def __init__(self, kodi, tmp_path):
        self.ended = []
        self.player = ScrobblePlayer(Outbox(JsonStore(str(tmp_path / "outbox.json"))), EchoFilter(),
                                     settings.Settings, lambda: None, poll_seconds=0.01,
                                     after_watched=lambda item, progress: self.ended.append((item, progress)))


@pytest.fixture
def player_rig(fake_kodi, tmp_path):
    fake_kodi.settings["scrobble_min_minutes"] = 0
    rig = PlayerRig(fake_kodi, tmp_path)
    yield rig
    rig.player.close()


def test_a_scrobbled_playback_that_ends_goes_to_the_prompt(fake_kodi, library, player_rig):
    fake_kodi.player.play_library_movie(library[MATRIX])
    fake_kodi.player.advance(100)
    fake_kodi.player.end()
    assert fake_kodi.wait_idle()
    [(item, progress)] = player_rig.ended
    assert (item.media, item.kodi_id, progress) == ("movie", library[MATRIX], 100.0)


def test_an_excluded_playback_never_reaches_the_prompt(fake_kodi, library, player_rig):
    xbmcgui.Window(10000).setProperty(EXCLUDE_PROPERTY, "true")
    fake_kodi.player.play_library_movie(library[MATRIX])
    fake_kodi.player.end()
    assert fake_kodi.wait_idle()
    assert player_rig.ended == []


def test_a_rating_set_in_kodis_gui_reaches_simkl_between_syncs(running):
    running.kodi.library.get("movie", running.ids[ARRIVAL])["userrating"] = 5  # Kodi announces nothing
    running.service.clock.advance(ratings_check.RATINGS_CHECK_SECONDS)  # the minute's check is due
    running.service.wake()
    assert wait_until(lambda: running.user.rating(ARRIVAL) == 5)
    assert len(running.syncs()) == 1  # no sync cycle was needed


def test_a_library_update_of_a_movie_looks_at_ratings_soon(running, monkeypatch):
    monkeypatch.setattr(ratings_check, "RATINGS_SOON_SECONDS", 0)  # the minute's check stays a minute away
    movie = running.ids[ARRIVAL]
    running.kodi.library.get("movie", movie)["userrating"] = 3
    running.kodi.library.user_marks_watched("movie", movie)  # announces an OnUpdate for the movie
    assert wait_until(lambda: running.user.rating(ARRIVAL) == 3)
    assert len(running.syncs()) == 1


@pytest.mark.parametrize("data, expected", [
    ({"item": {"id": 1, "type": "movie"}, "playcount": 1}, True),
    ('{"item": {"id": 1, "type": "tvshow"}}', True),
    ({"item": {"id": 1, "type": "episode"}}, False),
    ({"item": {"id": 1, "type": "movie"}, "added": True}, False),
    ("not json", False),
    (None, False),
])
def test_which_library_updates_may_carry_a_rating(data, expected):
    assert may_carry_rating(data) is expected
