"""Continue watching: the paused sessions of /sync/playback (any device), newest first, with their position."""
from typing import Any, Dict, List

from ..model import ANIME, EPISODE, MOVIE, MOVIES, SHOWS
from .entry import row


class _Titled:
    """A session's title block standing in for a mirror Item (the title may have left the lists)."""

    def __init__(self, session: Dict[str, Any]):
        self.simkl = session.get("simkl")
        self.ids = session.get("ids") or {}
        self.title = session.get("title") or ""
        self.year = session.get("year")
        self.shown: Dict[str, Any] = {}
        self.episodes: Dict[int, int] = {}
        self.tvdb_map: Dict[int, int] = {}


def continue_watching(mirror: Any) -> List[Dict[str, Any]]:
    rows = []
    for session in sorted(mirror.playback, key=lambda s: -(s.get("paused_at") or 0)):
        if session.get("simkl") is None:
            continue
        movie = session.get("kind") == MOVIE
        type_ = MOVIES if movie else (ANIME if session.get("anime") else SHOWS)
        item = mirror.get(type_, session["simkl"]) or _Titled(session)
        if movie:
            data = row(type_, item, MOVIE, session.get("paused_at"))
        elif session.get("episode") is None:
            continue
        else:
            data = row(type_, item, EPISODE, session.get("paused_at"), session.get("season") or 1,
                       session["episode"])
        data["progress"] = session.get("progress")
        rows.append(data)
    return rows
