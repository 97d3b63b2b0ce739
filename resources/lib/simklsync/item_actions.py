"""Actions on one library item (the context menu, the rating dialog), run on the service's worker thread:
each goes to Simkl through the outbox and changes Kodi at once, so the user sees it.

    watched / unwatched   the movie, the episode, or every episode of the season or show
    rate                  the movie or the show (Simkl rates neither seasons nor episodes); 0 removes it
    plantowatch           the movie or the show onto Simkl's Plan to watch
    sync                  a sync cycle now
"""
import datetime
import json
import logging
import time
from collections import namedtuple

from .core.bodies import episodes_body, item_key, item_label, media_block
from .core.marks import mark_entry
from .core.model import EPISODE, MOVIE, TVSHOW, kodi_key, simkl_ids
from .core.outbox import make_entry
from .core.plan import Write
from .core.ratings import RatingMemory, RatingWrite, rating_entry, valid_rating
from .core.times import epoch_to_iso, utc_to_kodi

LOG = logging.getLogger("simklsync.item_actions")

ACTIONS = ("watched", "unwatched", "rate", "plantowatch", "sync")
MEDIA = ("movie", "tvshow", "season", "episode")
LIST_KIND = "list"
PLAN_TO_WATCH = "plantowatch"
SHOW_PROPERTIES = ["title", "year", "uniqueid", "imdbnumber", "userrating"]
MOVIE_PROPERTIES = SHOW_PROPERTIES + ["playcount", "lastplayed"]
EPISODE_PROPERTIES = ["tvshowid", "season", "episode", "playcount"]

# kodi_id: the movie's, show's or episode's library id; for a season, its show's id with season its number.
# rating: 1-10 for "rate", 0 removes it.
ItemAction = namedtuple("ItemAction", "action media kodi_id season rating")
ItemAction.__new__.__defaults__ = (None, None)

# Notification strings (strings.po) per action.
SAID = {"watched": 32355, "unwatched": 32356, "plantowatch": 32357, "sync": 32358}
RATED, UNRATED, NO_IDS = 32344, 32345, 32359


