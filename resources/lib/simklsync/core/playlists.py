"""Smart playlists (.xsp) for the Simkl list tags, so a skin can show "Simkl: Plan to watch" as a widget.

Kodi's tag rule works for one media type per playlist ("mixed" playlists have no tag field), so each list
gets a movies and a TV shows playlist. File names are fixed English (a language change rewrites the same
files instead of leaving the old ones behind); the <name> Kodi shows and the tag value are localized."""
import xml.etree.ElementTree as ElementTree
from typing import Callable, Dict, Iterable, List, NamedTuple

from .list_tags import LISTS

FILE_PREFIX = "Simkl - "
FILE_TITLES = {"plantowatch": "Plan to watch", "watching": "Watching", "hold": "On hold", "dropped": "Dropped",
               "completed": "Completed"}
MEDIA = ("movies", "tvshows")


class Playlist(NamedTuple):
    filename: str
    content: str


def filename(status: str, media: str) -> str:
    return f"{FILE_PREFIX}{FILE_TITLES[status]} ({media}).xsp"


def all_filenames() -> List[str]:
    """Every file name this add-on may write (what it may remove again)."""
    return [filename(status, media) for status in LISTS for media in MEDIA]


def build(enabled: Iterable[str], tag_names: Dict[str, str], name_of: Callable[[str, str], str]) -> List[Playlist]:
    """One playlist per enabled list and media type. `tag_names`: list → its tag; `name_of(status, media)`:
    the playlist's (localized) name, e.g. "Simkl: Plan to watch (movies)"."""
    wanted = set(enabled)
    return [Playlist(filename(status, media), xsp(media, name_of(status, media), tag_names[status]))
            for status in LISTS if status in wanted for media in MEDIA]


def xsp(media: str, name: str, tag: str) -> str:
    """The smart playlist XML: every `media` item carrying `tag`, sorted by title."""
    root = ElementTree.Element("smartplaylist", type=media)
    ElementTree.SubElement(root, "name").text = name
    ElementTree.SubElement(root, "match").text = "all"
    rule = ElementTree.SubElement(root, "rule", field="tag", operator="is")
    ElementTree.SubElement(rule, "value").text = tag
    ElementTree.SubElement(root, "order", direction="ascending").text = "sorttitle"
    _indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n' + body + "\n"


def _indent(element, level=0):
    """Two-space indentation (ElementTree.indent is Python 3.9+)."""
    children = list(element)
    if not children:
        return
    element.text = "\n" + "  " * (level + 1)
    for child in children:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    children[-1].tail = "\n" + "  " * level
