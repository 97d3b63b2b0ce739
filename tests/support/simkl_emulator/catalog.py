"""The titles the emulator knows, and resolving request ids / titles to them."""

import re
import threading
from typing import Any, Dict, Iterable, List, Optional, Tuple

EpisodeKey = Tuple[int, int]
ID_KEYS = ("imdb", "tmdb", "tvdb", "mal", "anidb", "slug")
SHOW_KINDS = ("show", "anime")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Title:
    """One catalog title. Anime use Simkl numbering: season 1, episodes 1..N."""

    def __init__(self, kind: str, simkl: int, title: str, year: Optional[int], ids: Dict[str, str],
                 runtime: Optional[int] = None, seasons: Optional[Dict[int, int]] = None,
                 status: str = "", tvdb_map: Optional[Dict[int, EpisodeKey]] = None,
                 anime_type: str = "tv") -> None:
        self.kind = kind
        self.simkl = int(simkl)
        self.title = title
        self.year = year
        self.ids = {key: str(value) for key, value in ids.items() if value not in (None, "")}
        self.ids.setdefault("slug", slugify(title))
        self.runtime = runtime
        self.seasons = {int(number): int(count) for number, count in (seasons or {}).items()}
        self.status = status or ("released" if kind == "movie" else "ended")
        self.tvdb_map = {int(ep): (int(pair[0]), int(pair[1])) for ep, pair in (tvdb_map or {}).items()}
        self.anime_type = anime_type
        self._keys = [(s, e) for s in sorted(self.seasons) for e in range(1, self.seasons[s] + 1)]
        self._key_set = set(self._keys)
        self._from_tvdb = {pair: ep for ep, pair in self.tvdb_map.items()}

    @property
    def slug(self) -> str:
        return self.ids["slug"]

    def episode_keys(self) -> List[EpisodeKey]:
        return list(self._keys)

    def has_episode(self, key: EpisodeKey) -> bool:
        return key in self._key_set

    @property
    def episode_count(self) -> int:
        return len(self._keys)

    def tvdb_of(self, key: EpisodeKey) -> EpisodeKey:
        """TVDB (season, episode) of a Simkl episode; shows and unmapped anime keep their numbers."""
        if self.kind == "anime" and key[1] in self.tvdb_map:
            return self.tvdb_map[key[1]]
        return key

    def from_tvdb(self, key: EpisodeKey) -> Optional[EpisodeKey]:
        if self.kind != "anime":
            return key if self.has_episode(key) else None
        episode = self._from_tvdb.get(key)
        return (1, episode) if episode is not None else None

    def episode_title(self, key: EpisodeKey) -> str:
        return f"Episode {key[1]}"

    def to_dict(self) -> Dict[str, Any]:
        return {"kind": self.kind, "simkl": self.simkl, "title": self.title, "year": self.year,
                "ids": dict(self.ids), "runtime": self.runtime, "status": self.status,
                "seasons": {str(k): v for k, v in self.seasons.items()},
                "tvdb_map": {str(k): list(v) for k, v in self.tvdb_map.items()},
                "anime_type": self.anime_type}

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Title":
        return cls(data["kind"], data["simkl"], data["title"], data.get("year"), data.get("ids") or {},
                   data.get("runtime"), data.get("seasons"), data.get("status", ""),
                   data.get("tvdb_map"), data.get("anime_type", "tv"))


