"""Library entries and playback sessions: the records one account holds."""

from datetime import datetime
from typing import Any, Dict, Optional, Tuple

from .catalog import Catalog, EpisodeKey, Title
from .timefmt import parse_iso, to_iso

MOVIE_STATUSES = ("plantowatch", "completed", "dropped")
SHOW_STATUSES = ("plantowatch", "watching", "completed", "hold", "dropped")
PlaybackKey = Tuple[int, int, int]


class Entry:
    """One title in a user's library (list status, watches, rating, last change time)."""

    def __init__(self, title: Title, status: str, added_at: datetime) -> None:
        self.title = title
        self.status = status
        self.added_at = added_at
        self.changed_at = added_at
        self.rating: Optional[int] = None
        self.rated_at: Optional[datetime] = None
        self.watched_at: Optional[datetime] = None  # movies
        self.episodes: Dict[EpisodeKey, datetime] = {}

    @property
    def last_watched_at(self) -> Optional[datetime]:
        if self.title.kind == "movie":
            return self.watched_at
        return max(self.episodes.values()) if self.episodes else None

    def to_dict(self) -> Dict[str, Any]:
        return {"simkl": self.title.simkl, "status": self.status, "added_at": to_iso(self.added_at),
                "changed_at": to_iso(self.changed_at), "rating": self.rating,
                "rated_at": to_iso(self.rated_at), "watched_at": to_iso(self.watched_at),
                "episodes": [[s, e, to_iso(at)] for (s, e), at in sorted(self.episodes.items())]}

    @classmethod
    def from_dict(cls, data: Dict[str, Any], catalog: Catalog) -> "Entry":
        title = catalog.get(data["simkl"])
        if title is None:
            raise ValueError("entry for a title missing from the catalog: {!r}".format(data["simkl"]))
        entry = cls(title, data["status"], parse_iso(data["added_at"]))
        entry.changed_at = parse_iso(data.get("changed_at")) or entry.added_at
        entry.rating = data.get("rating")
        entry.rated_at = parse_iso(data.get("rated_at"))
        entry.watched_at = parse_iso(data.get("watched_at"))
        entry.episodes = {(int(s), int(e)): parse_iso(at) for s, e, at in data.get("episodes") or []}
        return entry


class Playback:
    """A saved pause point (one per movie or episode)."""

    def __init__(self, playback_id: int, title: Title, key: Optional[EpisodeKey], progress: float,
                 paused_at: datetime) -> None:
        self.id = playback_id
        self.title = title
        self.key = key
        self.progress = progress
        self.paused_at = paused_at

    @property
    def item_key(self) -> PlaybackKey:
        return item_key(self.title, self.key)

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "simkl": self.title.simkl, "key": list(self.key) if self.key else None,
                "progress": self.progress, "paused_at": to_iso(self.paused_at)}

    @classmethod
    def from_dict(cls, data: Dict[str, Any], catalog: Catalog) -> "Playback":
        key = tuple(data["key"]) if data.get("key") else None
        return cls(data["id"], catalog.get(data["simkl"]), key, data["progress"],
                   parse_iso(data["paused_at"]))


def item_key(title: Title, key: Optional[EpisodeKey]) -> PlaybackKey:
    season, episode = key if key else (0, 0)
    return (title.simkl, season, episode)


def normalise_progress(value: Any) -> Any:
    """75.00 reads back as 75; otherwise at most two decimals."""
    rounded = round(float(value), 2)
    return int(rounded) if rounded == int(rounded) else rounded
