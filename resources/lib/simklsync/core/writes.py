"""One library write (a Set*Details call) kept compact: a first sync plans 50,000 of them (issue 18).

A write is a slotted record of the few values Kodi takes: no dict per write, the JSON-RPC params are
built only when the batch goes out (`to_rpc`)."""
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, Optional

from .model import SET_DETAILS

FIELDS = ("playcount", "lastplayed", "resume", "tag")


class _ReadOnlyDict(dict):
    """A dict value many writes share (one per write would be 10 MB on a first sync of 50,000 episodes):
    it encodes and compares as a dict, refuses changes, and copies as a plain dict."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("a shared write value is read-only; copy it first")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _refuse
    __ior__ = _refuse

    def copy(self):
        return dict(self)

    def __copy__(self):
        return dict(self)

    def __deepcopy__(self, memo):
        return dict(self)

    def __reduce__(self):
        return dict, (dict(self),)


NO_RESUME = _ReadOnlyDict(position=0, total=0)  # a watched mark's resume field


class Write:
    """One Set*Details call: playcount, lastplayed, resume (and a movie's `tag` array when the list tags are
    merged in, see core/list_tags.py), each None when the call leaves it alone, exactly as Kodi takes them.
    `fields` reads them as the call's dict (a read-only view: set the attributes to change a write)."""

    __slots__ = ("media", "kodi_id", "key") + FIELDS

    def __init__(self, media: str, kodi_id: int, key: str, fields: Optional[Mapping[str, Any]] = None,
                 playcount: Optional[int] = None, lastplayed: Optional[str] = None,
                 resume: Optional[Dict[str, Any]] = None):
        self.media = media
        self.kodi_id = kodi_id
        self.key = key
        self.playcount = playcount
        self.lastplayed = lastplayed
        self.resume = resume
        self.tag: Optional[List[str]] = None
        if fields:
            for name, value in fields.items():
                if name not in FIELDS:
                    raise ValueError(f"a library write carries only {', '.join(FIELDS)}, not {name!r}")
                setattr(self, name, value)

    def is_empty(self) -> bool:
        return self.playcount is None and self.lastplayed is None and self.resume is None and self.tag is None

    @property
    def fields(self) -> Mapping[str, Any]:
        return MappingProxyType(self._set_fields({}))

    def to_rpc(self) -> Dict[str, Any]:
        method, id_field = SET_DETAILS[self.media]
        return {"method": method, "params": self._set_fields({id_field: self.kodi_id})}

    def _set_fields(self, params: Dict[str, Any]) -> Dict[str, Any]:
        if self.playcount is not None:
            params["playcount"] = self.playcount
        if self.lastplayed is not None:
            params["lastplayed"] = self.lastplayed
        if self.resume is not None:
            params["resume"] = self.resume
        if self.tag is not None:
            params["tag"] = self.tag
        return params

    def __repr__(self):
        return f"Write({self.media!r}, {self.kodi_id!r}, {self.key!r}, {dict(self.fields)!r})"
