"""The widget files: what each widget list shows, precomputed by the sync (Simkl's side from the mirror, the
Kodi library's matched at sync time), so a listing reads one small file and makes no request. Each list is a
file of its own (a 1,000-row list parses in a few milliseconds; all of them together took 50); an index names
them with a digest of each, which tells whether a widget would show something else:

    widgets.json                {"version": 1, "options": [...], "lists": {"upnext": "<sha1>", ...}}
    widgets/<list name>.json    [row, ...]

Rows: core/widgets/entry.py (with `library` when Kodi has the item, core/widgets/library_match.py)."""
import hashlib
import json
from typing import Any, Dict, List, NamedTuple, Optional, Sequence

from ..match import KodiIndex
from ..model import COMPLETED, EPISODE
from .in_progress import continue_watching
from .library_match import resolve
from .lists import list_names, status_list
from .new_episodes import new_episodes
from .saved import IN_PROGRESS, NEW_EPISODES, UP_NEXT, VERSION, list_names_of, rows_of  # noqa: F401 - theirs too
from .up_next import up_next

DEFAULT_LIMIT = 50


def all_lists() -> List[str]:
    return [UP_NEXT, IN_PROGRESS, NEW_EPISODES] + list_names()


class WidgetOptions(NamedTuple):
    """lists: the lists that exist (None: every one); limit: the rows each shows at most; hide_watched: drop
    the titles Kodi has as watched from the status lists (not Completed, not Continue watching)."""
    lists: Optional[Sequence[str]] = None
    limit: int = DEFAULT_LIMIT
    hide_watched: bool = False


def simkl_rows(mirror: Any, now: int, options: WidgetOptions,
               calendars: Optional[Dict[str, Any]] = None) -> Dict[str, List[Dict[str, Any]]]:
    """Each enabled list's rows from the mirror (and the cached calendar files), before the library match."""
    wanted = all_lists() if options.lists is None else [name for name in all_lists() if name in options.lists]
    rows = {}
    for name in wanted:
        if name == UP_NEXT:
            rows[name] = up_next(mirror, now)
        elif name == IN_PROGRESS:
            rows[name] = continue_watching(mirror)
        elif name == NEW_EPISODES:
            rows[name] = new_episodes(mirror, calendars or {}, now)
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


def index(made: Dict[str, Any], options: List[Any]) -> Dict[str, Any]:
    """The index of a build: the options it was made with and a digest per list."""
    return {"version": VERSION, "options": options,
            "lists": {name: digest(rows) for name, rows in made["lists"].items()}}


def digest(rows: List[Dict[str, Any]]) -> str:
    text = json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324 - a change check, not security


def shared_form(made: Dict[str, Any], options: List[Any]) -> Dict[str, Any]:
    """A build as a shared-library puller publishes it for its followers (household/pulled.py)."""
    return {"version": VERSION, "options": options, "lists": made["lists"]}


def from_shared(payload: Any) -> Optional[Dict[str, Any]]:
    """A published build read back: {"version", "options", "lists"} with only the known lists (a list's name
    becomes a file name) of dict rows; None for anything else."""
    if not isinstance(payload, dict) or payload.get("version") != VERSION or not isinstance(payload.get("lists"), dict):
        return None
    known = set(all_lists())
    lists = {name: rows_of(rows) for name, rows in payload["lists"].items() if name in known}
    options = payload.get("options") if isinstance(payload.get("options"), list) else []
    return {"version": VERSION, "options": options, "lists": lists}


def changed_lists(old_index: Any, new_index: Dict[str, Any]) -> List[str]:
    """The lists whose rows differ from the saved index's (new, changed or gone): the reload is bumped only when
    there is one."""
    old = old_index.get("lists") if isinstance(old_index, dict) and old_index.get("version") == VERSION else None
    old = old if isinstance(old, dict) else {}
    new = new_index["lists"]
    return sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))
