"""Ratings both ways, without Kodi or HTTP: Simkl's 1-10 ratings and Kodi's `userrating` on movies and TV shows.

The memory (its own file) holds two things:
    simkl  per type, the last full list of Simkl's ratings ({simkl id: rated title})
    kodi   per Kodi item (model.kodi_key), the last userrating we know Kodi holds and whether the add-on wrote
           it: a Kodi value that differs from it was set by the user; a rating that disappears from Simkl is
           cleared in Kodi only when the add-on wrote it.

Kodi announces no VideoLibrary.OnUpdate for a userrating change (measured on Kodi 20: neither a JSON-RPC
write nor the GUI's "Set my rating"), so Kodi's changes are found by comparing its rated items with `kodi`.
"""
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from .match import KodiIndex
from .model import (
    ACTIVITY_DOMAINS,
    MEDIA_TYPES,
    MOVIE,
    MOVIES,
    SET_DETAILS,
    TVSHOW,
    as_number,
    kodi_key,
    normalize_ids,
    simkl_ids,
)
from .outbox.bodies import item_key, media_block
from .outbox.queue import make_entry

RATING_KIND = "rating"
# Every rating: Simkl's ratings endpoint takes the values wanted as a list in the path.
ALL_RATINGS = ",".join(str(value) for value in range(1, 11))

def valid_rating(value: Any) -> Optional[int]:
    """A rating 1-10 as an int (Kodi validates the type), from an int or a numeric string; None otherwise."""
    number = as_number(value)
    return number if number is not None and 1 <= number <= 10 else None


def kodi_rating(value: Any) -> int:
    """Kodi's userrating as an int 0-10 (0: not rated); anything unreadable counts as not rated."""
    return valid_rating(value) or 0


class Rated:
    """One title Simkl has a rating for."""

    __slots__ = ("simkl", "ids", "title", "year", "rating", "anime_type")

    def __init__(self, simkl: int, ids: Dict[str, Any], title: str, year: Optional[int], rating: int,
                 anime_type: Optional[str] = None):
        self.simkl = simkl
        self.ids = ids
        self.title = title
        self.year = year
        self.rating = rating
        self.anime_type = anime_type

    def to_dict(self) -> Dict[str, Any]:
        data = {"r": self.rating, "ids": self.ids, "t": self.title, "y": self.year}
        if self.anime_type:
            data["a"] = self.anime_type
        return data

    @classmethod
    def from_dict(cls, simkl: Any, data: Any) -> Optional["Rated"]:
        number = as_number(simkl)
        if not number or not isinstance(data, dict) or valid_rating(data.get("r")) is None:
            return None
        ids = normalize_ids(data.get("ids"))
        return cls(number, ids, str(data.get("t") or ""), as_number(data.get("y")), valid_rating(data["r"]),
                   data.get("a") or None)


def parse_ratings(body: Any, type_: str) -> Optional[Dict[int, Rated]]:
    """A GET /sync/ratings/{type} answer as {simkl id: Rated}. null, {} and [] are "no ratings"; None when the
    answer cannot be read (the caller keeps what it had rather than clearing every rating)."""
    if body is None or body == {} or body == []:
        return {}
    if not isinstance(body, dict):
        return None
    entries = body.get(type_)
    if entries is None and not any(key in body for key in MEDIA_TYPES):
        return None
    if entries is None:
        return {}
    if not isinstance(entries, list):
        return None
    rated = {}
    for entry in entries:
        item = _parse_entry(entry)
        if item is not None:
            rated[item.simkl] = item
    return rated


def _parse_entry(entry: Any) -> Optional[Rated]:
    if not isinstance(entry, dict):
        return None
    block = next((entry[name] for name in ("movie", "show", "anime") if isinstance(entry.get(name), dict)), None)
    rating = valid_rating(entry.get("user_rating"))
    if block is None or rating is None:
        return None
    ids = normalize_ids(block.get("ids"))
    if "simkl" not in ids:
        return None
    title = block.get("title") if isinstance(block.get("title"), str) else ""
    anime_type = entry.get("anime_type") if isinstance(entry.get("anime_type"), str) else None
    return Rated(ids["simkl"], ids, title, as_number(block.get("year")), rating, anime_type)


def types_to_fetch(saved: Any, new: Any, fetched: Iterable[str], types: Sequence[str] = MEDIA_TYPES) -> List[str]:
    """The types whose ratings to read: those whose rated_at moved since the saved activities, and those never
    read yet. Nothing when the new answer says nothing readable."""
    if not isinstance(new, dict):
        return []
    fetched = set(fetched)
    saved = saved if isinstance(saved, dict) else {}
    wanted = []
    for type_ in types:
        domain = ACTIVITY_DOMAINS.get(type_, type_)
        old_stamp = _block(saved, domain).get("rated_at")
        new_stamp = _block(new, domain).get("rated_at")
        if type_ not in fetched or (new_stamp is not None and new_stamp != old_stamp):
            wanted.append(type_)
    return wanted


