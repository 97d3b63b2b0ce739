"""Issue 12 in a real Kodi: a login with an app id Simkl does not know (client_id_failed) shows, in words, what is
wrong and where to enter another id, after a single request, with no traceback and no retry."""
import pytest
from sync_helpers import LOG_PREFIX, SERVICE_STARTED, addon_errors, dialog_text, stored_settings, wait_for_addon_log

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

pytestmark = pytest.mark.e2e

LOGIN_STOPPED = LOG_PREFIX + r"simklsync\.login: login stopped: .*client_id_failed"


@pytest.fixture(scope="module")
def simkl_emulator():
    # The emulator knows another app only: the zip's id (the tests' own) is an app Simkl has never seen.
    with SimklEmulator(Options(pin_auto_approve_after=1, pin_interval=1, client_ids=["another-registered-app"])) as emu:
        demo.seed_demo(emu)
        yield emu


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return {"env": {"SIMKL_API_URL": simkl_emulator.url}, "debug_log": True}


def test_login_with_an_unknown_app_id_shows_the_clear_message_and_stops(kodi, simkl_emulator):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    mark = kodi.log_mark()
    assert kodi.execute_addon(["login"]) == "OK"
    wait_for_addon_log(kodi, LOGIN_STOPPED, timeout=120, since=mark)
    shown = wait_until(lambda: dialog_text(kodi), 60, interval=0.5, message="the login's OK dialog")

    assert "client_id_failed" in shown and "Own Simkl client id" in shown
    kodi.press_back()
    kodi.wait_for_script_end(since=mark, timeout=60)
    assert [(r.path, r.status) for r in simkl_emulator.requests] == [("/oauth/pin", 412)]
    assert stored_settings(kodi).get("access_token", "") == ""
    assert addon_errors(kodi, since=mark) == []
    assert "Traceback" not in kodi.log.text(mark)
