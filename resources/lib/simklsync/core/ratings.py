"""Ratings both ways, without Kodi or HTTP: Simkl's 1-10 ratings and Kodi's `userrating` on movies and TV shows.

The memory (its own file) holds two things:
    simkl  per type, the last full list of Simkl's ratings ({simkl id: rated title})
    kodi   per Kodi item, known by its external ids (rating_identity.remembered), the last userrating we know
           Kodi holds and whether the add-on wrote it: a Kodi value that differs from it was set by the user; a
           rating that disappears from Simkl is cleared in Kodi only when the add-on wrote it.
    library the identity of the video library it was learnt from (rating_identity.library_id): when it changes,
           or most remembered ratings vanish at once, Kodi's ratings are learnt afresh (nothing sent) and the
           next pull only fills the Kodi items that have no rating (`resync`).

Kodi announces no VideoLibrary.OnUpdate for a userrating change (measured on Kodi 20: neither a JSON-RPC
write nor the GUI's "Set my rating"), so Kodi's changes are found by comparing its rated items with `kodi`.
"""
from typing import AbstractSet, Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

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
from .plan.guard import APPLY, KEEP, MAX_TITLES, is_large
from .rating_identity.library_id import FIRST_LOOK, relearn_reason
from .rating_identity.remembered import KodiRatings, kodi_ids

