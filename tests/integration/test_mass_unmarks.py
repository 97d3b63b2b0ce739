"""A burst of unwatches in Kodi (a remote app resetting 30 playcounts) against the running service and the
emulator: nothing leaves for Simkl until the user answers; "remove" sends them all in a few requests with the
dates they delete, "keep" sends none and the sync does not undo the unwatch in Kodi until Simkl changes; fewer
than six go on as before; the context menu asks before unwatching a whole show or season."""
import json

import pytest
import xbmc
from simklsync.core.outbox.unmark_hold import ASK_AGAIN_SECONDS, SETTLE_SECONDS, WINDOW_SECONDS, Question
from simklsync.kodi.gui import context_menu, unmark_dialog
from simklsync.script import status_text
from syncworld import build_library
from test_service import RunningService

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.worker_time import threaded_service

STRANGER, AOT = demo.SHOW_STRANGER_THINGS, demo.ANIME_AOT_S3
SEASONS = {1: 8, 2: 9}
REWATCHED_AT = "2026-06-01T20:00:00Z"


class World:
    def __init__(self, runner, kodi, emu, token):
        self.running, self.kodi, self.emu = runner, kodi, emu
        self.service = runner.service
        self.user = emu.user(token)
        self.added = []  # every entry the service put into its outbox
        add = self.service.outbox.add
        self.service.outbox.add = lambda entry: self.added.append(entry) or add(entry)

    def episodes(self):
        """Kodi ids of the 29 watched episodes (Stranger Things 1x1-2x9, Attack on Titan 3x1-3x12) and a movie."""
        ids = self.running.ids
        episodes = list(ids[STRANGER].values()) + list(ids[AOT].values())
        return [("episode", kodi) for kodi in episodes] + [("movie", ids[demo.MOVIE_MATRIX])]

    def remote_app_unwatches(self, items):
        for media, kodi_id in items:
            method = f"VideoLibrary.Set{media.title()}Details"
            xbmc.executeJSONRPC(json.dumps({"jsonrpc": "2.0", "id": 1, "method": method,
                                            "params": {f"{media}id": kodi_id, "playcount": 0}}))
        assert self.running.settled()

    def let_pass(self, seconds):
        self.service.clock.advance(seconds)
        self.service.wake()
        assert self.running.settled()

    def removals(self):
        return [r for r in self.emu.requests if r.path == "/sync/history/remove"]

    def questions(self):
        return self.kodi.ui.calls_of("Dialog.yesnocustom")

    def watched_in_kodi(self, items):
        return [self.kodi.library.get(media, kodi_id)["playcount"] > 0 for media, kodi_id in items]

    def simkl_watched_count(self):
        return (len(self.user.watched_episodes(STRANGER)) + len(self.user.watched_episodes(AOT))
                + int(demo.MOVIE_MATRIX in self.user.watched_movies()))

    def sync_now(self):
        before = len(self.running.syncs())
        self.service.request_sync("manual")
        assert wait_until(lambda: len(self.running.syncs()) > before)
        assert self.running.settled()


@pytest.fixture
def world(fake_kodi, monkeypatch, request):
    settings = getattr(request, "param", {})
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        user = emu.user(token)
        user.watch_episodes(STRANGER, [(s, e) for s, count in SEASONS.items() for e in range(1, count + 1)],
                            at="2026-05-01T22:00:00Z")
        user.watch_episodes(AOT, [(1, e) for e in range(1, 13)], at="2026-05-10T18:00:00Z")
        ids = build_library(fake_kodi.library)
        for key, value in dict({"access_token": token, "account_name": demo.DEMO_USER, "initial_push": 2,
                                "initial_push_asked": False}, **settings).items():
            fake_kodi.settings[key] = value
        runner = RunningService(fake_kodi, emu)
        runner.ids = ids
        assert wait_until(lambda: runner.syncs())
        world = World(runner, fake_kodi, emu, token)
        assert wait_until(lambda: all(world.watched_in_kodi(world.episodes())))
        assert runner.settled()
        emu.clear_requests()
        yield world
        runner.stop()


