"""The Simkl list tags' settings: which lists are kept as Kodi tags, and their names in Kodi's language."""
from ..core.list_tags import LISTS, TagSettings
from . import ui

# The tag names ("Simkl: Plan to watch"…), in strings.po so each language names them.
TAG_NAME_IDS = {"plantowatch": 32406, "watching": 32407, "hold": 32408, "dropped": 32409, "completed": 32410}


def setting_id(status):
    return "list_tag_" + status


def tag_names():
    return {status: ui.localize(TAG_NAME_IDS[status]) for status in LISTS}


def read(get_bool, sync_settings):
    """TagSettings from the add-on settings; `sync_settings` gives the media types synced and the matching."""
    enabled = [status for status in LISTS if get_bool(setting_id(status))]
    return TagSettings(tag_names(), enabled, (), sync_settings.movies, sync_settings.shows, sync_settings.anime,
                       sync_settings.title_year_fallback)
