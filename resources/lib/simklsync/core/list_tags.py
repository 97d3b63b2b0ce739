"""Simkl's lists as Kodi tags: (mirror, Kodi movies and shows with their tags, settings) → the tag writes.

Kodi's Set*Details `tag` replaces the whole array, so a write carries the user's own tags unchanged and
ours as the lists say. "Ours" are the tag names of every list (enabled or not) and the names written
before (a language change renames them); every other tag belongs to the user and is never touched."""
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from .match import KodiIndex, normalize_title
from .model import ANIME, MOVIE, MOVIES, SET_DETAILS, SHOWS, TVSHOW, normalize_ids
from .plan.guard import is_large
from .plan.scope import EVERYTHING, Scope
from .state.mirror import Item, Mirror

# Display order: tags are written in this order after the user's own.
LISTS = ("plantowatch", "watching", "hold", "dropped", "completed")

Ref = Tuple[str, int]


class TagSettings:
    """`names`: list → its tag name (every list, localized); `enabled`: the lists kept as tags;
    `previous`: tag names written before (remembered in the sync state); movies/shows/anime as synced;
    `held`: the large tag removals held back by the previous cycle ({tag name: ["movie:12", ...]})."""

    def __init__(self, names: Dict[str, str], enabled: Iterable[str] = LISTS, previous: Iterable[str] = (),
                 movies: bool = True, shows: bool = True, anime: bool = True, title_year_fallback: bool = False,
                 held: Optional[Dict[str, List[str]]] = None):
        self.names = {status: name for status, name in names.items() if status in LISTS and name}
        self.enabled: FrozenSet[str] = frozenset(s for s in enabled if s in self.names)
        self.previous = frozenset(name for name in previous if isinstance(name, str) and name)
        self.movies = movies
        self.shows = shows
        self.anime = anime
        self.title_year_fallback = title_year_fallback
        self.held = held if isinstance(held, dict) else {}

    @property
    def ours(self) -> FrozenSet[str]:
        return frozenset(self.names.values()) | self.previous

    @property
    def active(self) -> bool:
        """Whether Kodi's tags have to be read at all: a list is on, or tags written before may need removing."""
        return bool(self.enabled or self.previous)

    def signature(self) -> List[str]:
        """What the tags were last written for: a change (a list switched, a new language) re-tags everything."""
        kinds = [kind for kind, on in ((MOVIES, self.movies), (SHOWS, self.shows), (ANIME, self.anime)) if on]
        return sorted(f"{status}={self.names[status]}" for status in self.enabled) + kinds


class TagWrite:
    """One Set{Movie,TVShow}Details call with the item's whole new tag array."""

    __slots__ = ("media", "kodi_id", "tags")

    def __init__(self, media: str, kodi_id: int, tags: List[str]):
        self.media = media
        self.kodi_id = kodi_id
        self.tags = tags

    @property
    def fields(self) -> Dict[str, Any]:
        return {"tag": list(self.tags)}

    def to_rpc(self) -> Dict[str, Any]:
        method, id_field = SET_DETAILS[self.media]
        return {"method": method, "params": {id_field: self.kodi_id, "tag": list(self.tags)}}

    def __eq__(self, other):
        return isinstance(other, TagWrite) and (self.media, self.kodi_id, self.tags) == (
            other.media, other.kodi_id, other.tags)

    def __repr__(self):
        return f"TagWrite({self.media!r}, {self.kodi_id!r}, {self.tags!r})"


def plan_tags(mirror: Mirror, index: KodiIndex, settings: TagSettings,
              scope: Scope = EVERYTHING) -> List[TagWrite]:
    """The tag writes that make Kodi's list tags what Simkl's lists say, only where they differ.
    `index` holds the Kodi movies and shows read with their `tag` property (an item without it is left
    alone: its user tags are unknown). `scope`: only the Kodi items these Simkl ids match (a delta cycle:
    the titles whose list moved or that were removed); Scope.everything() checks every Kodi movie and show."""
    wanted, touched = _claims(mirror, index, settings, scope)
    if scope.is_everything:
        touched = {(MOVIE, kodi_id) for kodi_id in index.movies} | {(TVSHOW, kodi_id) for kodi_id in index.shows}
    ours = settings.ours
    writes = []
    for media, kodi_id in sorted(touched):
        kodi = (index.movies if media == MOVIE else index.shows).get(kodi_id)
        current = kodi.get("tag") if isinstance(kodi, dict) else None
        if not isinstance(current, list):
            continue
        target = _ordered(wanted.get((media, kodi_id), set()), settings)
        have = [tag for tag in current if tag in ours]
        if set(have) == set(target) and len(have) == len(target):
            continue
        mine = [tag for tag in current if tag not in ours]
        writes.append(TagWrite(media, kodi_id, mine + target))
    return writes


