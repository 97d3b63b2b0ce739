"""Issue 12 in a real Kodi: Simkl's daily cap (429s without Retry-After, as the live service sends). The storm
ends in a bounded number of requests, also across a Kodi restart; the outbox keeps the mark made meanwhile;
Sync now makes one attempt each; once the cap lifts, a Sync now brings everything to Simkl, exactly once."""
import json

import pytest
from scrobble_helpers import (
    SEND_TIMEOUT,
    history_of,
    kodi_movie_ids,
    mark_watched_in_kodi,
    movie_spec,
    outbox_entries,
    rig_options,
    start_emulator,
    wait_for_empty_outbox,
    wait_for_startup_sync,
    wait_until_watched,
)
from sync_helpers import addon_data_file, addon_errors, sync_done_pattern, wait_for_addon_log

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

MARKED = movie_spec(demo.MOVIE_ARRIVAL, video_seconds=30)
SYNC_NOWS = 3
CAP_NOTICE = r"Simkl's request limit \(429 user_limit_exceeded\); nothing sent before"


@pytest.fixture(scope="module")
def simkl():
    emu = start_emulator((demo.MOVIE_ARRIVAL,))
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    return rig_options(simkl, [MARKED])


def sync_now(kodi):
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    return wait_for_addon_log(kodi, sync_done_pattern("manual"), 120, since=mark)


def limits(kodi):
    path = addon_data_file(kodi, "limits.json")
    if not path.exists():
        return {}
    saved = json.loads(path.read_text(encoding="utf-8"))["data"]
    return saved["data"] if "simkl_account" in saved else saved  # stamped with its account (account_stamp.py)


def test_a_day_cap_storm_is_bounded_keeps_the_outbox_and_everything_arrives_once_it_lifts(kodi, simkl):
    wait_for_startup_sync(kodi)
    movieid = kodi_movie_ids(kodi)[MARKED.title]
    simkl.options.daily_cap = 0  # from now on every request is refused, without Retry-After
    simkl.clear_requests()
    mark = kodi.log_mark()

    mark_watched_in_kodi(kodi, movieid)
    kodi.wait_for_log(CAP_NOTICE, SEND_TIMEOUT, since=mark)
    for _ in range(SYNC_NOWS):
        assert sync_now(kodi).group("outcome").startswith("Simkl's daily request limit was reached")
    kodi.restart()  # a restart inside the back-off: its start-up flush and sync send nothing
    startup = wait_for_addon_log(kodi, sync_done_pattern("startup"), 120, since=0)  # a fresh kodi.log
    assert int(startup.group("requests")) == 0

    refused = list(simkl.requests)
    assert all(record.status == 429 for record in refused)
    assert len(refused) <= 1 + SYNC_NOWS  # the mark's one send, then one attempt per Sync now; none after restart
    assert [entry["label"] for entry in outbox_entries(kodi)] == [f"{MARKED.title} ({MARKED.year})"]
    assert limits(kodi)["blocked_until"] > 0 and limits(kodi)["notified"] is True

    simkl.options.daily_cap = None  # the cap lifts
    assert sync_now(kodi).group("outcome") == "ok"
    wait_until_watched(simkl, demo.MOVIE_ARRIVAL, timeout=SEND_TIMEOUT)
    wait_for_empty_outbox(kodi)
    wait_until(lambda: limits(kodi).get("blocked_until") == 0, 30, message="the back-off to be cleared")
    assert [event["source"] for event in history_of(simkl, demo.MOVIE_ARRIVAL)] == ["api"]
    assert addon_errors(kodi, since=0) == []
