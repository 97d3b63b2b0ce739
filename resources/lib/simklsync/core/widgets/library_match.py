"""Widget rows matched to Kodi's library at sync time: a row in the library carries what Kodi needs to play and
resume it as a library item (dbid, mediatype, file, playcount, resume). Up Next moves past episodes already
watched in Kodi, so a widget shown after a playback stop has moved on before Simkl's answer comes back."""
from typing import Any, Dict, List, Optional

from ..match import KodiIndex
from ..model import EPISODE, MOVIE, episode_code, split_code
from .entry import TVSHOW


def resolve(rows: List[Dict[str, Any]], index: KodiIndex, mirror: Any, advance: bool = False) -> List[Dict[str, Any]]:
    """The rows with `library` set where Kodi has the item; advance (Up Next): a next episode Kodi has as
    watched gives way to Kodi's following unwatched one, and the row goes when Kodi has none."""
    resolved = []
    for data in rows:
        if data["kind"] == MOVIE:
            _movie(data, index)
        elif data["kind"] == TVSHOW:
            _show(data, index)
        elif not _episode(data, index, mirror, advance):
            continue
        resolved.append(data)
    return resolved


def _movie(data: Dict[str, Any], index: KodiIndex) -> None:
    found = index.match_movie(data["ids"], data["title"], data["year"])
    if found:
        movie = index.movies[found.kodi_id]
        data["library"] = _played(movie, found.kodi_id, MOVIE)


def _show(data: Dict[str, Any], index: KodiIndex) -> None:
    found = index.match_show(data["ids"], data["title"], data["year"])
    if found:
        data["library"] = {"dbid": found.kodi_id, "mediatype": TVSHOW,
                           "file": f"videodb://tvshows/titles/{found.kodi_id}/"}


def _episode(data: Dict[str, Any], index: KodiIndex, mirror: Any, advance: bool) -> bool:
    """False when the row is to go (advance only)."""
    show = index.match_show(data["ids"], data["title"], data["year"])
    if not show:
        return True
    item = mirror.get(data["type"], data["simkl"])
    code = kodi_code(item, episode_code(data["season"], data["episode"]))
    episodes = index.show_episodes(show.kodi_id)
    if advance:
        code = _first_unwatched(episodes, index, code)
        if code is None:
            return False
    ids = episodes.get(code)
    if ids:
        episode = index.episodes[ids[0]]
        data["library"] = _played(episode, ids[0], EPISODE)
        data["season"], data["episode"] = split_code(code)
        data["show_title"] = episode.get("showtitle") or data["title"]
    return True


def _first_unwatched(episodes: Dict[int, List[int]], index: KodiIndex, code: int) -> Optional[int]:
    ids = episodes.get(code)
    if not ids or not _watched(index.episodes[ids[0]]):
        return code
    later = sorted(other for other in episodes if other > code and split_code(other)[0] > 0)
    return next((other for other in later if not _watched(index.episodes[episodes[other][0]])), None)


def kodi_code(item: Any, code: int) -> int:
    """An anime's Simkl episode code in Kodi's (TVDB) numbering: Simkl's mapping where it has the episode, else
    counted on from the closest mapped episode before it (the next episode is seldom watched, so seldom mapped)."""
    mapping = getattr(item, "tvdb_map", None)
    if not mapping:
        return code
    if code in mapping:
        return mapping[code]
    season, number = split_code(code)
    before = [known for known in mapping if split_code(known)[0] == season and known < code]
    if not before:
        return code
    closest = max(before)
    mapped_season, mapped_number = split_code(mapping[closest])
    return episode_code(mapped_season, mapped_number + number - split_code(closest)[1])


def _played(kodi_item: Dict[str, Any], kodi_id: int, mediatype: str) -> Dict[str, Any]:
    resume = kodi_item.get("resume") if isinstance(kodi_item.get("resume"), dict) else {}
    return {"dbid": kodi_id, "mediatype": mediatype, "file": kodi_item.get("file") or "",
            "playcount": kodi_item.get("playcount") or 0,
            "resume": {"position": resume.get("position") or 0, "total": resume.get("total") or 0}}


def _watched(kodi_item: Dict[str, Any]) -> bool:
    return bool(kodi_item.get("playcount"))