def guard_removals(writes: List[TagWrite], index: KodiIndex,
                   settings: TagSettings) -> Tuple[List[TagWrite], Dict[str, List[str]]]:
    """(the tag writes that may go now, the removals held back {tag name: refs}). Removing an enabled list's
    tag from more than max(10, 5 %) of the Kodi items carrying it at once (a cut-off list looks exactly like
    that) waits for the next cycle's plan to propose the very same removals (settings.held: the previous
    cycle's); until then those items keep that tag, and their other tag changes go on. A list switched off or
    renamed is the user's doing: its tags go at once."""
    guarded = {settings.names[status] for status in settings.enabled}
    tagged: Dict[str, int] = {}
    for items in (index.movies, index.shows):
        for kodi in items.values():
            for name in set(_tags(kodi)) & guarded:
                tagged[name] = tagged.get(name, 0) + 1
    losing: Dict[str, List[str]] = {}
    for write in writes:
        kodi = (index.movies if write.media == MOVIE else index.shows).get(write.kodi_id)
        for name in (set(_tags(kodi)) & guarded) - set(write.tags):
            losing.setdefault(name, []).append(f"{write.media}:{write.kodi_id}")
    held = {name: sorted(refs) for name, refs in losing.items()
            if is_large(len(refs), tagged.get(name, 0)) and sorted(refs) != settings.held.get(name)}
    if not held:
        return writes, {}
    kept = []
    for write in writes:
        back = {name for name, refs in held.items() if f"{write.media}:{write.kodi_id}" in refs}
        if back:
            kodi = (index.movies if write.media == MOVIE else index.shows).get(write.kodi_id)
            ours = set(write.tags) & settings.ours | back
            if ours == set(_tags(kodi)) & settings.ours:
                continue  # the held removal was all this write did
            write = TagWrite(write.media, write.kodi_id,
                             [tag for tag in write.tags if tag not in settings.ours] + _ordered(ours, settings))
        kept.append(write)
    return kept, held


