"""What the rating, list and sync actions act on, and what every action says when Simkl cannot know the item."""
import logging

from ..model import EPISODE, MOVIE, TVSHOW

LOG = logging.getLogger("simklsync.item_actions")

SHOW_PROPERTIES = ["title", "year", "uniqueid", "imdbnumber", "userrating"]
EPISODE_PROPERTIES = ["tvshowid", "season", "episode", "playcount"]
NO_IDS = 32359


def movie_or_show(library, action):
    """(movie or tvshow, its id): a season or an episode stands for its show (Simkl rates and lists neither)."""
    if action.media in (MOVIE, TVSHOW, "season"):
        return (MOVIE if action.media == MOVIE else TVSHOW), action.kodi_id
    episode = library.details(EPISODE, action.kodi_id, EPISODE_PROPERTIES) or {}
    return TVSHOW, episode.get("tvshowid")


def no_ids(say, item):
    """Nothing is sent for an item without an id Simkl knows; the user is told. False: nothing was queued."""
    LOG.info("%s has no id Simkl knows: nothing sent", item.get("title") or "this item")
    say(NO_IDS, title=item.get("title") or "?")
    return False
