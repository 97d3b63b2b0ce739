"""JSON shapes of library entries, media blocks and playback sessions."""

from typing import Any, Dict, List, NamedTuple, Optional

from .catalog import EpisodeKey, Title
from .library import Entry, Playback, normalise_progress
from .timefmt import to_iso

EXTENDED_MODES = ("", "full", "full_anime_seasons", "ids_only", "simkl_ids_only")
SEASONLESS_STATUSES = ("completed", "dropped")


class RenderParams(NamedTuple):
    extended: str = ""
    episode_watched_at: bool = False
    include_all_episodes: bool = False


def ids_of(title: Title) -> Dict[str, Any]:
    ids: Dict[str, Any] = {"simkl": title.simkl}
    ids.update(title.ids)
    return ids


def media_block(title: Title, extended: str = "") -> Dict[str, Any]:
    if extended == "simkl_ids_only":
        return {"ids": {"simkl": title.simkl, "slug": title.slug}}
    if extended == "ids_only":
        return {"ids": ids_of(title)}
    return {"title": title.title, "poster": f"{title.simkl % 100:02d}/{title.simkl}",
            "year": title.year, "runtime": title.runtime, "ids": ids_of(title)}


def short_media_block(title: Title) -> Dict[str, Any]:
    return {"title": title.title, "year": title.year, "ids": ids_of(title)}


def media_key(title: Title) -> str:
    return "movie" if title.kind == "movie" else "show"


def render_entry(entry: Entry, params: RenderParams) -> Dict[str, Any]:
    title = entry.title
    if params.extended in ("ids_only", "simkl_ids_only"):
        return {media_key(title): media_block(title, params.extended)}
    body: Dict[str, Any] = {
        "added_to_watchlist_at": to_iso(entry.added_at),
        "last_watched_at": to_iso(entry.last_watched_at),
        "user_rated_at": to_iso(entry.rated_at),
        "user_rating": entry.rating,
        "status": entry.status,
    }
    if title.kind != "movie":
        body.update(_episode_counters(entry))
    if title.kind == "anime":
        body["anime_type"] = title.anime_type
    body[media_key(title)] = media_block(title)
    if title.kind != "movie" and params.extended in ("full", "full_anime_seasons"):
        _add_seasons(body, entry, params)
    return body


def _episode_counters(entry: Entry) -> Dict[str, Any]:
    title = entry.title
    watched = [k for k in title.episode_keys() if k in entry.episodes]
    unwatched = [k for k in title.episode_keys() if k not in entry.episodes]
    return {"last_watched": _code(title, watched[-1]) if watched else None,
            "next_to_watch": _code(title, unwatched[0]) if unwatched else None,
            "watched_episodes_count": len(watched),
            "total_episodes_count": title.episode_count,
            "not_aired_episodes_count": 0}


def _code(title: Title, key: EpisodeKey) -> str:
    if title.kind == "anime":
        return f"E{key[1]}"
    return f"S{key[0]:02d}E{key[1]:02d}"


def _add_seasons(body: Dict[str, Any], entry: Entry, params: RenderParams) -> None:
    if entry.status in SEASONLESS_STATUSES and not params.include_all_episodes:
        return
    anime_tvdb = params.extended == "full_anime_seasons" and entry.title.kind == "anime"
    seasons: Dict[int, List[Dict[str, Any]]] = {}
    for key in sorted(entry.episodes):
        episode: Dict[str, Any] = {"number": key[1]}
        if params.episode_watched_at:
            episode["watched_at"] = to_iso(entry.episodes[key])
        if anime_tvdb and key[1] in entry.title.tvdb_map:
            tvdb_season, tvdb_episode = entry.title.tvdb_map[key[1]]
            episode["tvdb"] = {"season": tvdb_season, "episode": tvdb_episode}
        seasons.setdefault(key[0], []).append(episode)
    if seasons:
        body["seasons"] = [{"number": n, "episodes": eps} for n, eps in sorted(seasons.items())]
    if anime_tvdb and entry.title.tvdb_map:
        body["tvdb_seasons"] = sorted({pair[0] for pair in entry.title.tvdb_map.values()})


def render_playback(playback: Playback, anime_key: str = "show") -> Dict[str, Any]:
    title = playback.title
    body: Dict[str, Any] = {"id": playback.id, "progress": normalise_progress(playback.progress),
                            "paused_at": to_iso(playback.paused_at)}
    if title.kind == "movie":
        body["type"] = "movie"
        body["movie"] = short_media_block(title)
        return body
    body["type"] = "episode"
    body["episode"] = episode_block(title, playback.key, number_key="episode")
    body[anime_key if title.kind == "anime" else "show"] = short_media_block(title)
    return body


def episode_block(title: Title, key: Optional[EpisodeKey], number_key: str = "number") -> Dict[str, Any]:
    season, number = key or (1, 1)
    tvdb_season, tvdb_number = title.tvdb_of((season, number))
    return {"season": season, number_key: number, "title": title.episode_title((season, number)),
            "tvdb_season": tvdb_season, "tvdb_number": tvdb_number}
