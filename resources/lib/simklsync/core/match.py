"""Kodi's library indexed by id, so each Simkl item finds its Kodi item in O(1) — never by title alone."""
import re
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .model import as_number, episode_code, normalize_ids

NOT_IN_LIBRARY = "not_in_library"
NO_SHARED_ID = "no_shared_id"
AMBIGUOUS = "ambiguous"

# Ids that name a page, not an item; two different items can share them.
_IGNORED_IDS = ("simkl", "slug")
# Simkl's name for an id → Kodi's uniqueid name.
_ALIASES = {"tmdbtv": "tmdb", "tvdbid": "tvdb", "imdbid": "imdb"}
_IMDB_RE = re.compile(r"^tt\d+$")
_WORD_RE = re.compile(r"\W+", re.UNICODE)

IdKey = Tuple[str, str]


class Match:
    """A Kodi id, or None with the reason it could not be found. `copies`: every Kodi item that is this
    title (two versions of one movie, both scraped with its id); kodi_id is the first of them."""

    __slots__ = ("kodi_id", "reason", "copies")

    def __init__(self, kodi_id: Optional[int], reason: Optional[str] = None, copies: Optional[List[int]] = None):
        self.kodi_id = kodi_id
        self.reason = reason
        self.copies = copies or ([kodi_id] if kodi_id is not None else [])

    def __bool__(self):
        return self.kodi_id is not None

    def __repr__(self):
        return f"Match({self.kodi_id!r}, {self.reason!r})"


class _IdIndex:
    """(id name, value) → Kodi ids. `strong` comes from uniqueid (or an imdbnumber that is clearly
    an imdb id); `weak` from a bare numeric imdbnumber whose kind Kodi does not say."""

    def __init__(self, weak_names: Tuple[str, ...]):
        # Buckets hold a bare Kodi id, or a list when several items share the key (see _append).
        self.strong: Dict[IdKey, Any] = {}
        self.weak: Dict[IdKey, Any] = {}
        self._weak_names = weak_names

    def add(self, kodi_id: int, item: Dict[str, Any]) -> None:
        ids = normalize_ids(item.get("uniqueid"))
        for name, value in ids.items():
            _append(self.strong, (name, value), kodi_id)
        number = item.get("imdbnumber")
        if not isinstance(number, str) or not number.strip():
            return
        number = number.strip().lower()
        if number in ids.values():
            return
        if _IMDB_RE.match(number):
            _append(self.strong, ("imdb", number), kodi_id)
        elif number.isdigit() and number.lstrip("0"):
            for name in self._weak_names:
                _append(self.weak, (name, number.lstrip("0")), kodi_id)

    def find(self, ids: Dict[str, Any]) -> List[int]:
        keys = list(_lookup_keys(ids))
        found = _union(self.strong, keys)
        return found if found else _union(self.weak, keys)

    def copies(self, ids: Dict[str, Any], found: List[int]) -> bool:
        """True when every id that hit names all the found items: copies of one title, not a conflict."""
        keys = list(_lookup_keys(ids))
        index = self.strong if _union(self.strong, keys) else self.weak
        hits = [set(_ids(index[key])) for key in keys if key in index]
        return bool(hits) and all(hit == set(found) for hit in hits)


class _TitleIndex:
    def __init__(self):
        self.by_title: Dict[str, Any] = {}  # a bare Kodi id, or a list (see _append)
        self.years: Dict[int, Optional[int]] = {}

    def add(self, kodi_id: int, item: Dict[str, Any]) -> None:
        title = normalize_title(item.get("title"))
        if title:
            _append(self.by_title, title, kodi_id)
            self.years[kodi_id] = as_number(item.get("year")) or None

    def find(self, title: Any, year: Optional[int], tolerance: int) -> List[int]:
        held = self.by_title.get(normalize_title(title))
        candidates = [] if held is None else _ids(held)
        if not year:
            return list(candidates)
        return [k for k in candidates if not self.years.get(k) or abs(self.years[k] - year) <= tolerance]


