"""The widget file: what each widget list shows, precomputed by the sync (Simkl's side from the mirror, the
Kodi library's matched at sync time), so a listing reads one small file and makes no request.

    {"version": 1, "lists": {"upnext": [row, ...], "inprogress": [...], "movies.plantowatch": [...], ...}}

Rows: core/widgets/entry.py (with `library` when Kodi has the item, core/widgets/library_match.py)."""
from typing import Any, Dict, List, NamedTuple, Optional, Sequence

from ..match import KodiIndex
from ..model import COMPLETED, EPISODE
from .in_progress import continue_watching
from .library_match import resolve
from .lists import list_names, status_list
from .up_next import up_next

VERSION = 1
UP_NEXT = "upnext"
IN_PROGRESS = "inprogress"
DEFAULT_LIMIT = 50


def all_lists() -> List[str]:
    return [UP_NEXT, IN_PROGRESS] + list_names()


class WidgetOptions(NamedTuple):
    """lists: the lists that exist (None: every one); limit: the rows each shows at most; hide_watched: drop
    the titles Kodi has as watched from the status lists (not Completed, not Continue watching)."""
    lists: Optional[Sequence[str]] = None
    limit: int = DEFAULT_LIMIT
    hide_watched: bool = False


def simkl_rows(mirror: Any, now: int, options: WidgetOptions) -> Dict[str, List[Dict[str, Any]]]:
    """Each enabled list's rows from the mirror alone, before the library match."""
    wanted = all_lists() if options.lists is None else [name for name in all_lists() if name in options.lists]
    rows = {}
    for name in wanted:
        if name == UP_NEXT:
            rows[name] = up_next(mirror, now)
        elif name == IN_PROGRESS:
            rows[name] = continue_watching(mirror)
        else:
            type_, status = name.split(".")
            rows[name] = status_list(mirror, type_, status)
    return rows


def episode_rows(rows: Dict[str, List[Dict[str, Any]]]) -> List[Dict[str, Any]]:
    """The episode rows, whose shows' episodes the library match needs read."""
    return [data for listed in rows.values() for data in listed if data["kind"] == EPISODE]


def build(rows: Dict[str, List[Dict[str, Any]]], index: KodiIndex, mirror: Any,
          options: WidgetOptions) -> Dict[str, Any]:
    lists = {}
    for name, listed in rows.items():
        matched = resolve(listed, index, mirror, advance=name == UP_NEXT)
        if options.hide_watched and name not in (IN_PROGRESS, UP_NEXT) and not name.endswith(COMPLETED):
            matched = [data for data in matched if not data.get("library", {}).get("playcount")]
        lists[name] = matched[:max(options.limit, 0)]
    return {"version": VERSION, "lists": lists}


def read(saved: Any) -> Dict[str, List[Dict[str, Any]]]:
    """The lists of a saved widget file; {} for anything unreadable (the plugin then lists nothing)."""
    if not isinstance(saved, dict) or saved.get("version") != VERSION or not isinstance(saved.get("lists"), dict):
        return {}
    return {name: [row for row in rows if isinstance(row, dict)]
            for name, rows in saved["lists"].items() if isinstance(rows, list)}


def shows_changed(old: Any, new: Dict[str, Any]) -> bool:
    """Whether a widget would show something else: the reload property is bumped only then."""
    return read(old) != new.get("lists")
