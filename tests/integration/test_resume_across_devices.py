"""Resume across devices through the ScrobblePlayer on the fake Kodi, asking the Simkl emulator through the
real client: a position another device paused is offered at the start and the player lands there; a pause
here becomes a playback on Simkl another device can resume from."""
import threading
import time

import pytest
from simklsync.core.playing.resume_offer import ALWAYS, NEVER
from simklsync.core.state.mirror import parse_sessions
from simklsync.core.state.sync_state import SyncState
from simklsync.kodi import settings
from simklsync.kodi.gui import resume_dialog
from simklsync.kodi.playback.player import ScrobblePlayer
from simklsync.kodi.playback.resume_check import ResumeCheck
from simklsync.simkl.client import SimklClient
from simklsync.simkl.outbox_sender import flush
from test_scrobble_player import MATRIX_IDS, Rig, add_matrix

from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

TOKEN = "resume-test-token"
MATRIX = 53992
BREAKING_BAD = 11121


@pytest.fixture
def emu():
    emulator = SimklEmulator(Options())
    emulator.catalog.add_movie(MATRIX, "The Matrix", 1999, imdb="tt0133093", tmdb="603")
    emulator.catalog.add_show(BREAKING_BAD, "Breaking Bad", 2008, tvdb="81189", seasons={1: 7})
    emulator.add_user(token=TOKEN)
    emulator.start()
    yield emulator
    emulator.stop()


class World:
    """The fake Kodi's player with a ResumeCheck whose saved state is what the last sync left."""

    def __init__(self, kodi, tmp_path, emu, wait=None):
        self.kodi, self.emu = kodi, emu
        self.client = SimklClient(TEST_CLIENT_ID, "1.0.0", token=TOKEN, base_url=emu.url, wait=lambda s: False,
                                  timeout=(2, 2), max_retries=0)
        self.state = SyncState(account_type="free", mirror={"playback": []})
        self.asked = []
        self.answer = True
        self.announced = []
        extra = {"wait": wait} if wait else {}
        self.check = ResumeCheck(settings, lambda: self.state, self.client.get_activities,
                                 self.client.get_playback, lambda: True, ask=self._ask,
                                 announce=self.announced.append, **extra)
        self.rig = Rig(kodi, tmp_path)
        self.rig.player.close()
        self.rig.player = ScrobblePlayer(self.rig.outbox, self.rig.echo, settings.Settings, self.rig.wakes.release,
                                         poll_seconds=0.01, resume_check=self.check)

    def _ask(self, offer):
        self.asked.append(offer)
        return self.answer

    def synced(self):
        """What a sync now would leave: Simkl's activities and its playback sessions in the mirror."""
        self.state.activities = self.client.get_activities()
        self.state.mirror["playback"] = parse_sessions(self.client.get_playback(), lambda simkl: False)

    def play(self, movieid):
        self.kodi.player.play_library_movie(movieid)
        self.settle()

    def settle(self):
        if self.check.last_thread is not None:
            self.check.last_thread.join(5)
        self.kodi.wait_idle()

    def requests(self, path):
        return [r for r in self.emu.requests if r.path == path]

    def close(self):
        self.rig.player.close()


@pytest.fixture
def world(fake_kodi, tmp_path, emu):
    world = World(fake_kodi, tmp_path, emu)
    yield world
    world.close()


def test_a_position_paused_on_another_device_is_offered_and_the_player_lands_there(world):
    movieid = add_matrix(world.kodi, runtime=6000)
    world.synced()
    world.emu.user(TOKEN).pause(MATRIX, 50.0)  # the phone, after the last sync
    world.play(movieid)
    assert [(o.position, o.kodi_position) for o in world.asked] == [(3000, 0.0)]
    assert world.kodi.player.time == 3000.0
    assert len(world.requests("/sync/playback")) == 2  # the sync's and the start's, since playback moved


def test_the_dialog_shows_both_positions(fake_kodi, tmp_path, emu):
    world = World(fake_kodi, tmp_path, emu)
    world.check._ask = resume_dialog.ask  # the real dialog on the fake Kodi's UI
    fake_kodi.ui.answers.append(True)
    movieid = fake_kodi.library.add_movie("The Matrix", 1999, uniqueid=MATRIX_IDS, runtime=6000,
                                          resume={"position": 600.0, "total": 6000.0},
                                          lastplayed="2020-01-01 20:00:00")
    world.synced()
    emu.user(TOKEN).pause(MATRIX, 75.0)
    try:
        world.play(movieid)
        (call,) = fake_kodi.ui.calls_of("Dialog.yesno")
        assert "1:15:00" in call.args["message"] and "10:00" in call.args["message"]
        assert call.args["yeslabel"] == "Jump to 1:15:00"
        assert call.args["autoclose"] > 0
        assert fake_kodi.player.time == 4500.0
    finally:
        world.close()


def test_the_dialog_says_none_without_a_kodi_resume_point_and_hours_when_long(fake_kodi, tmp_path, emu):
    world = World(fake_kodi, tmp_path, emu)
    world.check._ask = resume_dialog.ask
    movieid = add_matrix(fake_kodi, runtime=8000)
    world.synced()
    emu.user(TOKEN).pause(MATRIX, 50.0)
    try:
        world.play(movieid)  # nothing scripted: the user lets the offer close by itself
        (call,) = fake_kodi.ui.calls_of("Dialog.yesno")
        assert "at 1:06:40" in call.args["message"] and "resume point: none" in call.args["message"]
        assert fake_kodi.player.time == 0.0
    finally:
        world.close()


@pytest.mark.parametrize("state", [None, [], "x", {"mirror": "abc"}, {"mirror": []}, {"mirror": {"playback": {"x": 1}}},
                                   {"mirror": {"playback": [None, 7, {"kind": "movie"}]}}])