class KodiIndex:
    """Built from the VideoLibrary.GetMovies / GetTVShows / GetEpisodes dicts (kept, not copied)."""

    def __init__(self, movies: Iterable[Dict[str, Any]], shows: Iterable[Dict[str, Any]],
                 episodes: Iterable[Dict[str, Any]]):
        self.movies: Dict[int, Dict[str, Any]] = {}
        self.shows: Dict[int, Dict[str, Any]] = {}
        self.episodes: Dict[int, Dict[str, Any]] = {}
        # Kodi's default movie scraper is TMDB; for shows a bare number may be TVDB or TMDB.
        self._movie_ids = _IdIndex(("tmdb",))
        self._show_ids = _IdIndex(("tvdb", "tmdb"))
        self._movie_titles = _TitleIndex()
        self._show_titles = _TitleIndex()
        self._episodes_by_show: Dict[int, Dict[int, Any]] = {}  # code → a Kodi id, or a list of copies
        self._add_all(movies, "movieid", self.movies, self._movie_ids, self._movie_titles)
        self._add_all(shows, "tvshowid", self.shows, self._show_ids, self._show_titles)
        for episode in episodes or ():
            self._add_episode(episode)

    @staticmethod
    def _add_all(items, id_field, store, id_index, title_index) -> None:
        for item in items or ():
            kodi_id = as_number(item.get(id_field)) if isinstance(item, dict) else None
            if kodi_id is None:
                continue
            store[kodi_id] = item
            id_index.add(kodi_id, item)
            title_index.add(kodi_id, item)

    def _add_episode(self, episode: Any) -> None:
        if not isinstance(episode, dict):
            return
        kodi_id = as_number(episode.get("episodeid"))
        show_id = as_number(episode.get("tvshowid"))
        season = as_number(episode.get("season"))
        number = as_number(episode.get("episode"))
        if None in (kodi_id, show_id, season, number):
            return
        self.episodes[kodi_id] = episode
        _append(self._episodes_by_show.setdefault(show_id, {}), episode_code(season, number), kodi_id)

    def match_movie(self, ids: Dict[str, Any], title: str = "", year: Optional[int] = None,
                    title_year_fallback: bool = False) -> Match:
        found = self._movie_ids.find(ids)
        if len(found) == 1:
            return Match(found[0])
        if found and self._movie_ids.copies(ids, found):
            return Match(found[0], copies=found)
        if found:
            return Match(None, AMBIGUOUS)
        if title_year_fallback and year:
            candidates = [k for k in self._movie_titles.find(title, year, 0)
                          if self._movie_titles.years.get(k) and not self._conflicting_imdb(k, ids)]
            if len(candidates) == 1:
                return Match(candidates[0])
        return Match(None, NO_SHARED_ID if self._movie_titles.find(title, year, 1) else NOT_IN_LIBRARY)

    def match_show(self, ids: Dict[str, Any], title: str = "", year: Optional[int] = None) -> Match:
        found = self._show_ids.find(ids)
        if len(found) == 1:
            return Match(found[0])
        if found:
            return Match(None, AMBIGUOUS)
        return Match(None, NO_SHARED_ID if self._show_titles.find(title, year, 1) else NOT_IN_LIBRARY)

    def show_episodes(self, show_id: int) -> Dict[int, List[int]]:
        """Episode code → Kodi episode ids (normally one) for a Kodi show (a new dict each call)."""
        return {code: _ids(held) for code, held in self._episodes_by_show.get(show_id, {}).items()}

    def episode_ids(self, show_id: int, code: int) -> List[int]:
        """The Kodi episode ids (normally one) of one episode of a Kodi show."""
        held = self._episodes_by_show.get(show_id, {}).get(code)
        return [] if held is None else _ids(held)

    def _conflicting_imdb(self, kodi_id: int, ids: Dict[str, Any]) -> bool:
        wanted = ids.get("imdb")
        have = normalize_ids(self.movies[kodi_id].get("uniqueid")).get("imdb")
        return bool(wanted and have and wanted != have)


def normalize_title(title: Any) -> str:
    if not isinstance(title, str):
        return ""
    return _WORD_RE.sub("", title.casefold())


def _lookup_keys(ids: Dict[str, Any]) -> Iterable[IdKey]:
    for name, value in (ids or {}).items():
        if name in _IGNORED_IDS or name.endswith("slug") or not isinstance(value, str):
            continue
        yield _ALIASES.get(name, name), value


def _union(index: Dict[IdKey, List[int]], keys: List[IdKey]) -> List[int]:
    found: List[int] = []
    for key in keys:
        held = index.get(key)
        for kodi_id in () if held is None else _ids(held):
            if kodi_id not in found:
                found.append(kodi_id)
    return found


def _ids(held: Any) -> List[int]:
    return [held] if isinstance(held, int) else list(held)


def _append(index: Dict[Any, Any], key: Any, kodi_id: int) -> None:
    """Adds `kodi_id` under `key`: a bare int for the usual one item (no list per key), a list from the second."""
    held = index.get(key)
    if held is None:
        index[key] = kodi_id
    elif isinstance(held, int):
        if held != kodi_id:
            index[key] = [held, kodi_id]
    elif kodi_id not in held:
        held.append(kodi_id)
