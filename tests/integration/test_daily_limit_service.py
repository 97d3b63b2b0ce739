"""The running service under Simkl's daily cap (the emulator's 429s carry no Retry-After, as the live ones):
the status dialog says the limit was reached and when syncing resumes, the user is told once, Sync now makes
exactly one attempt, and syncing resumes as soon as the cap has lifted."""

import pytest
from simklsync.constants import NOTIFY_SYNC_NOW
from simklsync.script import actions as script
from simklsync.script import status_text
from syncworld import build_library
from test_service import RunningService

from tests.support.kodi_rig import wait_until
from tests.support.login_time import login_on_virtual_time
from tests.support.simkl_emulator import Options, SimklEmulator, demo


@pytest.fixture(params=["{}", "null"], ids=["all-items {}", "all-items null"])
def capped(request, fake_kodi, monkeypatch):
    with SimklEmulator(Options(daily_cap=0, empty_body=request.param)) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)
        ids = build_library(fake_kodi.library)
        fake_kodi.settings["access_token"] = token
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2
        runner = RunningService(fake_kodi, emu)
        runner.ids = ids
        runner.token = token
        yield runner
        runner.stop()


def limit_notices(kodi):
    return [c for c in kodi.ui.calls_of("Dialog.notification") if "daily request limit" in str(c.args)]


def blocked(running):
    status = running.status() or {}
    return (status.get("daily_limit") or {}).get("blocked_until")


def test_the_daily_cap_is_explained_once_sync_now_tries_once_and_syncing_resumes_when_it_lifts(capped):
    running = capped
    assert wait_until(lambda: blocked(running))
    assert [r.status for r in running.emu.requests] == [429]
    text = status_text.render(running.service.profile, demo.DEMO_USER)
    assert "Simkl's daily request limit was reached. Syncing resumes at" in text
    assert "UTC" in text and "Requests to Simkl today (UTC): 1" in text
    running.kodi.library.user_marks_watched("movie", running.ids[demo.MOVIE_ARRIVAL])
    assert wait_until(lambda: len(running.service.outbox) == 1)
    for attempt in range(2, 4):
        script.notify_service(NOTIFY_SYNC_NOW)
        assert wait_until(lambda n=attempt: len(running.syncs()) == n)
        assert len(running.emu.requests) == attempt  # one attempt each, refused; the mark waits
        assert len(running.service.outbox) == 1
    assert len(limit_notices(running.kodi)) == 1
    running.emu.options.daily_cap = None
    script.notify_service(NOTIFY_SYNC_NOW)
    assert wait_until(lambda: (running.status() or {}).get("last_result") == "ok", timeout=20)
    assert blocked(running) is None
    user = running.emu.user(running.token)
    assert wait_until(lambda: demo.MOVIE_ARRIVAL in user.watched_movies())  # the queued mark, sent at once
    assert len([e for e in user.history_events() if e.get("simkl") == demo.MOVIE_ARRIVAL]) == 1
    assert running.service.worker.wait_idle()  # Simkl has it; the worker also has to note the answer
    assert len(running.service.outbox) == 0
    assert len(limit_notices(running.kodi)) == 1


@pytest.mark.parametrize("refuse", ["pin", "poll"])
def test_a_login_under_the_cap_stops_with_the_message_after_one_refused_request(fake_kodi, monkeypatch, refuse):
    with SimklEmulator(Options(pin_interval=1, daily_cap=1 if refuse == "poll" else 0)) as emu:
        monkeypatch.setenv("SIMKL_API_URL", emu.start())
        emu.add_user(token="cap-login-token", name="jane_doe")
        login_on_virtual_time(monkeypatch, emu)
        script.run(["login"])
        message = fake_kodi.ui.calls_of("Dialog.ok")[0].args["message"]
        assert "Simkl's daily request limit was reached. Syncing resumes at" in message
        assert [r.status for r in emu.requests][-1] == 429 and len(emu.requests) == (2 if refuse == "poll" else 1)
        assert fake_kodi.settings["access_token"] == ""