def parse_action(data):
    """An ItemAction from a notification's data (a dict or its JSON text), or None when it is not one."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return None
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
    """library: kodi.library.KodiLibrary; ratings_store: the JsonStore of core.ratings.RatingMemory;
    request_sync(reason); say(string_id, **values) shows a notification."""

    def __init__(self, library, outbox, ratings_store, request_sync, say, clock=time.time, tz=None):
        self.library = library
        self.outbox = outbox
        self.ratings_store = ratings_store
        self.request_sync = request_sync
        self.say = say
        self.clock = clock
        self.tz = tz

    def run(self, action):
        """Do it; True when something was queued or requested."""
        handler = {"watched": self._mark, "unwatched": self._mark, "rate": self._rate,
                   "plantowatch": self._plan_to_watch, "sync": self._sync}[action.action]
        return handler(action)

    # -- watched / unwatched ------------------------------------------------------------------------------
    def _mark(self, action):
        watched = action.action == "watched"
        if action.media == MOVIE:
            return self._mark_movie(action.kodi_id, watched)
        show_id, episodes = self._episodes(action)
        show = self.library.details(TVSHOW, show_id, SHOW_PROPERTIES) if show_id else None
        ids = simkl_ids((show or {}).get("uniqueid"), (show or {}).get("imdbnumber", ""))
        if not ids or not episodes:
            return self._no_ids(show or {})
        block = media_block(show.get("title"), show.get("year"), ids)
        now = self.clock()
        verb = "add" if watched else "remove"
        watched_at = epoch_to_iso(now) if watched else None
        if action.media == EPISODE:
            episode = episodes[0]
            entry = mark_entry(verb, EPISODE, block, now, episode["season"], episode["episode"], watched_at)
            entry["kodi"] = kodi_key(EPISODE, episode["episodeid"])
        else:
            body = episodes_body(block, [(e["season"], e["episode"], watched_at) for e in episodes])
            scope = f"s{action.season}" if action.media == "season" else "all"
            label = item_label("show", show.get("title"), show.get("year"))
            entry = make_entry("history", verb, f"{item_key('show', ids)}:{scope}", body, label, now,
                               watched_at=watched_at)
            entry["kodi_keys"] = [kodi_key(EPISODE, e["episodeid"]) for e in episodes]
        self.outbox.add(entry)
        writes = [self._mark_write(EPISODE, e["episodeid"], e.get("playcount") or 0, watched, now) for e in episodes]
        self._apply_marks([w for w in writes if w is not None],
                          {(EPISODE, e["episodeid"]): e.get("playcount") or 0 for e in episodes})
        self.say(SAID[action.action], title=entry["label"])
        return True

    def _mark_movie(self, movieid, watched):
        movie = self.library.details(MOVIE, movieid, MOVIE_PROPERTIES)
        ids = simkl_ids((movie or {}).get("uniqueid"), (movie or {}).get("imdbnumber", ""), "tmdb")
        if not ids:
            return self._no_ids(movie or {})
        now = self.clock()
        block = media_block(movie.get("title"), movie.get("year"), ids)
        entry = mark_entry("add" if watched else "remove", MOVIE, block, now,
                           watched_at=epoch_to_iso(now) if watched else None)
        entry["kodi"] = kodi_key(MOVIE, movieid)
        self.outbox.add(entry)
        playcount = movie.get("playcount") or 0
        write = self._mark_write(MOVIE, movieid, playcount, watched, now)
        self._apply_marks([write] if write else [], {(MOVIE, movieid): playcount})
        self.say(SAID["watched" if watched else "unwatched"], title=entry["label"])
        return True

    def _mark_write(self, media, kodi_id, playcount, watched, now):
        if watched == bool(playcount):
            return None
        if not watched:
            return Write(media, kodi_id, kodi_key(media, kodi_id), {"playcount": 0})
        when = utc_to_kodi(datetime.datetime.fromtimestamp(now, datetime.timezone.utc), self.tz)
        fields = {"playcount": 1, "lastplayed": when, "resume": {"position": 0, "total": 0}}
        return Write(media, kodi_id, kodi_key(media, kodi_id), fields)

    def _apply_marks(self, writes, playcounts):
        if writes:
            # Announced to the echo filter by the library: their OnUpdates are not taken for new user marks.
            self.library.apply(writes, playcounts)

    def _episodes(self, action):
        """(show id, the episodes the action covers)."""
        if action.media == EPISODE:
            episode = self.library.details(EPISODE, action.kodi_id, EPISODE_PROPERTIES)
            if not episode:
                return None, []
            return episode.get("tvshowid"), [dict(episode, episodeid=action.kodi_id)]
        episodes = self.library.episodes_of({action.kodi_id})
        if action.media == "season":
            episodes = [e for e in episodes if e.get("season") == action.season]
        return action.kodi_id, episodes

    # -- rate -----------------------------------------------------------------------------------------------
    def _rate(self, action):
        media, kodi_id = self._rated_target(action)
        item = self.library.details(media, kodi_id, SHOW_PROPERTIES) if kodi_id else None
        entry = rating_entry(media, dict(item or {}, **{_id_field(media): kodi_id}), action.rating, self.clock())
        if entry is None:
            return self._no_ids(item or {})
        memory = RatingMemory(self.ratings_store.load())
        # The user's own rating: the next cycle must not see it as a change to send again.
        memory.remember(kodi_key(media, kodi_id), action.rating, False)
        self.ratings_store.save(memory.to_dict())
        self.outbox.add(entry)
        self.library.apply_ratings([RatingWrite(media, kodi_id, action.rating)])
        title = entry["label"].rsplit(":", 1)[0]
        if action.rating:
            self.say(RATED, title=title, rating=action.rating)
        else:
            self.say(UNRATED, title=title)
        return True

    def _rated_target(self, action):
        """(movie or tvshow, its id): a season or an episode rates its show."""
        if action.media in (MOVIE, TVSHOW, "season"):
            return (MOVIE if action.media == MOVIE else TVSHOW), action.kodi_id
        episode = self.library.details(EPISODE, action.kodi_id, EPISODE_PROPERTIES) or {}
        return TVSHOW, episode.get("tvshowid")

    # -- plan to watch, sync ----------------------------------------------------------------------------------
    def _plan_to_watch(self, action):
        media, kodi_id = self._rated_target(action)
        item = self.library.details(media, kodi_id, SHOW_PROPERTIES) if kodi_id else None
        ids = simkl_ids((item or {}).get("uniqueid"), (item or {}).get("imdbnumber", ""),
                        "tmdb" if media == MOVIE else "tvdb")
        if not ids:
            return self._no_ids(item or {})
        block = dict(media_block(item.get("title"), item.get("year"), ids), to=PLAN_TO_WATCH)
        what = item_key(MOVIE if media == MOVIE else "show", ids)
        label = item_label(MOVIE if media == MOVIE else "show", item.get("title"), item.get("year"))
        body = {"movies" if media == MOVIE else "shows": [block]}
        self.outbox.add(make_entry(LIST_KIND, "add", what, body, label, self.clock()))
        self.say(SAID["plantowatch"], title=label)
        return True

    def _sync(self, action):
        self.request_sync("manual")
        self.say(SAID["sync"], title=self._title(action))
        return True

    def _title(self, action):
        media, kodi_id = self._rated_target(action)
        item = self.library.details(media, kodi_id, ["title"]) if kodi_id else None
        return (item or {}).get("title") or "?"

    def _no_ids(self, item):
        LOG.info("%s has no id Simkl knows: nothing sent", item.get("title") or "this item")
        self.say(NO_IDS, title=item.get("title") or "?")
        return False


def _id_field(media):
    return "movieid" if media == MOVIE else "tvshowid"


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
