"""The widget screenshots' offline art: the poster the add-on names for a title is served at the address Kodi
opens after the path substitution, and the calendar entries are ones the add-on's New episodes keeps."""
import time
import urllib.request

from PIL import Image

from resources.lib.simklsync.core.widgets.art import poster_url
from resources.lib.simklsync.core.widgets.new_episodes import DAY, compact
from tests.support.simkl_emulator import SimklEmulator, demo
from tests.support.simkl_emulator.demo import seed_demo
from tools.demo import widget_art


def test_the_addons_poster_url_after_the_substitution_is_a_served_poster(tmp_path):
    title = widget_art.NOT_IN_LIBRARY[0]
    url = poster_url(widget_art.poster_path(title["simkl"]))
    assert url.startswith(widget_art.IMAGES)
    with widget_art.poster_server() as base:
        with urllib.request.urlopen(base + url[len(widget_art.IMAGES):], timeout=10) as answer:
            (tmp_path / "poster.jpg").write_bytes(answer.read())
    assert Image.open(tmp_path / "poster.jpg").size == widget_art.POSTER_SIZE


def test_the_substitution_goes_inside_kodis_advanced_settings(tmp_path):
    (tmp_path / "advancedsettings.xml").write_text("<advancedsettings version=\"1.0\">\n</advancedsettings>\n")
    widget_art.substitute_images(tmp_path, "http://127.0.0.1:8080/")
    text = (tmp_path / "advancedsettings.xml").read_text()
    assert ("<pathsubstitution><substitute><from>https://simkl.in/</from><to>http://127.0.0.1:8080/</to>"
            "</substitute></pathsubstitution>\n</advancedsettings>") in text


def test_the_seeded_calendar_and_plan_to_watch_are_what_the_widgets_list():
    emu = SimklEmulator()
    token = seed_demo(emu)
    widget_art.seed(emu, token)
    entries = compact(emu.calendars["tv"])
    now = time.time()
    assert [entry[:3] for entry in entries] == [[demo.SHOW_STRANGER_THINGS, 5, 1], [demo.SHOW_STRANGER_THINGS, 5, 2]]
    assert all(abs(entry[3] - now) < 7 * DAY for entry in entries)
    planned = {simkl for simkl, entry in emu.accounts.by_token[token].entries.items() if entry.status == "plantowatch"}
    assert {title["simkl"] for title in widget_art.NOT_IN_LIBRARY} <= planned
