"""The plugin's paths: the root menu (one folder per list), one path per list, and the item dialog of a title
not in the library. A listing reads the widget file only: no Simkl request, no state file.

    plugin://script.simkl.sync/                                   the root menu
    plugin://script.simkl.sync/?list=upnext&reload=...            Up Next
    plugin://script.simkl.sync/?list=inprogress&reload=...        Continue watching
    plugin://script.simkl.sync/?list=newepisodes&reload=...       New episodes (Simkl's calendar)
    plugin://script.simkl.sync/?list=movies.plantowatch&reload=...  a status list (<type>.<status>)
    optional: limit=N (at most N items)
"""
import logging
import os
from urllib.parse import parse_qsl, unquote

from ..constants import NOTIFY_ITEM_ACTION, NOTIFY_SENDER, WIDGETS_DIR, WIDGETS_FILE
from ..core.model import as_number
from ..core.state.store import JsonStore
from ..core.widgets import saved
from ..core.widgets.saved import IN_PROGRESS, NEW_EPISODES, UP_NEXT
from ..kodi import log, settings, ui
from ..kodi.plugin_directory import Directory
from .items import directory_item, plugin_url

LOG = logging.getLogger("simklsync.plugin")

LABELS = {UP_NEXT: 32752, IN_PROGRESS: 32753, NEW_EPISODES: 32870}
TYPE_LABELS = {"movies": 32765, "shows": 32766, "anime": 32767}
STATUS_LABELS = {"plantowatch": 32760, "watching": 32761, "hold": 32762, "completed": 32763, "dropped": 32764}
CONTENT = {UP_NEXT: "episodes", IN_PROGRESS: "videos", NEW_EPISODES: "episodes", "movies": "movies", "shows": "tvshows",
           "anime": "tvshows"}


def run(argv):
    current = settings.Settings()
    log.setup(current.debug_logging)
    handle = int(argv[1]) if len(argv) > 1 and str(argv[1]).lstrip("-").isdigit() else -1
    query = str(argv[2]).lstrip("?") if len(argv) > 2 else ""
    params = dict(parse_qsl(query))
    if query and not params.get("list") and params.get("action") != "open":
        _script_action(handle, query)
        return
    names = saved.list_names_of(_load(WIDGETS_FILE)) if current.logged_in else []
    if params.get("action") == "open":
        _open(_rows(names, params.get("list")), params)
    elif params.get("list"):
        _list(handle, _rows(names, params["list"]), params)
    else:
        _root(handle, names)


def _script_action(handle, query):
    """RunAddon / Addons.ExecuteAddon of an add-on with a video plugin source opens the plugin with the script's
    arguments as its query (?login, ?context&watched&media=movie&id=5): the directory is refused, the script's
    action run."""
    from ..script import actions as script_actions  # noqa: PLC0415 - a listing never pays for the script's imports

    if handle >= 0:
        Directory(handle).end("files", ok=False)
    script_actions.run([unquote(word) for word in query.split("&") if word])


def _load(*parts):
    """A file the sync saved (sync/widgets_step.py writes them)."""
    return JsonStore(os.path.join(settings.profile_path(), *parts), schema=1, durable=False).load()


def _rows(names, name):
    """The rows of a list the index names (any other name reads nothing: no path from the URL)."""
    return saved.rows_of(_load(WIDGETS_DIR, name + ".json")) if name in names else []


def list_label(name):
    if name in LABELS:
        return ui.localize(LABELS[name])
    type_, _, status = name.partition(".")
    return ui.localize(32775, type=ui.localize(TYPE_LABELS.get(type_, 32765)),
                       list=ui.localize(STATUS_LABELS.get(status, 32760)))


def _root(handle, names):
    directory = Directory(handle)
    for name in names:
        directory.add({"url": plugin_url(list=name), "label": list_label(name), "folder": True, "playable": False,
                       "info": {}, "art": {}, "properties": {}})
    directory.end("files", ok=True)


def _list(handle, rows, params):
    name = params["list"]
    limit = as_number(params.get("limit"))
    if limit:
        rows = rows[:limit]
    directory = Directory(handle)
    localize = ui.strings()  # one Addon object for the listing, not one per title not in the library
    for row in rows:
        directory.add(directory_item(name, row, localize))
    directory.end(CONTENT.get(name, CONTENT.get(name.split(".")[0], "videos")), ok=True, category=list_label(name))


def _open(rows, params):
    """A title not in the library: the add-on's dialog, its answer handed to the service (the outbox)."""
    # Imported here: a listing (a widget) never pays for the actions' modules (measured: a third of its imports).
    from ..core.item_actions.simkl_item import simkl_action_data  # noqa: PLC0415
    from ..kodi import rpc  # noqa: PLC0415
    from ..kodi.gui.widget_item_dialog import choose_action  # noqa: PLC0415

    row = _find(rows, params)
    if row is None:
        LOG.info("widget item %s no longer listed", params.get("simkl"))
        return
    action = choose_action(row)
    if action is None:
        return
    data = simkl_action_data(action, row)
    try:
        rpc.call("JSONRPC.NotifyAll", {"sender": NOTIFY_SENDER, "message": NOTIFY_ITEM_ACTION, "data": data})
    except rpc.RpcError as error:
        LOG.warning("could not reach the service: %s", error)


def _find(rows, params):
    simkl = as_number(params.get("simkl"))
    season, episode = as_number(params.get("season")), as_number(params.get("episode"))
    for row in rows:
        same_episode = season is None or (row.get("season"), row.get("episode")) == (season, episode)
        if row.get("simkl") == simkl and same_episode:
            return row
    return None