def _tags(kodi: Any) -> List[str]:
    tags = kodi.get("tag") if isinstance(kodi, dict) else None
    return [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []


def merge_into(writes: List[Any], tag_writes: List[TagWrite]) -> List[Ref]:
    """Moves each tag write whose movie already has a watched-state write (plan.Write) into that write's
    fields: one Set*Details call instead of two. `tag_writes` keeps the others; returns the merged refs."""
    by_ref = {(write.media, write.kodi_id): write for write in writes if write.media == MOVIE}
    merged, left = [], []
    for tag_write in tag_writes:
        write = by_ref.get((tag_write.media, tag_write.kodi_id))
        if write is None:
            left.append(tag_write)
            continue
        write.tag = list(tag_write.tags)
        merged.append((tag_write.media, tag_write.kodi_id))
    tag_writes[:] = left
    return merged


def _claims(mirror: Mirror, index: KodiIndex, settings: TagSettings, scope: Scope):
    """(Kodi ref → the tag names its Simkl titles want, the Kodi refs the scope's titles match). On a delta the
    other titles claim too (two Simkl titles, say two anime cours, can share one Kodi show), but only those
    that share an id (or, with title matching on, a title) with a touched Kodi item are matched at all."""
    kinds = [type_ for type_, on in ((MOVIES, settings.movies), (SHOWS, settings.shows), (ANIME, settings.anime))
             if on]
    wanted: Dict[Ref, Set[str]] = {}
    touched: Set[Ref] = set()
    candidates = None
    if not scope.is_everything:
        touched = _touched(mirror, index, settings, scope, kinds)
        if not touched:
            return wanted, touched
        candidates = _candidate_keys(index, touched, settings.title_year_fallback)
    for type_ in kinds:
        for item in mirror.entries(type_):
            if item.status not in settings.enabled:
                continue
            if candidates is not None and item.simkl not in scope and not _may_match(item, candidates):
                continue
            for ref in _refs(item, type_, index, settings):
                wanted.setdefault(ref, set()).add(settings.names[item.status])
    return wanted, touched


def _touched(mirror: Mirror, index: KodiIndex, settings: TagSettings, scope: Scope, kinds) -> Set[Ref]:
    """The Kodi items the scope's titles (listed, or removed from Simkl) stand for."""
    touched: Set[Ref] = set()
    for type_ in kinds:
        for simkl in scope:
            item = mirror.get(type_, simkl) or mirror.get_removed(type_, simkl)
            if item is not None:
                touched.update(_refs(item, type_, index, settings))
    return touched


def _candidate_keys(index: KodiIndex, touched: Set[Ref], titles: bool) -> Set[str]:
    """Every id value (and title) of the touched Kodi items, loosely: a superset of what a match could use."""
    keys: Set[str] = set()
    for media, kodi_id in touched:
        kodi = (index.movies if media == MOVIE else index.shows).get(kodi_id) or {}
        keys.update(str(value) for value in normalize_ids(kodi.get("uniqueid")).values())
        number = kodi.get("imdbnumber")
        if isinstance(number, str) and number.strip():
            keys.update((number.strip().lower(), number.strip().lower().lstrip("0")))
        if titles and media == MOVIE:
            keys.add("title:" + normalize_title(kodi.get("title")))
    return keys


def _may_match(item: Item, keys: Set[str]) -> bool:
    if any(str(value) in keys for name, value in item.ids.items() if name != "simkl"):
        return True
    return ("title:" + normalize_title(item.title)) in keys


def _refs(item: Item, type_: str, index: KodiIndex, settings: TagSettings) -> Sequence[Ref]:
    """The Kodi items a Simkl title stands for, matched as the watched-state planner matches them."""
    if type_ == MOVIES or (type_ == ANIME and item.anime_type == MOVIE and settings.movies):
        found = index.match_movie(item.ids, item.title, item.year, settings.title_year_fallback)
        if found or type_ == MOVIES:
            return [(MOVIE, kodi_id) for kodi_id in found.copies]
    found = index.match_show(item.ids, item.title, item.year)
    return [(TVSHOW, kodi_id) for kodi_id in found.copies]


def _ordered(names: Set[str], settings: TagSettings) -> List[str]:
    order = [settings.names[status] for status in LISTS if status in settings.names]
    return [name for name in order if name in names]


def written_names(settings: TagSettings) -> List[str]:
    """The tag names to remember as ours after a cycle (the enabled lists' current names)."""
    return sorted(settings.names[status] for status in settings.enabled)


# ---- what the sync state remembers ----------------------------------------------------------------

def with_state(settings: Optional[TagSettings], state: Any) -> Optional[TagSettings]:
    """The cycle's settings with the tag names written before (state: core.sync_state.SyncState, whose
    list_tags holds {"signature", "names"}) counted as ours."""
    if settings is None:
        return None
    saved = state.list_tags
    names = saved.get("names") if isinstance(saved, dict) else None
    previous = [name for name in names if isinstance(name, str)] if isinstance(names, list) else []
    held = saved.get("held") if isinstance(saved, dict) and isinstance(saved.get("held"), dict) else {}
    held = {name: refs for name, refs in held.items() if isinstance(name, str) and isinstance(refs, list)}
    return TagSettings(settings.names, settings.enabled, previous, settings.movies, settings.shows,
                       settings.anime, settings.title_year_fallback, held)


def stale(settings: Optional[TagSettings], state: Any) -> bool:
    """Whether Kodi's tags were written for other settings (or never): the cycle then checks every title."""
    if settings is None or not settings.active:
        return False
    saved = state.list_tags
    return not isinstance(saved, dict) or saved.get("signature") != settings.signature()


def remember(state: Any, settings: Optional[TagSettings], checked_all: bool,
             held: Optional[Dict[str, List[str]]] = None) -> None:
    """After a cycle's tag writes: a complete pass over every title records the settings it wrote for; any
    other cycle only adds the names it may have written, so a later pass still knows them as ours. held: the
    large tag removals this cycle held back (guard_removals), for the next cycle to agree with."""
    if settings is None or not settings.active:
        return
    if checked_all and not settings.enabled:
        state.list_tags = None  # every tag of ours is gone: nothing left to read or remove
        return
    saved = state.list_tags if isinstance(state.list_tags, dict) else {}
    if checked_all:
        state.list_tags = {"signature": settings.signature(), "names": written_names(settings)}
    else:
        names = sorted(set(settings.previous) | set(written_names(settings)))
        state.list_tags = {"signature": saved.get("signature"), "names": names}
    if held:
        state.list_tags["held"] = held
