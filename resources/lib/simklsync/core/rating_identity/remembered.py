"""The Kodi side of the ratings memory, keyed by what each item is.

An entry is found by its external ids (the Simkl id once a Simkl rating matched it, else imdb/tmdb/tvdb as
model.simkl_ids reads Kodi's uniqueid): two id sets name the same item when they share an id and disagree on
none. The row id is kept only as a hint where to look the item up; an item with no id at all (a home video) is
keyed by its row, and can never be sent to Simkl anyway.
"""
from typing import Any, Dict, Iterable, Optional, Tuple

from ..model import MOVIE, TVSHOW, normalize_ids, simkl_ids

# Which id names a key, per media type (the first one the item has).
KEY_ORDER = {MOVIE: ("simkl", "imdb", "tmdb", "tvdb"), TVSHOW: ("simkl", "tvdb", "imdb", "tmdb")}


def kodi_ids(media: str, item: Any) -> Dict[str, Any]:
    """The external ids of a Kodi movie or TV show dict (uniqueid, imdbnumber), as Simkl write bodies carry them."""
    item = item if isinstance(item, dict) else {}
    return simkl_ids(item.get("uniqueid"), item.get("imdbnumber", ""), "tmdb" if media == MOVIE else "tvdb")


def same_item(ids: Dict[str, Any], other: Dict[str, Any]) -> bool:
    """Two id sets name one item: at least one id in common, none that differs."""
    shared = set(ids) & set(other)
    return bool(shared) and all(ids[name] == other[name] for name in shared)


def entry_key(media: str, ids: Dict[str, Any], row: int) -> str:
    for name in KEY_ORDER.get(media, KEY_ORDER[MOVIE]) + tuple(sorted(ids)):
        if name in ids:
            return f"{media}:{name}:{ids[name]}"
    return f"{media}:row:{row}"


class Remembered:
    """One remembered Kodi rating: media, rating 1-10, ours (the add-on wrote it), row (where it was last seen),
    ids (its external ids)."""

    __slots__ = ("media", "rating", "ours", "row", "ids")

    def __init__(self, media: str, rating: int, ours: bool, row: int, ids: Dict[str, Any]):
        self.media = media
        self.rating = rating
        self.ours = ours
        self.row = row
        self.ids = ids

    def is_item(self, media: str, row: int, ids: Dict[str, Any]) -> bool:
        """Whether a Kodi item (media, row, ids) is this one: by ids; by row only when neither has an id."""
        if media != self.media:
            return False
        if self.ids or ids:
            return same_item(self.ids, ids)
        return row == self.row

    def to_list(self):
        return [self.media, self.rating, self.ours, self.row, self.ids]

    @classmethod
    def from_list(cls, value: Any) -> Optional["Remembered"]:
        if not isinstance(value, list) or len(value) != 5 or value[0] not in KEY_ORDER:
            return None
        media, rating, ours, row, ids = value
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 10:
            return None
        if isinstance(row, bool) or not isinstance(row, int):
            return None
        return cls(media, rating, bool(ours), row, _stored_ids(ids))


def _stored_ids(value: Any) -> Dict[str, Any]:
    ids = normalize_ids(value)
    return {name: int(text) if name != "imdb" and str(text).isdigit() else text for name, text in ids.items()}


class KodiRatings:
    """{entry key: Remembered}, looked up by what an item is."""

    def __init__(self, entries: Optional[Dict[str, Remembered]] = None):
        self.entries: Dict[str, Remembered] = dict(entries or {})
        self._by_id: Optional[Dict[Tuple[str, str, Any], str]] = None

    @classmethod
    def from_dict(cls, data: Any) -> "KodiRatings":
        entries = {}
        for key, value in (data.items() if isinstance(data, dict) else ()):
            entry = Remembered.from_list(value)
            if entry is not None:
                entries[str(key)] = entry
        return cls(entries)

    def to_dict(self) -> Dict[str, Any]:
        return {key: entry.to_list() for key, entry in self.entries.items()}

    def __len__(self):
        return len(self.entries)

    def items(self) -> Iterable[Tuple[str, Remembered]]:
        return sorted(self.entries.items())

    def find(self, media: str, row: int, ids: Dict[str, Any]) -> Optional[str]:
        """The key of the entry for this Kodi item, or None."""
        index = self._index()
        names = [(media, name, value) for name, value in sorted(ids.items())] or [(media, "row", row)]
        for name in names:
            key = index.get(name)
            if key is not None and self.entries[key].is_item(media, row, ids):
                return key
        return None

    def _index(self) -> Dict[Tuple[str, str, Any], str]:
        """{(media, id name, value): entry key}, built once and kept up to date (every item is looked up)."""
        if self._by_id is None:
            self._by_id = {}
            for key, entry in self.entries.items():
                self._indexed(key, entry, add=True)
        return self._by_id

    def _indexed(self, key: str, entry: Remembered, add: bool) -> None:
        if self._by_id is None:
            return
        for name, value in (entry.ids.items() if entry.ids else [("row", entry.row)]):
            if add:
                self._by_id.setdefault((entry.media, name, value), key)
            elif self._by_id.get((entry.media, name, value)) == key:
                del self._by_id[(entry.media, name, value)]

    def get(self, media: str, row: int, ids: Dict[str, Any]) -> Optional[Remembered]:
        key = self.find(media, row, ids)
        return self.entries[key] if key is not None else None

    def known(self, media: str, row: int, ids: Dict[str, Any]) -> int:
        entry = self.get(media, row, ids)
        return entry.rating if entry else 0

    def remember(self, media: str, row: int, ids: Dict[str, Any], rating: int, ours: bool) -> None:
        """Sets (rating 0: forgets) the item's rating; ids it was known by before are kept (a Simkl id learnt
        from a match stays), and its key follows its best id."""
        key = self.find(media, row, ids)
        old = self.entries.get(key) if key is not None else None
        if key is not None:
            self.forget(key)
        if not rating:
            return
        merged = dict(old.ids, **ids) if old is not None and same_item(old.ids, ids) else dict(ids)
        key = entry_key(media, merged, row)
        self.forget(key)
        self.entries[key] = Remembered(media, rating, ours, row, merged)
        self._indexed(key, self.entries[key], add=True)

    def forget(self, key: str) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self._indexed(key, entry, add=False)
