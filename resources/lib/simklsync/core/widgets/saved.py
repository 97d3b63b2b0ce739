"""What a listing needs of the saved widget files: the index's list names and a list file's rows, apart from the
modules that build them (widget_file.py): the plugin imports this in a fresh interpreter on every listing."""
from typing import Any, Dict, List

VERSION = 1
UP_NEXT = "upnext"
IN_PROGRESS = "inprogress"
NEW_EPISODES = "newepisodes"


def list_names_of(saved_index: Any) -> List[str]:
    """The lists a saved index names, in their order; [] for anything unreadable (the plugin lists nothing)."""
    if not isinstance(saved_index, dict) or saved_index.get("version") != VERSION:
        return []
    lists = saved_index.get("lists")
    return [name for name in lists if isinstance(name, str)] if isinstance(lists, dict) else []


def rows_of(saved_list: Any) -> List[Dict[str, Any]]:
    """The rows of a saved list file; [] for anything unreadable."""
    return [row for row in saved_list if isinstance(row, dict)] if isinstance(saved_list, list) else []
