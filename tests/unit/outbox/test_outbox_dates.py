"""Queued writes dated by Simkl's clock: stamps at the event, re-dated on the wire, a 1970 view dated later."""
import email.utils

import pytest
from simklsync.core.clock import SimklClock
from simklsync.core.outbox.bodies import media_block
from simklsync.core.outbox.dates import StampingOutbox, age, on_the_wire, waits_for_clock
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.queue import Outbox
from simklsync.core.playing.scrobble import Intent, PlayingItem, due_form, scrobble_entry
from simklsync.core.times import UNKNOWN_DATE, epoch_to_iso, to_epoch
from simklsync.simkl import errors
from simklsync.simkl.outbox_sender import flush

DAY = 86400.0
SIMKL_T0 = 1796655896.0  # 2026-12-07 15:04:56 UTC
MOVIE = PlayingItem("movie", {"imdb": "tt0133093"}, "The Matrix", 1999, duration=1000.0)
BLOCK = media_block("The Matrix", 1999, {"imdb": "tt0133093"})


class Device:
    def __init__(self, wall, mono=5000.0):
        self.wall_at, self.mono_at = wall, mono

    def wall(self):
        return self.wall_at

    def mono(self):
        return self.mono_at

    def advance(self, seconds):
        self.wall_at += seconds
        self.mono_at += seconds
        return False


def teach(clock, simkl_epoch):
    clock.observe(email.utils.formatdate(simkl_epoch, usegmt=True))


class Client:
    """Records history writes; its activities read carries Simkl's Date (or fails)."""

    def __init__(self, clock, simkl_now, activities_error=None):
        self.simkl_time = clock
        self.simkl_now = simkl_now
        self.activities_error = activities_error
        self.calls = []

    def get_activities(self):
        self.calls.append(("get_activities",))
        if self.activities_error is not None:
            raise self.activities_error
        teach(self.simkl_time, self.simkl_now())
        return {}

    def add_history(self, body):
        self.calls.append(("add_history", body))
        return {"added": {"movies": 1}, "not_found": {}}

    def scrobble(self, action, body):
        self.calls.append(("scrobble", action, body))
        return {"action": "scrobble"}


def sent_date(request):
    return to_epoch(request["body"]["movies"][0]["watched_at"])


def watched_at_sent(client):
    [body] = [call[1] for call in client.calls if call[0] == "add_history"]
    return to_epoch(body["movies"][0]["watched_at"])


def test_a_stop_queued_three_days_behind_is_sent_dated_by_simkl(store):
    device = Device(SIMKL_T0 - 3 * DAY)
    clock = SimklClock(device.wall, device.mono, "boot")
    teach(clock, SIMKL_T0)
    outbox = StampingOutbox(Outbox(store), clock)
    outbox.add(scrobble_entry(MOVIE, Intent("stop", 95.0), device.wall()))
    device.advance(2 * 3600)  # offline for two hours: it goes as a history write
    client = Client(clock, lambda: SIMKL_T0 + 2 * 3600)
    flush(outbox, client, device.wall, device.advance)
    assert watched_at_sent(client) == pytest.approx(SIMKL_T0, abs=2)


def test_a_stop_two_days_ahead_is_never_sent_in_the_future(store):
    device = Device(SIMKL_T0 + 2 * DAY)
    clock = SimklClock(device.wall, device.mono, "boot")
    teach(clock, SIMKL_T0)
    entry = StampingOutbox(Outbox(store), clock).add(scrobble_entry(MOVIE, Intent("stop", 95.0), device.wall()))
    device.advance(3600)
    wire = on_the_wire(dict(entry, kind="history", action="add", body=entry["history"]), clock)
    assert sent_date(wire) == pytest.approx(SIMKL_T0, abs=2)
    assert entry["history"]["movies"][0]["watched_at"] == epoch_to_iso(SIMKL_T0 + 2 * DAY)  # the entry is kept


def test_a_view_stamped_at_1970_waits_then_is_dated_when_simkl_answers(store):
    device = Device(40.0)  # 1970-01-01 00:00:40: a box without a real-time clock, not yet on the network
    clock = SimklClock(device.wall, device.mono, "boot")
    outbox = StampingOutbox(Outbox(store), clock)
    entry = outbox.add(scrobble_entry(MOVIE, Intent("stop", 95.0), device.wall()))
    assert waits_for_clock(entry, clock)
    device.advance(3 * 3600)  # three hours on, the network is up; NTP has not run
    client = Client(clock, lambda: SIMKL_T0 + 3 * 3600)
    result = flush(outbox, client, device.wall, device.advance)
    assert client.calls[0] == ("get_activities",) and result.sent == 1
    assert watched_at_sent(client) == pytest.approx(SIMKL_T0, abs=2)


