"""One library write (a Set*Details call) kept compact: a first sync plans 50,000 of them (issue 18).

A write is a slotted record of the few values Kodi takes: no dict per write, the JSON-RPC params are
built only when the batch goes out (`to_rpc`)."""
import datetime
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, Optional, Union

from ..model import SET_DETAILS
from ..times import epoch_to_kodi, epoch_to_local

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
    `fields` reads them as the call's dict (a read-only view: set the attributes to change a write).

    A planned watch keeps its instant (`played`: the mirror's own epoch int, shared) and Kodi's local text
    is made only when it is read, as the batch goes out: 55,000 texts would be 3.7 MB held for minutes."""

    __slots__ = ("media", "kodi_id", "key", "playcount", "_played", "_tz", "resume", "tag")

    def __init__(self, media: str, kodi_id: int, key: str, fields: Optional[Mapping[str, Any]] = None,
                 playcount: Optional[int] = None, resume: Optional[Dict[str, Any]] = None):
        self.media = media
        self.kodi_id = kodi_id
        self.key = key
        self.playcount = playcount
        self._played: Union[None, str, int] = None  # Kodi's text as given, or an epoch (then _tz is its zone)
        self._tz: Optional[datetime.tzinfo] = None
        self.resume = resume
        self.tag: Optional[List[str]] = None
        if fields:
            for name, value in fields.items():
                if name not in FIELDS:
                    raise ValueError(f"a library write carries only {', '.join(FIELDS)}, not {name!r}")
                setattr(self, name, value)

    def played(self, epoch: int, tz: Optional[datetime.tzinfo]) -> None:
        """lastplayed is this instant, as Kodi's local time in `tz` (None: the machine's zone)."""
        self._played, self._tz = epoch, tz

    @property
    def lastplayed(self) -> Optional[str]:
        played = self._played
        if played is None or isinstance(played, str):
            return played
        return epoch_to_kodi(played, self._tz)

    @lastplayed.setter
    def lastplayed(self, text: Optional[str]) -> None:
        if text is not None and not isinstance(text, str):
            raise TypeError(f"lastplayed is Kodi's local time text, not {text!r} (an instant goes to played())")
        self._played, self._tz = text, None

    @property
    def played_at(self) -> Optional[int]:
        """The epoch of a lastplayed given as an instant (None when given as text, or absent)."""
        played = self._played
        return None if played is None or isinstance(played, str) else played

    def local_played(self) -> Optional[datetime.datetime]:
        """The wall-clock time of a lastplayed given as an instant, without making its text (None otherwise):
        it orders as the text would."""
        played = self._played
        return None if played is None or isinstance(played, str) else epoch_to_local(played, self._tz)

    @property
    def has_lastplayed(self) -> bool:
        """A lastplayed that names a time (an empty text does not)."""
        return self._played is not None and self._played != ""

    def is_empty(self) -> bool:
        return self.playcount is None and self._played is None and self.resume is None and self.tag is None

    @property
    def fields(self) -> Mapping[str, Any]:
        return MappingProxyType(self._set_fields({}))

    def to_rpc(self) -> Dict[str, Any]:
        method, id_field = SET_DETAILS[self.media]
        return {"method": method, "params": self._set_fields({id_field: self.kodi_id})}

    def _set_fields(self, params: Dict[str, Any]) -> Dict[str, Any]:
        if self.playcount is not None:
            params["playcount"] = self.playcount
        played = self._played
        if played is not None:
            params["lastplayed"] = played if isinstance(played, str) else epoch_to_kodi(played, self._tz)
        if self.resume is not None:
            params["resume"] = self.resume
        if self.tag is not None:
            params["tag"] = self.tag
        return params

    def __repr__(self):
        return f"Write({self.media!r}, {self.kodi_id!r}, {self.key!r}, {dict(self.fields)!r})"
