"""Actions on one library item (the context menu, the rating dialog), run on the service's worker thread:
each goes to Simkl through the outbox and changes Kodi at once, so the user sees it.

    watched / unwatched   the movie, the episode, or every episode of the season or show
    rate                  the movie or the show (Simkl rates neither seasons nor episodes); 0 removes it
    plantowatch           the movie or the show onto Simkl's Plan to watch
    sync                  a sync cycle now
"""
import json
import time
from collections import namedtuple

from ..ratings import valid_rating
from .lists import ListAdds
from .marks import Marks
from .rating import Rating
from .simkl_item import SimklItemAction, SimklItems, parse_simkl_action
from .target import movie_or_show

ACTIONS = ("watched", "unwatched", "rate", "plantowatch", "sync")
MEDIA = ("movie", "tvshow", "season", "episode")

# kodi_id: the movie's, show's or episode's library id; for a season, its show's id with season its number.
# rating: 1-10 for "rate", 0 removes it.
ItemAction = namedtuple("ItemAction", "action media kodi_id season rating")
ItemAction.__new__.__defaults__ = (None, None)

SAID_SYNC = 32358  # strings.po; the other actions say theirs in their modules


def parse_action(data):
    """An ItemAction from a notification's data (a dict or its JSON text), or None when it is not one."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return None
    if isinstance(data, dict) and "simkl_item" in data:
        return parse_simkl_action(data)  # a widget row not in the library (the plugin's item dialog)
    if not isinstance(data, dict) or data.get("action") not in ACTIONS or data.get("media") not in MEDIA:
        return None
    kodi_id, season = _number(data.get("id")), _number(data.get("season"))
    if kodi_id is None or kodi_id <= 0 or (data["media"] == "season" and season is None):
        return None
    rating = data.get("rating")
    rating = 0 if rating in (0, "0") else valid_rating(rating)
    if data["action"] == "rate" and rating is None:
        return None
    return ItemAction(data["action"], data["media"], kodi_id, season, rating)


def action_data(action):
    """The notification data the context script sends for an ItemAction."""
    data = {"action": action.action, "media": action.media, "id": action.kodi_id}
    if action.season is not None:
        data["season"] = action.season
    if action.rating is not None:
        data["rating"] = action.rating
    return data


def pending_marks(entries):
    """{kodi_key: watched} for the episodes of a queued season or show mark (one entry, many episodes), so the
    sync planner leaves them alone until Simkl has them, as it does for single marks."""
    pending = {}
    for entry in entries:
        for key in entry.get("kodi_keys") or ():
            pending[key] = entry["action"] == "add"
    return pending


class ItemActions:
    """Runs each ItemAction with the module of its job: marks.py, rating.py, lists.py; "sync" here.
    library: kodi.library.KodiLibrary; ratings_store: the JsonStore of core.ratings.RatingMemory;
    request_sync(reason); say(string_id, **values) shows a notification; dated(entries) adds to history removals
    the dates they delete on Simkl (core/outbox/removal_dates.py)."""

    def __init__(self, library, outbox, ratings_store, request_sync, say, clock=time.time, tz=None, dated=None):
        self.library = library
        self.request_sync = request_sync
        self.say = say
        self.marks = Marks(library, outbox, say, clock, tz, dated)
        self.rating = Rating(library, outbox, ratings_store, say, clock)
        self.lists = ListAdds(library, outbox, say, clock)
        self.simkl_items = SimklItems(outbox, say, clock, dated)

    def run(self, action):
        """Do it; True when something was queued or requested."""
        if isinstance(action, SimklItemAction):
            return self.simkl_items.run(action)
        handler = {"watched": self.marks.run, "unwatched": self.marks.run, "rate": self.rating.run,
                   "plantowatch": self.lists.plan_to_watch, "sync": self._sync}[action.action]
        return handler(action)

    def _sync(self, action):
        self.request_sync("manual")
        self.say(SAID_SYNC, title=self._title(action))
        return True

    def _title(self, action):
        media, kodi_id = movie_or_show(self.library, action)
        item = self.library.details(media, kodi_id, ["title"]) if kodi_id else None
        return (item or {}).get("title") or "?"


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
