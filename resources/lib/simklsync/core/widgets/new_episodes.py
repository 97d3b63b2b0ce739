"""New episodes: the episodes of the shows and anime in Watching that aired in the last days or air in the next
days, newest first, from Simkl's public calendar files (https://data.simkl.in/calendar/{tv,anime}.json).

A calendar file is a list of entries {title, poster, date, ids{simkl_id}, episode{season, episode}}; anything
else in it (null, {}, a cut-off list, an entry without an id or a date) is skipped, never an error. compact()
keeps what the widget needs of a file, which is what the device caches between fetches."""
from typing import Any, Dict, List, Optional

from ..model import ANIME, EPISODE, SHOWS, as_number
from ..times import to_epoch
from .art import poster_url
from .entry import row
from .up_next import WATCHING

DAY = 86400
DAYS_BACK = 7
DAYS_AHEAD = 7
CALENDAR_FILES = {SHOWS: "tv", ANIME: "anime"}


def compact(answer: Any) -> List[List[Any]]:
    """The entries of one calendar file as [simkl id, season, episode, air time (epoch), poster path]."""
    if not isinstance(answer, list):
        return []
    entries = []
    for entry in answer:
        parsed = _entry(entry)
        if parsed is not None:
            entries.append(parsed)
    return entries


def _entry(entry: Any) -> Optional[List[Any]]:
    if not isinstance(entry, dict):
        return None
    ids, episode = entry.get("ids"), entry.get("episode")
    simkl = as_number(ids.get("simkl_id") if isinstance(ids, dict) else entry.get("simkl_id"))  # ints, or digits
    aired = to_epoch(entry.get("date"))
    if not simkl or aired is None or not isinstance(episode, dict):
        return None
    season, number = as_number(episode.get("season")), as_number(episode.get("episode"))
    if number is None:
        return None
    poster = entry.get("poster") if isinstance(entry.get("poster"), str) else None
    return [simkl, 1 if season is None else season, number, aired, poster]


def new_episodes(mirror: Any, calendars: Dict[str, Any], now: int, days_back: int = DAYS_BACK,
                 days_ahead: int = DAYS_AHEAD) -> List[Dict[str, Any]]:
    """calendars: {"shows": compact entries, "anime": ...}. Rows of the Watching titles' episodes airing
    between now - days_back and now + days_ahead, the latest air date first."""
    start, end = now - days_back * DAY, now + days_ahead * DAY
    rows, seen = [], set()
    for type_ in (SHOWS, ANIME):
        entries = calendars.get(type_)
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, list) or len(entry) < 5:
                continue
            simkl, season, number, aired, poster = entry[:5]
            item = mirror.get(type_, simkl) if isinstance(simkl, int) else None
            if item is None or item.status != WATCHING or not isinstance(aired, int) or not start <= aired <= end:
                continue
            if (type_, simkl, season, number) in seen:
                continue
            seen.add((type_, simkl, season, number))
            data = row(type_, item, EPISODE, aired, season, number)
            data["aired"] = aired
            if poster and "art" not in data:
                data["art"] = {"poster": poster_url(poster)}
            rows.append(data)
    rows.sort(key=lambda data: (-data["when"], data["title"].lower(), data["season"], data["episode"]))
    return rows
