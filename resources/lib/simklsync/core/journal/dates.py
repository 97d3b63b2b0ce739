"""A Simkl history removal's body with the dates it removes, from the mirror (the add-on's copy of the Simkl
library), so the journal keeps them and an undo re-adds every view exactly as it was.

with_dates(body, mirror) is the one call for any code that sends a history removal (the outbox sender after
Simkl accepted one; the Kodi-side unmarks): every movie and episode row gets the `watched_at` the mirror holds
for it; a show or season removed whole is spelled out episode by episode. What the mirror does not know (or
knows only as "watched, date unknown") stays without a date."""
import copy
from typing import Any, Dict, Iterable, List, Optional

from ..model import ANIME, MOVIES, SHOWS, episode_code, normalize_ids, split_code
from ..state.mirror import UNKNOWN_DATE, Item, Mirror
from ..times import epoch_to_iso

ID_NAMES = ("simkl", "imdb", "tmdb", "tvdb", "mal", "anidb")


def with_dates(body: Any, mirror: Mirror) -> Any:
    """A copy of a /sync/history(/remove) body, dated from the mirror; the body itself when it is not one."""
    if not isinstance(body, dict):
        return body
    dated = copy.deepcopy(body)
    for movie in _rows(dated.get("movies")):
        item = _find(mirror, (MOVIES, ANIME), movie.get("ids"))
        when = _movie_date(item) if item is not None else None
        if when and not movie.get("watched_at"):
            movie["watched_at"] = when
    for show in _rows(dated.get("shows")):
        item = _find(mirror, (SHOWS, ANIME), show.get("ids"))
        if item is not None:
            _date_show(show, item)
    return dated


def _date_show(show: Dict[str, Any], item: Item) -> None:
    tvdb = bool(show.get("use_tvdb_anime_seasons")) and bool(item.tvdb_map)
    watched = {_kodi_code(code, item, tvdb): when for code, when in item.episodes.items()}
    if not isinstance(show.get("seasons"), list):
        show["seasons"] = _seasons(watched, None)
        return
    for season in _rows(show["seasons"]):
        number = season.get("number")
        if not isinstance(number, int):
            continue
        if not isinstance(season.get("episodes"), list):
            whole = _seasons(watched, number)
            season["episodes"] = whole[0]["episodes"] if whole else []
            continue
        for row in _rows(season["episodes"]):
            when = watched.get(episode_code(number, row["number"])) if isinstance(row.get("number"), int) else None
            if when and when != UNKNOWN_DATE and not row.get("watched_at"):
                row["watched_at"] = epoch_to_iso(when)


def _seasons(watched: Dict[int, int], only: Optional[int]) -> List[Dict[str, Any]]:
    seasons: Dict[int, List[Dict[str, Any]]] = {}
    for code, when in sorted(watched.items()):
        season, number = split_code(code)
        if only is not None and season != only:
            continue
        row: Dict[str, Any] = {"number": number}
        if when and when != UNKNOWN_DATE:
            row["watched_at"] = epoch_to_iso(when)
        seasons.setdefault(season, []).append(row)
    return [{"number": season, "episodes": rows} for season, rows in sorted(seasons.items())]


def _kodi_code(code: int, item: Item, tvdb: bool) -> int:
    """An episode's code in the numbering the body uses (TVDB's for an anime sent with the TVDB flag)."""
    return item.tvdb_map.get(code, code) if tvdb else code


def _movie_date(item: Item) -> Optional[str]:
    when = item.watched_at
    if not when and item.episodes:
        when = max(item.episodes.values())
    return epoch_to_iso(when) if when and when != UNKNOWN_DATE else None


def _find(mirror: Mirror, types: Iterable[str], raw_ids: Any) -> Optional[Item]:
    ids = normalize_ids(raw_ids)
    if not ids:
        return None
    for type_ in types:
        if "simkl" in ids:
            item = mirror.get(type_, ids["simkl"])
            if item is not None:
                return item
    wanted = {(name, ids[name]) for name in ID_NAMES if name in ids and name != "simkl"}
    if not wanted:
        return None
    for type_ in types:
        for item in mirror.entries(type_):
            if any((name, item.ids.get(name)) in wanted for name in ID_NAMES):
                return item
    return None


def _rows(value: Any) -> List[Dict[str, Any]]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []
