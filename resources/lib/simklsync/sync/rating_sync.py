"""Ratings in one sync cycle, wiring core.ratings to the client, the library and the outbox:

    Kodi's rated items vs what we knew → the user's changes go to the outbox (Kodi → Simkl)
    rated_at moved (or never read) → GET the type's ratings → userrating writes where Kodi differs (Simkl → Kodi)
    Kodi's ratings learnt afresh (a rebuilt library) → the held lists fill Kodi's unrated items, no GET needed
"""
import json
import logging
import time

from ..core.model import kodi_key
from ..core.rating_identity.library_id import FIRST_LOOK, library_identity
from ..core.rating_identity.removed_rows import NoRemovedRows
from ..core.ratings import (
    RatingMemory,
    answer_held_clears,
    kodi_changes,
    kodi_rating,
    parse_ratings,
    pending_keys,
    plan_pull,
    rating_entry,
    types_to_fetch,
    written,
)
from ..kodi import shared_library
from ..kodi.rpc import RpcError
from .removal_guard import RATINGS

LOG = logging.getLogger("simklsync.ratings")


class RatingResult:
    def __init__(self):
        self.fetched = []
        self.written = 0
        self.failed = 0
        self.queued = 0
        self.held_clears = None  # the large clear of Kodi ratings held back ({"count", "titles"}), for the status
        self.clears_told = False  # held_clears is new this cycle: the user is told once


class RatingSync:
    """client, library (kodi.library.KodiLibrary), store (a JsonStore for the memory) and outbox are injected.
    `kodi_checked_apart`: Kodi's side is compared on its own schedule (sync/ratings_check.py), so a cycle that pulls
    nothing leaves Kodi's rated items unread (an idle cycle makes no JSON-RPC call for them).
    `library_identity()`: the video library's identity (rating_identity.library_id), None when unknown;
    `may_send()`: whether Kodi-side changes seen now are this box's user's (False on a library shared with
    other Simkl accounts while this box's GUI was not in use). `answers`: removal_guard.Answers, where the status
    dialog leaves the user's Apply / Keep for a held large clear of Kodi ratings (None: no answers).
    `removed_rows`: rating_identity.removed_rows.RemovedRows, the rows Kodi announced as removed (None: none heard)."""

    def __init__(self, client, library, store, outbox, clock=time.time, kodi_checked_apart=False,
                 library_identity=None, may_send=None, allow_large_clears=False, answers=None, removed_rows=None):
        self.client = client
        self.library = library
        self.store = store
        self.outbox = outbox
        self.clock = clock
        self.kodi_checked_apart = kodi_checked_apart
        self.library_identity = library_identity or (lambda: None)
        self.may_send = may_send or (lambda: True)
        self.allow_large_clears = allow_large_clears  # the setting "apply large removals without asking"
        self.answers = answers
        self.removed_rows = removed_rows or NoRemovedRows()
        self._looked_past = frozenset()  # the removed rows the current look accounted for

    def run(self, saved_activities, activities, types, title_year_fallback=False, should_stop=None):
        """One pass. saved_activities: the previous cycle's answer (None before the first sync); types: the
        media types synced. Simkl errors propagate (the cycle then keeps its old activities and asks again)."""
        result = RatingResult()
        memory = RatingMemory(self.store.load())
        before = memory.to_dict()
        for type_ in list(memory.simkl):
            if type_ not in types:
                del memory.simkl[type_]  # asked again whole when the type is synced again
        wanted = types_to_fetch(saved_activities, activities, memory.fetched(), types)
        held = memory.clears_seen  # the file is read only while a clear is held: an idle cycle opens nothing
        answered = self.answers.read((RATINGS,)).get(RATINGS) if self.answers is not None and held else None
        answer = answered if answer_held_clears(memory, answered) else None
        if answer is not None:
            wanted = list(types)  # Apply: cleared only if a fresh read agrees, so every type is read now
        # Before a pull, Kodi's own changes are queued first: the pull must not overwrite them.
        queued = self.push_changes(memory) if wanted or not self.kodi_checked_apart else set()
        result.queued = len(queued)
        if (wanted or memory.resync) and not (should_stop and should_stop()):
            self._pull(memory, wanted, types, title_year_fallback, queued, result, answer)
        result.held_clears = memory.held_clears()
        result.clears_told = bool(memory.clears_seen) and not held
        self._save_if_changed(before, memory)
        self._settle_removed()
        if answered is not None or (memory.clears_seen != held and self.answers is not None):
            # Settled (a failed read raised before: the answer waits for the next), or a new clear is held: an
            # answer left for one no longer held never applies to it.
            self.answers.take(RATINGS)
        return result

    def check_kodi(self):
        """Only the Kodi → Simkl half: queue what the user changed in Kodi. Returns the number queued."""
        memory = RatingMemory(self.store.load())
        before = memory.to_dict()
        queued = self.push_changes(memory)
        self._save_if_changed(before, memory)
        self._settle_removed()
        return len(queued)

    def _settle_removed(self):
        # Only once the memory that took them into account is saved: a failed save looks at them again.
        self.removed_rows.settled(self._looked_past)
        self._looked_past = frozenset()

    def _save_if_changed(self, before, memory):
        # Every sync cycle and a check a minute: a box's flash is not rewritten when nothing changed.
        after = memory.to_dict()
        if after != before:
            self.store.save(after)

    def push_changes(self, memory):
        removed = self.removed_rows.pending()  # before the read: a removal announced after it waits for the next
        rated_now = self.library.rated_items()
        details = {}

        def row_item(media, kodi_id):
            details[kodi_key(media, kodi_id)] = self.library.rating_item(media, kodi_id)
            return details[kodi_key(media, kodi_id)]

        changes = kodi_changes(memory, rated_now, row_item, self.library_identity(), self.may_send(), removed)
        self._looked_past = removed
        if memory.relearned and memory.relearned != FIRST_LOOK:
            LOG.info("Kodi's ratings learnt afresh (%s): nothing sent, Kodi's unrated items filled from Simkl",
                     memory.relearned)
        if memory.held:
            LOG.info("%d rating changes in the shared library not sent: not made on this box", memory.held)
        queued = set()
        for change in changes:
            item = rated_now.get(change.key) or details.get(change.key) or {}
            item = dict(item, **{"movieid" if change.media == "movie" else "tvshowid": change.kodi_id})
            entry = rating_entry(change.media, item, change.rating, self.clock())
            if entry is None:
                LOG.info("rating of %s %s changed in Kodi, but it has no id Simkl knows", change.media,
                         change.kodi_id)
                continue
            self.outbox.add(entry)
            queued.add(change.key)
            LOG.info("queued rating %s", entry["label"])
        return queued

    def _pull(self, memory, wanted, types, title_year_fallback, queued, result, answer=None):
        for type_ in wanted:
            rated = parse_ratings(self.client.get_ratings(type_), type_)
            if rated is None or (not rated and memory.simkl.get(type_) and type_ not in memory.retry):
                # Unreadable, or "no ratings at all" when we hold some: believed only when said twice in a row,
                # as an API that may answer null or {} for "nothing" may also do so by mistake.
                LOG.warning("Simkl's %s ratings look wrong (%s): asking again next cycle", type_,
                            "unreadable" if rated is None else "none at all")
                memory.retry.add(type_)
                continue
            memory.simkl[type_] = rated
            memory.retry.discard(type_)
            result.fetched.append(type_)
        movies = "movies" in types or "anime" in types
        shows = "shows" in types or "anime" in types
        kodi_movies, kodi_shows = self.library.rating_snapshot(movies=movies, shows=shows)
        pending = pending_keys(self.outbox.entries()) | queued
        trusted = [type_ for type_ in types if type_ not in memory.retry]
        writes = plan_pull(memory, kodi_movies, kodi_shows, pending, trusted, title_year_fallback,
                           doubtful=[type_ for type_ in types if type_ in memory.retry],
                           allow_large_clears=self.allow_large_clears, answer=answer)
        if memory.clears_held:
            LOG.warning("ratings: %d Kodi ratings Simkl no longer has are kept: too many at once to believe one "
                        "answer (cleared once a later read agrees and the user applies it in the status dialog, or "
                        "large removals may be applied without asking)", memory.clears_held)
        if not writes:
            return
        current = _current_ratings(kodi_movies, kodi_shows)
        before = {write.key: current.get(write.key, 0) for write in writes}
        written(memory, writes)
        items = _items(kodi_movies, kodi_shows)
        done, failed = self.library.apply_ratings(writes, before=lambda media, kodi_id: items.get((media, kodi_id)))
        accepted = {write.key for write in done}
        for write in writes:
            if write.key not in accepted:
                # Kodi kept its value: nothing to push.
                memory.kodi.remember(write.media, write.kodi_id, write.ids, before[write.key], False)
        result.written, result.failed = len(done), failed
        LOG.info("ratings: %d written to Kodi, %d failed", len(done), failed)


