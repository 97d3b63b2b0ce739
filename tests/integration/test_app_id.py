"""The Simkl app id as a build input: a build without one, or with one Simkl refuses (client_id_failed), says so in
words at login and never loops; `make zip` writes SIMKL_CLIENT_ID into the zip only."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from simklsync import app_id
from simklsync.script import actions as script
from simklsync.simkl import errors
from simklsync.simkl.client import SimklClient

from tests.support.kodi_rig.addon_zip import build_addon_zip
from tests.support.login_time import login_on_virtual_time
from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID
from tools import build_zip

REPO = Path(__file__).resolve().parents[2]
BUILD_MODULE = "script.simkl.sync/resources/lib/simklsync/_build_app.py"
TOKEN = "app-id-token-1234"


@pytest.fixture(params=["{}", "null"], ids=["all-items {}", "all-items null"])
def emu(request, monkeypatch):
    with SimklEmulator(Options(pin_interval=1, pin_auto_approve_after=1, empty_body=request.param)) as emulator:
        monkeypatch.setenv("SIMKL_API_URL", emulator.start())
        emulator.add_user(token=TOKEN, name="jane_doe")
        yield login_on_virtual_time(monkeypatch, emulator)


def login_message(kodi):
    return kodi.ui.calls_of("Dialog.ok")[0].args["message"]


def test_a_login_with_an_app_id_simkl_does_not_know_says_so_after_one_request(fake_kodi, emu, monkeypatch):
    monkeypatch.setenv("SIMKL_CLIENT_ID", "an-app-simkl-never-registered")
    script.run(["login"])
    message = login_message(fake_kodi)
    assert "client_id_failed" in message and "Advanced → Own Simkl client id" in message
    assert [(r.path, r.status) for r in emu.requests] == [("/oauth/pin", 412)]
    assert fake_kodi.settings["access_token"] == ""
    assert not any("Traceback" in line for _, line in fake_kodi.log_lines)


def test_a_build_without_an_app_id_says_so_and_calls_nobody(fake_kodi, emu, monkeypatch):
    monkeypatch.delenv("SIMKL_CLIENT_ID")
    script.run(["login"])
    message = login_message(fake_kodi)
    assert "no Simkl app id" in message and "Advanced → Own Simkl client id" in message
    assert emu.requests == []


def test_the_override_from_advanced_settings_is_used_when_the_build_has_none(fake_kodi, emu, monkeypatch):
    monkeypatch.delenv("SIMKL_CLIENT_ID")
    fake_kodi.settings["client_id_override"] = f"  {TEST_CLIENT_ID} "
    script.run(["login"])
    assert fake_kodi.settings["access_token"] == TOKEN
    assert {r.query["client_id"] for r in emu.requests} == {TEST_CLIENT_ID}


def test_a_refused_app_id_is_not_tried_again_until_the_user_acts(emu):
    client = SimklClient("refused-app", "0.1.0", token=TOKEN, base_url=emu.url, wait=lambda s: False)
    for _ in range(3):
        with pytest.raises(errors.ClientIdRejected) as raised:
            client.get_activities()
        assert raised.value.string_id == 32226
    assert len(emu.requests) == 1
    client.allow_attempt()  # Sync now
    with pytest.raises(errors.ClientIdRejected):
        client.get_activities()
    assert len(emu.requests) == 2


def test_the_emulator_answers_client_id_failed_for_an_unknown_app_id(emu):
    import requests

    answer = requests.get(emu.url + "/sync/activities", params={"client_id": "unknown"}, timeout=10)
    assert answer.status_code == 412 and answer.json()["error"] == "client_id_failed"


def test_built_in_id_comes_from_the_generated_module_and_the_override_wins(monkeypatch):
    module = type(sys)("simklsync._build_app")
    module.CLIENT_ID = " from-the-build "
    monkeypatch.setitem(sys.modules, "simklsync._build_app", module)
    monkeypatch.setenv("SIMKL_CLIENT_ID", "from-the-environment")
    assert app_id.built_in() == "from-the-build"
    assert app_id.client_id("") == "from-the-build"
    assert app_id.client_id(" mine ") == "mine"


def test_make_zip_writes_the_app_id_into_the_zip_only(tmp_path):
    with_id = build_addon_zip(client_id="maintainers-app-id", target=tmp_path / "with.zip")
    without = build_addon_zip(client_id="", target=tmp_path / "without.zip")
    with zipfile.ZipFile(str(with_id)) as archive:
        text = archive.read(BUILD_MODULE).decode("utf-8")
        assert "CLIENT_ID = 'maintainers-app-id'" in text and "CLIENT_SECRET = ''" in text
        assert "script.simkl.sync/addon.xml" in archive.namelist()
    with zipfile.ZipFile(str(without)) as archive:
        assert BUILD_MODULE not in archive.namelist()
        assert "script.simkl.sync/resources/lib/simklsync/app_id.py" in archive.namelist()
    tracked = subprocess.run(["git", "ls-files"], cwd=str(REPO), check=True, stdout=subprocess.PIPE,
                             text=True).stdout.split()
    assert "resources/lib/simklsync/_build_app.py" not in tracked
    assert not (REPO / "resources/lib/simklsync/_build_app.py").exists()


def test_the_repository_holds_no_app_id():
    constants = (REPO / "resources/lib/simklsync/constants.py").read_text(encoding="utf-8")
    assert "CLIENT_ID =" not in constants


def test_an_app_id_that_could_become_code_is_refused():
    with pytest.raises(ValueError):
        build_zip.build_module_text("x'; import os; '")
    assert build_zip.build_module_text("abc", "s3cr3t").endswith("CLIENT_SECRET = 's3cr3t'\n")


def test_the_built_module_is_what_the_add_on_reads(tmp_path, monkeypatch):
    target, has_id = build_zip.build(tmp_path / "a.zip", environ={"SIMKL_CLIENT_ID": "zip-app"})
    assert has_id
    with zipfile.ZipFile(str(target)) as archive:
        archive.extractall(str(tmp_path / "x"))
    lib = tmp_path / "x" / "script.simkl.sync" / "resources" / "lib"
    code = "from simklsync import app_id; print(app_id.client_id(''))"
    env = dict(os.environ, PYTHONPATH=str(lib))
    env.pop("SIMKL_CLIENT_ID", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, stdout=subprocess.PIPE, text=True)
    assert out.stdout.strip() == "zip-app"
