"""The Simkl list tags' settings: which lists are kept as Kodi tags, and their names in Kodi's language."""
from ..core.list_tags import LISTS, TagSettings
from . import ui

# The tag names ("Simkl: Plan to watch"…), in strings.po so each language names them.
TAG_NAME_IDS = {"plantowatch": 32406, "watching": 32407, "hold": 32408, "dropped": 32409, "completed": 32410}


def setting_id(status):
    return "list_tag_" + status


def tag_names(text=None):
    """{status: its tag's name}; text(string_id): the add-on's string (by default one Addon object's)."""
    text = text or ui.strings()
    return {status: text(TAG_NAME_IDS[status]) for status in LISTS}


def read(get_bool, sync_settings, text=None):
    """TagSettings from the add-on settings; `sync_settings` gives the media types synced and the matching;
    `text` as for tag_names."""
    enabled = [status for status in LISTS if get_bool(setting_id(status))]
    return TagSettings(tag_names(text), enabled, (), sync_settings.movies, sync_settings.shows, sync_settings.anime,
                       sync_settings.title_year_fallback)
