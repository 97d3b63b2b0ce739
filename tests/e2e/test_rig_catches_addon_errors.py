"""The rig's error detection is not vacuous: a script that raises inside real Kodi is reported."""
import zipfile

import pytest

from tests.support.kodi_rig import KodiRig

pytestmark = pytest.mark.e2e

CRASHER_ID = "script.rig.crasher"
CRASHER_XML = """<?xml version="1.0" encoding="UTF-8"?>
<addon id="script.rig.crasher" name="Rig crasher" version="1.0.0" provider-name="tests">
  <requires><import addon="xbmc.python" version="3.0.0"/></requires>
  <extension point="xbmc.python.script" library="default.py"/>
  <extension point="xbmc.addon.metadata"><summary lang="en_GB">raises on purpose</summary></extension>
</addon>
"""
CRASHER_SCRIPT = "import sys\nraise RuntimeError('crasher ran with ' + ','.join(sys.argv[1:]))\n"


@pytest.fixture(scope="module")
def crasher_zip(tmp_path_factory):
    path = tmp_path_factory.mktemp("crasher") / "crasher.zip"
    with zipfile.ZipFile(str(path), "w") as archive:
        archive.writestr(CRASHER_ID + "/addon.xml", CRASHER_XML)
        archive.writestr(CRASHER_ID + "/default.py", CRASHER_SCRIPT)
    return path


@pytest.fixture(scope="module")
def kodi_with_crasher(crasher_zip, kodi_tools_present):
    with KodiRig(debug_log=True) as rig:
        rig.install_addon(crasher_zip, with_standins=False)
        rig.start()
        rig.enable_addon(CRASHER_ID)
        yield rig


def test_traceback_of_a_failing_script_is_reported_with_its_message(kodi_with_crasher):
    mark = kodi_with_crasher.log_mark()

    kodi_with_crasher.execute_addon(["boom"], addon_id=CRASHER_ID)
    errors = kodi_with_crasher.wait_for_errors(CRASHER_ID, since=mark, timeout=60)

    assert any("crasher ran with boom" in error and "Traceback" in error for error in errors)


def test_errors_of_other_addons_are_not_blamed_on_ours(kodi_with_crasher):
    mark = kodi_with_crasher.log_mark()

    kodi_with_crasher.execute_addon(["again"], addon_id=CRASHER_ID)
    kodi_with_crasher.wait_for_errors(CRASHER_ID, since=mark, timeout=60)

    assert kodi_with_crasher.log_errors("script.simkl.sync", since=mark) == []
