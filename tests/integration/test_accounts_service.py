"""Accounts are identities: the running service against two Simkl accounts on the emulator (the same display
name, told apart by id). A's queue held by a refused token never reaches B; B's first sync reads nothing of
A's state; A's parked writes go when A logs in again; a failed confirmation leaves A's files parked."""
import json
import os

import pytest
from simklsync.constants import NOTIFY_LOGGED_IN, NOTIFY_LOGGED_OUT, OUTBOX_FILE, STATE_FILE
from simklsync.core.outbox.queue import make_entry
from simklsync.core.state.account_stamp import StampedStore
from simklsync.core.state.store import JsonStore
from simklsync.script import actions as script
from simklsync.script import status_text
from syncworld import build_library
from test_service import RunningService

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

B_TOKEN = "b-token-0f1e2d3c4b5a"


@pytest.fixture
def two_accounts(fake_kodi, monkeypatch):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        a_token = demo.seed_demo(emu)
        b = emu.add_user(B_TOKEN, demo.DEMO_USER, "free")  # the same name as A: only the id tells them apart
        emu.clock.advance(3600)  # B's activities are its own, an hour after A's
        b.watch_movie(demo.MOVIE_INTERSTELLAR)
        b.watch_movie(demo.MOVIE_INCEPTION)
        b.remove(demo.MOVIE_INCEPTION)  # B once removed a title: a sync over A's state would run a removal check
        ids = build_library(fake_kodi.library)
        a_id = str(emu.user(a_token).account.user_id)
        fake_kodi.settings["access_token"] = a_token
        fake_kodi.settings["account_id"] = a_id
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2  # never push Kodi-only plays: a first sync writes only to Kodi
        fake_kodi.settings["initial_push_asked"] = False
        runner = RunningService(fake_kodi, emu)
        runner.ids, runner.a_token, runner.a_id = ids, a_token, a_id
        runner.b, runner.b_id = b, str(b.account.user_id)
        yield runner
        runner.stop()


def log_in(account_id, token, previous_id, emu):
    """What the login script stores once Simkl confirmed the account, then its notice to the service."""
    answer = {"user": {"name": demo.DEMO_USER}, "account": {"id": int(account_id), "type": "free"}}
    script.AccountSettings(previous_id=previous_id).save_account(account_id, demo.DEMO_USER, answer, token)
    script.notify_service(NOTIFY_LOGGED_IN)


def saved_outbox(running):
    with open(os.path.join(running.service.profile, OUTBOX_FILE), encoding="utf-8") as handle:
        return json.load(handle)["data"]["entries"]


def posts_with(running, token):
    return [r for r in running.emu.requests
            if r.method == "POST" and r.headers.get("Authorization") == f"Bearer {token}"]


def nothing_sent_to(user):
    """No write of the add-on reached this account (its own site watches aside), Arrival not among them."""
    return demo.MOVIE_ARRIVAL not in user.watched_movies() and not [
        event for event in user.history_events() if event["source"] != "site"]


def a_queue_held_by_a_refused_token(running):
    """A synced, then A's token is refused while A's mark of Arrival waits in the queue."""
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    matrix = running.kodi.library.snapshot("movie", running.ids[demo.MOVIE_MATRIX])
    assert matrix["playcount"] == 1  # A's history, written by A's sync
    running.emu.revoke(running.a_token)
    running.kodi.library.user_marks_watched("movie", running.ids[demo.MOVIE_ARRIVAL])
    assert wait_until(lambda: running.service.login_needed)
    assert running.settled()
    assert [e["account"] for e in saved_outbox(running)] == [running.a_id]


def test_another_account_never_gets_the_held_queue_and_its_first_sync_reads_nothing_of_the_old_state(
        two_accounts):
    running = two_accounts
    a_queue_held_by_a_refused_token(running)
    running.emu.clear_requests()
    log_in(running.b_id, B_TOKEN, running.a_id, running.emu)
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    assert "sync (login): ok" in running.syncs()[-1]
    # Nothing of A's reached B: no write at all went out with B's token, Arrival is not on B's account.
    assert [r.path for r in posts_with(running, B_TOKEN) if r.path != "/users/settings"] == []
    assert nothing_sent_to(running.b)
    # B's first sync read nothing of A's state: a first sync, Kodi's plays left as they are.
    status = running.status()
    assert running.kodi.library.snapshot("movie", running.ids[demo.MOVIE_MATRIX])["playcount"] == 1
    assert running.kodi.library.snapshot("movie", running.ids[demo.MOVIE_ARRIVAL])["playcount"] == 1
    # A's mark stays parked under A, and the status dialog says so.
    assert [e["account"] for e in saved_outbox(running)] == [running.a_id]
    assert status["outbox"]["parked"] == 1
    text = status_text.render(running.service.profile, demo.DEMO_USER)
    assert "Kept for another Simkl account: 1 (sent only if that account logs in again" in text


