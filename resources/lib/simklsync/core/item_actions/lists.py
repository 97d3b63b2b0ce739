"""List adds from the context menu: the movie or the show (a season or an episode adds its show) onto Simkl's
Plan to watch."""
from ..model import MOVIE, simkl_ids
from ..outbox.bodies import item_key, item_label, media_block
from ..outbox.queue import make_entry
from .target import SHOW_PROPERTIES, movie_or_show, no_ids

LIST_KIND = "list"
PLAN_TO_WATCH = "plantowatch"
SAID_PLAN_TO_WATCH = 32357


class ListAdds:
    """say(string_id, **values) shows a notification."""

    def __init__(self, library, outbox, say, clock):
        self.library = library
        self.outbox = outbox
        self.say = say
        self.clock = clock

    def plan_to_watch(self, action):
        """A "plantowatch" ItemAction; True when it was queued."""
        media, kodi_id = movie_or_show(self.library, action)
        item = self.library.details(media, kodi_id, SHOW_PROPERTIES) if kodi_id else None
        ids = simkl_ids((item or {}).get("uniqueid"), (item or {}).get("imdbnumber", ""),
                        "tmdb" if media == MOVIE else "tvdb")
        if not ids:
            return no_ids(self.say, item or {})
        block = dict(media_block(item.get("title"), item.get("year"), ids), to=PLAN_TO_WATCH)
        what = item_key(MOVIE if media == MOVIE else "show", ids)
        label = item_label(MOVIE if media == MOVIE else "show", item.get("title"), item.get("year"))
        body = {"movies" if media == MOVIE else "shows": [block]}
        self.outbox.add(make_entry(LIST_KIND, "add", what, body, label, self.clock()))
        self.say(SAID_PLAN_TO_WATCH, title=label)
        return True
