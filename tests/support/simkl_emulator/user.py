"""A test's handle on one user: do things as if on simkl.com, and read the state back."""

from datetime import datetime
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from .account import Account
from .catalog import Title
from .render import RenderParams, render_entry, render_playback
from .timefmt import parse_iso, to_iso

When = Union[datetime, str, None]


class UserHandle:
    def __init__(self, emulator: Any, account: Account) -> None:
        self._emu = emulator
        self.account = account

    @property
    def token(self) -> str:
        return self.account.token

    @property
    def name(self) -> str:
        return self.account.name

    # -- actions -------------------------------------------------------------------------------

    def watch_movie(self, simkl: int, at: When = None) -> bool:
        with self._emu.lock:
            now = self._now()
            return self.account.watch_movie(self._title(simkl), parse_iso(at) or now, now, "site")

    def unwatch_movie(self, simkl: int) -> bool:
        """Unmarking a movie removes it from history and list, as /sync/history/remove does."""
        return self.remove(simkl)

    def watch_episodes(self, show_simkl: int, episodes: Iterable[Tuple[int, int]], at: When = None) -> int:
        with self._emu.lock:
            now = self._now()
            when = parse_iso(at) or now
            watched = {(int(s), int(e)): when for s, e in episodes}
            return self.account.watch_episodes(self._title(show_simkl), watched, now, "site")

    def unwatch_episodes(self, show_simkl: int, episodes: Iterable[Tuple[int, int]]) -> int:
        with self._emu.lock:
            keys = [(int(s), int(e)) for s, e in episodes]
            return self.account.unwatch_episodes(self._title(show_simkl), keys, self._now())

    def set_status(self, simkl: int, status: str, added_at: When = None) -> None:
        with self._emu.lock:
            self.account.set_status(self._title(simkl), status, self._now(), parse_iso(added_at))

    def remove(self, simkl: int) -> bool:
        with self._emu.lock:
            return self.account.remove(self._title(simkl), self._now())

    def rate(self, simkl: int, rating: int) -> None:
        with self._emu.lock:
            self.account.rate(self._title(simkl), rating, self._now())

    def unrate(self, simkl: int) -> bool:
        with self._emu.lock:
            return self.account.unrate(self._title(simkl), self._now())

    def pause(self, simkl: int, progress: float, season: Optional[int] = None,
              episode: Optional[int] = None, at: When = None) -> int:
        """Save a playback session; returns its id."""
        with self._emu.lock:
            title = self._title(simkl)
            key = (int(season or 1), int(episode)) if episode is not None else None
            playback = self.account.save_playback(title, key, progress, self._now())
            playback.paused_at = parse_iso(at) or playback.paused_at
            return playback.id

    def clear_playback(self, playback_id: int) -> bool:
        with self._emu.lock:
            return self.account.delete_playback(playback_id, self._now())

    def change_settings(self, name: Optional[str] = None) -> None:
        with self._emu.lock:
            self.account.change_settings(self._now(), name)

    # -- reads ---------------------------------------------------------------------------------

    def watched_movies(self) -> Dict[int, str]:
        with self._emu.lock:
            return {e.title.simkl: to_iso(e.watched_at) for e in self.account.entries.values()
                    if e.title.kind == "movie" and e.watched_at is not None}

    def watched_episodes(self, show_simkl: int) -> Dict[Tuple[int, int], str]:
        with self._emu.lock:
            entry = self.account.entries.get(int(show_simkl))
            return {k: to_iso(at) for k, at in sorted(entry.episodes.items())} if entry else {}

    def history_events(self) -> List[Dict[str, Any]]:
        """Every watch recorded, in order; source is "site", "api" (POSTs) or "scrobble"."""
        with self._emu.lock:
            return [dict(event) for event in self.account.history]

    def playbacks(self) -> List[Dict[str, Any]]:
        with self._emu.lock:
            return [render_playback(p, self._emu.options.playback_anime_key)
                    for p in self.account.live_playbacks(self._now())]

    def status(self, simkl: int) -> Optional[str]:
        entry = self.account.entries.get(int(simkl))
        return entry.status if entry else None

    def rating(self, simkl: int) -> Optional[int]:
        entry = self.account.entries.get(int(simkl))
        return entry.rating if entry else None

    def entry(self, simkl: int) -> Optional[Dict[str, Any]]:
        """The all-items object of one title (extended=full with watched_at and every episode)."""
        with self._emu.lock:
            entry = self.account.entries.get(int(simkl))
            return render_entry(entry, RenderParams("full_anime_seasons", True, True)) if entry else None

    def activities(self) -> Dict[str, Any]:
        with self._emu.lock:
            return self.account.activities.render()

    def _title(self, simkl: int) -> Title:
        title = self._emu.catalog.get(simkl)
        if title is None:
            raise KeyError(f"simkl id {simkl!r} is not in the emulator catalog")
        return title

    def _now(self) -> datetime:
        return self._emu.clock.now()