def test_the_parked_queue_goes_to_its_own_account_when_it_logs_in_again(two_accounts):
    running = two_accounts
    a_queue_held_by_a_refused_token(running)
    log_in(running.b_id, B_TOKEN, running.a_id, running.emu)
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    with running.emu.lock:
        running.emu.accounts.by_token[running.a_token].revoked = False  # A logs in again (its token renewed)
    log_in(running.a_id, running.a_token, running.b_id, running.emu)
    user_a = running.emu.user(running.a_token)
    assert wait_until(lambda: demo.MOVIE_ARRIVAL in user_a.watched_movies())
    assert running.settled()
    assert saved_outbox(running) == []
    assert demo.MOVIE_ARRIVAL not in running.b.watched_movies()


def test_a_failed_confirmation_leaves_the_old_accounts_files_parked_for_it_not_inherited(two_accounts):
    running = two_accounts
    a_queue_held_by_a_refused_token(running)
    # The login script after Simkl would not confirm the new token: nothing stored, the old login gone.
    script.AccountSettings(previous_id=running.a_id).clear()
    script.notify_service(NOTIFY_LOGGED_OUT)
    assert running.settled()
    assert running.kodi.settings["access_token"] == "" and running.kodi.settings["account_id"] == ""
    assert [e["account"] for e in saved_outbox(running)] == [running.a_id]
    running.emu.clear_requests()
    log_in(running.b_id, B_TOKEN, None, running.emu)  # the next account, on a profile with A's files
    assert wait_until(lambda: len(running.syncs()) == 2)
    assert running.settled()
    assert nothing_sent_to(running.b)
    assert running.kodi.library.snapshot("movie", running.ids[demo.MOVIE_MATRIX])["playcount"] == 1
    assert [e["account"] for e in saved_outbox(running)] == [running.a_id]


@pytest.fixture
def older_version(fake_kodi, monkeypatch):
    """A profile of a version before the account ids: a login with no id, an unstamped queue entry."""
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        ids = build_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = token
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2
        folder = fake_kodi.paths.translate("special://profile/addon_data/script.simkl.sync/")
        body = {"movies": [{"ids": {"simkl": demo.MOVIE_ARRIVAL}, "watched_at": "2026-12-01T20:00:00Z"}]}
        entry = dict(make_entry("history", "add", f"movie:simkl={demo.MOVIE_ARRIVAL}", body, "Arrival (2016)",
                                1.0, watched_at="2026-12-01T20:00:00Z"), seq=1)
        JsonStore(os.path.join(folder, OUTBOX_FILE)).save({"entries": [entry], "dropped": [], "seq": 1})
        runner = RunningService(fake_kodi, emu)
        runner.ids, runner.token = ids, token
        yield runner
        runner.stop()


def test_an_older_versions_login_is_confirmed_once_and_its_unstamped_files_become_that_accounts(older_version):
    running = older_version
    user = running.emu.user(running.token)
    assert wait_until(lambda: demo.MOVIE_ARRIVAL in user.watched_movies())
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    account_id = str(user.account.user_id)
    assert running.kodi.settings["account_id"] == account_id
    running.emu.clear_requests()
    running.kodi.library.user_marks_watched("movie", running.ids[demo.MOVIE_INTERSTELLAR])
    running.service.request_sync("manual")
    assert wait_until(lambda: demo.MOVIE_INTERSTELLAR in user.watched_movies() and len(running.syncs()) == 2)
    assert running.settled()
    assert "/users/settings" not in [r.path for r in running.emu.requests]  # confirmed once, not per send
    state = StampedStore(JsonStore(os.path.join(running.service.profile, STATE_FILE)), lambda: None)
    assert state.owner() == account_id
    assert saved_outbox(running) == []


@pytest.mark.parametrize("logged_out_first", [False, True], ids=["switch", "logout-then-login"])
def test_a_standing_always_push_asks_before_sending_the_previous_accounts_plays_to_the_next_account(
        two_accounts, logged_out_first):
    running = two_accounts
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    assert running.kodi.library.snapshot("movie", running.ids[demo.MOVIE_MATRIX])["playcount"] == 1  # A's play
    running.kodi.settings["initial_push"] = 1  # always push Kodi-only plays on a first sync
    previous = running.a_id
    if logged_out_first:
        script.AccountSettings(previous_id=running.a_id).clear()
        script.notify_service(NOTIFY_LOGGED_OUT)
        assert running.settled()
        previous = None
    running.emu.clear_requests()
    log_in(running.b_id, B_TOKEN, previous, running.emu)
    assert wait_until(lambda: len(running.syncs()) == 2)
    running.kodi.wait_idle()
    assert running.settled()
    questions = running.kodi.ui.calls_of("Dialog.yesno")
    assert len(questions) == 1  # asked once, and the user said no (the dismissed default)
    assert nothing_sent_to(running.b)
    assert demo.MOVIE_MATRIX not in running.b.watched_movies()
    assert [r.path for r in posts_with(running, B_TOKEN) if r.path != "/users/settings"] == []
    assert running.kodi.settings["library_account"] == running.b_id
