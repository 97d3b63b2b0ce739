"""The durable outbox in a real Kodi: a mark made while Simkl fails is kept on disk, survives a Kodi restart
and reaches Simkl exactly once; a write whose answer was lost is resent unchanged."""
import pytest
from scrobble_helpers import (
    SEND_TIMEOUT,
    history_of,
    kodi_movie_ids,
    kodi_playcount,
    mark_watched_in_kodi,
    movie_spec,
    outbox_entries,
    requests_about,
    rig_options,
    start_emulator,
    wait_for_empty_outbox,
    wait_for_request,
    wait_for_startup_sync,
    wait_until_watched,
)

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

MARKED_DURING_OUTAGE = movie_spec(demo.MOVIE_ARRIVAL, video_seconds=30)
MARKED_ANSWER_LOST = movie_spec(demo.MOVIE_MATRIX, video_seconds=30)
SIMKL_IDS = (demo.MOVIE_ARRIVAL, demo.MOVIE_MATRIX)
HISTORY = "/sync/history"


@pytest.fixture(scope="module")
def simkl():
    emu = start_emulator(SIMKL_IDS)
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    return rig_options(simkl, [MARKED_DURING_OUTAGE, MARKED_ANSWER_LOST])


@pytest.fixture(scope="module")
def library(kodi):
    wait_for_startup_sync(kodi)
    return kodi_movie_ids(kodi)


def _queued_labels(kodi):
    return [entry["label"] for entry in outbox_entries(kodi)]


def test_mark_made_during_an_outage_survives_a_kodi_restart_and_reaches_simkl_once(kodi, simkl, library):
    movieid = library[MARKED_DURING_OUTAGE.title]
    imdb = MARKED_DURING_OUTAGE.uniqueids["imdb"]
    label = f"{MARKED_DURING_OUTAGE.title} ({MARKED_DURING_OUTAGE.year})"
    simkl.inject(status=503, count=None, path=HISTORY)

    mark_watched_in_kodi(kodi, movieid)
    wait_for_request(simkl, HISTORY, imdb, status=503)
    assert _queued_labels(kodi) == [label]

    kodi.restart()
    wait_for_startup_sync(kodi)  # a fresh kodi.log: the old one became kodi.old.log
    assert _queued_labels(kodi) == [label]
    simkl.clear_faults()
    wait_until_watched(simkl, demo.MOVIE_ARRIVAL, timeout=SEND_TIMEOUT)
    wait_for_empty_outbox(kodi)

    assert [event["source"] for event in history_of(simkl, demo.MOVIE_ARRIVAL)] == ["api"]
    assert len(requests_about(simkl, HISTORY, imdb, status=201)) == 1
    kodi.wait_for_log(r"sent history add \(Arrival \(2016\)\)", 30)  # sent by the restarted Kodi
    assert kodi_playcount(kodi, movieid) == 1  # the sync after the restart left the queued mark alone


def test_mark_whose_answer_was_lost_is_resent_unchanged_and_counted_once(kodi, simkl, library):
    movieid = library[MARKED_ANSWER_LOST.title]
    imdb = MARKED_ANSWER_LOST.uniqueids["imdb"]
    simkl.inject(status=503, count=1, path=HISTORY, process=True)  # Simkl records it, the answer is lost

    mark_watched_in_kodi(kodi, movieid)
    wait_for_request(simkl, HISTORY, imdb, status=503)
    wait_until(lambda: requests_about(simkl, HISTORY, imdb, status=201), SEND_TIMEOUT, interval=0.5,
               message="the resend")
    wait_for_empty_outbox(kodi)

    lost, resent = requests_about(simkl, HISTORY, imdb)
    assert resent.body == lost.body  # same watched_at: the same view, not a second one
    assert [event["source"] for event in history_of(simkl, demo.MOVIE_MATRIX)] == ["api"]
    assert kodi.log_errors() == []
