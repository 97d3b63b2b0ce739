"""The `playlists` script action in the fake Kodi: smart playlists for the Simkl list tags in the profile."""
import os
import xml.etree.ElementTree as ElementTree

from simklsync.script import actions as script

FOLDER = "special://profile/playlists/video/"


def folder(kodi):
    return kodi.paths.translate(FOLDER)


def listing(kodi):
    path = folder(kodi)
    return sorted(os.listdir(path)) if os.path.isdir(path) else []


def read(kodi, name):
    with open(os.path.join(folder(kodi), name), encoding="utf-8") as handle:
        return handle.read()


def notifications(kodi):
    return [call.args["message"] for call in kodi.ui.calls_of("Dialog.notification")]


def test_the_action_writes_ten_playlists_named_from_strings_po_and_says_so(fake_kodi):
    script.run(["playlists"])

    names = listing(fake_kodi)
    assert len(names) == 10 and "Simkl - Plan to watch (movies).xsp" in names
    root = ElementTree.fromstring(read(fake_kodi, "Simkl - On hold (tvshows).xsp").encode("utf-8"))
    assert root.get("type") == "tvshows"
    assert root.findtext("name") == "Simkl: On hold (TV shows)"
    assert root.find("rule").findtext("value") == "Simkl: On hold"
    assert notifications(fake_kodi) == ["10 smart playlists in Videos → Playlists"]


def test_running_it_again_changes_nothing_and_a_list_switched_off_loses_its_playlists(fake_kodi):
    script.run(["playlists"])
    own = os.path.join(folder(fake_kodi), "My own.xsp")
    with open(own, "w", encoding="utf-8") as handle:
        handle.write("<smartplaylist type=\"movies\"/>")
    stamps = {name: os.stat(os.path.join(folder(fake_kodi), name)).st_mtime_ns for name in listing(fake_kodi)}

    script.run(["playlists"])
    assert {name: os.stat(os.path.join(folder(fake_kodi), name)).st_mtime_ns
            for name in listing(fake_kodi)} == stamps

    fake_kodi.change_setting("list_tag_dropped", False)
    script.run(["playlists"])
    names = listing(fake_kodi)
    assert "Simkl - Dropped (movies).xsp" not in names and "Simkl - Dropped (tvshows).xsp" not in names
    assert "My own.xsp" in names and len(names) == 9


def test_with_every_list_off_it_writes_none_and_says_why(fake_kodi):
    for status in ("plantowatch", "watching", "hold", "dropped", "completed"):
        fake_kodi.change_setting("list_tag_" + status, False)

    script.run(["playlists"])

    assert listing(fake_kodi) == []
    assert notifications(fake_kodi) == ["No Simkl list is kept as a tag: switch one on first"]
