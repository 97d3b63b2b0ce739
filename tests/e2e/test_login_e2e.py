"""Issue 4 in a real Kodi 20: the PIN login through the add-on's script, against the Simkl emulator."""
import pytest
from sync_helpers import SERVICE_STARTED, addon_errors, log_in_and_wait_for_sync, stored_settings

from tests.support.kodi_rig import ADDON_ID
from tests.support.kodi_rig.addon_zip import addon_version
from tests.support.simkl_emulator import demo
from tests.support.simkl_emulator.gate import bearer_token

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    # Kodi's debug level (the end of a script run) plus the add-on's own debug lines: the most the log
    # can ever hold, which is what the token must stay out of.
    return {"env": {"SIMKL_API_URL": simkl_emulator.url}, "debug_log": True,
            "addon_settings": {"debug_logging": "true"}}


@pytest.fixture(scope="module")
def logged_in(kodi, simkl_emulator):
    """The login run once for the module: (log mark before it, the sync that followed it)."""
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    mark, sync_line = log_in_and_wait_for_sync(kodi)
    kodi.wait_for_script_end(since=mark, timeout=120, close_dialogs=False)
    return mark, sync_line


def test_login_stores_the_approved_token_and_the_account_name_in_the_addon_settings(kodi, logged_in):
    settings = stored_settings(kodi)

    assert settings.get("access_token") == demo.DEMO_TOKEN
    assert settings.get("account_name") == demo.DEMO_USER


def test_login_polled_the_pin_until_approved_then_confirmed_the_account(simkl_emulator, logged_in):
    calls = [(r.method, r.path, r.status) for r in simkl_emulator.requests]
    pin_request, *rest = [call for call in calls if call[1] == "/oauth/pin"]
    polls = [call for call in calls if call[1].startswith("/oauth/pin/")]

    assert pin_request[2] == 200 and rest == []
    assert len(polls) == 2  # one "pending", then the approval (Options.pin_auto_approve_after=1)
    assert ("POST", "/users/settings", 200) in calls
    assert calls.index(("POST", "/users/settings", 200)) > calls.index(polls[-1])
    # The service's first sync takes the account type from the login's answer (simplecache), not a new call.
    assert calls.count(("POST", "/users/settings", 200)) == 1


def test_every_request_carries_client_id_app_name_app_version_and_user_agent(simkl_emulator, logged_in):
    version = addon_version()
    requests = simkl_emulator.requests

    api = [record for record in requests if not record.path.startswith("/calendar/")]
    assert len(api) >= 4  # pin, two polls, user settings (then the service's sync)
    for record in api:
        where = f"{record.method} {record.path}"
        assert record.query.get("client_id"), where
        assert record.app_name == ADDON_ID, where
        assert record.app_version == version, where
        assert record.user_agent == f"{ADDON_ID}/{version}", where
    # Simkl's public calendar files (New episodes): no query string, as Simkl asks (its CDN caches by URL), no token.
    for record in requests:
        if record.path.startswith("/calendar/"):
            assert record.query == {} and record.user_agent == f"{ADDON_ID}/{version}", record.path
            assert not bearer_token(record.headers), record.path


def test_service_starts_syncing_by_itself_after_the_login(logged_in):
    _, sync_line = logged_in

    assert sync_line.group("outcome") == "ok"
    assert int(sync_line.group("requests")) >= 1


def test_login_and_its_sync_log_no_addon_error_and_never_the_token(kodi, logged_in):
    mark, _ = logged_in
    log = kodi.log.text()

    assert addon_errors(kodi, since=mark) == []
    assert "Traceback" not in kodi.log.text(mark)
    assert demo.DEMO_TOKEN not in log
    assert "simklsync.login: logged in to Simkl" in log  # the log is the add-on's, and it was read
