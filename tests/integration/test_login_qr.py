"""The PIN login's window with its QR code, in the fake Kodi against the Simkl emulator."""
import io
import os

import pytest
import xbmcgui
from PIL import Image
from simklsync.kodi.gui import login_window
from simklsync.script import actions as script
from simklsync.script import login_dialog

from tests.support.login_time import login_on_virtual_time
from tests.support.simkl_emulator import Options, SimklEmulator

TOKEN = "emu-login-token-qr-0011223344"


@pytest.fixture
def emu(monkeypatch):
    emulator = SimklEmulator(Options(enforce_app_params=True, pin_interval=1, pin_auto_approve_after=1))
    monkeypatch.setenv("SIMKL_API_URL", emulator.start())
    emulator.add_user(token=TOKEN, name="jane_doe")
    yield login_on_virtual_time(monkeypatch, emulator)
    emulator.stop()


def shown_window(kodi):
    calls = [call for call in kodi.ui.calls_of("Window.show") if call.args["xml"] == login_window.XML]
    assert len(calls) == 1
    return calls[0].args["properties"]


def user_code(emu):
    return next(r.path.rsplit("/", 1)[1] for r in emu.requests if r.path.startswith("/oauth/pin/"))


def test_the_window_shows_a_qr_code_of_the_pin_page_and_removes_it_afterwards(fake_kodi, emu):
    script.run(["login"])

    window = shown_window(fake_kodi)
    code = user_code(emu)
    profile = fake_kodi.paths.translate("special://profile/addon_data/script.simkl.sync/")
    assert window["qr"] == os.path.join(profile, f"login-qr-{code}.png")
    assert window["qr_caption"] == "Or scan this code with your phone"
    assert window["heading"] and "[B]https://simkl.com/pin[/B]" in window["instructions"]
    assert not os.path.exists(window["qr"])  # gone with the window
    assert fake_kodi.settings["access_token"] == TOKEN


def test_the_qr_code_decodes_to_the_pin_page_with_the_code(fake_kodi, emu, monkeypatch):
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (requirements-dev.txt) decodes the QR code")
    kept = {}

    def keep(folder):
        for name in os.listdir(folder):
            if name.startswith(login_window.QR_PREFIX):
                with open(os.path.join(folder, name), "rb") as handle:
                    kept[name] = handle.read()

    monkeypatch.setattr(login_dialog, "remove_qr_files", keep)
    script.run(["login"])

    code = user_code(emu)
    image = Image.open(io.BytesIO(kept[f"login-qr-{code}.png"]))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [f"https://simkl.com/pin/{code}"]


def test_back_cancels_the_window(fake_kodi):
    window = login_window.LoginWindow.open("Heading", "Open this", "ABCDE", None, "Scan")

    assert window.getProperty("qr") == "" and window.getProperty("qr_caption") == ""  # no image, no caption
    assert not window.cancelled()
    window.onAction(xbmcgui._action(xbmcgui.ACTION_NAV_BACK))
    assert window.cancelled() and fake_kodi.ui.windows == []


def test_without_the_window_the_login_falls_back_to_the_progress_dialog(fake_kodi, emu, monkeypatch):
    monkeypatch.setattr(login_window, "XML", "no-such-window.xml")

    script.run(["login"])

    shown = fake_kodi.ui.calls_of("DialogProgress.create")[0].args["message"]
    assert f"[B]{user_code(emu)}[/B]" in shown
    assert fake_kodi.settings["access_token"] == TOKEN
    assert any("login window unavailable" in line for _, line in fake_kodi.log_lines)
