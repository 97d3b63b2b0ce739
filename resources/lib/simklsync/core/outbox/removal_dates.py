"""The Simkl watched dates a history removal deletes, read from the add-on's mirror before it is sent: each
removal entry carries them as "restore", a /sync/history add body naming the same items with the watched_at
they had (left out where the mirror does not know it), so what records Simkl sends (a journal) can undo it.

    with_restore(entry, dates) -> the entry with "restore" (unchanged when the mirror knows none of its items)
    MirrorDates(mirror).watched(body) -> per item of the body: its watched epoch on Simkl, 0 (watched, date
                                         unknown) or None (not watched there)
"""
import json
from typing import Any, Dict, List, Optional

from ..model import ANIME, MOVIE, MOVIES, SHOWS, episode_code, normalize_ids
from ..times import epoch_to_iso

IGNORED_IDS = ("slug",)


class MirrorDates:
    """The mirror's items indexed by every id, movies apart from shows (anime sits in both by its type)."""

    def __init__(self, mirror):
        self._movies: Dict[Any, Any] = {}
        self._shows: Dict[Any, Any] = {}
        for type_ in (MOVIES, SHOWS, ANIME):
            for item in mirror.entries(type_):
                index = self._movies if type_ == MOVIES or item.anime_type == MOVIE else self._shows
                for name, value in item.ids.items():
                    if name not in IGNORED_IDS:
                        index.setdefault((name, str(value)), item)

    def watched(self, body: Any) -> List[Optional[int]]:
        """The Simkl watched epoch of each item the history body names, in the order of items(body)."""
        return [self._epoch(media, block, season, number) for media, block, season, number in items(body)]

    def _epoch(self, media, block, season, number):
        index = self._movies if media == MOVIE else self._shows
        item = _find(index, block.get("ids"))
        if item is None:
            return None
        if media == MOVIE:
            if item.episodes:  # an anime movie keeps its watch as its one episode
                return max(item.episodes.values())
            return (item.watched_at or 0) if item.movie_watched else None
        code = episode_code(season, number)
        if block.get("use_tvdb_anime_seasons") and item.tvdb_map:
            code = next((simkl for simkl, tvdb in item.tvdb_map.items() if tvdb == code), code)
        return item.episodes.get(code)


def with_restore(entry: Dict[str, Any], dates: Optional[MirrorDates]) -> Dict[str, Any]:
    """A history removal entry with "restore": the add body that puts back what it removes, as it was."""
    if dates is None or entry.get("kind") != "history" or entry.get("action") != "remove":
        return entry
    epochs = dates.watched(entry.get("body"))
    if not any(epoch is not None for epoch in epochs):
        return entry
    return dict(entry, restore=restore_body(entry["body"], epochs))


def restore_body(body: Dict[str, Any], epochs: List[Optional[int]]) -> Dict[str, Any]:
    """The body's items that were watched on Simkl (an epoch or 0), each with its watched_at when known."""
    movies, shows = [], {}
    for (media, block, season, number), epoch in zip(items(body), epochs):
        if epoch is None:
            continue
        if media == MOVIE:
            movies.append(_dated(dict(block), epoch))
            continue
        key = json.dumps(block, sort_keys=True)
        if key not in shows:
            shows[key] = dict(block, seasons=[])
        rows = _season(shows[key], season)
        rows.append(_dated({"number": number}, epoch))
    restored = {}
    if movies:
        restored["movies"] = movies
    if shows:
        restored["shows"] = list(shows.values())
    return restored


def items(body: Any):
    """(media, block, season, number) of every movie and episode a history body names; block is the movie's
    or the show's item without its seasons."""
    if not isinstance(body, dict):
        return []
    found = []
    for movie in _list(body.get("movies")):
        found.append((MOVIE, _block(movie), None, None))
    for show in _list(body.get("shows")):
        block = _block(show)
        for season in _list(show.get("seasons")):
            for row in _list(season.get("episodes")):
                if isinstance(season.get("number"), int) and isinstance(row.get("number"), int):
                    found.append(("episode", block, season["number"], row["number"]))
    return found


def _find(index, ids):
    for name, value in normalize_ids(ids).items():
        item = index.get((name, str(value)))
        if item is not None:
            return item
    return None


def _block(item):
    return {name: value for name, value in item.items() if name not in ("seasons", "watched_at")}


def _season(show, number):
    for season in show["seasons"]:
        if season["number"] == number:
            return season["episodes"]
    season = {"number": number, "episodes": []}
    show["seasons"].append(season)
    return season["episodes"]


def _dated(row, epoch):
    if epoch:
        row["watched_at"] = epoch_to_iso(epoch)
    return row


def _list(value):
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
