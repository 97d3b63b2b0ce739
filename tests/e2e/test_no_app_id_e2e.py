"""Issue 12 in a real Kodi: a zip built without SIMKL_CLIENT_ID (as `make zip` builds it when a maintainer forgets
the id) installs and runs; its login says in words that this build has no Simkl app id and where to enter one,
and nothing is sent to Simkl."""
import pytest
from sync_helpers import LOG_PREFIX, SERVICE_STARTED, addon_errors, dialog_text, wait_for_addon_log

from tests.support.kodi_rig import build_addon_zip, wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

pytestmark = pytest.mark.e2e

LOGIN_STOPPED = LOG_PREFIX + r"simklsync\.login: login stopped: .*no Simkl app id"


@pytest.fixture(scope="module")
def addon_zip():
    """This module's Kodi gets a build without an app id (its own file: the run's shared zip is untouched)."""
    return build_addon_zip(client_id="")


@pytest.fixture(scope="module")
def simkl_emulator():
    with SimklEmulator(Options(pin_auto_approve_after=1, pin_interval=1)) as emu:
        demo.seed_demo(emu)
        yield emu


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return {"env": {"SIMKL_API_URL": simkl_emulator.url}, "debug_log": True}


def test_a_build_without_an_app_id_says_so_at_login_and_calls_nobody(kodi, simkl_emulator):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    mark = kodi.log_mark()
    assert kodi.execute_addon(["login"]) == "OK"
    wait_for_addon_log(kodi, LOGIN_STOPPED, timeout=120, since=mark)
    shown = wait_until(lambda: dialog_text(kodi), 60, interval=0.5, message="the login's OK dialog")

    assert "has no Simkl app id" in shown and "Own Simkl client id" in shown
    kodi.press_back()
    kodi.wait_for_script_end(since=mark, timeout=60)
    assert simkl_emulator.requests == []
    assert addon_errors(kodi, since=mark) == []
    assert "Traceback" not in kodi.log.text(mark)
