"""Watched / unwatched from the context menu: the movie, the episode, or every episode of the season or show,
queued for Simkl as one entry and written to Kodi at once."""
import datetime

from ..model import EPISODE, MOVIE, TVSHOW, kodi_key, simkl_ids
from ..outbox.bodies import episodes_body, item_key, item_label, media_block
from ..outbox.marks import mark_entry
from ..outbox.queue import make_entry
from ..plan.planner import Write
from ..times import epoch_to_iso, utc_to_kodi
from .target import EPISODE_PROPERTIES, SHOW_PROPERTIES, no_ids

MOVIE_PROPERTIES = SHOW_PROPERTIES + ["playcount", "lastplayed", "resume"]
SAID = {"watched": 32355, "unwatched": 32356}


class Marks:
    """library: kodi.library.KodiLibrary; say(string_id, **values) shows a notification; tz: Kodi's."""

    def __init__(self, library, outbox, say, clock, tz, dated=None):
        self.library = library
        self.dated = dated or (lambda entries: entries)
        self.outbox = outbox
        self.say = say
        self.clock = clock
        self.tz = tz

    def run(self, action):
        """A "watched" or "unwatched" ItemAction; True when it was queued."""
        watched = action.action == "watched"
        if action.media == MOVIE:
            return self._mark_movie(action.kodi_id, watched)
        show_id, episodes = self._episodes(action)
        show = self.library.details(TVSHOW, show_id, SHOW_PROPERTIES) if show_id else None
        ids = simkl_ids((show or {}).get("uniqueid"), (show or {}).get("imdbnumber", ""))
        if not ids or not episodes:
            return no_ids(self.say, show or {})
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
        self.outbox.add(self.dated([entry])[0] if not watched else entry)
        writes = [self._mark_write(EPISODE, e["episodeid"], e.get("playcount") or 0, watched, now) for e in episodes]
        self._apply_marks([w for w in writes if w is not None],
                          {(EPISODE, e["episodeid"]): e.get("playcount") or 0 for e in episodes},
                          {(EPISODE, e["episodeid"]): e for e in episodes})
        self.say(SAID[action.action], title=entry["label"])
        return True

    def _mark_movie(self, movieid, watched):
        movie = self.library.details(MOVIE, movieid, MOVIE_PROPERTIES)
        ids = simkl_ids((movie or {}).get("uniqueid"), (movie or {}).get("imdbnumber", ""), "tmdb")
        if not ids:
            return no_ids(self.say, movie or {})
        now = self.clock()
        block = media_block(movie.get("title"), movie.get("year"), ids)
        entry = mark_entry("add" if watched else "remove", MOVIE, block, now,
                           watched_at=epoch_to_iso(now) if watched else None)
        entry["kodi"] = kodi_key(MOVIE, movieid)
        self.outbox.add(entry if watched else self.dated([entry])[0])
        playcount = movie.get("playcount") or 0
        write = self._mark_write(MOVIE, movieid, playcount, watched, now)
        self._apply_marks([write] if write else [], {(MOVIE, movieid): playcount}, {(MOVIE, movieid): movie})
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

    def _apply_marks(self, writes, playcounts, items):
        if writes:
            # Announced to the echo filter by the library: their OnUpdates are not taken for new user marks.
            # The items as read are the journal's values before (an undo of the action puts them back).
            # Never bulk: what the user does is announced (OnUpdate) to other add-ons, however many episodes.
            self.library.apply(writes, playcounts, before=lambda media, kodi_id: items.get((media, kodi_id)),
                               reason="context", bulk=False)

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
