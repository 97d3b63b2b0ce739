"""Turning a request item ({ids, title, year, ...}) into a catalog title and episode keys."""

from datetime import datetime
from typing import Any, Dict, Optional

from .catalog import Catalog, EpisodeKey, Title
from .timefmt import parse_iso


def resolve_item(catalog: Catalog, item: Any, kind_hint: str) -> Optional[Title]:
    """Ids first, then title + year, then title alone."""
    if not isinstance(item, dict):
        return None
    ids = item.get("ids") if isinstance(item.get("ids"), dict) else {}
    flat = {key: item[key] for key in ("simkl", "imdb", "tmdb", "tvdb", "mal", "anidb") if key in item}
    title = catalog.resolve(dict(flat, **ids), kind_hint) if (ids or flat) else None
    return title or catalog.find_by_title(item.get("title"), item.get("year"), kind_hint)


def when(item: Any, fallback: datetime) -> datetime:
    raw = item.get("watched_at") if isinstance(item, dict) else None
    return parse_iso(raw) or fallback


def to_simkl_numbering(title: Title, key: EpisodeKey, tvdb_numbering: bool) -> Optional[EpisodeKey]:
    """Anime sent with TVDB numbering maps back to Simkl's (season 1, episode N)."""
    if title.kind != "anime":
        return key if title.has_episode(key) else None
    if not tvdb_numbering and title.has_episode(key):
        return key
    return title.from_tvdb(key)


def episode_times(title: Title, item: Dict[str, Any], now: datetime) -> Dict[EpisodeKey, datetime]:
    """The episodes a history item names (seasons[], seasons[].episodes[], episodes[] = season 1)."""
    tvdb_numbering = bool(item.get("use_tvdb_anime_seasons"))
    item_time = when(item, now)
    picked: Dict[EpisodeKey, datetime] = {}
    seasons = list(item.get("seasons") or [])
    if item.get("episodes"):
        seasons.append({"number": 1, "episodes": item["episodes"]})
    for season in seasons:
        if not isinstance(season, dict):
            continue
        number = _int(season.get("number"))
        season_time = when(season, item_time)
        if "episodes" not in season:
            for key in _season_keys(title, number, tvdb_numbering):
                picked[key] = season_time
            continue
        for episode in season.get("episodes") or []:
            key = to_simkl_numbering(title, (number, _int(_number_of(episode))), tvdb_numbering)
            if key is not None:
                picked[key] = when(episode, season_time)
    return picked


def _season_keys(title: Title, number: int, tvdb_numbering: bool) -> list:
    if title.kind == "anime" and (tvdb_numbering or number != 1):
        return [(1, ep) for ep, pair in sorted(title.tvdb_map.items()) if pair[0] == number]
    return [k for k in title.episode_keys() if k[0] == number]


def _number_of(episode: Any) -> Any:
    if isinstance(episode, dict):
        return episode.get("number", episode.get("episode"))
    return episode


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
