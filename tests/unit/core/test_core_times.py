import datetime

import pytest
from simklsync.core.times import (
    epoch_to_kodi,
    from_epoch,
    is_placeholder,
    iso_z,
    kodi_to_utc,
    parse_utc,
    to_epoch,
    utc_to_kodi,
)

try:
    from zoneinfo import ZoneInfo
except ImportError:  # Python 3.8 (Kodi on older boxes): the backport
    from backports.zoneinfo import ZoneInfo

UTC = datetime.timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize("text", [
    "2026-05-13T16:08:00Z", "2026-05-13T16:08:00.000Z", "2026-05-13T16:08:00.123456789Z",
    "2026-05-13T18:08:00+02:00", "2026-05-13T11:08:00-0500", "2026-05-13 16:08:00", "2026-05-13T16:08:00",
])
def test_parse_utc_reads_every_simkl_stamp_shape_as_the_same_instant(text):
    parsed = parse_utc(text)
    assert parsed.tzinfo is not None
    assert parsed.replace(microsecond=0) == datetime.datetime(2026, 5, 13, 16, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    "garbage", [None, "", "yesterday", "2026-13-40T00:00:00Z", 17, [], "0000-00-00 00:00:00"])
def test_parse_utc_returns_none_for_garbage(garbage):
    assert parse_utc(garbage) is None


def test_parse_utc_keeps_milliseconds():
    assert parse_utc("2024-01-15T10:30:00.250Z").microsecond == 250000


def test_placeholder_is_recognised_as_text_datetime_and_after_a_local_round_trip():
    assert is_placeholder("1970-01-01T00:00:01Z")
    assert is_placeholder(datetime.datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC))
    assert is_placeholder("1970-01-01T01:00:01+01:00")
    assert not is_placeholder("2026-05-13T16:08:00Z")
    assert not is_placeholder(None)
    assert not is_placeholder("nonsense")


def test_utc_to_kodi_in_summer_and_winter_follows_dst():
    assert utc_to_kodi(parse_utc("2026-07-01T12:00:00Z"), BERLIN) == "2026-07-01 14:00:00"
    assert utc_to_kodi(parse_utc("2026-01-15T12:00:00Z"), BERLIN) == "2026-01-15 13:00:00"


def test_utc_to_kodi_across_the_spring_forward_gap():
    # 2026-03-29 01:00Z Berlin jumps from 02:00 to 03:00 local.
    assert utc_to_kodi(parse_utc("2026-03-29T00:59:59Z"), BERLIN) == "2026-03-29 01:59:59"
    assert utc_to_kodi(parse_utc("2026-03-29T01:00:00Z"), BERLIN) == "2026-03-29 03:00:00"


INDIA = datetime.timezone(datetime.timedelta(hours=5, minutes=30))


@pytest.mark.parametrize("tz", [UTC, BERLIN, NEW_YORK, None, INDIA])
def test_epoch_to_kodi_is_the_text_utc_to_kodi_gives_for_the_same_instant(tz):
    around_dst = [to_epoch(stamp) + delta for stamp in ("2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z",
                                                        "2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z")
                  for delta in (-3601, -1, 0, 1, 1799, 3600)]
    for epoch in around_dst + [1, 86399, 951782400, 1767225599, 2147483647, 4102444800]:
        assert epoch_to_kodi(epoch, tz) == utc_to_kodi(from_epoch(epoch), tz)


def test_kodi_to_utc_round_trips_outside_the_repeated_hour():
    for stamp in ("2026-07-01T12:00:00Z", "2026-01-15T23:59:59Z", "2026-03-29T01:00:00Z"):
        instant = parse_utc(stamp)
        assert kodi_to_utc(utc_to_kodi(instant, NEW_YORK), NEW_YORK) == instant


def test_kodi_to_utc_takes_the_first_occurrence_in_the_repeated_autumn_hour():
    # 2026-10-25 02:30 happens twice in Berlin: at 00:30Z (CEST) and 01:30Z (CET).
    assert kodi_to_utc("2026-10-25 02:30:00", BERLIN) == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("empty", ["", "0000-00-00 00:00:00", None, "garbage", 12])
def test_kodi_to_utc_treats_empty_and_zero_dates_as_none(empty):
    assert kodi_to_utc(empty, UTC) is None


def test_local_zone_is_used_when_no_zone_is_given():
    instant = parse_utc("2026-07-01T12:00:00Z")
    assert utc_to_kodi(instant) == instant.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert kodi_to_utc(utc_to_kodi(instant)) == instant


def test_iso_z_formats_whole_seconds_in_utc():
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    assert iso_z(datetime.datetime(2026, 5, 13, 18, 8, 0, 999, tzinfo=plus_two)) == "2026-05-13T16:08:00Z"


def test_kodi_times_are_read_where_kodi_broke_strptime(monkeypatch):
    """In an interpreter Kodi starts after another one ended (the service after a profile switch) the C
    datetime.strptime finds _strptime's function gone: seen in Kodi 21's log as "'NoneType' object is not
    callable" on the first mark after Profiles.LoadProfile."""
    import _strptime  # noqa: PLC0415

    # The function C's datetime.strptime calls: _strptime_datetime up to Python 3.13, _strptime_datetime_datetime
    # from 3.14 on.
    broken = [name for name in ("_strptime_datetime", "_strptime_datetime_datetime") if hasattr(_strptime, name)]
    assert broken
    for name in broken:
        monkeypatch.setattr(_strptime, name, None)
    assert kodi_to_utc("2026-03-01 21:30:00", UTC) == datetime.datetime(2026, 3, 1, 21, 30, tzinfo=UTC)
    assert kodi_to_utc("2026-03-01T21:30:00", UTC) == datetime.datetime(2026, 3, 1, 21, 30, tzinfo=UTC)
    assert kodi_to_utc("0000-00-00 00:00:00", UTC) is None
    assert kodi_to_utc("2026-02-31 10:00:00", UTC) is None
    assert kodi_to_utc("yesterday", UTC) is None
