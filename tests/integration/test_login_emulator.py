"""RunScript(script.simkl.sync,login) in the fake Kodi against the Simkl emulator, on virtual time: the
login's clock and waits, and the emulator's clock with them, move only when the login waits."""
import os

import pytest
from simklsync.constants import NOTIFY_SENDER
from simklsync.script import actions as script

from tests.support.login_time import login_on_virtual_time
from tests.support.simkl_emulator import Options, SimklEmulator

TOKEN = "emu-login-token-55aa66bb77cc"


def start_emulator(monkeypatch, **options):
    emu = SimklEmulator(Options(enforce_app_params=True, pin_interval=1, **options))
    monkeypatch.setenv("SIMKL_API_URL", emu.start())
    emu.add_user(token=TOKEN, name="jane_doe")
    return login_on_virtual_time(monkeypatch, emu)


@pytest.fixture
def emu_factory(monkeypatch):
    started = []

    def make(**options):
        started.append(start_emulator(monkeypatch, **options))
        return started[-1]

    yield make
    for emu in started:
        emu.stop()


def polls(emu):
    return [record for record in emu.requests if record.path.startswith("/oauth/pin/")]


def own_announcements(kodi):
    return [method for sender, method, _ in kodi.notifications if sender == NOTIFY_SENDER]


def everything_shown_or_logged(kodi):
    texts = [line for _, line in kodi.log_lines]
    for call in kodi.ui.calls:
        texts.extend(str(value) for value in call.args.values())
    return texts


def login_window(kodi):
    """What the login window showed when it opened: its properties."""
    shown = [call for call in kodi.ui.calls_of("Window.show") if call.args["xml"] == "script-simkl-sync-login.xml"]
    assert len(shown) == 1
    return shown[0].args["properties"]


def test_login_shows_the_code_and_stores_the_confirmed_account(fake_kodi, emu_factory):
    emu = emu_factory(pin_auto_approve_after=1)
    script.run(["login"])
    code = emu.requests[0]
    assert code.path == "/oauth/pin"
    user_code = [record.path.rsplit("/", 1)[1] for record in polls(emu)][0]
    window = login_window(fake_kodi)
    shown = window["instructions"]
    assert f"[B]{user_code}[/B]" in shown and window["code"] == user_code
    assert "[B]https://simkl.com/pin[/B]" in shown
    assert fake_kodi.settings["access_token"] == TOKEN
    assert fake_kodi.settings["account_name"] == "jane_doe"
    assert [call.args["message"] for call in fake_kodi.ui.calls_of("Dialog.notification")] == \
        ["Logged in as jane_doe"]
    assert own_announcements(fake_kodi) == ["Other.logged_in"]
    assert emu.requests[-1].path == "/users/settings"
    assert all(TOKEN not in text for text in everything_shown_or_logged(fake_kodi))


def test_polls_keep_the_servers_interval(fake_kodi, emu_factory):
    emu = emu_factory(pin_auto_approve_after=2)
    started = emu.virtual.monotonic()
    script.run(["login"])
    # Three polls, each at least one interval (1 s) after the code or the previous poll.
    assert len(polls(emu)) == 3
    assert emu.virtual.monotonic() - started >= 3.0
    assert fake_kodi.settings["access_token"] == TOKEN


def test_countdown_runs_down_in_the_login_window(fake_kodi, emu_factory):
    emu_factory(pin_auto_approve_after=2)
    script.run(["login"])
    countdown = [call.args["value"] for call in fake_kodi.ui.calls_of("Window.setProperty")
                 if call.args["key"] == "countdown"]
    assert countdown[0] == "The code expires in 15:00." and len(countdown) >= 2
    assert countdown == sorted(countdown, reverse=True)


def test_cancel_stops_the_login(fake_kodi, emu_factory):
    emu = emu_factory(pin_auto_approve_after=5)
    fake_kodi.ui.click_after(2, 10)  # two countdowns in the shown window, then Cancel
    script.run(["login"])
    assert fake_kodi.settings["access_token"] == ""
    assert "Window.close" in fake_kodi.ui.kinds()
    assert len(polls(emu)) <= 1
    assert own_announcements(fake_kodi) == []


