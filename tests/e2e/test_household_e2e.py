"""Issue 17 in real Kodi: two Kodi instances with separate homes on one MariaDB video library, both logged in to
the same Simkl account (a token each). One box pulls for both; a change on Simkl reaches the library of both
through the one pull; the box that does not pull makes no Simkl request; when the pulling Kodi dies, the other
takes over within the lease time and pulls from then on.

Heavy (two Kodis on a 2-core machine): run it alone, `pytest -m e2e tests/e2e/test_household_e2e.py`."""
import os
import signal
import sys
import time

import pytest
from sync_helpers import demo_emulator, demo_library, library_state, sync_done_pattern, sync_status, wait_for_addon_log

from tests.support.kodi_rig import KodiRig, wait_until
from tests.support.simkl_emulator import demo
from tests.support.simkl_emulator.gate import bearer_token

pytestmark = pytest.mark.e2e

LEASE_SECONDS = 12  # SIMKL_HOUSEHOLD_LEASE_SECONDS: the boxes renew every 3 s
TOKEN_A, TOKEN_B = demo.DEMO_TOKEN, "demo-token-second-box-0123456789"
KODI_USER, KODI_PASSWORD = "kodi", "kodi-e2e-pw"
SYNC_TIMEOUT = 240
ARRIVAL = ("movie", "Arrival")
MATRIX = ("movie", "The Matrix")


@pytest.fixture(scope="module")
def emulator():
    with demo_emulator() as emu:
        emu.add_device_token(TOKEN_A, TOKEN_B)
        yield emu


@pytest.fixture(scope="module")
def shared_db(mariadb_server):
    mariadb_server.create_user(KODI_USER, KODI_PASSWORD)
    return {"host": mariadb_server.host, "port": mariadb_server.port, "user": KODI_USER, "pass": KODI_PASSWORD,
            "name": "E2EHousehold"}


def _settings(token):
    return {"access_token": token, "account_name": demo.DEMO_USER, "initial_push": "2", "initial_push_asked": "true",
            "notify_sync": "false", "scrobble_min_minutes": "0"}


def _rig(name, emulator, shared_db, token):
    env = {"SIMKL_API_URL": emulator.url, "SIMKL_HOUSEHOLD_LEASE_SECONDS": str(LEASE_SECONDS)}
    settings = dict(_settings(token), account_id=str(emulator.user(token).account.user_id))  # a confirmed login
    return KodiRig(env=env, addon_settings=settings, video_database=shared_db, device_name=name)


def requests_of(emu, token):
    return [(r.method, r.path) for r in emu.requests if bearer_token(r.headers) == token]


def household(kodi):
    return (sync_status(kodi) or {}).get("household") or {}


@pytest.fixture(scope="module")
def boxes(addon_zip, kodi_tools_present, emulator, shared_db):
    """Box A scans the library into MariaDB and pulls first; box B then starts on the same database."""
    with _rig("Box A", emulator, shared_db, TOKEN_A) as box_a, _rig("Box B", emulator, shared_db, TOKEN_B) as box_b:
        box_a.write_library(**demo_library(), real_videos=True)  # 30 s videos: box B plays one
        box_a.install_addon(addon_zip)
        box_a.start()
        box_a.scan()
        mark_a = box_a.log_mark()
        box_a.enable_addon()
        wait_for_addon_log(box_a, sync_done_pattern("startup"), SYNC_TIMEOUT, since=mark_a)
        assert wait_until(lambda: household(box_a).get("role") == "puller", 60, message="A pulls")
        box_b.install_addon(addon_zip)
        box_b.start()
        box_b.enable_addon()
        assert wait_until(lambda: household(box_b).get("role") == "follower", 120, message="B follows")
        yield box_a, box_b


def test_one_box_pulls_and_both_libraries_have_what_simkl_has(boxes, emulator):
    box_a, box_b = boxes
    assert household(box_b)["puller"] == "Box A"
    # Kodi names it <name> + its video schema: E2EHousehold121 on Kodi 20, E2EHousehold131 on Kodi 21.
    database = box_a.video_db().database()
    assert database in ("E2EHousehold121", "E2EHousehold131")
    assert household(box_a)["database"] == household(box_b)["database"] == database
    for kodi in (box_a, box_b):
        library = library_state(kodi)
        assert library[MATRIX]["playcount"] == 1
        assert library[ARRIVAL]["playcount"] == 0
    assert requests_of(emulator, TOKEN_B) == []  # B's startup cycle was skipped: no pull
    assert ("GET", "/sync/activities") in requests_of(emulator, TOKEN_A)


def widget(kodi, name):
    """(label, dbid) of what Files.GetDirectory lists on a widget path of the box."""
    answer = kodi.rpc("Files.GetDirectory", {"directory": f"plugin://script.simkl.sync/?list={name}",
                                             "media": "video", "properties": ["title"]})
    return sorted((item["label"], item.get("id")) for item in answer.get("files") or [])


