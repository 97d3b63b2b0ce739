"""Ids another add-on hands over for the video it is about to play, through Home window properties. Pure:
parsing and validating the property text, and telling a value that belongs to this playback from one left
over from an earlier one.

Two properties are read, ours first (it can say more):
- `script.simkl.ids`: ours, for add-on authors (README). A JSON object: the ids (`simkl`, `imdb`, `tmdb`,
  `tvdb`, `mal`, `anidb`, `anilist`, `kitsu`; for an episode the show's), optional `type` ("movie" or
  "episode"), `season`, `episode`, `title`, `year`, and `path` (the URL it is for). The service clears
  it when a playback starts: it belongs to that one playback.
- `script.trakt.ids`: the de-facto standard streaming add-ons already set (`tmdb`, `imdb`, `tvdb`,
  `trakt`, `slug`…; for an episode the show's). Never cleared by us: script.trakt reads it about a second
  after the start, in its own interpreter. `trakt` and `slug` are Trakt's own and mean nothing to Simkl.
"""
import json
from collections import namedtuple
from typing import Dict, Optional, Tuple

from ..model import simkl_ids

SIMKL_PROPERTY = "script.simkl.ids"
TRAKT_PROPERTY = "script.trakt.ids"
PROPERTIES = (SIMKL_PROPERTY, TRAKT_PROPERTY)
MAX_CHARS = 8192  # a handful of ids is a few hundred characters; anything huge is not meant for us
ID_NAMES = ("simkl", "imdb", "tmdb", "tvdb", "mal", "anidb", "anilist", "kitsu")
MOVIE, EPISODE = "movie", "episode"

# source: the property name; ids: Simkl ids (the show's for an episode); media: "movie" | "episode" | "";
# paths: the URLs the value says it is for (empty: any).
HandedIds = namedtuple("HandedIds", "source ids media season episode title year paths")

# What the player says about the playing item: its tag's media type, season and episode (None: unknown),
# and the paths it plays under (the file Kodi plays and the item's own path, e.g. the plugin:// URL).
PlayingTag = namedtuple("PlayingTag", "media season episode paths")


def parse(source: str, text) -> Tuple[Optional[HandedIds], Optional[str]]:
    """(HandedIds, None), or (None, why the text is no use)."""
    if not isinstance(text, str) or not text.strip():
        return None, "empty"
    if len(text) > MAX_CHARS:
        return None, "too long"
    try:
        data = json.loads(text)
    except ValueError:
        return None, "not JSON"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    raw = data.get("ids") if isinstance(data.get("ids"), dict) else data
    ids = simkl_ids({name: raw[name] for name in ID_NAMES if _scalar(raw.get(name))})
    if not ids:
        return None, "no id Simkl knows"
    media = data.get("type") if data.get("type") in (MOVIE, EPISODE) else ""
    if media == MOVIE:
        season = episode = None
    else:
        season, episode = _count(data.get("season"), 0), _count(data.get("episode"), 1)
    title = data.get("title").strip() if isinstance(data.get("title"), str) else ""
    year = _count(data.get("year"), 1) or 0
    paths = tuple(p for p in (data.get("path"), data.get("file")) if isinstance(p, str) and p)
    return HandedIds(source, ids, media, season, episode, title, year, paths), None


def identify(handed: HandedIds, tag: PlayingTag) -> Tuple[Optional[HandedIds], Optional[str]]:
    """The handed ids completed from the playing item's tag: what is playing is a movie or an episode (with
    its numbers); or (None, why not) when the value says it is for another path or the media is unclear."""
    if handed.paths and not set(handed.paths) & set(p for p in tag.paths if p):
        return None, "set for another path"
    season = handed.season if handed.season is not None else tag.season
    episode = handed.episode if handed.episode is not None else tag.episode
    media = handed.media or _media_from_tag(tag.media, season, episode)
    if media is None:
        return None, f"a {tag.media or 'video'}, not a movie or an episode"
    if media == MOVIE:
        season = episode = None
    return handed._replace(media=media, season=season, episode=episode), None


def _media_from_tag(tag_media, season, episode):
    if tag_media == EPISODE or (tag_media in ("", "video", "tvshow") and season is not None
                                and episode is not None):
        return EPISODE
    if tag_media in (MOVIE, "", "video"):
        return MOVIE
    return None


class Handover:
    """Remembers what each property held when earlier playbacks started: a value still there unchanged at
    the next start was left behind by an add-on that did not clear it (a trailer or a file played after a
    plugin's movie must not be scrobbled as that movie), so it is stale. Values present when the service
    starts are stale too: they were set for a playback before it. An add-on that plays the same item twice
    without clearing the property in between gets the second playback unscrobbled, the safe side."""

    def __init__(self, present: Optional[Dict[str, str]] = None):
        self._seen: Dict[str, str] = {}
        if present:
            self.seen(present)

    def seen(self, values: Dict[str, str]) -> None:
        for name in PROPERTIES:
            self._seen[name] = values.get(name) or ""

    def take(self, values: Dict[str, str], tag: PlayingTag) -> Tuple[Optional[HandedIds], Dict[str, str]]:
        """At a playback start: the fresh value that identifies it, and why each other one was not used
        (property → reason). Every value present is remembered as seen, used or not."""
        fresh = {name: values.get(name) or "" for name in PROPERTIES}
        stale = {name for name, text in fresh.items() if text and text == self._seen.get(name)}
        self.seen(fresh)
        rejected = {}
        for name in PROPERTIES:
            if not fresh[name]:
                continue
            if name in stale:
                rejected[name] = "left over from an earlier playback"
                continue
            handed, why = parse(name, fresh[name])
            if handed is not None:
                handed, why = identify(handed, tag)
            if handed is not None:
                return handed, rejected
            rejected[name] = why
        return None, rejected


def _scalar(value) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def _count(value, minimum) -> Optional[int]:
    """A season/episode/year number: an int or a digit string at least `minimum`; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value >= minimum else None
