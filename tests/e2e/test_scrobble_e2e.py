"""Scrobbling and Kodi-side marks in a real Kodi 20 playing real short videos, against the Simkl emulator."""
import pytest
from scrobble_helpers import (
    history_of,
    kodi_movie_ids,
    kodi_playcount,
    mark_watched_in_kodi,
    movie_spec,
    playback_of,
    requests_about,
    rig_options,
    start_emulator,
    wait_for_empty_outbox,
    wait_for_request,
    wait_for_startup_sync,
    wait_until_watched,
    watched_movies,
)

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

HALF_WATCHED = movie_spec(demo.MOVIE_MATRIX, video_seconds=40)
PLAYED_TO_END = movie_spec(demo.MOVIE_INCEPTION, video_seconds=30)
MARKED_IN_KODI = movie_spec(demo.MOVIE_INTERSTELLAR, video_seconds=30)
STOPPED_RIGHT_AFTER_SEEK = movie_spec(demo.MOVIE_ARRIVAL, video_seconds=40)
SIMKL_IDS = (demo.MOVIE_MATRIX, demo.MOVIE_INCEPTION, demo.MOVIE_INTERSTELLAR, demo.MOVIE_ARRIVAL)
PLAYER_TIMEOUT = 60
WATCH_ON_SECONDS = 2


@pytest.fixture(scope="module")
def simkl():
    emu = start_emulator(SIMKL_IDS)
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    return rig_options(simkl, [HALF_WATCHED, PLAYED_TO_END, MARKED_IN_KODI, STOPPED_RIGHT_AFTER_SEEK])


@pytest.fixture(scope="module")
def library(kodi):
    wait_for_startup_sync(kodi)
    return kodi_movie_ids(kodi)


def _start_playing(kodi, simkl, movieid, spec):
    """Play and wait until the add-on followed the playback far enough to send its scrobble start."""
    kodi.play_movie(movieid, timeout=PLAYER_TIMEOUT)
    wait_for_request(simkl, "/scrobble/start", spec.uniqueids["imdb"], status=201)


def _seek_and_play_on(kodi, seconds):
    """Seek, then keep playing a moment as a viewer would (the add-on polls the position every second)."""
    kodi.seek(seconds)
    wait_until(lambda: kodi.player_time() >= seconds + WATCH_ON_SECONDS, PLAYER_TIMEOUT,
               message=f"playback past {seconds} s")


def test_playback_stopped_halfway_is_a_paused_playback_on_simkl_and_not_a_watch(kodi, simkl, library):
    _start_playing(kodi, simkl, library[HALF_WATCHED.title], HALF_WATCHED)
    _seek_and_play_on(kodi, HALF_WATCHED.video_seconds / 2)

    kodi.player_stop()
    wait_until(lambda: playback_of(simkl, demo.MOVIE_MATRIX), 120, interval=0.5, message="a Simkl playback")

    assert 45.0 <= playback_of(simkl, demo.MOVIE_MATRIX)["progress"] <= 65.0
    assert history_of(simkl, demo.MOVIE_MATRIX) == []
    assert demo.MOVIE_MATRIX not in watched_movies(simkl)
    assert kodi_playcount(kodi, library[HALF_WATCHED.title]) == 0


def test_movie_played_to_the_end_is_watched_once_despite_kodis_own_playcount_bump(kodi, simkl, library):
    movieid = library[PLAYED_TO_END.title]
    since = kodi.log_mark()
    notes = kodi.notification_mark()
    _start_playing(kodi, simkl, movieid, PLAYED_TO_END)

    kodi.seek(PLAYED_TO_END.video_seconds - 2)
    stop = kodi.wait_for_notification("Player.OnStop", timeout=PLAYER_TIMEOUT, since=notes)
    wait_until_watched(simkl, demo.MOVIE_INCEPTION)
    # Positive proof the add-on saw Kodi's own playcount write and recognised it as the playback's echo.
    kodi.wait_for_log(rf"OnUpdate movie {movieid} is our own write", 60, since=since)
    wait_for_empty_outbox(kodi)

    assert stop["data"]["end"] is True
    assert kodi_playcount(kodi, movieid) == 1
    assert [event["source"] for event in history_of(simkl, demo.MOVIE_INCEPTION)] == ["scrobble"]
    assert requests_about(simkl, "/sync/history", PLAYED_TO_END.uniqueids["imdb"]) == []
    assert "queued mark of Inception" not in kodi.log.text(since)


def test_movie_marked_watched_in_kodi_is_watched_on_simkl_exactly_once(kodi, simkl, library):
    movieid = library[MARKED_IN_KODI.title]
    imdb = MARKED_IN_KODI.uniqueids["imdb"]

    mark_watched_in_kodi(kodi, movieid)
    wait_until_watched(simkl, demo.MOVIE_INTERSTELLAR)
    wait_for_empty_outbox(kodi)

    assert [event["source"] for event in history_of(simkl, demo.MOVIE_INTERSTELLAR)] == ["api"]
    assert len(requests_about(simkl, "/sync/history", imdb)) == 1
    assert requests_about(simkl, "/scrobble/stop", imdb) == []
    assert kodi.log_errors() == []



def test_stop_right_after_a_seek_lands_reports_the_seeked_position(kodi, simkl, library):
    spec = STOPPED_RIGHT_AFTER_SEEK
    target = spec.video_seconds / 2
    _start_playing(kodi, simkl, library[spec.title], spec)

    kodi.seek(target)
    # Kodi takes about a second to land, answering the old time meanwhile; the viewer stops at once.
    wait_until(lambda: kodi.player_time() >= target - 0.5, PLAYER_TIMEOUT, message="the seek to land")
    kodi.player_stop()
    wait_until(lambda: playback_of(simkl, demo.MOVIE_ARRIVAL), 120, interval=0.5, message="a Simkl playback")

    assert 45.0 <= playback_of(simkl, demo.MOVIE_ARRIVAL)["progress"] <= 60.0
    assert history_of(simkl, demo.MOVIE_ARRIVAL) == []