def test_a_damaged_saved_state_offers_nothing_and_breaks_nothing(world, state, caplog):
    movieid = add_matrix(world.kodi, runtime=6000)
    world.state = SyncState.from_dict(state)
    world.check._online = lambda: False
    world.play(movieid)
    assert world.asked == []
    assert world.kodi.player.is_playing()
    assert [r for r in caplog.records if r.name == "simklsync.resume" and r.levelname == "ERROR"] == []


def test_declined_the_video_plays_on_where_it_is(world):
    movieid = add_matrix(world.kodi, runtime=6000)
    world.synced()
    world.emu.user(TOKEN).pause(MATRIX, 50.0)
    world.answer = False
    world.play(movieid)
    assert len(world.asked) == 1
    assert world.kodi.player.time == 0.0


def test_nothing_moved_on_simkl_costs_one_activities_request_and_the_saved_sessions_answer(world):
    movieid = add_matrix(world.kodi, runtime=6000)
    world.emu.user(TOKEN).pause(MATRIX, 50.0)
    world.synced()  # the sync saw the pause: its session is in the mirror
    before = len(world.requests("/sync/playback"))
    world.play(movieid)
    assert len(world.requests("/sync/playback")) == before
    assert [o.position for o in world.asked] == [3000]


def test_simkl_too_slow_the_saved_sessions_answer_and_playback_never_waited(fake_kodi, tmp_path, emu):
    waited = []

    def no_answer_in_time(event, seconds):
        waited.append(seconds)
        return False

    world = World(fake_kodi, tmp_path, emu, wait=no_answer_in_time)
    movieid = add_matrix(fake_kodi, runtime=6000)
    emu.user(TOKEN).pause(MATRIX, 20.0)
    world.synced()
    try:
        world.play(movieid)
        assert waited == [4.0]
        assert [o.position for o in world.asked] == [1200]
    finally:
        world.close()


def test_the_start_callback_returns_before_simkl_answers(fake_kodi, tmp_path, emu):
    release = threading.Event()
    world = World(fake_kodi, tmp_path, emu)
    world.check._fetch_activities = lambda: (release.wait(5), world.client.get_activities())[1]
    movieid = add_matrix(fake_kodi, runtime=6000)
    try:
        fake_kodi.player.play_library_movie(movieid)  # returns once Kodi's callbacks ran...
        assert world.check.last_thread.is_alive()  # ... while the check still waits for Simkl
        assert fake_kodi.player.is_playing()
        release.set()
        world.settle()
    finally:
        release.set()
        world.close()


def test_the_start_scrobble_waits_for_the_check_so_simkls_pause_is_still_there_to_read(fake_kodi, tmp_path, emu):
    release = threading.Event()
    world = World(fake_kodi, tmp_path, emu)
    world.check._fetch_activities = lambda: (release.wait(5), world.client.get_activities())[1]
    movieid = add_matrix(fake_kodi, runtime=6000)
    world.synced()
    emu.user(TOKEN).pause(MATRIX, 50.0)
    try:
        fake_kodi.player.play_library_movie(movieid)
        # The service flushes at once; Simkl's start would clear the phone's pause before the check reads it.
        flush(world.rig.outbox, world.client, time.time, lambda seconds: False)
        assert world.requests("/scrobble/start") == []
        release.set()
        world.settle()
        assert [o.position for o in world.asked] == [3000]
        flush(world.rig.outbox, world.client, lambda: time.time() + 5, lambda seconds: False)
        assert len(world.requests("/scrobble/start")) == 1
    finally:
        release.set()
        world.close()


def test_no_check_no_wait_for_the_start_scrobble(world):
    movieid = add_matrix(world.kodi, runtime=6000)
    world.kodi.settings["resume_offer"] = NEVER
    world.play(movieid)
    flush(world.rig.outbox, world.client, time.time, lambda seconds: False)
    assert len(world.requests("/scrobble/start")) == 1


def test_never_asks_nothing_and_always_jumps_with_a_notification(world):
    movieid = add_matrix(world.kodi, runtime=6000)
    world.synced()
    world.emu.user(TOKEN).pause(MATRIX, 50.0)
    world.kodi.settings["resume_offer"] = NEVER
    world.play(movieid)
    world.kodi.player.stop()
    assert world.asked == [] and world.kodi.player.item is None
    assert len(world.requests("/sync/activities")) == 1  # the sync's: "never" asks Simkl nothing
    world.kodi.settings["resume_offer"] = ALWAYS
    world.play(movieid)
    assert world.asked == []
    assert [o.position for o in world.announced] == [3000]
    assert world.kodi.player.time == 3000.0


def test_an_episode_paused_elsewhere_is_offered(world):
    showid = world.kodi.library.add_show("Breaking Bad", 2008, uniqueid={"tvdb": "81189"})
    episodeid = world.kodi.library.add_episode(showid, 1, 3, runtime=2880)
    world.synced()
    world.emu.user(TOKEN).pause(BREAKING_BAD, 50.0, season=1, episode=3)
    world.kodi.player.play_library_episode(episodeid)
    world.settle()
    assert [o.position for o in world.asked] == [1440]
    assert world.kodi.player.time == 1440.0


def test_a_pause_here_is_a_playback_on_simkl_for_the_other_device(world):
    movieid = add_matrix(world.kodi, runtime=6000)
    world.play(movieid)
    world.kodi.player.seek(1500)
    world.kodi.player.pause()
    world.rig.settle()
    flush(world.rig.outbox, world.client, time.time, lambda seconds: False)
    (playback,) = world.emu.user(TOKEN).playbacks()
    assert playback["progress"] == 25.0
    assert playback["movie"]["ids"]["simkl"] == MATRIX
