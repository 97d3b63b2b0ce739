"""Simkl's clock from its Date headers: the offset, the threshold, garbled headers, stamps resolved later."""
import email.utils

import pytest
from simklsync.core.clock import PLAUSIBLE_AFTER, THRESHOLD, SimklClock, parse_http_date

DAY = 86400.0
SIMKL_T0 = 1796655896.0  # 2026-12-07 15:04:56 UTC


class Device:
    """A device's wall clock (settable, jumps like NTP) and its monotonic clock, moved together."""

    def __init__(self, wall, mono=5000.0):
        self.wall_at = wall
        self.mono_at = mono

    def wall(self):
        return self.wall_at

    def mono(self):
        return self.mono_at

    def advance(self, seconds):
        self.wall_at += seconds
        self.mono_at += seconds


def http_date(epoch):
    return email.utils.formatdate(epoch, usegmt=True)


def clock_on(device, session="boot-1"):
    return SimklClock(device.wall, device.mono, session)


def test_an_answer_teaches_the_offset_of_a_device_three_days_behind():
    device = Device(SIMKL_T0 - 3 * DAY)
    clock = clock_on(device)
    assert not clock.known and clock.offset() is None and clock.now() == device.wall()
    assert clock.observe(http_date(SIMKL_T0))
    assert clock.offset() == pytest.approx(3 * DAY, abs=1)
    assert clock.now() == pytest.approx(SIMKL_T0, abs=1)


def test_a_device_two_days_ahead_is_corrected_backwards():
    device = Device(SIMKL_T0 + 2 * DAY)
    clock = clock_on(device)
    clock.observe(http_date(SIMKL_T0))
    device.advance(60)
    assert clock.now() == pytest.approx(SIMKL_T0 + 60, abs=1)


def test_a_clock_within_two_minutes_is_believed_as_it_is():
    device = Device(SIMKL_T0 + THRESHOLD - 10)
    clock = clock_on(device)
    clock.observe(http_date(SIMKL_T0))
    assert clock.offset() == pytest.approx(-(THRESHOLD - 10), abs=1)
    assert clock.correction() == 0.0 and clock.now() == device.wall()


def test_just_over_two_minutes_off_is_corrected():
    device = Device(SIMKL_T0 - THRESHOLD - 10)
    clock = clock_on(device)
    clock.observe(http_date(SIMKL_T0))
    assert clock.correction() == pytest.approx(THRESHOLD + 10, abs=1)


@pytest.mark.parametrize("header", [None, "", "   ", "yesterday", "Mon, 99 Foo 2026 25:61:00 GMT", 12345,
                                    "Thu, 01 Jan 1970 00:00:00 GMT", "2026-12-07T15:04:56"])
def test_a_missing_or_garbled_date_header_teaches_nothing(header):
    device = Device(SIMKL_T0 - DAY)
    clock = clock_on(device)
    assert clock.observe(header) is False
    assert not clock.known and clock.now() == device.wall()


def test_a_garbled_header_after_good_ones_keeps_the_estimate():
    device = Device(SIMKL_T0 - DAY)
    clock = clock_on(device)
    clock.observe(http_date(SIMKL_T0))
    clock.observe("garbage")
    assert clock.offset() == pytest.approx(DAY, abs=1)


def test_age_of_a_cached_answer_is_added():
    device = Device(SIMKL_T0 - DAY)
    clock = clock_on(device)
    clock.observe(http_date(SIMKL_T0 - 300), age="300")
    assert clock.offset() == pytest.approx(DAY, abs=1)


def test_one_odd_reading_is_outvoted_by_the_median():
    device = Device(SIMKL_T0)
    clock = clock_on(device)
    for _ in range(2):
        clock.observe(http_date(device.wall()))
        device.advance(10)
    clock.observe(http_date(device.wall() + 5 * DAY))  # a stale proxy's date, once
    assert abs(clock.offset()) < 2


def test_an_ntp_jump_of_the_device_clock_does_not_move_simkls_time():
    device = Device(0.0 + 40)  # booted at 1970
    clock = clock_on(device)
    clock.observe(http_date(SIMKL_T0))
    device.advance(100)
    device.wall_at = SIMKL_T0 + 100  # NTP set the clock right; the monotonic clock did not move
    assert clock.simkl_now() == pytest.approx(SIMKL_T0 + 100, abs=1)
    assert clock.correction() == 0.0


def test_a_view_stamped_at_1970_is_dated_once_simkl_answers():
    device = Device(25.0)  # 1970-01-01 00:00:25, no real-time clock
    clock = clock_on(device)
    stamp = clock.stamp()
    assert "shift" not in stamp and not clock.resolved(stamp)
    device.advance(600)  # ten minutes later the network is up
    clock.observe(http_date(SIMKL_T0))
    assert clock.resolved(stamp)
    assert clock.event_time(stamp) == pytest.approx(SIMKL_T0 - 600, abs=1)


def test_a_stamp_made_with_the_offset_known_keeps_its_correction():
    device = Device(SIMKL_T0 - 3 * DAY)
    clock = clock_on(device)
    clock.observe(http_date(SIMKL_T0))
    stamp = clock.stamp()
    device.advance(3600)
    assert clock.event_time(stamp) == pytest.approx(SIMKL_T0, abs=1)


def test_a_1970_stamp_of_another_session_is_dated_no_earlier_than_now_not_1970():
    device = Device(25.0)
    stamp = clock_on(device, "boot-1").stamp()
    later = clock_on(Device(SIMKL_T0 - DAY), "boot-2")
    later.observe(http_date(SIMKL_T0))
    assert later.event_time(stamp) == pytest.approx(SIMKL_T0, abs=1)


def test_a_plausible_date_of_another_session_is_kept_but_never_in_the_future():
    plausible = SIMKL_T0 - 2 * DAY
    past = clock_on(Device(plausible), "boot-1").stamp()
    future = clock_on(Device(SIMKL_T0 + 2 * DAY), "boot-1").stamp()
    later = clock_on(Device(SIMKL_T0), "boot-2")
    later.observe(http_date(SIMKL_T0))
    assert later.event_time(past) == pytest.approx(plausible)
    assert later.event_time(future) == pytest.approx(SIMKL_T0, abs=1)
    assert PLAUSIBLE_AFTER < plausible


def test_no_stamp_is_dated_by_created_and_the_offset_now():
    device = Device(SIMKL_T0 - 3 * DAY)
    clock = clock_on(device)
    clock.observe(http_date(SIMKL_T0))
    assert clock.event_time(None, device.wall() - 60) == pytest.approx(SIMKL_T0 - 60, abs=1)


def test_parse_http_date_reads_rfc_1123():
    assert parse_http_date("Mon, 07 Dec 2026 15:04:56 GMT") == SIMKL_T0


def test_the_log_says_once_that_the_clock_is_off_and_again_when_it_is_right(caplog):
    device = Device(SIMKL_T0 - 3 * DAY)
    clock = clock_on(device)
    with caplog.at_level("INFO", logger="simklsync.clock"):
        for _ in range(3):
            clock.observe(http_date(device.wall() + 3 * DAY))
            device.advance(30)
        device.wall_at += 3 * DAY  # NTP
        for _ in range(2):
            clock.observe(http_date(device.wall()))
    assert [record.getMessage() for record in caplog.records] == [
        "this device's clock is 259200 s behind Simkl's: the dates sent to Simkl are corrected",
        "this device's clock agrees with Simkl's again"]
