"""Undo one journal cycle, on the service's worker (never beside a sync): Kodi's values put back through the
library's one write path (journaled as a cycle of its own, announced to the echo filter so no mark goes back
to Simkl; Kodi's ratings put back are learnt by the ratings memory, so the ratings check sends none of them),
and when asked, what Simkl accepted in that cycle reversed through the outbox."""
import json
import logging
import time
from collections import namedtuple

from ..core.journal.undo import plan_undo
from ..core.outbox.queue import make_entry
from ..core.rating_identity.remembered import kodi_ids
from ..core.ratings import RatingMemory, RatingWrite, kodi_rating, restored

LOG = logging.getLogger("simklsync.undo")

PROPERTIES = {"movie": ["title", "playcount", "lastplayed", "resume", "tag"],
              "episode": ["showtitle", "season", "episode", "playcount", "lastplayed", "resume"],
              "tvshow": ["title", "tag"]}
WHOLE_READ_FROM = 100  # more items than this: one paged read of the library instead of one call each


# What the script asks the service: a cycle (None: the last one) and whether to reverse Simkl's side too.
UndoCall = namedtuple("UndoCall", "cycle simkl")


def undo_data(cycle, simkl):
    """The notification data the script sends."""
    return {"cycle": cycle or "", "simkl": bool(simkl)}


def parse_undo(data):
    """An UndoCall from a notification's data (a dict or its JSON text); None when it is not one."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return None
    if not isinstance(data, dict):
        return None
    cycle = data.get("cycle")
    return UndoCall(cycle if isinstance(cycle, str) and cycle else None, data.get("simkl") is True)


class UndoResult:
    def __init__(self, cycle):
        self.cycle = cycle  # the cycle undone (None: nothing to undo)
        self.undo_cycle = None  # the undo's own cycle (undoing it puts back what the undo changed)
        self.kodi_written = 0
        self.kodi_failed = 0
        self.simkl_queued = 0
        self.not_reversible = 0


class Undo:
    """library: kodi.library.KodiLibrary (with its journal); outbox: core.outbox.queue.Outbox; ratings_store: the
    store of core.ratings.RatingMemory (None: no rating is put back)."""

    def __init__(self, library, outbox, clock=time.time, ratings_store=None):
        self.library = library
        self.journal = library.journal
        self.outbox = outbox
        self.clock = clock
        self.ratings_store = ratings_store

    def last_cycle(self):
        """The newest cycle that changed something, or None."""
        cycles = self.journal.cycles(1)
        return cycles[0].cycle if cycles else None

    def run(self, cycle=None, simkl=False):
        cycle = cycle or self.last_cycle()
        result = UndoResult(cycle)
        if cycle is None:
            return result
        plan = plan_undo(self.journal.records(cycle), cycle)
        result.not_reversible = plan.not_reversible
        if plan.is_empty:
            return result
        result.undo_cycle = self.journal.begin_cycle("undo")
        try:
            self._undo(plan, result, simkl)
        finally:
            self.journal.end_cycle()
        LOG.info("undo of %s: %d Kodi items put back (%d refused), %d Simkl writes reversed, %d not reversible",
                 cycle, result.kodi_written, result.kodi_failed, result.simkl_queued, result.not_reversible)
        return result

    def _undo(self, plan, result, simkl):
        if plan.kodi:
            current = self._current(plan.kodi)
            playcounts = {ref: (item or {}).get("playcount", 0) for ref, item in current.items()}
            before = lambda media, kodi_id: current.get((media, kodi_id))  # noqa: E731
            # Kodi announces no tag-only write: an echo expectation for one would linger and hide a user mark.
            for announce in (True, False):
                writes = [write for write in plan.kodi if (set(write.fields) != {"tag"}) == announce]
                if writes:
                    done, failed = self.library.apply(writes, playcounts, before=before, reason="undo",
                                                      announce=announce)
                    result.kodi_written += len(done)
                    result.kodi_failed += failed
        if plan.ratings and self.ratings_store is not None:
            self._put_ratings_back(plan.ratings, result, {(write.media, write.kodi_id) for write in plan.kodi})
        if simkl:
            result.simkl_queued = self._reverse_on_simkl(plan.simkl, result.undo_cycle)

    def _put_ratings_back(self, ratings, result, counted):
        """Kodi's userratings as they were, remembered first (as a sync's rating writes are): the ratings check
        must find Kodi holding what the memory says, not a change of the user's to send to Simkl."""
        current = {(write.media, write.kodi_id): self.library.rating_item(write.media, write.kodi_id)
                   for write in ratings}
        writes = [RatingWrite(write.media, write.kodi_id, write.rating, kodi_ids(write.media, item))
                  for write in ratings for item in (current[(write.media, write.kodi_id)],) if item is not None]
        memory = RatingMemory(self.ratings_store.load())
        restored(memory, writes)
        done, failed = self.library.apply_ratings(writes, before=lambda media, kodi_id: current.get((media, kodi_id)),
                                                  reason="undo")
        accepted = {write.key for write in done}
        # Kodi kept its value: remembered as it is (a rating Kodi holds is never a change by the undo).
        kept = [write for write in writes if write.key not in accepted]
        restored(memory, [RatingWrite(write.media, write.kodi_id, kodi_rating(item.get("userrating")), write.ids)
                          for write in kept for item in (current[(write.media, write.kodi_id)],)])
        self.ratings_store.save(memory.to_dict())
        result.kodi_written += len([write for write in done if (write.media, write.kodi_id) not in counted])  # items
        result.kodi_failed += failed + len(ratings) - len(writes)

    def _current(self, writes):
        """{(media, kodi_id): the item as Kodi holds it now} (the undo's own values before)."""
        refs = [(write.media, write.kodi_id) for write in writes]
        if len(refs) > WHOLE_READ_FROM:
            snapshot = self.library.snapshot(tags=any(write.tag is not None for write in writes))
            return {ref: snapshot.item(*ref) for ref in refs}
        return {ref: self.library.details(ref[0], ref[1], PROPERTIES[ref[0]]) for ref in refs}

    def _reverse_on_simkl(self, reversals, undo_cycle):
        now = self.clock()
        for number, reversal in enumerate(reversals):
            entry = make_entry(reversal.kind, reversal.action, f"undo:{undo_cycle}:{number}", reversal.body,
                               reversal.label, now)
            entry["cycle"] = undo_cycle  # journaled under the undo when sent: an undo of the undo reverses it
            entry["dated"] = reversal.dated
            self.outbox.add(entry)
        return len(reversals)