def test_thirty_unwatches_wait_for_the_answer_then_leave_in_few_requests_with_their_dates(world):
    items = world.episodes()
    assert len(items) == 30 and world.simkl_watched_count() == 30
    world.remote_app_unwatches(items)
    world.let_pass(SETTLE_SECONDS)  # the burst settled: asked, and the user closes the dialog unanswered
    world.sync_now()
    assert "Unwatched in Kodi, held before Simkl: 30" in status_text.render(world.service.profile, demo.DEMO_USER)
    [question] = world.questions()
    assert "30 items" in question.args["message"] and "The Matrix" not in question.args["message"]
    assert question.args["yeslabel"] == "Remove them from Simkl too"
    world.let_pass(10 * WINDOW_SECONDS)
    world.sync_now()  # a sync meanwhile leaves the held items unwatched in Kodi
    assert world.removals() == [] and world.simkl_watched_count() == 30
    assert not any(world.watched_in_kodi(items))

    world.kodi.ui.answers.append(1)  # Remove them from Simkl too
    world.let_pass(ASK_AGAIN_SECONDS)
    assert wait_until(lambda: world.simkl_watched_count() == 0)
    assert len(world.questions()) == 2
    assert len(world.removals()) == 1  # 30 items, one request
    [sent] = [entry for entry in world.added if entry["action"] == "remove"]
    episodes = [row for show in sent["restore"]["shows"] for season in show["seasons"] for row in season["episodes"]]
    assert len(episodes) == 29 and {row["watched_at"] for row in episodes} == {"2026-05-01T22:00:00Z",
                                                                                "2026-05-10T18:00:00Z"}
    assert sent["restore"]["movies"][0]["watched_at"] == demo.WATCHED_MOVIES[demo.MOVIE_MATRIX]


def test_keep_sends_nothing_and_the_sync_leaves_them_unwatched_until_simkl_changes(world):
    items = world.episodes()
    world.kodi.ui.answers.append(0)  # Keep them on Simkl
    world.remote_app_unwatches(items)
    world.let_pass(SETTLE_SECONDS)
    assert len(world.questions()) == 1
    world.sync_now()
    world.let_pass(10 * WINDOW_SECONDS)
    assert world.removals() == [] and world.simkl_watched_count() == 30
    assert not any(world.watched_in_kodi(items))
    text = status_text.render(world.service.profile, demo.DEMO_USER)
    assert "Kept on Simkl, unwatched in Kodi only: 30" in text and "held before Simkl" not in text
    # Watched again elsewhere: Simkl's date changes, and the sync marks it watched in Kodi again.
    world.emu.clock.advance(60)
    world.user.unwatch_episodes(STRANGER, [(1, 1)])
    world.user.watch_episodes(STRANGER, [(1, 1)], at=REWATCHED_AT)
    world.sync_now()
    first = world.running.ids[STRANGER][(1, 1)]
    assert wait_until(lambda: world.watched_in_kodi([("episode", first)]) == [True])  # the sync that follows
    assert world.running.settled()
    assert sum(world.watched_in_kodi(items)) == 1


@pytest.mark.parametrize("world, removed", [({"mass_unmark": 1}, True), ({"mass_unmark": 2}, False)],
                         indirect=["world"], ids=["always-remove", "never-remove"])
def test_the_standing_answer_is_applied_without_asking(world, removed):
    world.remote_app_unwatches(world.episodes()[:10])
    world.let_pass(SETTLE_SECONDS)
    assert world.questions() == []
    if removed:
        assert wait_until(lambda: world.simkl_watched_count() == 20)
    else:
        world.let_pass(WINDOW_SECONDS)
        assert world.removals() == [] and world.simkl_watched_count() == 30