def _current_ratings(movies, shows):
    """{kodi_key: userrating} of the snapshot the plan was made from."""
    current = {f"kodi:movie:{m['movieid']}": kodi_rating(m.get("userrating")) for m in movies if "movieid" in m}
    current.update((f"kodi:tvshow:{s['tvshowid']}", kodi_rating(s.get("userrating"))) for s in shows
                   if "tvshowid" in s)
    return current


def _items(movies, shows):
    """{(media, kodi id): the item as read} (what the journal names as a rating write's value before)."""
    items = {("movie", m["movieid"]): m for m in movies if "movieid" in m}
    items.update((("tvshow", s["tvshowid"]), s) for s in shows if "tvshowid" in s)
    return items


def identity_reader(library, household):
    """RatingSync's library_identity: the database (the shared one the household found, else this Kodi's own
    file) and the library's oldest rows; None when Kodi cannot be read (a look then compares as before)."""
    def read():
        try:
            first_movie, first_show = library.oldest_rows()
        except RpcError as error:
            LOG.warning("library identity unreadable: %s", error)
            return None
        database = getattr(household, "database", None) or shared_library.local_database()
        return library_identity(database, getattr(household, "server", None), first_movie, first_show)
    return read


def may_carry_rating(data):
    """Whether a VideoLibrary.OnUpdate is about a movie or TV show already in the library. Kodi 20 announces no
    rating change, yet an update of another field (a remote app's JSON-RPC write) may carry one."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return False
    if not isinstance(data, dict) or data.get("added"):
        return False
    item = data.get("item") if isinstance(data.get("item"), dict) else data
    return item.get("type") in ("movie", "tvshow")
