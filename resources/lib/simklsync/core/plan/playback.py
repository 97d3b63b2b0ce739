"""Which Kodi item each Simkl playback session (a paused movie or episode) stands for: it offers its resume
point to that item's target. Sessions older than the account's retention, or of a media the settings
leave out, are skipped; an episode must be exactly one Kodi episode."""
from typing import Any, Dict, Optional, Tuple

from ..match import KodiIndex
from ..model import ANIME, EPISODE, MOVIE, episode_code, episode_key, movie_key, split_code
from ..state.mirror import Mirror
from .claims import kodi_code_of
from .scope import Scope
from .targets import Targets

Ref = Tuple[str, int]


class PlaybackClaims:
    def __init__(self, mirror: Mirror, index: KodiIndex, settings, targets: Targets, plan, scope: Scope):
        self.mirror = mirror
        self.index = index
        self.settings = settings
        self.targets = targets
        self.plan = plan
        self.scope = scope

    def claim(self, now_epoch: int) -> None:
        oldest = now_epoch - self.settings.retention_seconds
        for session in self.mirror.playback:
            if session.get("simkl") not in self.scope or not self._wanted(session):
                continue
            if session.get("paused_at", 0) < oldest:
                self.plan.counts["playback_expired"] += 1
                continue
            ref, key = self._ref(session)
            if ref is None:
                self.plan.counts["playback_unmatched"] += 1
                continue
            self.targets.of(*ref).offer_session(key, session)

    def _wanted(self, session: Dict[str, Any]) -> bool:
        if session.get("kind") == MOVIE:
            return self.settings.movies
        return self.settings.anime if session.get("anime") else self.settings.shows

    def _ref(self, session: Dict[str, Any]) -> Tuple[Optional[Ref], Optional[str]]:
        ids, title, year = session.get("ids") or {}, session.get("title"), session.get("year")
        simkl = session.get("simkl")
        if session.get("kind") == MOVIE:
            found = self.index.match_movie(ids, title, year, self.settings.title_year_fallback)
            return ((MOVIE, found.kodi_id), movie_key(simkl)) if found else (None, None)
        found = self.index.match_show(ids, title, year)
        if not found:
            return None, None
        simkl_code, kodi_code = self._codes(session)
        episode_ids = self.index.episode_ids(found.kodi_id, kodi_code) if kodi_code else []
        if len(episode_ids) != 1:
            return None, None
        return (EPISODE, episode_ids[0]), episode_key(simkl, *split_code(simkl_code or kodi_code))

    def _codes(self, session: Dict[str, Any]) -> Tuple[Optional[int], Optional[int]]:
        """(Simkl code, Kodi code) of the session's episode."""
        season, number = session.get("season"), session.get("episode")
        simkl_code = episode_code(season if season is not None else 1, number) if number is not None else None
        if not session.get("anime"):
            return simkl_code, simkl_code if season is not None else None
        tvdb_season, tvdb_number = session.get("tvdb_season"), session.get("tvdb_episode")
        if tvdb_season is not None and tvdb_number is not None:
            return simkl_code, episode_code(tvdb_season, tvdb_number)
        item = self.mirror.get(ANIME, session.get("simkl"))
        if item is not None and simkl_code is not None:
            return simkl_code, kodi_code_of(item, simkl_code)
        return simkl_code, simkl_code