def _block(activities: Dict[str, Any], domain: str) -> Dict[str, Any]:
    block = activities.get(domain)
    return block if isinstance(block, dict) else {}


class RatingMemory:
    """See the module text. `seeded`: Kodi's ratings were read once (the first read only learns them);
    `retry`: types whose last answer was unreadable (their old list is kept, and asked again)."""

    def __init__(self, data: Any = None):
        data = data if isinstance(data, dict) else {}
        self.simkl: Dict[str, Dict[int, Rated]] = {}
        for type_, items in _mapping(data.get("simkl")).items():
            if type_ in MEDIA_TYPES and isinstance(items, dict):
                parsed = (Rated.from_dict(simkl, item) for simkl, item in items.items())
                self.simkl[type_] = {item.simkl: item for item in parsed if item is not None}
        self.kodi: Dict[str, Tuple[int, bool]] = {}
        for key, value in _mapping(data.get("kodi")).items():
            if isinstance(value, list) and len(value) == 2 and kodi_rating(value[0]):
                self.kodi[str(key)] = (kodi_rating(value[0]), bool(value[1]))
        self.seeded = bool(data.get("seeded"))
        retry = data.get("retry") if isinstance(data.get("retry"), list) else []
        self.retry: Set[str] = {type_ for type_ in retry if type_ in MEDIA_TYPES}

    def fetched(self) -> Set[str]:
        """The types whose list we hold and trust (an unreadable answer is asked again)."""
        return set(self.simkl) - self.retry

    def to_dict(self) -> Dict[str, Any]:
        return {
            "simkl": {type_: {str(simkl): item.to_dict() for simkl, item in items.items()}
                      for type_, items in self.simkl.items()},
            "kodi": {key: [rating, ours] for key, (rating, ours) in self.kodi.items()},
            "seeded": self.seeded,
            "retry": sorted(self.retry),
        }

    def known(self, key: str) -> int:
        return self.kodi.get(key, (0, False))[0]

    def remember(self, key: str, rating: int, ours: bool) -> None:
        if rating:
            self.kodi[key] = (rating, ours)
        else:
            self.kodi.pop(key, None)