RATING_KIND = "rating"
# 2: `kodi` keyed by what the item is. Version 1 keyed it by Kodi row ids: read as `legacy`, learnt afresh.
MEMORY_VERSION = 2
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
    `retry`: types whose last answer was unreadable (their old list is kept, and asked again).
    After a look: `relearned` (why Kodi's ratings were learnt afresh, or None) and `held` (changes not sent)."""

    def __init__(self, data: Any = None):
        data = data if isinstance(data, dict) else {}
        self.simkl: Dict[str, Dict[int, Rated]] = {}
        for type_, items in _mapping(data.get("simkl")).items():
            if type_ in MEDIA_TYPES and isinstance(items, dict):
                parsed = (Rated.from_dict(simkl, item) for simkl, item in items.items())
                self.simkl[type_] = {item.simkl: item for item in parsed if item is not None}
        current = data.get("v") == MEMORY_VERSION
        self.kodi = KodiRatings.from_dict(data.get("kodi") if current else None)
        self.legacy = _legacy(data.get("legacy") if current else data.get("kodi"))
        self.seeded = bool(data.get("seeded")) and current
        retry = data.get("retry") if isinstance(data.get("retry"), list) else []
        self.retry: Set[str] = {type_ for type_ in retry if type_ in MEDIA_TYPES}
        self.library = data.get("library") if isinstance(data.get("library"), str) else None
        self.resync = bool(data.get("resync"))
        self.relearned: Optional[str] = None
        self.held = 0
        # The large clear of the previous pull (its Kodi keys): a large clear goes only when the next read agrees.
        seen = data.get("clears_seen") if isinstance(data.get("clears_seen"), list) else []
        self.clears_seen: List[str] = sorted(key for key in seen if isinstance(key, str))
        self.clears_held = 0  # after a pull: the clears of Kodi ratings held back as too many at once
        titles = data.get("clears_titles") if isinstance(data.get("clears_titles"), list) else []
        self.clears_titles: List[str] = [title for title in titles if isinstance(title, str)][:MAX_TITLES]

    def fetched(self) -> Set[str]:
        """The types whose list we hold and trust (an unreadable answer is asked again)."""
        return set(self.simkl) - self.retry

    def to_dict(self) -> Dict[str, Any]:
        data = {
            "v": MEMORY_VERSION,
            "simkl": {type_: {str(simkl): item.to_dict() for simkl, item in items.items()}
                      for type_, items in self.simkl.items()},
            "kodi": self.kodi.to_dict(),
            "seeded": self.seeded,
            "retry": sorted(self.retry),
            "library": self.library,
            "resync": self.resync,
        }
        if self.clears_seen:
            data["clears_seen"] = self.clears_seen
            data["clears_titles"] = self.clears_titles
        if self.legacy:
            data["legacy"] = {key: [rating, ours] for key, (rating, ours) in self.legacy.items()}
        return data

    def held_clears(self) -> Optional[Dict[str, Any]]:
        """The large clear held back, as the status dialog shows it ({"count", "titles"}), or None."""
        return {"count": len(self.clears_seen), "titles": list(self.clears_titles)} if self.clears_seen else None

    def keep_held_clears(self) -> int:
        """The user's "Keep my library": the held ratings stay in Kodi and count as the user's from now on, so
        they are never proposed for clearing again unless the add-on writes them anew. How many were kept."""
        seen, kept = set(self.clears_seen), 0
        for _key, entry in list(self.kodi.items()):
            if entry.ours and kodi_key(entry.media, entry.row) in seen:
                self.kodi.remember(entry.media, entry.row, entry.ids, entry.rating, False)
                kept += 1
        self.clears_seen, self.clears_titles, self.clears_held = [], [], 0
        return kept

    def known(self, media: str, kodi_id: int, item: Any) -> int:
        """The rating remembered for a Kodi item (its dict: uniqueid, imdbnumber), 0 when none."""
        return self.kodi.known(media, kodi_id, kodi_ids(media, item))

    def remember(self, media: str, kodi_id: int, item: Any, rating: int, ours: bool) -> None:
        self.kodi.remember(media, kodi_id, kodi_ids(media, item), rating, ours)


def _legacy(value: Any) -> Dict[str, Tuple[int, bool]]:
    """A version 1 `kodi` map ({model.kodi_key: [rating, ours]}): only used to keep `ours` while migrating."""
    legacy = {}
    for key, item in _mapping(value).items():
        if isinstance(item, list) and len(item) == 2 and kodi_rating(item[0]) and str(key).startswith("kodi:"):
            legacy[str(key)] = (kodi_rating(item[0]), bool(item[1]))
    return legacy


def _mapping(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


class RatingWrite:
    """One Set*Details call setting userrating (0 clears it); ids: the item's external ids, for the memory."""

    __slots__ = ("media", "kodi_id", "rating", "ids")

    def __init__(self, media: str, kodi_id: int, rating: int, ids: Optional[Dict[str, Any]] = None):
        self.media = media
        self.kodi_id = kodi_id
        self.rating = rating
        self.ids = dict(ids or {})

    @property
    def key(self) -> str:
        return kodi_key(self.media, self.kodi_id)

    @property
    def fields(self) -> Dict[str, Any]:
        """What the call sets (the journal records it as a library write's fields)."""
        return {"userrating": int(self.rating)}

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


Row = Tuple[str, int, Dict[str, Any], int]  # media, Kodi id, external ids, userrating


def kodi_changes(memory: RatingMemory, rated_now: Dict[str, Dict[str, Any]],
                 row_item: Callable[[str, int], Optional[Dict[str, Any]]], library: Optional[str] = None,
                 may_send: bool = True, removed: AbstractSet[Tuple[str, int]] = frozenset()) -> List[RatingChange]:
    """The ratings the user changed in Kodi since we last looked. rated_now: {kodi_key: item} of the Kodi movies
    and shows rated now (userrating, uniqueid, imdbnumber); row_item(media, kodi id): that row now, or None when
    it is gone; library: the library's identity (None: unknown). A remembered rating no longer seen is a
    removal only when its row still holds the same item, unrated (a row now holding another title, or gone,
    is a rebuild or a deletion). The first look, a changed library and a mass disappearance only learn Kodi's
    ratings. may_send False: the changes are learnt, not returned (a library shared with other accounts).
    removed: the (media, row) Kodi announced as removed since the last look (rating_identity.removed_rows): a
    rating gone with its row is a deletion even when a scan has put the same title back in that row.
    Updates the memory."""
    rated = _rows(rated_now)
    seen = {memory.kodi.find(media, row, ids) for media, row, ids, _rating in rated}
    gone = [(key, entry) for key, entry in memory.kodi.items() if key not in seen]
    memory.relearned = relearn_reason(memory.seeded, memory.library, library, len(memory.kodi), len(gone))
    if memory.relearned:
        _relearn(memory, rated, library)
        return []
    memory.library = library or memory.library
    changes = []
    for media, row, ids, rating in rated:
        entry = memory.kodi.get(media, row, ids)
        previous = entry.rating if entry else 0
        if rating != previous:
            changes.append(RatingChange(media, row, rating, previous))
        if rating != previous or entry.row != row:
            memory.kodi.remember(media, row, ids, rating, bool(entry and entry.ours and rating == previous))
    for key, entry in gone:
        now = None if (entry.media, entry.row) in removed else row_item(entry.media, entry.row)
        if now is None or not entry.is_item(entry.media, entry.row, kodi_ids(entry.media, now)):
            memory.resync = True  # deleted, or moved to a row we do not know: the next pull fills it if unrated
        elif not kodi_rating(now.get("userrating")):
            changes.append(RatingChange(entry.media, entry.row, 0, entry.rating))
        if memory.kodi.entries.get(key) is entry:
            memory.kodi.forget(key)
    memory.held = 0 if may_send else len(changes)
    return changes if may_send else []


def _rows(items: Dict[str, Dict[str, Any]]) -> List[Row]:
    rows = []
    for key, item in sorted(items.items()):
        media, kodi_id = split_key(key)
        rows.append((media, kodi_id, kodi_ids(media, item), kodi_rating(item.get("userrating"))))
    return rows


def _relearn(memory: RatingMemory, rated: List[Row], library: Optional[str]) -> None:
    """Kodi's ratings become the memory, nothing is a change. Whether the add-on wrote a value is kept where the
    same item still holds it; a memory that held anything asks the next pull to fill Kodi's unrated items."""
    old, legacy = memory.kodi, memory.legacy
    memory.resync = memory.resync or memory.relearned != FIRST_LOOK or bool(legacy) or bool(len(old))
    memory.kodi = KodiRatings()
    for media, row, ids, rating in rated:
        before = old.get(media, row, ids)
        ours = (before is not None and before.rating == rating and before.ours) or \
            legacy.get(kodi_key(media, row)) == (rating, True)
        memory.kodi.remember(media, row, dict(before.ids, **ids) if before else ids, rating, ours)
    memory.legacy = {}
    memory.seeded = True
    memory.library = library or memory.library


def plan_pull(memory: RatingMemory, movies: Iterable[Dict[str, Any]], shows: Iterable[Dict[str, Any]],
              pending: Set[str], types: Sequence[str] = MEDIA_TYPES,
              title_year_fallback: bool = False, doubtful: Iterable[str] = (),
              allow_large_clears: bool = False, answer: Optional[str] = None) -> List[RatingWrite]:
    """The userrating writes that make Kodi's movies and shows carry Simkl's ratings: only where they differ,
    never over a Kodi rating still on its way to Simkl (pending kodi keys), and clearing a rating gone from
    Simkl only where Kodi still holds the value the add-on wrote. movies/shows: the JSON-RPC dicts with
    userrating. Types not synced are neither written nor cleared; a doubtful type's (held) list writes nothing
    but keeps its titles from being cleared. After a relearn (memory.resync) only unrated Kodi items are
    written and nothing is cleared. Clearing more than max(10, 5 %) of the ratings the add-on wrote at once
    (a cut-off answer looks exactly like that) waits for a second read that agrees and the user's standing yes
    (allow_large_clears: the setting "apply large removals without asking", or answer "apply": the user's Apply
    in the status dialog); until then Kodi keeps them."""
    movies, shows = list(movies), list(shows)
    index = KodiIndex(movies, shows, ())
    rows = {kodi_key(MOVIE, m["movieid"]): m for m in movies if "movieid" in m}
    rows.update((kodi_key(TVSHOW, s["tvshowid"]), s) for s in shows if "tvshowid" in s)
    current = {kodi_key(row[0], row[1]): row for row in _rows(rows)}
    wanted: Dict[str, Rated] = {}
    protected: Set[str] = set(pending)
    for type_ in list(types) + [type_ for type_ in doubtful if type_ not in types]:
        for rated in sorted(memory.simkl.get(type_, {}).values(), key=lambda item: item.simkl):
            for media, kodi_id in _matches(index, type_, rated, title_year_fallback):
                if type_ in types:
                    wanted.setdefault(kodi_key(media, kodi_id), rated)
                protected.add(kodi_key(media, kodi_id))
    writes = []
    for key in sorted(set(wanted) & set(current)):
        media, kodi_id, ids, rating = current[key]
        ids = dict(ids, simkl=wanted[key].simkl)
        if key not in pending and rating != wanted[key].rating and not (memory.resync and rating):
            writes.append(RatingWrite(media, kodi_id, wanted[key].rating, ids))
        elif rating == wanted[key].rating:
            entry = memory.kodi.get(media, kodi_id, ids)
            if entry is None or entry.rating != rating or "simkl" not in entry.ids:
                # Both sides agree: a later change in Kodi is the user's. The Simkl id now names the item.
                ours = bool(entry and entry.ours and entry.rating == rating)
                memory.kodi.remember(media, kodi_id, ids, rating, ours)
    if not memory.resync:
        clears = _clears(memory, current, protected, types)
        titles = [str(rows[kodi_key(w.media, w.kodi_id)].get("title") or "?") for w in clears[:MAX_TITLES]]
        writes.extend(_guarded_clears(memory, clears, allow_large_clears or answer == APPLY, titles))
    memory.resync = False
    return writes


def _guarded_clears(memory: RatingMemory, clears: List[RatingWrite], allow_large: bool,
                    titles: Sequence[str] = ()) -> List[RatingWrite]:
    """The clears that may go now: all of a small set; a large one only once read twice alike and allowed."""
    ours = sum(1 for _key, entry in memory.kodi.items() if entry.ours)
    if not is_large(len(clears), ours):
        memory.clears_seen, memory.clears_titles, memory.clears_held = [], [], 0
        return clears
    keys = sorted(kodi_key(write.media, write.kodi_id) for write in clears)
    if allow_large and keys == memory.clears_seen:
        memory.clears_seen, memory.clears_titles, memory.clears_held = [], [], 0
        return clears
    memory.clears_seen, memory.clears_held = keys, len(clears)
    memory.clears_titles = list(titles)[:MAX_TITLES]
    return []


def answer_held_clears(memory: RatingMemory, answer: Optional[str]) -> bool:
    """The user's answer to a held large clear, before the pull: Keep settles it now (keep_held_clears);
    Apply needs the pull to read Simkl again and agree (plan_pull's answer). True: the ratings must be read."""
    if not memory.clears_seen or answer not in (APPLY, KEEP):
        return False
    if answer == KEEP:
        memory.keep_held_clears()
        return False
    return True


def _clears(memory: RatingMemory, current: Dict[str, Row], protected: Set[str], types: Sequence[str]):
    """Ratings the add-on wrote that Simkl no longer has, where the same item in Kodi still holds them."""
    media_synced = {MOVIE} if (MOVIES in types or "anime" in types) else set()
    if "shows" in types or "anime" in types:
        media_synced.add(TVSHOW)
    clears = []
    for _key, entry in memory.kodi.items():
        row_key = kodi_key(entry.media, entry.row)
        row = current.get(row_key)
        if (entry.ours and row is not None and row_key not in protected and entry.media in media_synced
                and entry.is_item(*row[:3]) and row[3] == entry.rating):
            clears.append(RatingWrite(entry.media, entry.row, 0, entry.ids))
    return clears


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
        memory.kodi.remember(write.media, write.kodi_id, write.ids, write.rating, True)


def restored(memory: RatingMemory, writes: Iterable[RatingWrite]) -> None:
    """Remember the ratings an undo put back in Kodi (Kodi's values before a cycle, not the add-on's own), so the
    next look at Kodi's ratings does not take them for the user's change."""
    for write in writes:
        memory.kodi.remember(write.media, write.kodi_id, write.ids, write.rating, False)


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
