"""Issue 5 in a real Kodi 20: after the login the service mirrors the Simkl account into Kodi's library by
itself; a sync with nothing new costs one request and no write; a one-episode delta costs one list and one
write. The tests run in file order on one Kodi; each later one starts from the state the first sync left."""
import pytest
from sync_helpers import (
    SERVICE_STARTED,
    addon_errors,
    emulator_rig_options,
    kodi_local_time,
    library_state,
    log_in_and_wait_for_sync,
    simkl_watched_in_kodi_terms,
    sync_done_pattern,
    sync_status,
    wait_for_addon_log,
    wait_for_notification_barrier,
)

from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

STRANGER_THINGS = ("episode", "Stranger Things")
ATTACK_ON_TITAN = ("episode", "Attack on Titan")
PAUSED = demo.PAUSED[0]
DELTA_EPISODE = (1, 7)
DELTA_WATCHED_AT = "2026-05-20T20:00:00Z"
SYNC_TIMEOUT = 180


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def first_sync(kodi, user):
    """Log in once for the module; returns what the first sync did (its log line, its notifications)."""
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    history_before = user.history_events()
    notifications = kodi.notification_mark()
    mark, line = log_in_and_wait_for_sync(kodi)
    wait_for_notification_barrier(kodi)
    return {"log_mark": mark, "line": line, "history_before": history_before,
            "onupdates": kodi.onupdate_count(since=notifications)}


def run_sync_action(kodi, emu):
    """The `sync` script action (what the user's "Sync now" runs); returns the cycle's requests, its
    library notifications and its log line, once every notification it caused has arrived."""
    emu.clear_requests()
    notifications = kodi.notification_mark()
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    line = wait_for_addon_log(kodi, sync_done_pattern("manual"), SYNC_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)
    requests = [(r.method, r.path) for r in emu.requests]
    return requests, kodi.notifications("VideoLibrary.OnUpdate", since=notifications), line


def test_first_sync_after_login_gives_kodi_exactly_simkls_watched_movies_and_episodes(kodi, user, first_sync):
    expected = simkl_watched_in_kodi_terms(user)
    library = library_state(kodi)

    assert first_sync["line"].group("outcome") == "ok"
    assert set(expected) <= set(library)  # every watched title is in this library: nothing is vacuous
    assert len(expected) == len(demo.WATCHED_MOVIES) + 5 + 4
    for key, item in library.items():
        if key in expected:
            assert (item["playcount"], item["lastplayed"]) == (1, expected[key]), key
        else:
            assert (item["playcount"], item["lastplayed"]) == (0, ""), key


def test_first_sync_puts_the_anime_cour_onto_tvdb_season_3(kodi, first_sync):
    library = library_state(kodi)
    watched_at = kodi_local_time(demo.WATCHED_EPISODES[demo.ANIME_AOT_S3]["at"])

    for episode in range(1, 5):
        assert library[ATTACK_ON_TITAN + (3, episode)]["lastplayed"] == watched_at
        assert library[ATTACK_ON_TITAN + (3, episode)]["playcount"] == 1
    assert library[ATTACK_ON_TITAN + (3, 5)]["playcount"] == 0
    assert not any(key[:2] == ATTACK_ON_TITAN and key[2] != 3 for key in library)


def test_first_sync_gives_the_paused_episode_its_resume_point(kodi, first_sync):
    paused = library_state(kodi)[STRANGER_THINGS + (PAUSED["season"], PAUSED["episode"])]
    runtime = 50 * 60  # the .nfo's 50 minutes, as Kodi reports it

    assert paused["runtime"] == runtime
    assert paused["resume"] == (round(runtime * PAUSED["progress"] / 100), runtime)
    assert paused["playcount"] == 0


def test_first_sync_writes_the_status_file_and_one_library_update_per_watched_item(kodi, first_sync):
    status = sync_status(kodi)

    assert status["reason"] == "login"
    assert status["last_result"] == "ok"
    assert status["account"] == demo.DEMO_USER
    assert status["written"] == {"movies": 3, "episodes": 5 + 4 + 1}
    assert status["last_sync_finished"]
    # Kodi announces playcount/lastplayed writes; the resume-only write of the paused episode is silent.
    assert first_sync["onupdates"] == 3 + 5 + 4


def test_sync_writes_are_not_sent_back_to_simkl(user, first_sync):
    assert user.history_events() == first_sync["history_before"]


def test_second_sync_makes_only_the_activities_request_and_no_library_write(kodi, simkl_emulator, first_sync):
    before = library_state(kodi)
    finished_before = sync_status(kodi)["last_sync_finished"]

    requests, onupdates, line = run_sync_action(kodi, simkl_emulator)

    assert requests == [("GET", "/sync/activities")]
    assert onupdates == []
    assert library_state(kodi) == before
    assert (line.group("outcome"), line.group("movies"), line.group("episodes")) == ("ok", "0", "0")
    status = sync_status(kodi)
    assert status["reason"] == "manual"
    assert status["last_sync_finished"] >= finished_before


def test_one_episode_watched_on_simkl_costs_one_list_request_and_one_library_write(kodi, simkl_emulator, user,
                                                                                   first_sync):
    before = library_state(kodi)
    user.watch_episodes(demo.SHOW_STRANGER_THINGS, [DELTA_EPISODE], at=DELTA_WATCHED_AT)

    requests, onupdates, line = run_sync_action(kodi, simkl_emulator)

    assert requests == [("GET", "/sync/activities"), ("GET", "/sync/all-items/shows")]
    assert len(onupdates) == 1
    after = library_state(kodi)
    changed = {key for key in after if after[key] != before[key]}
    delta_key = STRANGER_THINGS + DELTA_EPISODE
    assert changed == {delta_key}
    assert (after[delta_key]["playcount"], after[delta_key]["lastplayed"]) == (1, kodi_local_time(DELTA_WATCHED_AT))
    assert (line.group("outcome"), line.group("movies"), line.group("episodes")) == ("ok", "0", "1")


def test_the_whole_session_logs_no_addon_error_and_never_the_token(kodi, first_sync):
    since = first_sync["log_mark"]

    assert addon_errors(kodi, since=since) == []
    assert "Traceback" not in kodi.log.text(since)
    assert demo.DEMO_TOKEN not in kodi.log.text()
