"""Accounts are identities, in a real Kodi: account A's mark, held by a refused token, never reaches account B
(the same display name) when B logs in through the add-on's PIN login; B's first sync leaves Kodi's plays of
A's history alone; A's mark goes to A when A logs in again."""
import json

import pytest
from scrobble_helpers import (
    SEND_TIMEOUT,
    SERVICE_TIMEOUT,
    kodi_movie_ids,
    kodi_playcount,
    mark_watched_in_kodi,
    movie_spec,
    outbox_entries,
    wait_for_empty_outbox,
)
from sync_helpers import (
    SERVICE_STARTED,
    addon_data_file,
    addon_errors,
    stored_settings,
    sync_done_pattern,
    wait_for_addon_log,
)

from tests.support.kodi_rig import wait_until
from tests.support.kodi_rig.rig import YES_NO_DIALOG
from tests.support.simkl_emulator import Options, SimklEmulator, demo

pytestmark = pytest.mark.e2e

A_TOKEN = "e2e-account-a-token-0123456789"
B_TOKEN = "e2e-account-b-token-9876543210"
NAME = "e2e_user"  # both accounts: only the id tells them apart
MOVIES = (demo.MOVIE_MATRIX, demo.MOVIE_ARRIVAL, demo.MOVIE_INCEPTION, demo.MOVIE_INTERSTELLAR)
LOGIN_TIMEOUT = 240


@pytest.fixture(scope="module")
def simkl():
    emu = SimklEmulator(Options(pin_auto_approve_after=1, pin_interval=1))
    for title in demo.TITLES:
        if title["simkl"] in MOVIES:
            demo.add_title(emu, title)
    a = emu.add_user(A_TOKEN, NAME, "free")
    a.watch_movie(demo.MOVIE_MATRIX)
    b = emu.add_user(B_TOKEN, NAME, "free")
    emu.clock.advance(3600)
    b.watch_movie(demo.MOVIE_INTERSTELLAR)
    b.watch_movie(demo.MOVIE_INCEPTION)
    b.remove(demo.MOVIE_INCEPTION)  # a sync over A's state would run a removal check and unwatch A's plays
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    settings = {"scrobble_min_minutes": "0", "initial_push": "2", "notify_sync": "false", "debug_logging": "true"}
    return {"env": {"SIMKL_API_URL": simkl.url}, "addon_settings": settings, "debug_log": True,
            "library": {"movies": [movie_spec(simkl_id, video_seconds=30) for simkl_id in MOVIES]}}


def focused_button(kodi):
    label = kodi.rpc("XBMC.GetInfoLabels", {"labels": ["System.CurrentControl"]})["System.CurrentControl"]
    return label.strip().lower()


def answer_yes(kodi):
    """The add-on's "log in again?" question, answered Yes (the focus moved there first, whichever it had)."""
    wait_until(lambda: kodi.current_window_id() == YES_NO_DIALOG and focused_button(kodi) in ("yes", "no"), 60,
               message="the yes/no question")
    for move in ("Input.Up", "Input.Left", "Input.Down", "Input.Right") * 2:  # skins lay the buttons out differently
        if focused_button(kodi) == "yes":
            kodi.rpc("Input.Select")
            return
        kodi.rpc(move)
        wait_until(lambda: focused_button(kodi) in ("yes", "no"), 10, message="a button in focus")
    raise AssertionError("the question has no Yes button")


def log_in(kodi, simkl, token, asked):
    """The add-on's PIN login, approved for `token`; returns once the service's sync after it is done."""
    simkl.options.pin_token = token
    mark = kodi.log_mark()
    assert kodi.execute_addon(["login"]) == "OK"
    if asked:
        answer_yes(kodi)
    wait_for_addon_log(kodi, sync_done_pattern("login"), LOGIN_TIMEOUT, since=mark)
    kodi.wait_for_script_end(since=mark, timeout=120, close_dialogs=False)
    return mark


def settings_value(kodi, setting_id):
    return stored_settings(kodi).get(setting_id)


def status_file(kodi):
    path = addon_data_file(kodi, "status.json")
    return json.loads(path.read_text(encoding="utf-8"))["data"] if path.exists() else {}


def test_a_held_mark_of_one_account_never_reaches_another_and_goes_to_its_own_on_its_return(kodi, simkl):
    kodi.wait_for_log(SERVICE_STARTED, timeout=SERVICE_TIMEOUT)
    a, b = simkl.user(A_TOKEN), simkl.user(B_TOKEN)
    first = log_in(kodi, simkl, A_TOKEN, asked=False)
    movies = kodi_movie_ids(kodi)
    matrix, arrival = movies["The Matrix"], movies["Arrival"]
    assert kodi_playcount(kodi, matrix) == 1  # A's history, written by A's sync
    a_id = str(a.account.user_id)
    assert wait_until(lambda: settings_value(kodi, "account_id") == a_id, 30)

    simkl.revoke(A_TOKEN)
    mark_watched_in_kodi(kodi, arrival)
    wait_for_addon_log(kodi, r"Simkl refused the token", SEND_TIMEOUT, since=first)
    assert [entry.get("account") for entry in outbox_entries(kodi)] == [a_id]

    simkl.clear_requests()
    log_in(kodi, simkl, B_TOKEN, asked=True)
    b_writes = [r.path for r in simkl.requests
                if r.method == "POST" and r.headers.get("Authorization") == f"Bearer {B_TOKEN}"]
    assert [path for path in b_writes if path != "/users/settings"] == []
    assert [e for e in b.history_events() if e["source"] != "site"] == []
    assert demo.MOVIE_ARRIVAL not in b.watched_movies()
    assert kodi_playcount(kodi, matrix) == 1  # B's first sync read nothing of A's state
    assert [entry.get("account") for entry in outbox_entries(kodi)] == [a_id]
    assert wait_until(lambda: (status_file(kodi).get("outbox") or {}).get("parked") == 1, 30)

    with simkl.lock:
        simkl.accounts.by_token[A_TOKEN].revoked = False  # A's login renewed on Simkl's side
    log_in(kodi, simkl, A_TOKEN, asked=True)
    wait_until(lambda: demo.MOVIE_ARRIVAL in a.watched_movies(), SEND_TIMEOUT, message="A's mark on A")
    wait_for_empty_outbox(kodi)
    assert demo.MOVIE_ARRIVAL not in b.watched_movies()
    assert addon_errors(kodi, since=first) == []
