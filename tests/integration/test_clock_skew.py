"""A box whose clock is days off: the real Service on a virtual clock against the emulator, whose Date headers
tell Simkl's time. The dates Simkl records for a scrobbled stop and for a Kodi mark are right to the minute,
whether the box is 3 days behind, 2 days ahead, or at 1970 with no answer from Simkl yet; another device's
pause is compared with Kodi's last play on Simkl's clock."""
import datetime

import pytest
from simklsync.kodi import settings
from simklsync.kodi.playback.player import ScrobblePlayer
from simklsync.kodi.playback.resume_check import ResumeCheck
from simklsync.script import status_text
from simklsync.simkl.client import SimklClient
from syncworld import build_library
from test_fresh_on_return import Box, VirtualClock
from test_resume_across_devices import MATRIX, TOKEN, World
from test_scrobble_player import MATRIX_IDS

from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.simkl_emulator.timefmt import parse_iso

DAY = 86400.0
HOUR = 3600.0
BEHIND, AHEAD = -3 * DAY, 2 * DAY


class SkewedClock(VirtualClock):
    """The box's wall clock is off Simkl's (the emulator's) by `skew`; its monotonic clock just runs."""

    def __init__(self, emu, skew):
        super().__init__(emu)
        self.skew = skew

    def time(self):
        return self.now + self.skew

    def monotonic(self):
        return self.now

    def simkl(self):
        return self.now


def open_box(fake_kodi, tmp_path, emu, skew, sync_first=True):
    clock = SkewedClock(emu, skew)
    token = demo.seed_demo(emu)
    ids = build_library(fake_kodi.library)
    # Kodi stamps lastplayed off the same wrong clock, in local time as Kodi does.
    fake_kodi.clock = lambda: datetime.datetime.fromtimestamp(clock.time())
    fake_kodi.settings["access_token"] = token
    fake_kodi.settings["account_name"] = demo.DEMO_USER
    fake_kodi.settings["initial_push"] = 2
    fake_kodi.settings["initial_push_asked"] = True
    fake_kodi.settings["scrobble_min_minutes"] = 0
    box = Box(fake_kodi, emu, clock, str(tmp_path / "profile"))
    box.ids = ids
    box.user = emu.user(token)
    if sync_first:
        box.service.sync_once("startup")
    return box


@pytest.fixture
def emu():
    with SimklEmulator(Options()) as emu:
        emu.start()
        yield emu


def simkl_dates(box, simkl, source=None):
    return [parse_iso(event["watched_at"]).timestamp() for event in box.user.history_events()
            if event.get("simkl") == simkl and (source is None or event.get("source") == source)]


def watch_to_the_end(box, simkl):
    box.kodi.player.play_library_movie(box.ids[simkl])
    box.kodi.player.advance(600)
    box.kodi.player.end()
    assert box.kodi.wait_idle()


@pytest.mark.parametrize("skew", [BEHIND, AHEAD], ids=["3 days behind", "2 days ahead"])
def test_a_stop_sent_hours_later_is_dated_when_it_happened_on_simkls_clock(fake_kodi, tmp_path, emu, skew):
    box = open_box(fake_kodi, tmp_path, emu, skew)
    watch_to_the_end(box, demo.MOVIE_ARRIVAL)
    stopped_at = box.clock.simkl()
    box.clock.advance(2 * HOUR)  # Simkl out of reach meanwhile: the stop goes as a history write, dated
    box.step()
    [date] = simkl_dates(box, demo.MOVIE_ARRIVAL, "api")
    assert abs(date - stopped_at) < 60


@pytest.mark.parametrize("skew", [BEHIND, AHEAD], ids=["3 days behind", "2 days ahead"])
def test_a_stop_sent_at_once_is_a_live_scrobble_dated_now(fake_kodi, tmp_path, emu, skew):
    box = open_box(fake_kodi, tmp_path, emu, skew)
    watch_to_the_end(box, demo.MOVIE_ARRIVAL)
    box.step()
    [date] = simkl_dates(box, demo.MOVIE_ARRIVAL, "scrobble")
    assert abs(date - box.clock.simkl()) < 60


