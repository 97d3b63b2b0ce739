"""The journal and Undo this sync against the emulator and the fake Kodi: every field put back and read back,
the undo undone, nothing echoed to Simkl, a removal reversed on Simkl with its original dates, Kodi writes
refused or cut off by a stop finished in the next cycles."""
import threading
import time

import pytest
import xbmc
from fakekodi.library import UnknownItem
from simklsync.core.journal.file import JournalFile
from simklsync.core.journal.journal import Journal
from simklsync.core.list_tags import LISTS, TagSettings
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.queue import Outbox
from simklsync.core.state.store import JsonStore
from simklsync.kodi.marks import MarkListener
from simklsync.simkl.outbox_sender import flush
from simklsync.sync import undo as undo_module
from simklsync.sync.sent_journal import SentJournal
from simklsync.sync.undo import Undo
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import Options, SimklEmulator, demo

FIELDS = ("playcount", "lastplayed", "resume")


class UpdateForwarder(xbmc.Monitor):
    def __init__(self, listener):
        super().__init__()
        self.listener = listener

    def onNotification(self, sender, method, data):  # noqa: N802 - Kodi's name
        if method == "VideoLibrary.OnUpdate":
            self.listener.on_update(data)


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now

    def wait(self, seconds):
        self.now += seconds
        return False


class JournalWorld(SyncWorld):
    """A SyncWorld whose library journals, with an outbox, a marks listener fed by Kodi's notifications (what the
    service would send to Simkl) and the undo."""

    def __init__(self, emu, kodi, tmp_path):
        super().__init__(emu, kodi, tmp_path)
        self.clock = Clock()
        self.journal = Journal(JournalFile(str(tmp_path / "journal.jsonl"), durable=False), self.clock)
        self.library.journal = self.journal
        self.outbox = Outbox(JsonStore(str(tmp_path / "outbox.json")))
        self.listener = MarkListener(self.outbox, self.echo, threading.Semaphore(0).release)
        self.monitor = UpdateForwarder(self.listener)
        self.undo = Undo(self.library, self.outbox, self.clock)

    def flush(self):
        return flush(self.outbox, self.client, self.clock, self.clock.wait, lambda: 0.0,
                     on_sent=SentJournal(self.journal, self.state_store))

    def queued(self):
        assert self.kodi.wait_idle()
        return [(e["kind"], e["action"], e["label"]) for e in self.outbox.entries()]

    def library_fields(self):
        items = self.kodi.library.items
        return {(kind, itemid): {name: item.get(name) for name in FIELDS}
                for kind in ("movie", "episode") for itemid, item in items[kind].items()}


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.start()
        yield JournalWorld(emu, fake_kodi, tmp_path)


def test_undo_after_a_first_sync_puts_back_every_field_as_read_back_and_sends_nothing(world):
    world.kodi.library.set_details("episode", world.kodi_ids[demo.SHOW_STRANGER_THINGS][(1, 6)],
                                   {"resume": {"position": 120, "total": 3000}})
    before = world.library_fields()
    result = world.sync("login")
    assert result.total_written > 5
    assert world.library_fields() != before
    undone = world.undo.run()
    assert undone.kodi_written == len({(r["m"], r["i"]) for r in world.journal.records(undone.cycle)})
    assert undone.kodi_failed == 0
    assert world.library_fields() == before
    assert world.queued() == []  # the undo's own OnUpdates are echoes, never marks for Simkl


@pytest.mark.parametrize("whole_read_from", [100, 0], ids=["item by item", "one library read"])
def test_undo_puts_back_the_list_tags_of_movies_and_shows_and_the_users_own_tags(world, monkeypatch,
                                                                                  whole_read_from):
    monkeypatch.setattr(undo_module, "WHOLE_READ_FROM", whole_read_from)  # how the undo reads Kodi's values now
    arrival = world.kodi_ids[demo.MOVIE_ARRIVAL]
    world.kodi.library.get("movie", arrival)["tag"] = ["Sci-fi night"]
    tags = {kind: {itemid: list(item.get("tag") or []) for itemid, item in world.kodi.library.items[kind].items()}
            for kind in ("movie", "tvshow")}
    before = world.library_fields()
    world.sync("login", Settings(list_tags=TagSettings({name: "Simkl: " + name for name in LISTS}, LISTS)))
    assert world.movie(demo.MOVIE_ARRIVAL)["tag"] == ["Sci-fi night", "Simkl: plantowatch"]
    world.undo.run()
    assert {kind: {itemid: list(item.get("tag") or []) for itemid, item in world.kodi.library.items[kind].items()}
            for kind in ("movie", "tvshow")} == tags
    assert world.library_fields() == before
    assert world.queued() == []


def test_an_undo_of_the_undo_puts_back_what_the_sync_wrote(world):
    world.sync("login")
    synced = world.library_fields()
    undone = world.undo.run()
    assert world.library_fields() != synced
    again = world.undo.run(undone.undo_cycle)
    assert again.kodi_written == undone.kodi_written
    assert world.library_fields() == synced
    assert world.queued() == []


def test_the_undo_lists_as_a_cycle_of_its_own_and_the_last_cycle_is_the_undo(world):
    world.sync("login")
    first = world.journal.cycles()[0]
    undone = world.undo.run()
    cycles = world.journal.cycles()
    assert [c.cycle for c in cycles[:2]] == [undone.undo_cycle, first.cycle]
    assert cycles[0].kodi == first.kodi and cycles[0].reason == "undo"


