"""The packaged add-on installs into a real Kodi, its service starts and its script runs, cleanly."""
import pytest

from tests.support.kodi_rig import ADDON_ID, wait_until
from tests.support.kodi_rig.addon_zip import addon_version
from tests.support.kodi_rig.installs import SUITE_NAMES, requested_version

pytestmark = pytest.mark.e2e

PREFIX = r"\[script\.simkl\.sync\]"


@pytest.fixture(scope="module")
def kodi_rig_options():
    return {"debug_log": True}  # Kodi logs the end of a script run at debug level


def test_addon_is_installed_and_enabled_with_the_version_of_addon_xml(kodi):
    details = kodi.addon_details()

    assert details["enabled"] is True
    assert details["installed"] is True
    assert details["version"] == addon_version()


def test_stand_in_dependencies_are_enabled(kodi):
    for dependency in ("script.module.requests", "script.module.simplecache", "script.module.pyqrcode"):
        assert kodi.addon_details(dependency)["enabled"] is True


def test_service_logs_that_it_started_without_python_errors(kodi):
    kodi.wait_for_log(PREFIX + r".*service started", timeout=60)

    assert kodi.log_errors(ADDON_ID) == []


def test_status_action_runs_the_script_without_errors(kodi):
    mark = kodi.log_mark()

    assert kodi.execute_addon(["status"]) == "OK"

    kodi.wait_for_log(PREFIX + r".*\bstatus\b", timeout=60, since=mark)
    kodi.wait_for_script_end(since=mark, timeout=60)
    assert kodi.log_errors(ADDON_ID, since=mark) == []


def test_kodi_answering_is_the_kodi_under_test(kodi):
    """KODI_RIG_VERSION=21 must really run Kodi 21 (from its Debian root), not fall back to the host's."""
    version = kodi.rpc("Application.GetProperties", {"properties": ["version"]})["version"]

    assert f"{version['major']}.{version['minor']}" == kodi.install.version
    assert requested_version() in ("", str(version["major"])) + SUITE_NAMES


@pytest.mark.parametrize("params", [{"action": "status"}, ["action=status"], ["", "status"]],
                         ids=["object-form", "key-value", "leading-empty"])
def test_the_script_reads_its_action_however_executeaddon_passes_it(kodi, params):
    """Kodi 22 passes ExecuteAddon's object-form params as key=value and no longer splits at commas
    (xbmc/xbmc#28914); the script must read the same action from every form this Kodi delivers."""
    # ExecuteAddon opens the add-on's video plugin source in the Videos window; from there the same path again
    # is no new directory, so each form starts from Home.
    def at_home():
        if kodi.current_window_id() == 10000:
            return True
        kodi.press_back()  # the last form's dialog (its wait ended at Kodi's logged GetDirectory error), Videos
        return False
    wait_until(at_home, 60, interval=1, message="Home")
    mark = kodi.log_mark()

    assert kodi.rpc("Addons.ExecuteAddon", {"addonid": ADDON_ID, "params": params}) == "OK"

    kodi.wait_for_log(PREFIX + r".*script action status\b", timeout=60, since=mark)
    kodi.wait_for_script_end(since=mark, timeout=60)
    # ExecuteAddon opens the add-on's video plugin source with these words; it refuses the directory (Kodi
    # logs that) and runs the script's action.
    errors = [line for line in kodi.log_errors(ADDON_ID, since=mark) if "GetDirectory" not in line]
    assert errors == []