def _mapping(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


class RatingWrite:
    """One Set*Details call setting userrating (0 clears it)."""

    __slots__ = ("media", "kodi_id", "rating")

    def __init__(self, media: str, kodi_id: int, rating: int):
        self.media = media
        self.kodi_id = kodi_id
        self.rating = rating

    @property
    def key(self) -> str:
        return kodi_key(self.media, self.kodi_id)

    def to_rpc(self) -> Dict[str, Any]:
        method, id_field = SET_DETAILS[self.media]
        return {"method": method, "params": {id_field: self.kodi_id, "userrating": int(self.rating)}}

    def __eq__(self, other):
        return isinstance(other, RatingWrite) and (self.media, self.kodi_id, self.rating) == (
            other.media, other.kodi_id, other.rating)

    def __repr__(self):
        return f"RatingWrite({self.media!r}, {self.kodi_id!r}, {self.rating!r})"


class RatingChange:
    """A userrating the user changed in Kodi (rating 0: cleared)."""

    __slots__ = ("media", "kodi_id", "rating", "previous")

    def __init__(self, media: str, kodi_id: int, rating: int, previous: int):
        self.media = media
        self.kodi_id = kodi_id
        self.rating = rating
        self.previous = previous

    @property
    def key(self) -> str:
        return kodi_key(self.media, self.kodi_id)

    def __repr__(self):
        return f"RatingChange({self.media!r}, {self.kodi_id!r}, {self.rating!r}, was {self.previous!r})"


def split_key(key: str) -> Tuple[str, int]:
    """(media, kodi id) from a model.kodi_key."""
    _prefix, media, kodi_id = key.split(":", 2)
    return media, int(kodi_id)


def kodi_changes(memory: RatingMemory, rated_now: Dict[str, int], exists: Callable[[str], bool]) -> List[RatingChange]:
    """The ratings the user changed in Kodi since we last looked. rated_now: {kodi_key: userrating} of the Kodi
    movies and shows rated now; exists(key): whether an item that lost its rating is still in the library (one
    removed from it has not been "unrated"). Updates the memory. The first look only learns Kodi's ratings."""
    if not memory.seeded:
        for key, rating in rated_now.items():
            memory.remember(key, kodi_rating(rating), False)
        memory.seeded = True
        return []
    changes = []
    for key, rating in sorted(rated_now.items()):
        rating = kodi_rating(rating)
        previous = memory.known(key)
        if rating and rating != previous:
            changes.append(RatingChange(*split_key(key), rating, previous))
            memory.remember(key, rating, False)
    for key in sorted(set(memory.kodi) - set(rated_now)):
        previous = memory.known(key)
        if exists(key):
            changes.append(RatingChange(*split_key(key), 0, previous))
        memory.remember(key, 0, False)
    return changes


def plan_pull(memory: RatingMemory, movies: Iterable[Dict[str, Any]], shows: Iterable[Dict[str, Any]],
              pending: Set[str], types: Sequence[str] = MEDIA_TYPES,
              title_year_fallback: bool = False, doubtful: Iterable[str] = ()) -> List[RatingWrite]:
    """The userrating writes that make Kodi's movies and shows carry Simkl's ratings: only where they differ,
    never over a Kodi rating still on its way to Simkl (pending kodi keys), and clearing a rating gone from
    Simkl only where Kodi still holds the value the add-on wrote. movies/shows: the JSON-RPC dicts with
    userrating. Types not synced are neither written nor cleared; a doubtful type's (held) list writes nothing
    but keeps its titles from being cleared."""
    movies, shows = list(movies), list(shows)
    index = KodiIndex(movies, shows, ())
    current = {kodi_key(MOVIE, m["movieid"]): kodi_rating(m.get("userrating")) for m in movies if "movieid" in m}
    current.update((kodi_key(TVSHOW, s["tvshowid"]), kodi_rating(s.get("userrating"))) for s in shows
                   if "tvshowid" in s)
    wanted: Dict[str, int] = {}
    protected: Set[str] = set(pending)
    for type_ in list(types) + [type_ for type_ in doubtful if type_ not in types]:
        for rated in sorted(memory.simkl.get(type_, {}).values(), key=lambda item: item.simkl):
            for media, kodi_id in _matches(index, type_, rated, title_year_fallback):
                if type_ in types:
                    wanted.setdefault(kodi_key(media, kodi_id), rated.rating)
                protected.add(kodi_key(media, kodi_id))
    writes = []
    for key in sorted(wanted):
        if key in current and key not in pending and current[key] != wanted[key]:
            writes.append(RatingWrite(*split_key(key), wanted[key]))
        elif key in current and current[key] == wanted[key] and memory.known(key) != wanted[key]:
            memory.remember(key, wanted[key], False)  # both sides agree: a later change in Kodi is the user's
    media_synced = {MOVIE} if (MOVIES in types or "anime" in types) else set()
    if "shows" in types or "anime" in types:
        media_synced.add(TVSHOW)
    for key, (rating, ours) in sorted(memory.kodi.items()):
        if (ours and key not in protected and current.get(key) == rating
                and split_key(key)[0] in media_synced):
            writes.append(RatingWrite(*split_key(key), 0))
    return writes


def _matches(index: KodiIndex, type_: str, rated: Rated, title_year_fallback: bool):
    if type_ == MOVIES or (type_ == "anime" and rated.anime_type == MOVIE):
        found = index.match_movie(rated.ids, rated.title, rated.year, title_year_fallback)
        if found or type_ == MOVIES:
            return [(MOVIE, kodi_id) for kodi_id in found.copies]
    found = index.match_show(rated.ids, rated.title, rated.year)
    return [(TVSHOW, kodi_id) for kodi_id in found.copies]


def written(memory: RatingMemory, writes: Iterable[RatingWrite]) -> None:
    """Remember what the add-on wrote (before sending it, so a notification it causes finds it known)."""
    for write in writes:
        memory.remember(write.key, write.rating, True)


def rating_entry(media: str, item: Dict[str, Any], rating: int, now: float, rated_at: Optional[str] = None):
    """The outbox entry sending one rating (rating 0: removing it) to Simkl, or None when the Kodi item has no
    id Simkl knows. item: the Kodi movie or TV show dict (title, year, uniqueid, imdbnumber)."""
    ids = simkl_ids(item.get("uniqueid"), item.get("imdbnumber", ""), "tmdb" if media == MOVIE else "tvdb")
    if not ids:
        return None
    block = media_block(item.get("title"), item.get("year"), ids)
    what = item_key(MOVIE if media == MOVIE else "show", ids)
    label = f"{block.get('title', '?')} ({block['year']})" if block.get("year") else block.get("title", "?")
    if rating:
        row = dict(block, rating=int(rating))
        if rated_at:
            row["rated_at"] = rated_at
        action = "add"
    else:
        row, action = block, "remove"
    body = {"movies" if media == MOVIE else "shows": [row]}
    entry = make_entry(RATING_KIND, action, what, body, f"{label}: {rating or '-'}", now,
                       group=f"{RATING_KIND}:{what}")
    entry["rating_kodi"] = kodi_key(media, item.get("movieid" if media == MOVIE else "tvshowid", 0))
    return entry


def pending_keys(entries: Iterable[Dict[str, Any]]) -> Set[str]:
    """The Kodi items whose rating waits in the outbox (the pull leaves them alone)."""
    return {e["rating_kodi"] for e in entries if e.get("kind") == RATING_KIND and e.get("rating_kodi")}
