"""Which Kodi items each Simkl title of the mirror stands for: movies, the episodes of shows, anime (whose
films Kodi keeps as movies). Each match claims its Kodi items' targets; what does not match is reported."""
from typing import Callable, Dict, Iterable, Optional

from ..match import KodiIndex
from ..model import ANIME, EPISODE, MOVIE, episode_key, movie_key, split_code
from ..state.mirror import UNKNOWN_DATE, Item
from .targets import Targets

EPISODES_MISSING = "episodes_not_in_library"


class TitleClaims:
    def __init__(self, index: KodiIndex, settings, targets: Targets, plan):
        self.index = index
        self.settings = settings
        self.targets = targets
        self.plan = plan

    def movies(self, items: Iterable[Item], type_: str, report: bool) -> None:
        for item in items:
            self.movie(item, type_, report)

    def movie(self, item: Item, type_: str, report: bool) -> bool:
        found = self.index.match_movie(item.ids, item.title, item.year, self.settings.title_year_fallback)
        if not found:
            if report and item.movie_watched:
                self._unmatched(type_, item, found.reason)
            return False
        when = item.watched_at
        if item.episodes:
            when = max(when or UNKNOWN_DATE, max(item.episodes.values()))
        for kodi_id in found.copies:
            self.targets.of(MOVIE, kodi_id).claim(movie_key(item.simkl), item.movie_watched, when)
        self.plan.counts["movies_matched"] += 1
        return True

    def anime(self, items: Iterable[Item], report: bool) -> None:
        shows = []
        for item in items:
            # Simkl files anime films under anime; Kodi keeps them as movies.
            if item.anime_type == MOVIE and self.settings.movies and self.movie(item, ANIME, False):
                continue
            shows.append(item)
        self.shows(shows, ANIME, report)

    def shows(self, items: Iterable[Item], type_: str, report: bool) -> None:
        for item in items:
            found = self.index.match_show(item.ids, item.title, item.year)
            if not found:
                if report and item.episodes:
                    self._unmatched(type_, item, found.reason)
                continue
            self.plan.counts["shows_matched"] += 1
            missing = self._episodes(item, found.kodi_id)
            if report and missing:
                self._unmatched(type_, item, EPISODES_MISSING, episodes=missing)

    def _episodes(self, item: Item, show_id: int) -> int:
        """Claims the Kodi episodes of a matched show; returns how many watched episodes Kodi lacks."""
        kodi_episodes = self.index.show_episodes(show_id)
        simkl_code_of = _simkl_codes(item)
        for kodi_code, episode_ids in kodi_episodes.items():
            simkl_code = simkl_code_of(kodi_code)
            if simkl_code is None:
                continue
            key = episode_key(item.simkl, *split_code(simkl_code))
            when = item.episodes.get(simkl_code)
            for episode_id in episode_ids:  # more than one: versions of the same episode
                self.targets.of(EPISODE, episode_id).claim(key, when is not None, when)
            self.plan.counts["episodes_matched"] += 1
        return sum(1 for code in item.episodes if kodi_code_of(item, code) not in kodi_episodes)

    def _unmatched(self, type_: str, item: Item, reason: str, **extra) -> None:
        row = {"type": type_, "title": item.title, "year": item.year, "simkl": item.simkl, "reason": reason}
        row.update(extra)
        self.plan.unmatched.append(row)


def _simkl_codes(item: Item) -> Callable[[int], Optional[int]]:
    """Kodi code → Simkl code for one show. Anime with Simkl's TVDB mapping claim only the mapped
    episodes (several Simkl entries, one per cour, can share one Kodi show); everything else maps 1:1."""
    if not item.tvdb_map:
        return lambda kodi_code: kodi_code
    reverse: Dict[int, int] = {kodi_code: simkl_code for simkl_code, kodi_code in item.tvdb_map.items()}
    return reverse.get


def kodi_code_of(item: Item, simkl_code: int) -> int:
    """The Kodi (TVDB) code of a Simkl episode code: mapped for anime with Simkl's TVDB mapping."""
    return item.tvdb_map.get(simkl_code, simkl_code) if item.tvdb_map else simkl_code
