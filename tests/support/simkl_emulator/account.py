"""One Simkl user's state and every change to it, each bumping activities like the API does."""

import itertools
from datetime import datetime, timedelta
from typing import Any, Dict, Iterable, List, Optional

from .activities import Activities
from .catalog import EpisodeKey, Title
from .library import MOVIE_STATUSES, SHOW_STATUSES, Entry, Playback, PlaybackKey, item_key
from .timefmt import to_iso

_playback_ids = itertools.count(10_000_000_001)
RETENTION_DAYS = {"free": 7, "pro": 30, "vip": 90}


def next_playback_id() -> int:
    return next(_playback_ids)


class Account:
    def __init__(self, token: str, name: str, account_type: str, user_id: int, joined_at: datetime,
                 removal_bumps_rated_at: str = "if_rated") -> None:
        self.token = token
        self.name = name
        self.account_type = account_type
        self.user_id = user_id
        self.joined_at = joined_at
        self.revoked = False
        self.removal_bumps_rated_at = removal_bumps_rated_at
        self.activities = Activities()
        self.entries: Dict[int, Entry] = {}
        self.playbacks: Dict[PlaybackKey, Playback] = {}
        self.history: List[Dict[str, Any]] = []
        self.scrobbled_at: Dict[PlaybackKey, datetime] = {}
        self.last_scrobble_at: Optional[datetime] = None

    # -- list status ---------------------------------------------------------------------------

    def set_status(self, title: Title, status: str, now: datetime,
                   added_at: Optional[datetime] = None) -> Entry:
        allowed = MOVIE_STATUSES if title.kind == "movie" else SHOW_STATUSES
        if status not in allowed:
            raise ValueError(f"status {status!r} not allowed for a {title.kind}")
        entry = self.entries.get(title.simkl)
        if entry is None:
            entry = self.entries[title.simkl] = Entry(title, status, added_at or now)
            entry.changed_at = now
            self.activities.bump(title.kind, status, now)
            return entry
        if entry.status != status:
            self._move(entry, status, now)
        return entry

    def _move(self, entry: Entry, status: str, now: datetime) -> None:
        self.activities.bump(entry.title.kind, entry.status, now)
        entry.status = status
        entry.changed_at = now
        self.activities.bump(entry.title.kind, status, now)

    def remove(self, title: Title, now: datetime) -> bool:
        entry = self.entries.pop(title.simkl, None)
        if entry is None:
            return False
        self.activities.bump(title.kind, "removed_from_list", now)
        if entry.rating is not None or self.removal_bumps_rated_at == "always":
            self.activities.bump(title.kind, "rated_at", now)
        return True

    # -- watches -------------------------------------------------------------------------------

    def watch_movie(self, title: Title, at: datetime, now: datetime, source: str) -> bool:
        """Mark a movie watched; False (and nothing recorded) when it already was."""
        entry = self.entries.get(title.simkl)
        if entry is not None and entry.watched_at is not None:
            return False
        entry = self.set_status(title, "completed", now)
        entry.watched_at = at
        self._touch(entry, now)
        self._record(title, None, at, source)
        return True

    def watch_episodes(self, title: Title, watched: Dict[EpisodeKey, datetime], now: datetime,
                       source: str) -> int:
        """Mark episodes (Simkl numbering) watched; returns how many were new."""
        entry = self.entries.get(title.simkl)
        fresh = {k: at for k, at in watched.items() if title.has_episode(k)
                 and (entry is None or k not in entry.episodes)}
        if not fresh:
            return 0
        entry = entry or self.set_status(title, "watching", now)
        entry.episodes.update(fresh)
        for key in sorted(fresh):
            self._record(title, key, fresh[key], source)
        self._after_episode_change(entry, now)
        return len(fresh)

    def unwatch_episodes(self, title: Title, keys: Iterable[EpisodeKey], now: datetime) -> int:
        entry = self.entries.get(title.simkl)
        if entry is None:
            return 0
        gone = [k for k in set(keys) if entry.episodes.pop(k, None) is not None]
        if gone:
            self._after_episode_change(entry, now)
        return len(gone)

    def rewatch(self, title: Title, key: Optional[EpisodeKey], now: datetime, source: str) -> None:
        """A further completed view of something already watched (scrobbles record these)."""
        entry = self.entries[title.simkl]
        if key is None:
            entry.watched_at = now
        else:
            entry.episodes[key] = now
        self._touch(entry, now)
        self._record(title, key, now, source)

    def is_watched(self, title: Title, key: Optional[EpisodeKey]) -> bool:
        return self.watched_at(title, key) is not None

    def watched_at(self, title: Title, key: Optional[EpisodeKey]) -> Optional[datetime]:
        entry = self.entries.get(title.simkl)
        if entry is None:
            return None
        return entry.watched_at if key is None else entry.episodes.get(key)

    def _after_episode_change(self, entry: Entry, now: datetime) -> None:
        status = _status_after_episodes(entry)
        if status != entry.status:
            self._move(entry, status, now)
        else:
            self._touch(entry, now)

    def _touch(self, entry: Entry, now: datetime) -> None:
        entry.changed_at = now
        self.activities.bump(entry.title.kind, entry.status, now)

    def _record(self, title: Title, key: Optional[EpisodeKey], at: datetime, source: str) -> None:
        event = {"type": "movie" if key is None else "episode", "simkl": title.simkl,
                 "watched_at": to_iso(at), "source": source}
        if key is not None:
            event["season"], event["episode"] = key
        self.history.append(event)

    # -- ratings -------------------------------------------------------------------------------

    def rate(self, title: Title, rating: int, now: datetime, rated_at: Optional[datetime] = None) -> Entry:
        entry = self.entries.get(title.simkl)
        if entry is None:
            entry = self.set_status(title, _auto_file_status(title), now)
        entry.rating = int(rating)
        entry.rated_at = rated_at or now
        self.activities.bump(title.kind, "rated_at", now)
        return entry

    def unrate(self, title: Title, now: datetime) -> bool:
        entry = self.entries.get(title.simkl)
        if entry is None or entry.rating is None:
            return False
        entry.rating = entry.rated_at = None
        self.activities.bump(title.kind, "rated_at", now)
        return True

    # -- playback ------------------------------------------------------------------------------

    def save_playback(self, title: Title, key: Optional[EpisodeKey], progress: float,
                      now: datetime) -> Playback:
        existing = self.playbacks.get(item_key(title, key))
        playback_id = existing.id if existing else next_playback_id()
        playback = Playback(playback_id, title, key, progress, now)
        self.playbacks[playback.item_key] = playback
        self.activities.bump(title.kind, "playback", now)
        return playback

    def clear_playback(self, title: Title, key: Optional[EpisodeKey], now: datetime) -> bool:
        if self.playbacks.pop(item_key(title, key), None) is None:
            return False
        self.activities.bump(title.kind, "playback", now)
        return True

    def delete_playback(self, playback_id: int, now: datetime) -> bool:
        for key, playback in list(self.playbacks.items()):
            if playback.id == playback_id:
                del self.playbacks[key]
                self.activities.bump(playback.title.kind, "playback", now)
                return True
        return False

    def live_playbacks(self, now: datetime) -> List[Playback]:
        """Sessions inside the plan's retention window, newest pause first."""
        oldest = now - timedelta(days=RETENTION_DAYS.get(self.account_type, 7))
        kept = [p for p in self.playbacks.values() if p.paused_at >= oldest]
        return sorted(kept, key=lambda p: (p.paused_at, p.id), reverse=True)

    # -- settings ------------------------------------------------------------------------------

    def change_settings(self, now: datetime, name: Optional[str] = None) -> None:
        if name is not None:
            self.name = name
        self.activities.bump_settings(now)


def _status_after_episodes(entry: Entry) -> str:
    if entry.status in ("hold", "dropped"):
        return entry.status
    title = entry.title
    all_seen = title.episode_count > 0 and len(entry.episodes) >= title.episode_count
    if all_seen and title.status == "ended":
        return "completed"
    if entry.episodes or entry.status == "completed":
        return "watching"
    return entry.status


def _auto_file_status(title: Title) -> str:
    if title.kind == "movie":
        return "plantowatch" if title.status == "upcoming" else "completed"
    return "completed" if title.episode_count == 1 else "watching"
