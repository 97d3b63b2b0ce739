"""Kodi rating writes in the journal: a sync's userrating writes are journaled with Kodi's value before, an undo
puts Kodi's previous ratings back and the ratings memory learns them, so the ratings check sends nothing to
Simkl; undoing the undo puts the sync's ratings back, silently too."""
import time

import pytest
from fakekodi.library import UnknownItem
from simklsync.core.journal.file import JournalFile
from simklsync.core.journal.journal import Journal
from simklsync.sync.rating_sync import RatingSync
from simklsync.sync.undo import Undo
from test_ratings_sync import MATRIX, STRANGER, RatingWorld

from tests.support.simkl_emulator import SimklEmulator

INCEPTION_RATING_IN_KODI = 0


class UndoRatingWorld(RatingWorld):
    def __init__(self, emu, kodi, tmp_path):
        super().__init__(emu, kodi, tmp_path)
        self.journal = Journal(JournalFile(str(tmp_path / "journal.jsonl"), durable=False), time.time)
        self.library.journal = self.journal
        self.undo = Undo(self.library, self.outbox, time.time, self.ratings_store)

    def ratings_check(self):
        """What the service's ratings check queues for Simkl now (Kodi's side against the memory)."""
        check = RatingSync(None, self.library, self.ratings_store, self.outbox, clock=lambda: 1500.0,
                           kodi_checked_apart=True)
        return check.check_kodi()

    def ratings(self):
        return (self.kodi_rating("movie", self.kodi_ids[MATRIX]), self.kodi_rating("tvshow", self.show_id(STRANGER)))


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator() as emu:
        emu.start()
        yield UndoRatingWorld(emu, fake_kodi, tmp_path)


def test_a_syncs_rating_writes_are_journaled_with_kodis_value_before(world):
    world.user_rates_in_kodi("movie", world.kodi_ids[MATRIX], 5)
    world.sync("login")
    records = [r for r in world.journal.records() if "userrating" in r["a"]]
    assert sorted((r["m"], r["b"], r["a"]) for r in records) == [
        ("movie", {"userrating": 5}, {"userrating": 9}), ("tvshow", {"userrating": 0}, {"userrating": 8})]
    assert {r["n"] for r in records} == {"The Matrix", "Stranger Things"}


def test_an_undo_puts_kodis_previous_ratings_back_and_the_ratings_check_sends_nothing(world):
    world.user_rates_in_kodi("movie", world.kodi_ids[MATRIX], 5)
    world.sync("login")
    assert world.ratings() == (9, 8)
    assert world.outbox.entries() == []

    undone = world.undo.run()
    assert world.ratings() == (5, 0)
    assert undone.kodi_written == len({(r["m"], r["i"]) for r in world.journal.records(undone.cycle)})  # items
    assert undone.kodi_failed == 0
    assert world.ratings_check() == 0
    world.sync("timer")  # a cycle with nothing new on Simkl leaves them too
    assert world.ratings() == (5, 0)
    assert world.outbox.entries() == []


def test_undoing_the_undo_puts_the_syncs_ratings_back_and_sends_nothing(world):
    world.sync("login")
    undone = world.undo.run()
    assert world.ratings() == (0, 0)
    world.undo.run(undone.undo_cycle)
    assert world.ratings() == (9, 8)
    assert world.ratings_check() == 0
    assert world.outbox.entries() == []


def test_a_rating_the_user_changes_after_the_undo_is_still_sent(world):
    world.sync("login")
    world.undo.run()
    world.user_rates_in_kodi("movie", world.kodi_ids[MATRIX], 7)
    assert world.ratings_check() == 1
    assert [e["label"] for e in world.outbox.entries()] == ["The Matrix (1999): 7"]


def refuse_rating_writes(world, kind, itemid):
    """Kodi refuses every userrating write of this item (its other fields it takes)."""
    library, refused = world.kodi.library, []
    real = library.set_details

    def set_details(kind_, itemid_, changes):
        if (kind_, itemid_) == (kind, itemid) and "userrating" in changes:
            refused.append(changes)
            raise UnknownItem(f"{kind} {itemid} is locked")
        return real(kind_, itemid_, changes)
    library.set_details = set_details
    return refused


def test_a_rating_kodi_refuses_to_put_back_stays_known_as_kodi_holds_it_and_nothing_is_sent(world):
    world.user_rates_in_kodi("movie", world.kodi_ids[MATRIX], 5)
    world.sync("login")
    refused = refuse_rating_writes(world, "movie", world.kodi_ids[MATRIX])
    undone = world.undo.run()
    assert refused and undone.kodi_failed == 1
    assert world.ratings() == (9, 0)  # Kodi kept the sync's 9; the show's rating was put back
    assert world.ratings_check() == 0
    assert world.outbox.entries() == []
