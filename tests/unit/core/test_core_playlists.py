"""The smart playlists of the Simkl list tags (core/playlists.py): file names and the .xsp Kodi reads."""
import xml.etree.ElementTree as ElementTree

from simklsync.core import playlists
from simklsync.core.list_tags import LISTS

TAGS = {"plantowatch": "Simkl: Plan to watch", "watching": "Simkl: Watching", "hold": "Simkl: On hold",
        "dropped": "Simkl: Dropped", "completed": "Simkl: Completed"}


def name_of(status, media):
    return f"{TAGS[status]} ({media})"


def test_each_enabled_list_gets_a_movies_and_a_tvshows_playlist():
    built = playlists.build(["plantowatch", "completed"], TAGS, name_of)

    assert [p.filename for p in built] == [
        "Simkl - Plan to watch (movies).xsp", "Simkl - Plan to watch (tvshows).xsp",
        "Simkl - Completed (movies).xsp", "Simkl - Completed (tvshows).xsp"]


def test_the_playlist_is_one_tag_rule_on_one_media_type():
    built = playlists.build(["plantowatch"], TAGS, name_of)
    root = ElementTree.fromstring(built[1].content.encode("utf-8"))

    assert built[1].content.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n')
    assert root.tag == "smartplaylist" and root.get("type") == "tvshows"
    assert root.findtext("name") == "Simkl: Plan to watch (tvshows)"
    assert root.findtext("match") == "all"
    rules = root.findall("rule")
    assert [(r.get("field"), r.get("operator"), r.findtext("value")) for r in rules] == [
        ("tag", "is", "Simkl: Plan to watch")]
    assert root.find("order").get("direction") == "ascending"


def test_names_with_xml_characters_are_escaped():
    tags = dict(TAGS, plantowatch='Simkl: <"A & B">')
    content = playlists.build(["plantowatch"], tags, lambda status, media: tags[status])[0].content

    root = ElementTree.fromstring(content.encode("utf-8"))
    assert root.find("rule").findtext("value") == 'Simkl: <"A & B">'
    assert root.findtext("name") == 'Simkl: <"A & B">'


def test_the_file_names_do_not_follow_the_language_and_cover_every_list():
    german = {status: "Simkl: " + status.upper() for status in LISTS}
    built = playlists.build(LISTS, german, lambda status, media: german[status])

    assert [p.filename for p in built] == playlists.all_filenames()
    assert len(set(playlists.all_filenames())) == 10
    assert all(name.startswith(playlists.FILE_PREFIX) and name.endswith(".xsp") for name in playlists.all_filenames())
    assert "PLANTOWATCH" not in built[0].filename


def test_building_twice_gives_the_same_bytes():
    assert playlists.build(LISTS, TAGS, name_of) == playlists.build(LISTS, TAGS, name_of)
