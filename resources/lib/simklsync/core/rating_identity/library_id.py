"""Which video library the ratings memory was learnt from, and when what it remembers is no longer to be believed.

The identity is the database (the MySQL server and database name, or the local SQLite file's name; both carry
Kodi's schema version) and a marker of the library's oldest rows: the lowest movie and TV show row ids with
their file and date added. Deleting the video database and rescanning, an import into MariaDB, or moving to
another server change one of them; a scan that adds titles does not. A rebuild that happens to keep the same
oldest rows is caught item by item instead (a remembered row now holding another title) and by the
mass-disappearance rule.
"""
import hashlib
import json
from typing import Any, Dict, Optional

# "The user removed their ratings" is not believed of more than this many at once, when also over half of them,
# nor of every one of at least ALL_FLOOR (a deleted and rescanned SQLite library keeps its rows and oldest rows
# when the titles come back in the same order: only the ratings all gone at once tell).
MASS_FLOOR = 10
ALL_FLOOR = 2

LIBRARY_CHANGED = "library_changed"
MASS_DISAPPEARANCE = "mass_disappearance"
FIRST_LOOK = "first_look"


def library_identity(database: Optional[str], server: Optional[str], first_movie: Optional[Dict[str, Any]],
                     first_show: Optional[Dict[str, Any]]) -> str:
    """A short stable fingerprint. first_movie/first_show: the lowest-id row's dict (movieid/tvshowid, file,
    dateadded), None for an empty table."""
    parts = [database or "", server or "", _row(first_movie, "movieid"), _row(first_show, "tvshowid")]
    return hashlib.sha1(json.dumps(parts).encode("utf-8")).hexdigest()[:16]


def _row(item: Optional[Dict[str, Any]], id_field: str):
    if not isinstance(item, dict):
        return None
    return [item.get(id_field), str(item.get("file") or ""), str(item.get("dateadded") or "")]


def relearn_reason(seeded: bool, remembered_library: Optional[str], library: Optional[str], remembered: int,
                   gone: int) -> Optional[str]:
    """Why Kodi's ratings are to be learnt afresh instead of compared, or None. remembered: how many ratings the
    memory holds; gone: how many of them Kodi no longer shows as rated."""
    if not seeded:
        return FIRST_LOOK
    if library and remembered_library and library != remembered_library:
        return LIBRARY_CHANGED
    if (gone > MASS_FLOOR and gone * 2 > remembered) or gone == remembered >= ALL_FLOOR:
        return MASS_DISAPPEARANCE
    return None