def test_five_unwatches_go_on_as_before_after_their_window_with_their_dates(world):
    items = world.episodes()[:5]
    world.remote_app_unwatches(items)
    world.let_pass(SETTLE_SECONDS)
    assert world.questions() == [] and world.removals() == []
    world.let_pass(WINDOW_SECONDS)
    assert wait_until(lambda: world.simkl_watched_count() == 25)
    sent = [entry for entry in world.added if entry["action"] == "remove"]
    assert len(sent) == 5 and all(entry["restore"]["shows"] for entry in sent)


def test_the_question_waits_for_playback_to_stop(world):
    world.remote_app_unwatches(world.episodes()[:6])
    world.kodi.player.play_library_movie(world.running.ids[demo.MOVIE_ARRIVAL])
    assert world.running.settled()
    world.let_pass(SETTLE_SECONDS)
    world.let_pass(WINDOW_SECONDS)
    assert world.questions() == []
    world.kodi.player.stop()
    assert wait_until(lambda: len(world.questions()) == 1)


def test_marked_watched_again_before_the_answer_is_not_removed(world):
    items = world.episodes()[:7]
    world.remote_app_unwatches(items)
    world.kodi.library.user_marks_watched(*items[0])
    assert world.running.settled()
    world.kodi.ui.answers.append(1)
    world.let_pass(SETTLE_SECONDS)
    assert "6 items" in world.questions()[0].args["message"]
    assert wait_until(lambda: world.simkl_watched_count() == 24)
    assert not [entry for entry in world.added if entry["action"] == "add"]  # nothing to tell Simkl either


def test_a_held_burst_is_still_held_by_the_next_run_of_the_service(world):
    world.remote_app_unwatches(world.episodes()[:8])
    next_run = threaded_service()  # Kodi restarted: a new service on the same profile
    try:
        question = next_run.unmarks.hold.question(world.service.clock.time() + SETTLE_SECONDS)
        assert question.count == 8
        assert len([key for key, watched in next_run.pending_marks().items() if not watched]) == 8
    finally:
        next_run.player.close()


# -- the context menu ---------------------------------------------------------------------------------------

def test_the_menu_asks_before_unwatching_a_season_and_no_changes_nothing(world):
    show = world.kodi.library.get("episode", world.running.ids[STRANGER][(1, 1)])["tvshowid"]
    context_menu.run(["unwatched", "media=season", f"id={show}", "season=2"])  # the dialog answers no
    [confirm] = world.kodi.ui.calls_of("Dialog.yesno")
    assert "9 episodes of Stranger Things season 2" in confirm.args["message"]
    assert world.running.settled()
    assert all(world.watched_in_kodi([("episode", world.running.ids[STRANGER][(2, e)]) for e in range(1, 10)]))
    assert world.added == [] and world.removals() == []


def test_the_menu_unwatches_a_whole_show_once_confirmed_with_its_dates(world):
    show = world.kodi.library.get("episode", world.running.ids[STRANGER][(1, 1)])["tvshowid"]
    world.kodi.ui.answers.append(True)
    context_menu.run(["unwatched", "media=tvshow", f"id={show}"])
    assert "all 17 episodes of Stranger Things" in world.kodi.ui.calls_of("Dialog.yesno")[0].args["message"]
    assert wait_until(lambda: not world.user.watched_episodes(STRANGER))
    assert len(world.removals()) == 1 and world.questions() == []
    [sent] = world.added
    assert len(sent["restore"]["shows"][0]["seasons"]) == 2


def test_a_question_that_closed_itself_is_no_answer(fake_kodi):
    question = Question(("kodi:movie:1",), 6, ["A", "B", "C"])
    fake_kodi.ui.answers.extend([0, 0])
    assert unmark_dialog.ask_burst(question) is False  # Keep them on Simkl, pressed
    times = iter([0.0, unmark_dialog.AUTOCLOSE_MS / 1000.0])
    assert unmark_dialog.ask_burst(question, clock=lambda: next(times)) is None  # Kodi closed it: asked later
    assert "A, B, C and 3 more" in fake_kodi.ui.calls_of("Dialog.yesnocustom")[0].args["message"]