def test_expired_code_offers_a_new_one(fake_kodi, emu_factory):
    emu = emu_factory(pin_expires_in=2)
    fake_kodi.ui.answers.append(True)  # yes, a new code; the second expiry is declined
    script.run(["login"])
    assert [record.path for record in emu.requests if record.path == "/oauth/pin"] == ["/oauth/pin"] * 2
    assert len(fake_kodi.ui.calls_of("Dialog.yesno")) == 2
    assert "expired" in fake_kodi.ui.calls_of("Dialog.yesno")[0].args["message"]
    assert fake_kodi.settings["access_token"] == ""


def test_a_code_simkl_forgot_stops_the_login_cleanly(fake_kodi, emu_factory):
    emu = emu_factory()
    # Simkl's clock jumps past the code's lifetime: its next poll answer is a brand-new code.
    emu.virtual.at(0.5, lambda: emu.clock.advance(3600))
    script.run(["login"])
    assert fake_kodi.settings["access_token"] == ""
    assert "no longer valid" in fake_kodi.ui.calls_of("Dialog.ok")[0].args["message"]
    assert len(polls(emu)) == 1


def test_kodi_abort_ends_the_login_quietly(fake_kodi, emu_factory):
    emu = emu_factory()
    emu.virtual.at(1.5, lambda: fake_kodi.request_abort() or True)
    script.run(["login"])
    assert fake_kodi.settings["access_token"] == ""
    assert fake_kodi.ui.calls_of("Dialog.ok") == []
    assert fake_kodi.ui.kinds()[-1] == "Window.close"


def test_already_logged_in_and_declined_changes_nothing(fake_kodi, emu_factory):
    emu = emu_factory(pin_auto_approve_after=1)
    fake_kodi.settings["access_token"] = "old-token"
    fake_kodi.settings["account_name"] = "old_name"
    script.run(["login"])
    assert emu.requests == []
    assert fake_kodi.settings["access_token"] == "old-token"


def test_logging_in_as_another_account_stores_its_id_and_leaves_the_previous_accounts_files_to_the_service(
        fake_kodi, emu_factory):
    emu = emu_factory(pin_auto_approve_after=1)
    fake_kodi.settings["access_token"] = "old-token"
    fake_kodi.settings["account_id"] = "77"
    fake_kodi.settings["account_name"] = "jane_doe"  # the same name, another account: told apart by id
    fake_kodi.settings["initial_push_asked"] = True
    folder = fake_kodi.paths.translate("special://profile/addon_data/script.simkl.sync/")
    os.makedirs(folder, exist_ok=True)
    for name in ("state.json", "outbox.json", "status.json"):
        with open(os.path.join(folder, name), "w") as handle:
            handle.write("{}")
    fake_kodi.ui.answers.append(True)
    script.run(["login"])
    assert fake_kodi.settings["account_id"] == str(emu.user(TOKEN).account.user_id)
    assert fake_kodi.settings["access_token"] == TOKEN
    assert fake_kodi.settings["initial_push_asked"] is False
    # Stamped with their account, they are parked by the service (never read or sent for this one).
    assert {"outbox.json", "state.json", "status.json"} <= set(os.listdir(folder))


def test_a_failed_confirmation_stores_no_token_and_tells_the_service_the_old_login_is_gone(fake_kodi, emu_factory):
    emu = emu_factory(pin_auto_approve_after=1)
    emu.inject(status=503, count=None, path="/users/settings")
    fake_kodi.settings["access_token"] = "old-token"
    fake_kodi.settings["account_id"] = "77"
    fake_kodi.settings["account_name"] = "jane_doe"
    fake_kodi.ui.answers.append(True)
    script.run(["login"])
    assert (fake_kodi.settings["access_token"], fake_kodi.settings["account_id"]) == ("", "")
    assert fake_kodi.settings["account_name"] == ""
    assert own_announcements(fake_kodi) == ["Other.logged_out"]
    assert all(TOKEN not in text for text in everything_shown_or_logged(fake_kodi))


def test_a_rejected_client_id_is_explained(fake_kodi, emu_factory):
    emu_factory(client_ids=["someone-else"])
    script.run(["login"])
    assert "client id" in fake_kodi.ui.calls_of("Dialog.ok")[0].args["message"]
    assert fake_kodi.settings["access_token"] == ""