@pytest.mark.parametrize("skew", [BEHIND, AHEAD], ids=["3 days behind", "2 days ahead"])
def test_a_kodi_mark_is_dated_by_simkls_clock_not_the_boxs(fake_kodi, tmp_path, emu, skew):
    box = open_box(fake_kodi, tmp_path, emu, skew)
    box.kodi.library.user_marks_watched("movie", box.ids[demo.MOVIE_ARRIVAL])
    marked_at = box.clock.simkl()
    box.clock.advance(90)
    box.step()
    [date] = simkl_dates(box, demo.MOVIE_ARRIVAL)
    assert abs(date - marked_at) < 60
    assert abs(parse_iso(box.user.watched_movies()[demo.MOVIE_ARRIVAL]).timestamp() - marked_at) < 60


@pytest.mark.parametrize("skew", [BEHIND, AHEAD], ids=["3 days behind", "2 days ahead"])
def test_a_context_menu_mark_is_dated_by_simkls_clock(fake_kodi, tmp_path, emu, skew):
    box = open_box(fake_kodi, tmp_path, emu, skew)
    box.service.actions.request({"action": "watched", "media": "movie", "id": box.ids[demo.MOVIE_ARRIVAL]})
    box.step()
    [date] = simkl_dates(box, demo.MOVIE_ARRIVAL)
    assert abs(date - box.clock.simkl()) < 60


def test_a_view_at_1970_before_simkl_ever_answered_is_dated_when_it_happened(fake_kodi, tmp_path, emu):
    box = open_box(fake_kodi, tmp_path, emu, 40.0 - VirtualClock(emu).now, sync_first=False)
    assert box.clock.time() == pytest.approx(40.0)  # 1970-01-01 00:00:40: no real-time clock, no NTP yet
    watch_to_the_end(box, demo.MOVIE_ARRIVAL)
    stopped_at = box.clock.simkl()
    box.clock.advance(3 * HOUR)
    box.step()
    [date] = simkl_dates(box, demo.MOVIE_ARRIVAL, "api")
    assert abs(date - stopped_at) < 60


@pytest.mark.parametrize("skew, words", [(BEHIND, "3 d 0 h 0 min behind"), (AHEAD, "2 d 0 h 0 min ahead of")])
def test_the_status_dialog_says_the_clock_is_off_and_by_how_much(fake_kodi, tmp_path, emu, skew, words):
    box = open_box(fake_kodi, tmp_path, emu, skew)
    text = status_text.render(box.service.profile, demo.DEMO_USER)
    assert f"This box's clock is {words} Simkl's" in text


def test_a_right_clock_says_nothing_about_it(fake_kodi, tmp_path, emu):
    box = open_box(fake_kodi, tmp_path, emu, 30.0)
    assert "clock" not in status_text.render(box.service.profile, demo.DEMO_USER)


def test_a_pause_on_another_device_is_offered_though_kodis_last_play_is_dated_days_ahead(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.catalog.add_movie(MATRIX, "The Matrix", 1999, imdb="tt0133093", tmdb="603")
        emu.add_user(token=TOKEN)
        emu.start()
        world = World(fake_kodi, tmp_path, emu)
        try:
            device = lambda: datetime.datetime.now().timestamp() + AHEAD  # noqa: E731 - the box's wall clock
            world.client = SimklClient(world.client.client_id, "1.0.0", token=TOKEN, base_url=emu.url,
                                       wait=lambda s: False, wall_clock=device, max_retries=0)
            world.check = ResumeCheck(settings, lambda: world.state, world.client.get_activities,
                                      world.client.get_playback, lambda: True, clock=device, ask=world._ask,
                                      announce=world.announced.append, correction=world.client.simkl_time.correction)
            world.rig.player.close()
            world.rig.player = ScrobblePlayer(world.rig.outbox, world.rig.echo, settings.Settings,
                                              world.rig.wakes.release, poll_seconds=0.01, resume_check=world.check)
            # Played here an hour ago by the box's clock, which is 2 days ahead: on Simkl's clock, yesterday+.
            played = datetime.datetime.fromtimestamp(device() - HOUR).strftime("%Y-%m-%d %H:%M:%S")
            movieid = fake_kodi.library.add_movie("The Matrix", 1999, uniqueid=dict(MATRIX_IDS), runtime=6000,
                                                  playcount=0, lastplayed=played,
                                                  resume={"position": 600.0, "total": 6000.0})
            world.synced()  # Simkl has answered: its clock is known
            emu.user(TOKEN).pause(MATRIX, 50.0)  # the phone, ten seconds ago by Simkl's clock
            world.play(movieid)
            assert [(o.position, o.kodi_position) for o in world.asked] == [(3000, 600.0)]
        finally:
            world.close()
