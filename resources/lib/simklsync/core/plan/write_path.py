"""Which library writes may go by Kodi's lightest call, `Files.SetFileDetails`, and which keep `Set*Details`.

Both write the same `files.playCount/lastPlayed` and `bookmark` rows (xbmc FileOperations.cpp, VideoLibrary.cpp,
VideoDatabase.cpp of Kodi 20, 21 and master), but Set*Details first reloads the whole item and rewrites its row
(an episode by the scanner's full path, ending in a reload of any open list), while SetFileDetails does neither.
Where the two differ, the rules below keep Set*Details:
- SetFileDetails announces no `VideoLibrary.OnUpdate`: a small batch (what a user did, a short delta) keeps
  Set*Details so other add-ons still hear of each change; only bulk work (a first sync, a large delta) goes light.
- given `lastplayed` without `playcount` it marks the file watched (playcount >= 1): such a write goes light only
  when the item is watched already (then Kodi keeps its count, as Set*Details does).
- a resume point without a total takes the video's duration from the item's stream details, which its file
  lookup does not load: a resume point goes light only with its total (or position 0, which clears it).
- it addresses the file by its path, so only a plain path (local, smb://, nfs://) whose row is the item's goes
  light: a stack://, archive or plugin path could name a row of its own, and a file two items share (a
  multi-episode file, movie versions) would change both.
- tags and ratings are not file fields at all.
Kodi refuses a file it cannot stat (an offline share): the caller sends those writes again by Set*Details."""
import re
from typing import Any, Dict, Optional

from ..model import EPISODE, MOVIE
from .writes import Write

# More writes than this in one apply are bulk work (a first sync, a large delta, a large undo).
BULK_WRITES = 100
# A long bulk write refreshes the open media list this often (SetFileDetails updates a list row by path only).
REFRESH_SECONDS = 30.0
FILE_METHOD = "Files.SetFileDetails"

_PLAIN_PATH = re.compile(r"^(?:/|[A-Za-z]:[\\/]|\\\\|smb://|nfs://)", re.IGNORECASE)
_LIGHT_FIELDS = ("playcount", "lastplayed", "resume")


def is_bulk(count: int, bulk: Optional[bool] = None) -> bool:
    """bulk: True or False when the caller knows; None decides by the number of writes."""
    return count > BULK_WRITES if bulk is None else bool(bulk)


def plain_path(path: Any) -> bool:
    return isinstance(path, str) and bool(_PLAIN_PATH.match(path)) and "://" not in path.split("://", 1)[-1]


def light_path(write, path: Any, shared: bool, playcount_now: Any) -> Optional[str]:
    """The media file `write` may go to by Files.SetFileDetails with the same result as Set*Details, or None.
    Only a watched-state write (a Write: not a list tag's or a rating's) of file fields alone goes light."""
    if not isinstance(write, Write) or write.media not in (MOVIE, EPISODE) or shared or not plain_path(path):
        return None
    fields = write.fields
    if not fields or any(name not in _LIGHT_FIELDS for name in fields):
        return None
    if write.playcount is None and write.lastplayed is not None:
        if not write.has_lastplayed or _count(playcount_now) < 1:
            return None  # Kodi would set (or clear) the watched state a Set*Details call leaves alone
    resume = write.resume
    if resume is not None:
        if not isinstance(resume, dict) or _count(resume.get("position")) > 0 and _count(resume.get("total")) <= 0:
            return None
    return path


def file_rpc(write, path: str) -> Dict[str, Any]:
    """The Files.SetFileDetails call of a write light_path() let through."""
    params: Dict[str, Any] = {"file": path, "media": "video"}
    params.update((name, value) for name, value in write.fields.items() if name in _LIGHT_FIELDS)
    return {"method": FILE_METHOD, "params": params}


class RefreshTimer:
    """When a bulk write refreshes the open media list: during a long one every REFRESH_SECONDS, and once at
    its end when anything went light since the last refresh."""

    def __init__(self, clock, every: float = REFRESH_SECONDS):
        self._clock = clock
        self._every = every
        self._last = clock()
        self._owed = False

    def wrote(self) -> None:
        self._owed = True

    def due(self, end: bool = False) -> bool:
        now = self._clock()
        if self._owed and (end or now - self._last >= self._every):
            self._last, self._owed = now, False
            return True
        return False


def _count(value: Any) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