def test_a_history_removal_sent_is_journaled_with_its_dates_and_an_undo_re_adds_them_on_simkl(world):
    world.sync("login")
    watched_at = world.user.watched_movies()[demo.MOVIE_MATRIX]
    matrix = next(t for t in demo.TITLES if t["simkl"] == demo.MOVIE_MATRIX)
    block = {"title": matrix["title"], "year": matrix["year"], "ids": dict(matrix["ids"])}
    world.outbox.add(mark_entry("remove", "movie", block, world.clock()))
    world.journal.begin_cycle("timer")
    assert world.flush().sent == 1
    assert demo.MOVIE_MATRIX not in world.user.watched_movies()
    record = world.journal.records()[-1]
    assert record["v"] == "remove" and record["body"]["movies"][0]["watched_at"] == watched_at

    undone = world.undo.run(record["c"], simkl=True)
    assert undone.simkl_queued == 1
    assert world.flush().sent == 1
    assert world.user.watched_movies()[demo.MOVIE_MATRIX] == watched_at
    # the re-add is journaled under the undo: undoing the undo removes the view again
    world.undo.run(undone.undo_cycle, simkl=True)
    assert world.flush().sent == 1
    assert demo.MOVIE_MATRIX not in world.user.watched_movies()


def refuse_once(world, kind, itemid):
    """Kodi refuses the next write of this item (as it does for an item removed meanwhile), then takes them."""
    library = world.kodi.library
    real = library.set_details
    refused = []

    def set_details(kind_, itemid_, changes):
        if (kind_, itemid_) == (kind, itemid) and not refused:
            refused.append(changes)
            raise UnknownItem(f"{kind} {itemid} is locked")
        return real(kind_, itemid_, changes)

    library.set_details = set_details
    return refused


def test_a_write_kodi_refused_is_listed_with_kodis_reason_and_retried_at_the_next_cycle(world):
    world.sync("login")
    world.emu.clock.advance(120)
    movie = world.kodi_ids[demo.MOVIE_ARRIVAL]
    refused = refuse_once(world, "movie", movie)
    world.user.watch_movie(demo.MOVIE_ARRIVAL)
    result = world.sync("timer")
    assert refused and result.failed_writes == 1
    owed = result.state.kodi_retry
    assert list(owed) == [f"m:{demo.MOVIE_ARRIVAL}"]
    assert owed[f"m:{demo.MOVIE_ARRIVAL}"]["tries"] == 1
    assert "locked" in owed[f"m:{demo.MOVIE_ARRIVAL}"]["reason"]
    assert world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 0

    world.emu.clock.advance(120)
    result = world.sync("timer")  # Simkl has nothing new: the owed write alone is planned again
    assert world.movie(demo.MOVIE_ARRIVAL)["playcount"] == 1
    assert result.state.kodi_retry == {}
    assert world.queued() == []


def test_a_write_kodi_keeps_refusing_is_given_up_after_five_cycles(world):
    world.sync("login")
    movie = world.kodi_ids[demo.MOVIE_ARRIVAL]
    real = world.kodi.library.set_details

    def never(kind, itemid, changes):
        if (kind, itemid) == ("movie", movie):
            raise UnknownItem("locked")
        return real(kind, itemid, changes)

    world.kodi.library.set_details = never
    world.emu.clock.advance(120)
    world.user.watch_movie(demo.MOVIE_ARRIVAL)
    tries = []
    for _ in range(7):
        world.emu.clock.advance(120)
        tries.append(world.sync("timer").state.kodi_retry[f"m:{demo.MOVIE_ARRIVAL}"]["tries"])
    assert tries == [1, 2, 3, 4, 5, 5, 5]


def test_an_apply_stopped_midway_finishes_at_the_next_start_and_sends_nothing_back(world):
    world.sync("login")
    world.emu.clock.advance(120)
    for simkl in demo.WATCHED_MOVIES:
        world.user.remove(simkl)  # three removals: three unwatch writes
    first_read = world.sync("timer")  # a list shrunk by three is believed at its second read (the removal guard)
    assert first_read.written["movies"] == 0
    world.emu.clock.advance(120)
    world.library.batch_size = 1
    writes_before = len(world.kodi.library.writes)

    def stop_after_the_first_batch():
        return len(world.kodi.library.writes) > writes_before

    result = world.sync("timer", should_stop=stop_after_the_first_batch)
    assert not result.completed and result.written["movies"] == 1
    owed = result.state.kodi_retry
    assert len(owed) == 2 and {row["reason"] for row in owed.values()} == {"stopped"}

    world.emu.clock.advance(120)
    result = world.sync("startup")  # Kodi started again: the removals are no longer news, the owed writes are
    assert result.completed and result.state.kodi_retry == {}
    assert all(world.movie(simkl)["playcount"] == 0 for simkl in demo.WATCHED_MOVIES)
    assert world.queued() == []
    assert not [r for r in world.emu.requests if r.method == "POST" and r.path.startswith("/sync/history")]


def test_a_removal_that_carries_its_dates_is_journaled_with_them_without_reading_the_mirror(world, tmp_path):
    world.sync("login")
    restore = {"movies": [{"ids": {"simkl": demo.MOVIE_MATRIX}, "watched_at": "2020-02-02T20:00:00Z"}]}
    entry = {"kind": "history", "action": "remove", "body": {"movies": [{"ids": {"simkl": demo.MOVIE_MATRIX}}]},
             "label": "The Matrix (1999)", "restore": restore, "created": world.clock()}
    sent = SentJournal(world.journal, None)  # no state store: reading the mirror would fail
    sent(entry)
    assert world.journal.records()[-1]["body"] == restore
