"""One widget row as the widget file keeps it (plain JSON): what Simkl says of the title, and (added when
the sync resolves it) the Kodi library item it is."""
from typing import Any, Dict, Optional

from ..model import EPISODE, MOVIE
from .art import art, page_url

TVSHOW = "tvshow"


def row(type_: str, item: Any, kind: str, when: Optional[int], season: Optional[int] = None,
        episode: Optional[int] = None) -> Dict[str, Any]:
    """item: a mirror Item. kind: movie, tvshow or episode."""
    data: Dict[str, Any] = {"type": type_, "kind": kind, "simkl": item.simkl, "title": item.title,
                            "year": item.year, "ids": item.ids, "when": when or 0,
                            "link": page_url(type_, item.simkl)}
    shown_art = art(item.shown)
    if shown_art:
        data["art"] = shown_art
    if kind == EPISODE:
        data["season"], data["episode"] = season, episode
    return data


def kind_of(type_: str, item: Any) -> str:
    if type_ == "movies" or (type_ == "anime" and item.anime_type == MOVIE):
        return MOVIE
    return TVSHOW
