"""Actions on a title the Kodi library does not have (a widget row), named by Simkl's ids: onto Plan to watch,
marked watched on Simkl (a movie, or one episode), or removed from the user's Simkl lists (a movie or a show),
through the outbox like every Simkl write."""
from collections import namedtuple
from typing import Any, Dict, Optional

from ..model import EPISODE, MOVIE, as_number, normalize_ids
from ..outbox.bodies import item_key, item_label, media_block, movie_body
from ..outbox.marks import anime_history_body, mark_entry
from ..outbox.queue import make_entry
from ..times import epoch_to_iso

SIMKL_ACTIONS = ("plantowatch", "watched", "remove")
KINDS = (MOVIE, "tvshow", EPISODE)
SAID = {"plantowatch": 32357, "watched": 32355, "remove": 32902}  # strings.po, as the context menu says them
RESYNC = "resync"  # an entry field: once Simkl accepted the entry, a sync reads the lists back (widgets drop it)

# type: movies, shows or anime; kind: movie, tvshow or episode (season and episode in Simkl's numbering).
SimklItemAction = namedtuple("SimklItemAction", "action type kind ids title year season episode")


class _Anime:
    """What anime_history_body reads: the cour's Simkl id and its own numbering."""

    def __init__(self, action):
        self.simkl, self.title, self.year = action.ids["simkl"], action.title, action.year
        self.season, self.number = action.season, action.episode


def simkl_action_data(action: str, row: Dict[str, Any]) -> Dict[str, Any]:
    """The notification data the plugin sends for a widget row (core/widgets/entry.py)."""
    item = {name: row.get(name) for name in ("type", "kind", "ids", "title", "year", "season", "episode")}
    return {"action": action, "simkl_item": item}


def parse_simkl_action(data: Any) -> Optional[SimklItemAction]:
    item = data.get("simkl_item") if isinstance(data, dict) else None
    if not isinstance(item, dict) or data.get("action") not in SIMKL_ACTIONS:
        return None
    ids = normalize_ids(item.get("ids"))
    kind, type_ = item.get("kind"), item.get("type")
    if not ids.get("simkl") or kind not in KINDS or type_ not in ("movies", "shows", "anime"):
        return None
    season, episode = as_number(item.get("season")), as_number(item.get("episode"))
    if kind == EPISODE and (season is None or episode is None):
        return None
    if data["action"] == "watched" and kind == "tvshow":
        return None  # a whole show marked from a widget row: too much for one press
    if data["action"] == "remove" and kind == EPISODE:
        return None  # a title leaves a list, never an episode (the dialog offers it on list rows only)
    title = item.get("title") if isinstance(item.get("title"), str) else ""
    return SimklItemAction(data["action"], type_, kind, ids, title, as_number(item.get("year")), season, episode)


class SimklItems:
    """outbox: the stamping outbox; say(string_id, **values) shows a notification; clock: epoch seconds."""

    def __init__(self, outbox, say, clock, dated=None):
        self.outbox = outbox
        self.say = say
        self.clock = clock
        self.dated = dated or (lambda entries: entries)

    def run(self, action: SimklItemAction) -> bool:
        now = self.clock()
        if action.action == "remove":
            entry = self.dated([self._remove(action, now)])[0]
        elif action.action == "plantowatch":
            entry = self._plan_to_watch(action, now)
        else:
            entry = self._watched(action, now)
        self.outbox.add(entry)
        self.say(SAID[action.action], title=entry["label"])
        return True

    @staticmethod
    def _plan_to_watch(action, now):
        media = MOVIE if action.kind == MOVIE else "show"
        block = dict(media_block(action.title, action.year, action.ids), to="plantowatch")
        body = {"movies" if media == MOVIE else "shows": [block]}
        return make_entry("list", "add", item_key(media, action.ids), body,
                          item_label(media, action.title, action.year), now)

    @staticmethod
    def _remove(action, now):
        """Off every Simkl list. Simkl has no list-removal endpoint: its reference says "Removal is done with
        /sync/history/remove" (add-to-list only moves a title between lists), and a movie or a show sent there
        with no seasons leaves the user's library entirely, its watch history and rating with it; no public
        client shows another way (simkl-api.md 6.2 and 7.2, simkl-api-live.md). The dialog says so before.
        Anime goes in shows[], the only place /sync/history/remove reads it (an anime movie too)."""
        media = MOVIE if action.kind == MOVIE else "show"
        block = media_block(action.title, action.year, action.ids)
        body = {"movies" if media == MOVIE and action.type != "anime" else "shows": [block]}
        entry = make_entry("history", "remove", item_key(media, action.ids), body,
                           item_label(media, action.title, action.year), now)
        entry[RESYNC] = True
        return entry

    @staticmethod
    def _watched(action, now):
        stamp = epoch_to_iso(now)
        block = media_block(action.title, action.year, action.ids)
        if action.kind == MOVIE:
            key, label = item_key(MOVIE, action.ids), item_label(MOVIE, action.title, action.year)
            return make_entry("history", "add", key, movie_body(block, stamp), label, now, watched_at=stamp)
        if action.type == "anime":  # Simkl's own numbering: no TVDB flag
            key = item_key(EPISODE, action.ids, action.season, action.episode)
            label = item_label(EPISODE, action.title, None, action.season, action.episode)
            return make_entry("history", "add", key, anime_history_body(_Anime(action), stamp), label, now,
                              watched_at=stamp)
        return mark_entry("add", EPISODE, block, now, action.season, action.episode, watched_at=stamp)