def test_a_1970_view_is_not_sent_while_simkls_clock_cannot_be_learnt(store):
    device = Device(40.0)
    clock = SimklClock(device.wall, device.mono, "boot")
    outbox = StampingOutbox(Outbox(store), clock)
    outbox.add(scrobble_entry(MOVIE, Intent("stop", 95.0), device.wall()))
    client = Client(clock, None, activities_error=errors.TransientError("GET /sync/activities timed out"))
    result = flush(outbox, client, device.wall, device.advance)
    assert result.sent == 0 and len(outbox) == 1
    assert [call[0] for call in client.calls] == ["get_activities"]
    assert result.next_due > device.wall()  # the round waits, it does not spin


def test_a_start_without_dates_does_not_wait_for_the_clock(store):
    device = Device(40.0)
    clock = SimklClock(device.wall, device.mono, "boot")
    entry = StampingOutbox(Outbox(store), clock).add(scrobble_entry(MOVIE, Intent("start", 1.0), device.wall()))
    assert not waits_for_clock(entry, clock)


def test_a_fresh_kodi_mark_moves_with_the_clock_an_old_date_is_kept():
    device = Device(SIMKL_T0 - 3 * DAY)
    clock = SimklClock(device.wall, device.mono, "boot")
    teach(clock, SIMKL_T0)
    fresh = mark_entry("add", "movie", BLOCK, device.wall(), watched_at=epoch_to_iso(device.wall() - 5))
    fresh["clock"] = clock.stamp()
    old = dict(fresh, body={"movies": [dict(BLOCK, watched_at="2025-03-01T20:00:00Z")]})
    unknown = dict(fresh, body={"movies": [dict(BLOCK, watched_at=UNKNOWN_DATE)]})
    assert sent_date(on_the_wire(fresh, clock)) == pytest.approx(SIMKL_T0 - 5, abs=2)
    assert on_the_wire(old, clock)["body"]["movies"][0]["watched_at"] == "2025-03-01T20:00:00Z"
    assert on_the_wire(unknown, clock)["body"]["movies"][0]["watched_at"] == UNKNOWN_DATE


def test_an_entry_from_before_stamps_is_corrected_by_todays_offset():
    device = Device(SIMKL_T0 - 3 * DAY)
    clock = SimklClock(device.wall, device.mono, "boot")
    teach(clock, SIMKL_T0)
    legacy = mark_entry("add", "movie", BLOCK, device.wall() - 60, watched_at=epoch_to_iso(device.wall() - 60))
    assert sent_date(on_the_wire(legacy, clock)) == pytest.approx(SIMKL_T0 - 60, abs=2)
    assert age(legacy, clock) == pytest.approx(60, abs=2)


def test_a_device_clock_right_to_the_minute_changes_no_date():
    device = Device(SIMKL_T0 + 30)
    clock = SimklClock(device.wall, device.mono, "boot")
    teach(clock, SIMKL_T0)
    entry = mark_entry("add", "movie", BLOCK, device.wall(), watched_at=epoch_to_iso(device.wall()))
    entry["clock"] = clock.stamp()
    assert on_the_wire(entry, clock)["body"] == entry["body"]


def test_an_answer_without_a_date_lets_a_waiting_view_go_with_the_devices_date(store):
    device = Device(SIMKL_T0 - 60)
    clock = SimklClock(device.wall, device.mono, "boot")
    outbox = StampingOutbox(Outbox(store), clock)
    outbox.add(scrobble_entry(MOVIE, Intent("stop", 95.0), device.wall()))
    device.advance(2 * 3600)
    client = Client(clock, lambda: SIMKL_T0)
    client.get_activities = lambda: client.calls.append(("get_activities",)) or {}  # a proxy stripped the Date
    result = flush(outbox, client, device.wall, device.advance)
    assert result.sent == 1 and watched_at_sent(client) == pytest.approx(SIMKL_T0 - 60, abs=1)


def test_a_stop_before_an_ntp_fix_backwards_is_not_sent_hours_later_as_a_live_scrobble(store):
    device = Device(SIMKL_T0 + 2 * DAY)
    clock = SimklClock(device.wall, device.mono, "boot")
    teach(clock, SIMKL_T0)
    entry = StampingOutbox(Outbox(store), clock).add(scrobble_entry(MOVIE, Intent("stop", 95.0), device.wall()))
    device.advance(2 * 3600)
    device.wall_at -= 2 * DAY  # NTP puts the clock back: by the device, the stop is two days in the future
    assert due_form(entry, device.wall())[0]["kind"] == "scrobble"  # the device's clock alone: sent as live
    request, _ = due_form(entry, device.wall(), age(entry, clock))
    assert request["kind"] == "history"
    assert sent_date(on_the_wire(request, clock)) == pytest.approx(SIMKL_T0, abs=2)
