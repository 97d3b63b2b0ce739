"""Widget rows (core/widgets/entry.py) as directory items: a title in the Kodi library as that library item
(its file, dbid, mediatype, playcount and resume point: it plays and resumes as from the library), any other
with Simkl's title, year and art, marked not in the library, opening the add-on's item dialog."""
from typing import Any, Dict
from urllib.parse import urlencode

from ..constants import ADDON_ID
from ..core.model import EPISODE
from ..core.times import from_epoch, iso_z

BASE_URL = f"plugin://{ADDON_ID}/"
NOT_IN_LIBRARY = 32770  # strings.po
IN_LIBRARY_PROPERTY = "SimklSync.InLibrary"  # "true" / "false", for skins
LINK_PROPERTY = "SimklSync.Link"
PROGRESS_PROPERTY = "SimklSync.Progress"
AIRED_PROPERTY = "SimklSync.Aired"  # New episodes: the air time, ISO UTC


def plugin_url(**params: Any) -> str:
    return BASE_URL + ("?" + urlencode(params) if params else "")


def directory_item(name: str, row: Dict[str, Any], localize) -> Dict[str, Any]:
    """The item of one row of list `name`: {url, label, folder, playable, info, art, properties}."""
    library = row.get("library") if isinstance(row.get("library"), dict) else None
    info = {"title": row.get("title") or "", "year": row.get("year") or 0}
    if row.get("kind") == EPISODE:
        info.update(tvshowtitle=row.get("show_title") or row.get("title") or "", season=row.get("season") or 0,
                    episode=row.get("episode") or 0, title=_episode_label(row))
    properties = {IN_LIBRARY_PROPERTY: "true" if library else "false", LINK_PROPERTY: row.get("link") or ""}
    if row.get("progress"):
        properties[PROGRESS_PROPERTY] = str(row["progress"])
    if isinstance(row.get("aired"), int):
        properties[AIRED_PROPERTY] = iso_z(from_epoch(row["aired"]))
    item = {"label": _label(row), "info": info, "art": dict(row.get("art") or {}), "properties": properties}
    if library:
        info.update(dbid=library.get("dbid"), mediatype=library.get("mediatype"),
                    playcount=library.get("playcount") or 0, resume=library.get("resume") or {})
        folder = library.get("mediatype") == "tvshow"
        item.update(url=library.get("file") or "", folder=folder, playable=not folder)
        return item
    info.update(mediatype=row.get("kind"), plot=localize(NOT_IN_LIBRARY))
    params = {"action": "open", "list": name, "simkl": row.get("simkl")}
    if row.get("kind") == EPISODE:
        params.update(season=row.get("season"), episode=row.get("episode"))
    item.update(url=plugin_url(**params), folder=False, playable=False)
    return item


def _label(row: Dict[str, Any]) -> str:
    if row.get("kind") == EPISODE:
        return f"{row.get('show_title') or row.get('title') or '?'} {_episode_label(row)}"
    return row.get("title") or "?"


def _episode_label(row: Dict[str, Any]) -> str:
    return f"S{int(row.get('season') or 0):02d}E{int(row.get('episode') or 0):02d}"
