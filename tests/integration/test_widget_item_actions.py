"""A widget title not in the Kodi library, its dialog in the fake Kodi against the emulator: Remove from list
goes through the outbox to Simkl once and the widget drops the title after Simkl took it; the Simkl page shows
a QR code of the title's address."""
import io
import os
import threading

import fakekodi
import pytest
import xbmcgui
from PIL import Image
from simklsync.kodi.gui import login_window, page_window
from simklsync.plugin import routes
from test_widgets_plugin import HANDLE, RELOAD, listing
from test_widgets_service import ELSEWHERE, MOVIE_ELSEWHERE, reload_value, running, widget_lists  # noqa: F401

from tests.support.kodi_rig import wait_until

SELECT_REMOVE, SELECT_PAGE = 2, 3  # Add to Plan to watch, Mark watched on Simkl, Remove from list, On Simkl


def _synced(running):  # noqa: F811
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    running.emu.clear_requests()


def _open_elsewhere(*answers):
    url = next(url for url, item, _ in listing("?list=movies.plantowatch" + RELOAD)["items"]
               if item.getLabel() == ELSEWHERE["title"])
    fakekodi.KODI.ui.answers.extend(answers)
    routes.run(["plugin://script.simkl.sync/", str(HANDLE), url.split("/", 3)[3]])


def _removals(running):  # noqa: F811
    return [r for r in running.emu.requests if r.method == "POST" and r.path.startswith("/sync/history/remove")]


def _planned(running):  # noqa: F811
    return [row["simkl"] for row in widget_lists(running)["movies.plantowatch"]]


def test_remove_from_list_reaches_simkl_once_and_the_widget_drops_the_title(running):  # noqa: F811
    _synced(running)
    assert MOVIE_ELSEWHERE in _planned(running)
    before = reload_value()
    running.emu.clock.advance(60)
    _open_elsewhere(SELECT_REMOVE, True)
    assert wait_until(lambda: MOVIE_ELSEWHERE not in _planned(running))  # after Simkl took it, a sync read it
    assert running.settled()
    [removal] = _removals(running)
    assert [movie["ids"]["simkl"] for movie in removal.body["movies"]] == [MOVIE_ELSEWHERE]
    assert "seasons" not in removal.body["movies"][0]  # the whole title: off the lists
    assert running.emu.user(running.token).status(MOVIE_ELSEWHERE) is None
    assert reload_value() != before
    said = [call.args["message"] for call in fakekodi.KODI.ui.calls_of("Dialog.notification")]
    assert any("Elsewhere (2021): removed from your Simkl lists" in message for message in said)


def test_remove_from_list_declined_sends_nothing(running):  # noqa: F811
    _synced(running)
    _open_elsewhere(SELECT_REMOVE, False)
    assert running.settled()
    question = fakekodi.KODI.ui.calls_of("Dialog.yesno")[-1].args["message"]
    assert "watch history" in question
    assert _removals(running) == []
    assert running.emu.user(running.token).status(MOVIE_ELSEWHERE) == "plantowatch"


def test_the_simkl_page_shows_a_qr_code_of_the_titles_address_and_removes_it_after(running):  # noqa: F811
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (requirements-dev.txt) decodes the QR code")
    _synced(running)
    opened = threading.Thread(target=_open_elsewhere, args=(SELECT_PAGE,))
    opened.start()
    assert wait_until(lambda: fakekodi.KODI.ui.windows)
    [window] = fakekodi.KODI.ui.windows
    address = f"https://simkl.com/movies/{MOVIE_ELSEWHERE}"
    assert address in window.getProperty("instructions")
    assert window.getProperty("qr_caption") == "Scan this code with your phone to open it on Simkl"
    path = window.getProperty("qr")
    assert os.path.basename(path).startswith(page_window.QR_PREFIX)
    with open(path, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [address]
    window.onAction(xbmcgui._action(xbmcgui.ACTION_NAV_BACK))
    opened.join(5)
    assert not opened.is_alive()
    assert not os.path.exists(path) and fakekodi.KODI.ui.windows == []
    assert running.settled() and running.emu.requests == []  # a page asks Simkl nothing


def test_without_the_window_the_page_shows_the_address_in_a_dialog(running, monkeypatch):  # noqa: F811
    _synced(running)
    monkeypatch.setattr(login_window, "XML", "no-such-window.xml")
    _open_elsewhere(SELECT_PAGE)
    shown = fakekodi.KODI.ui.calls_of("Dialog.ok")[-1].args["message"]
    assert shown == f"https://simkl.com/movies/{MOVIE_ELSEWHERE}"