def test_the_followers_widgets_list_what_the_puller_built(boxes):
    """B pulls nothing and keeps no fresh mirror: its widgets are the lists A published, with the shared library's
    dbids."""
    box_a, box_b = boxes
    for name in ("movies.plantowatch", "upnext", "inprogress"):
        built = widget(box_a, name)
        assert built, name
        wait_until(lambda name=name, built=built: widget(box_b, name) == built, 60, message=f"B's {name}")


def test_sync_now_on_the_follower_is_pulled_once_by_the_puller_and_shows_on_both(boxes, emulator):
    box_a, box_b = boxes
    emulator.user(TOKEN_A).watch_movie(demo.MOVIE_ARRIVAL, at="2026-11-30T20:00:00Z")
    emulator.clear_requests()
    mark_a = box_a.log_mark()
    assert box_b.execute_addon(["sync"]) == "OK"
    # B hands the request to A through the table; A re-plans at its next renewal (every 3 s).
    line = wait_for_addon_log(box_a, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark_a)
    assert line.group("outcome") == "ok" and line.group("movies") == "1"
    for kodi in (box_a, box_b):
        assert library_state(kodi)[ARRIVAL]["playcount"] == 1
    assert requests_of(emulator, TOKEN_B) == []
    pulls = [path for method, path in requests_of(emulator, TOKEN_A) if method == "GET"]
    assert pulls.count("/sync/activities") == 1


def test_an_idle_round_costs_the_requests_of_one_box(boxes, emulator):
    """Sync now on both boxes with nothing new on Simkl: one activities request in all, from the puller."""
    box_a, box_b = boxes
    emulator.clear_requests()
    mark_a = box_a.log_mark()
    assert box_a.execute_addon(["sync"]) == "OK"
    wait_for_addon_log(box_a, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark_a)
    time.sleep(LEASE_SECONDS)  # B's lease attempts (every 3 s) go on meanwhile, and ask Simkl nothing
    assert requests_of(emulator, TOKEN_B) == []
    assert [path for _, path in requests_of(emulator, TOKEN_A)] == ["/sync/activities"]


def test_the_followers_playback_scrobbles_once_and_the_puller_does_not_echo_it(boxes, emulator):
    box_a, box_b = boxes
    user = emulator.user(TOKEN_A)
    episodes = box_b.rpc("VideoLibrary.GetEpisodes", {"properties": ["showtitle", "season", "episode"]})["episodes"]
    episode = next(e for e in episodes if (e["showtitle"], e["season"], e["episode"]) == ("Stranger Things", 2, 1))
    emulator.clear_requests()
    box_b.play_episode(episode["episodeid"], timeout=60)
    wait_until(lambda: box_b.player_time() > 0.5, 60, message="playback to run")
    box_b.seek(27)
    wait_until(lambda: box_b.video_player_id() is None, 90, message="the episode to end")

    def views():
        return [e for e in user.history_events()
                if (e["simkl"], e.get("season"), e.get("episode")) == (demo.SHOW_STRANGER_THINGS, 2, 1)]
    wait_until(views, 120, interval=0.5, message="the scrobble on Simkl")
    time.sleep(3 * LEASE_SECONDS / 4)  # a few renewals of A's lease: time for any echo to show
    assert len(views()) == 1
    scrobbles_b = [path for _, path in requests_of(emulator, TOKEN_B) if path.startswith("/scrobble/")]
    assert "/scrobble/stop" in scrobbles_b
    assert [path for _, path in requests_of(emulator, TOKEN_A) if not path.startswith("/sync/activities")] == []
    assert library_state(box_a)[("episode", "Stranger Things", 2, 1)]["playcount"] == 1  # B's play, on A too


def test_the_follower_takes_over_within_the_lease_time_when_the_puller_dies(boxes, emulator):
    box_a, box_b = boxes
    mark = box_b.log_mark()
    os.killpg(box_a._kodi.pid, signal.SIGKILL)  # a crash: no clean release of the lease
    box_a._kodi.wait(30)
    died = time.monotonic()
    wait_for_addon_log(box_b, r"this box is now the puller", LEASE_SECONDS + 10, since=mark)
    took = time.monotonic() - died
    assert took <= LEASE_SECONDS + 5, took
    user = emulator.user(TOKEN_A)
    user.watch_episodes(demo.SHOW_STRANGER_THINGS, [(1, 7)], at="2026-11-30T21:00:00Z")
    emulator.clear_requests()
    mark_b = box_b.log_mark()
    assert box_b.execute_addon(["sync"]) == "OK"
    line = wait_for_addon_log(box_b, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark_b)
    assert line.group("outcome") == "ok"
    assert library_state(box_b)[("episode", "Stranger Things", 1, 7)]["playcount"] == 1
    assert ("GET", "/sync/activities") in requests_of(emulator, TOKEN_B)
    sys.stderr.write(f"\ntakeover after the puller died: {took:.1f} s (lease {LEASE_SECONDS} s)\n")
