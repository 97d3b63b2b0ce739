"""The queue stays live in a real Kodi: a mark Simkl always answers 500 (a per-item fault) does not hold up the
marks made after it; once it has failed its 20 times it is listed as not delivered, and the script's retry
action (the status dialog's Try again) puts it back, so it reaches Simkl when Simkl takes it."""
import json
import time

import pytest
from scrobble_helpers import (
    SEND_TIMEOUT,
    kodi_movie_ids,
    mark_watched_in_kodi,
    movie_spec,
    outbox_entries,
    outbox_path,
    requests_about,
    rig_options,
    start_emulator,
    wait_for_empty_outbox,
    wait_for_request,
    wait_for_startup_sync,
    wait_until_watched,
    watched_movies,
)

from tests.support.kodi_rig import ADDON_ID, wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

POISON = movie_spec(demo.MOVIE_ARRIVAL, video_seconds=30)
GOOD = [movie_spec(demo.MOVIE_MATRIX, video_seconds=30), movie_spec(demo.MOVIE_INCEPTION, video_seconds=30)]
HISTORY = "/sync/history"


@pytest.fixture(scope="module")
def simkl():
    emu = start_emulator((demo.MOVIE_ARRIVAL, demo.MOVIE_MATRIX, demo.MOVIE_INCEPTION))
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    return rig_options(simkl, [POISON] + GOOD)


@pytest.fixture(scope="module")
def library(kodi):
    wait_for_startup_sync(kodi)
    return kodi_movie_ids(kodi)


def _label(spec):
    return f"{spec.title} ({spec.year})"


def _status(kodi):
    path = kodi.userdata / "addon_data" / ADDON_ID / "status.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["data"]
    except (OSError, ValueError, KeyError):
        return {}


def _not_delivered(kodi):
    dropped = (_status(kodi).get("outbox") or {}).get("dropped") or []
    return [record["item"] for record in dropped if record.get("retry")]


def test_marks_made_after_a_poison_one_reach_simkl_while_it_keeps_failing(kodi, simkl, library):
    poison_imdb = POISON.uniqueids["imdb"]
    simkl.inject(status=500, count=None, path=HISTORY, body_contains=poison_imdb)
    mark_watched_in_kodi(kodi, library[POISON.title])
    wait_for_request(simkl, HISTORY, poison_imdb, status=500)
    for spec in GOOD:
        mark_watched_in_kodi(kodi, library[spec.title])
    for spec in GOOD:
        wait_until_watched(simkl, _simkl_id(spec))
    assert demo.MOVIE_ARRIVAL not in watched_movies(simkl)
    wait_until(lambda: [e["label"] for e in outbox_entries(kodi)] == [_label(POISON)], SEND_TIMEOUT,
               interval=0.5, message="only the poison mark left in the outbox")


def _simkl_id(spec):
    return next(t["simkl"] for t in demo.TITLES if t["ids"].get("imdb") == spec.uniqueids["imdb"])


def test_the_poison_mark_is_listed_not_delivered_after_its_limit_and_retry_sends_it(kodi, simkl, library):
    kodi.stop()
    path = outbox_path(kodi)
    saved = json.loads(path.read_text(encoding="utf-8"))
    [entry] = saved["data"]["entries"]
    entry.update(attempts=19, due=time.time())  # 19 failures already: the next one is its last
    path.write_text(json.dumps(saved), encoding="utf-8")
    failures_before = len(requests_about(simkl, HISTORY, POISON.uniqueids["imdb"], status=500))
    kodi.start()
    wait_for_startup_sync(kodi)
    wait_until(lambda: _not_delivered(kodi) == [_label(POISON)], SEND_TIMEOUT, interval=0.5,
               message="the poison mark listed as not delivered in the status file")
    assert len(requests_about(simkl, HISTORY, POISON.uniqueids["imdb"], status=500)) > failures_before
    assert outbox_entries(kodi) == []

    simkl.clear_faults()
    assert kodi.execute_addon(["retry"]) == "OK"
    wait_until_watched(simkl, demo.MOVIE_ARRIVAL)
    wait_for_empty_outbox(kodi)
    wait_until(lambda: _not_delivered(kodi) == [], SEND_TIMEOUT, interval=0.5,
               message="the not-delivered list emptied")
