"""Domain vocabulary: media types, list statuses, normalised ids and the keys that name items in state."""
import re
from typing import Any, Dict, Optional

MOVIES = "movies"
SHOWS = "shows"
ANIME = "anime"
MEDIA_TYPES = (MOVIES, SHOWS, ANIME)

# /sync/activities names the shows block differently from the all-items paths.
ACTIVITY_DOMAINS = {MOVIES: "movies", SHOWS: "tv_shows", ANIME: "anime"}

LIST_STATUSES = ("plantowatch", "watching", "completed", "hold", "dropped")
COMPLETED = "completed"

MOVIE = "movie"
EPISODE = "episode"
TVSHOW = "tvshow"

# Kodi's Set*Details method and the id field it takes, per library media type.
SET_DETAILS = {MOVIE: ("VideoLibrary.SetMovieDetails", "movieid"),
               EPISODE: ("VideoLibrary.SetEpisodeDetails", "episodeid"),
               TVSHOW: ("VideoLibrary.SetTVShowDetails", "tvshowid")}

# "tt" and digits; a bare number only when long enough to be an IMDb number that lost its prefix.
_IMDB_RE = re.compile(r"^(?:tt(\d{1,10})|(\d{5,10}))$")
_NUMBER_RE = re.compile(r"^\d+$")


def normalize_ids(raw: Any) -> Dict[str, Any]:
    """Ids as comparable values: simkl an int, imdb "tt…" lowercase, every other id a non-empty string.
    Reads `simkl_id` as well as `simkl`; drops empties, zeros, booleans and nested values."""
    if not isinstance(raw, dict):
        return {}
    ids = {}
    for name, value in raw.items():
        if not isinstance(name, str):
            continue
        name = name.strip().lower()
        if name in ("simkl", "simkl_id"):
            simkl = _simkl_id(value)
            if simkl is not None:
                ids["simkl"] = simkl
            continue
        # imdb before the numeric clean-up: "0133093" must keep its leading zero to become "tt0133093".
        text = value.strip() if name == "imdb" and isinstance(value, str) else _id_text(value)
        if text and name == "imdb":
            text = _imdb(text)
        if text is None or text == "":
            continue
        ids[name] = text
    return ids


# The ids Simkl's write bodies carry, and which of them go as numbers.
WIRE_NUMERIC_IDS = ("tmdb", "tvdb", "anidb", "mal", "anilist", "kitsu", "simkl")
WIRE_TEXT_IDS = ("imdb",)


def simkl_ids(uniqueid: Any, imdbnumber: Any = "", bare_number: str = "tvdb") -> Dict[str, Any]:
    """The ids a Simkl write body carries for a Kodi item: its uniqueid map read by normalize_ids (the one
    id rule), numeric ids as ints. imdbnumber fills in when the map has none: a bare number there is the
    default scraper's id, TMDB for movies (bare_number="tmdb"), TVDB for shows."""
    ids = _wire_ids(normalize_ids(uniqueid))
    if not ids and imdbnumber:
        value = str(imdbnumber).strip()
        ids = _wire_ids(normalize_ids({"imdb" if value.startswith("tt") else bare_number: value}))
    return ids


def _wire_ids(ids: Dict[str, Any]) -> Dict[str, Any]:
    wire = {}
    for name, value in ids.items():
        if name in WIRE_TEXT_IDS:
            wire[name] = value
        elif name in WIRE_NUMERIC_IDS and _NUMBER_RE.match(str(value)):
            wire[name] = int(value)
    return wire


def _simkl_id(value: Any) -> Optional[int]:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and _NUMBER_RE.match(value.strip()):
        number = int(value.strip())
        return number if number > 0 else None
    return None


def _id_text(value: Any) -> Optional[str]:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        if value != value or value <= 0 or value != int(value):
            return None
        value = int(value)
    if isinstance(value, int):
        return str(value) if value > 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or text in ("0", "None", "null"):
        return None
    if _NUMBER_RE.match(text):
        text = str(int(text))
        return None if text == "0" else text
    return text.lower()


def _imdb(text: str) -> Optional[str]:
    match = _IMDB_RE.match(text.lower())
    return "tt" + (match.group(1) or match.group(2)) if match else None


def movie_key(simkl: int) -> str:
    return f"m:{simkl}"


def episode_key(show_simkl: int, season: int, episode: int) -> str:
    return f"e:{show_simkl}:{season}:{episode}"


def kodi_key(media: str, kodi_id: int) -> str:
    """Names a Kodi library item; `pending` may use it when the Simkl identity is not known yet."""
    return f"kodi:{media}:{kodi_id}"


# Every show has an S01E01: the mirror and the Kodi index share one int object per code instead of one
# per episode (100,000 ints on a 50,000-episode library, against a few hundred distinct codes). Bounded,
# so a library of odd numbering cannot grow it without end; past the bound codes are simply not shared.
_SHARED_CODES: Dict[int, int] = {}
_SHARED_CODES_LIMIT = 20000


def episode_code(season: int, episode: int) -> int:
    """One int for a (season, episode) pair: far lighter than a tuple when 50,000 are kept."""
    code = season * 100000 + episode
    shared = _SHARED_CODES.get(code)
    if shared is not None:
        return shared
    if len(_SHARED_CODES) < _SHARED_CODES_LIMIT:
        _SHARED_CODES[code] = code
    return code


def split_code(code: int):
    return divmod(code, 100000)


def as_number(value: Any) -> Optional[int]:
    """A non-negative int from an int or a numeric string; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float) and value == value and value >= 0 and value == int(value):
        return int(value)
    if isinstance(value, str) and _NUMBER_RE.match(value.strip()):
        return int(value.strip())
    return None