class Catalog:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._titles: Dict[int, Title] = {}
        self._index: Dict[Tuple[str, str], List[int]] = {}

    def add_movie(self, simkl: int, title: str, year: Optional[int] = None, imdb: Optional[str] = None,
                  tmdb: Any = None, runtime: Optional[int] = 90, status: str = "released",
                  **other_ids: Any) -> Title:
        ids = dict(other_ids, imdb=imdb, tmdb=tmdb)
        return self.put(Title("movie", simkl, title, year, ids, runtime, status=status))

    def add_show(self, simkl: int, title: str, year: Optional[int] = None, imdb: Optional[str] = None,
                 tmdb: Any = None, tvdb: Any = None, seasons: Optional[Dict[int, int]] = None,
                 runtime: Optional[int] = 45, status: str = "ended", **other_ids: Any) -> Title:
        ids = dict(other_ids, imdb=imdb, tmdb=tmdb, tvdb=tvdb)
        return self.put(Title("show", simkl, title, year, ids, runtime, seasons or {1: 10}, status))

    def add_anime(self, simkl: int, title: str, year: Optional[int] = None, mal: Any = None,
                  anidb: Any = None, tvdb: Any = None, tmdb: Any = None, episodes: int = 12,
                  tvdb_map: Optional[Dict[int, EpisodeKey]] = None, runtime: Optional[int] = 25,
                  status: str = "ended", anime_type: str = "tv", **other_ids: Any) -> Title:
        ids = dict(other_ids, mal=mal, anidb=anidb, tvdb=tvdb, tmdb=tmdb)
        if tvdb_map is None and tvdb is not None:
            tvdb_map = {ep: (1, ep) for ep in range(1, episodes + 1)}
        return self.put(Title("anime", simkl, title, year, ids, runtime, {1: episodes}, status,
                              tvdb_map, anime_type))

    def put(self, title: Title) -> Title:
        with self._lock:
            self._titles[title.simkl] = title
            for key in ID_KEYS:
                if key in title.ids:
                    self._index.setdefault(self._index_key(key, title.ids[key], title.kind), []).append(
                        title.simkl)
            return title

    def get(self, simkl: Any) -> Optional[Title]:
        try:
            return self._titles.get(int(simkl))
        except (TypeError, ValueError):
            return None

    def all(self) -> List[Title]:
        with self._lock:
            return list(self._titles.values())

    def clear(self) -> None:
        with self._lock:
            self._titles.clear()
            self._index.clear()

    def resolve(self, ids: Optional[Dict[str, Any]], kind_hint: Optional[str] = None) -> Optional[Title]:
        """Simkl id first, then external ids; kind_hint "movie" or "show" (show covers anime)."""
        ids = ids or {}
        if ids.get("simkl") not in (None, ""):
            title = self.get(ids["simkl"])
            if title is not None and _kind_fits(title, kind_hint):
                return title
        for key in ID_KEYS:
            if ids.get(key) in (None, ""):
                continue
            for title in self._lookup(key, str(ids[key]), kind_hint):
                return title
        return None

    def cours_of(self, title: Title) -> List[Title]:
        """The anime titles (one per cour) that share this anime's TVDB series id, in catalog order."""
        tvdb = title.ids.get("tvdb")
        with self._lock:
            simkl_ids = dict.fromkeys(self._index.get(("tvdb", tvdb), [])) if tvdb else {}
            cours = [self._titles[s] for s in simkl_ids if s in self._titles and self._titles[s].kind == "anime"]
        return cours or [title]

    def find_by_title(self, name: Optional[str], year: Any = None,
                      kind_hint: Optional[str] = None) -> Optional[Title]:
        if not name:
            return None
        wanted = slugify(str(name))
        matches = [t for t in self.all() if slugify(t.title) == wanted and _kind_fits(t, kind_hint)]
        with_year = [t for t in matches if year is not None and str(t.year) == str(year)]
        return (with_year or matches or [None])[0]

    def _lookup(self, key: str, value: str, kind_hint: Optional[str]) -> Iterable[Title]:
        kinds = ["movie"] if kind_hint == "movie" else ["show"] if kind_hint == "show" else ["movie", "show"]
        for kind in kinds:
            for simkl in self._index.get(self._index_key(key, value, kind), []):
                title = self._titles.get(simkl)
                if title is not None and _kind_fits(title, kind_hint):
                    yield title

    @staticmethod
    def _index_key(key: str, value: str, kind: str) -> Tuple[str, str]:
        # TMDB ids are only unique per movie / tv type.
        if key == "tmdb":
            return ("tmdb:" + ("movie" if kind == "movie" else "show"), value)
        return (key, value)


def _kind_fits(title: Title, kind_hint: Optional[str]) -> bool:
    if kind_hint is None:
        return True
    if kind_hint == "show":
        return title.kind in SHOW_KINDS
    return title.kind == kind_hint
