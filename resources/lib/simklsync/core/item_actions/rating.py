"""A rating from the context menu or the rating dialog: the movie or the show (a season or an episode rates its
show), 1-10, 0 removes it; queued for Simkl, written to Kodi and remembered as the user's own."""
from ..model import MOVIE
from ..rating_identity.remembered import kodi_ids
from ..ratings import RatingMemory, RatingWrite, rating_entry
from .target import SHOW_PROPERTIES, movie_or_show, no_ids

RATED, UNRATED = 32344, 32345


class Rating:
    """ratings_store: the JsonStore of core.ratings.RatingMemory; say(string_id, **values) a notification."""

    def __init__(self, library, outbox, ratings_store, say, clock):
        self.library = library
        self.outbox = outbox
        self.ratings_store = ratings_store
        self.say = say
        self.clock = clock

    def run(self, action):
        """A "rate" ItemAction; True when it was queued."""
        media, kodi_id = movie_or_show(self.library, action)
        item = self.library.details(media, kodi_id, SHOW_PROPERTIES) if kodi_id else None
        entry = rating_entry(media, dict(item or {}, **{_id_field(media): kodi_id}), action.rating, self.clock())
        if entry is None:
            return no_ids(self.say, item or {})
        memory = RatingMemory(self.ratings_store.load())
        # The user's own rating: the next cycle must not see it as a change to send again.
        memory.remember(media, kodi_id, item, action.rating, False)
        self.ratings_store.save(memory.to_dict())
        self.outbox.add(entry)
        self.library.apply_ratings([RatingWrite(media, kodi_id, action.rating, kodi_ids(media, item))],
                                   before=lambda _media, _kodi_id: item)
        title = entry["label"].rsplit(":", 1)[0]
        if action.rating:
            self.say(RATED, title=title, rating=action.rating)
        else:
            self.say(UNRATED, title=title)
        return True


def _id_field(media):
    return "movieid" if media == MOVIE else "tvshowid"
