"""The outbox against the emulator on flaky networks: captive portals, long outages, scrobble locks."""
import random

import pytest
from simklsync.core.outbox.bodies import media_block
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.queue import Outbox
from simklsync.core.state.store import JsonStore
from simklsync.simkl.client import SimklClient
from simklsync.simkl.outbox_sender import flush

from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

TOKEN = "outbox-fault-token"
HEAT_IDS = {"imdb": "tt0113277"}


class Clock:
    def __init__(self, emu):
        self.emu = emu
        self.now = 1_800_000_000.0
        emu.clock.set("2027-01-15T08:00:00Z")

    def __call__(self):
        return self.now

    def wait(self, seconds):
        self.advance(seconds)
        return False

    def advance(self, seconds):
        self.now += seconds
        self.emu.clock.advance(seconds)


@pytest.fixture
def emu():
    emulator = SimklEmulator(Options(scrobble_lock_seconds=20))
    emulator.catalog.add_movie(10523, "Heat", 1995, imdb="tt0113277")
    emulator.add_user(token=TOKEN)
    emulator.start()
    yield emulator
    emulator.stop()


def send_until_empty(outbox, emu, clock, rounds=40):
    client = SimklClient(TEST_CLIENT_ID, "1.0.0", token=TOKEN, base_url=emu.url, wait=clock.wait, clock=clock,
                         max_retries=0)
    for _ in range(rounds):
        due = outbox.next_due()
        if due is None:
            return
        clock.advance(max(0.0, due - clock.now))
        flush(outbox, client, clock, clock.wait, random.Random(1).random)


def test_a_captive_portal_answering_html_for_an_hour_does_not_lose_the_mark(emu, tmp_path):
    clock = Clock(emu)
    outbox = Outbox(JsonStore(str(tmp_path / "outbox.json")))
    outbox.add(mark_entry("add", "movie", media_block("Heat", 1995, HEAT_IDS), clock(),
                          watched_at="2027-01-15T07:00:00Z"))
    emu.inject(kind="html", status=200, path="/sync/history", count=8)
    send_until_empty(outbox, emu, clock)
    assert outbox.dropped() == []
    assert [e["simkl"] for e in emu.user(TOKEN).history_events()] == [10523]
