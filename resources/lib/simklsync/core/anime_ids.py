"""Which Simkl anime title and episode a Kodi episode is, from the TVDB mapping the mirror holds.

Simkl files each cour of an anime as a title of its own, numbered 1..N (AniDB style); a Kodi library
scraped from TVDB numbers the same episodes by TVDB seasons (Attack on Titan S03E05). Live, an anime
scrobbled as a `show` with the library's numbering gets 404 past the first cour and the watch is lost, so
a write identifies it the way Simkl resolves anime: the cour's Simkl id and Simkl's own episode number.
The mirror's `extended=full_anime_seasons` pull gives every watched anime episode its TVDB
(season, episode): an episode mapped there is known exactly; a later episode of a TVDB season the user
has been watching is placed by the offset that season's mapped episodes share (the next episode of a
cour is usually the one being played). Anything else stays in Kodi's numbering, flagged as TVDB numbering.
"""
from collections import namedtuple
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .model import ANIME, MOVIE, as_number, episode_code, normalize_ids, split_code
from .state.mirror import Item

# The ids that name the same series on Kodi's side and on a Simkl anime title.
SHARED_IDS = ("tvdb", "tmdb", "imdb", "anidb", "mal", "anilist", "kitsu")

# Simkl's own identity of one anime episode: the cour's Simkl id and its (season, number) there.
AnimeEpisode = namedtuple("AnimeEpisode", "simkl season number title year exact")

_Title = namedtuple("_Title", "simkl ids title year reverse")  # reverse: TVDB code -> Simkl code
TITLE_SECTIONS = ("items", "removed")  # the mirror's sections that hold titles: the anime names read both


def anime_sections(mirror: Any) -> Dict[str, Any]:
    """{"items": {"anime": ...}, "removed": {"anime": ...}} of a mirror's dict (empty sections when it has none):
    all the anime names need of it (the state store keeps it in a file of its own)."""
    mirror = mirror if isinstance(mirror, dict) else {}
    sections = {}
    for section in TITLE_SECTIONS:
        stored = mirror.get(section) if isinstance(mirror.get(section), dict) else {}
        anime = stored.get(ANIME)
        sections[section] = {ANIME: anime if isinstance(anime, dict) else {}}
    return sections


class AnimeIndex:
    """The mirror's anime titles (not anime films), by the ids a Kodi show can share with them."""

    def __init__(self, items: Iterable[Item] = ()):
        self._titles: List[_Title] = []
        for item in items:
            if item.anime_type == MOVIE or item.simkl is None:
                continue
            reverse = {tvdb: simkl for simkl, tvdb in item.tvdb_map.items()}
            self._titles.append(_Title(item.simkl, item.ids, item.title, item.year, reverse))

    @classmethod
    def from_state(cls, state: Any) -> "AnimeIndex":
        """From the sync state (core.sync_state.SyncState, its mirror in the Mirror.to_dict() form); empty when
        it has none."""
        items = []
        for section in anime_sections(getattr(state, "mirror", None)).values():
            for key, value in section[ANIME].items():
                simkl = as_number(key)
                item = Item.from_dict(simkl, value) if simkl else None
                if item is not None:
                    items.append(item)
        return cls(items)

    def __len__(self) -> int:
        return len(self._titles)

    def knows(self, show_ids: Dict[str, Any]) -> bool:
        """Whether the mirror has an anime title sharing an id with this Kodi show."""
        return bool(self._candidates(show_ids))

    def identify(self, show_ids: Dict[str, Any], season: Any, episode: Any) -> Optional[AnimeEpisode]:
        """Simkl's identity of Kodi's (season, episode) of this show, or None when the mirror cannot tell."""
        season, episode = as_number(season), as_number(episode)
        if season is None or not episode:
            return None
        candidates = self._candidates(show_ids)
        code = episode_code(season, episode)
        for title in candidates:
            if code in title.reverse:
                return _found(title, title.reverse[code], exact=True)
        placed = [guess for guess in (_placed(title, season, episode) for title in candidates) if guess]
        if not placed:
            return None
        _rank, title, simkl_code = min(placed, key=lambda guess: guess[0])
        return _found(title, simkl_code, exact=False)

    def _candidates(self, show_ids: Dict[str, Any]) -> List[_Title]:
        wanted = normalize_ids(show_ids)
        if not wanted:
            return []
        # A shared TVDB id says the numbering is the one the map speaks; other ids only when TVDB says nothing.
        by_tvdb = [t for t in self._titles if wanted.get("tvdb") and t.ids.get("tvdb") == wanted["tvdb"]]
        if by_tvdb:
            return by_tvdb
        return [t for t in self._titles if any(wanted.get(name) and t.ids.get(name) == wanted[name]
                                                for name in SHARED_IDS)]


def _found(title: _Title, simkl_code: int, exact: bool) -> AnimeEpisode:
    season, number = split_code(simkl_code)
    return AnimeEpisode(title.simkl, season, number, title.title, title.year, exact)


def _placed(title: _Title, season: int, episode: int) -> Optional[Tuple[Tuple[int, int], _Title, int]]:
    """Where this title would put an unmapped TVDB episode: ((rank, distance), title, Simkl code), or None
    when the title has no mapped episode in that TVDB season or its mapped episodes disagree on the offset.
    Rank 0: inside the mapped span; 1: after it (the cour goes on); 2: before it."""
    pairs = [(split_code(tvdb)[1], split_code(simkl)) for tvdb, simkl in title.reverse.items()
             if split_code(tvdb)[0] == season]
    if not pairs:
        return None
    shifts = {(simkl_season, tvdb_episode - simkl_number) for tvdb_episode, (simkl_season, simkl_number) in pairs}
    if len(shifts) != 1:
        return None
    simkl_season, shift = shifts.pop()
    if episode - shift < 1:
        return None
    mapped = [tvdb_episode for tvdb_episode, _ in pairs]
    low, high = min(mapped), max(mapped)
    if low <= episode <= high:
        rank = (0, 0)
    elif episode > high:
        rank = (1, episode - high)
    else:
        rank = (2, low - episode)
    return rank, title, episode_code(simkl_season, episode - shift)
