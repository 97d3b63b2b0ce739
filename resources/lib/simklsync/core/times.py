"""Time conversions: Simkl's UTC ISO stamps, Kodi's local "YYYY-MM-DD HH:MM:SS", the 1970 placeholder."""
import datetime
import re
from typing import Any, Optional

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
# Simkl's "watched a very long time ago" stamp is 1970-01-01T00:00:01Z; anything before this is treated
# the same, which also catches the placeholder after a round trip through a local time zone.
PLACEHOLDER_BEFORE = datetime.datetime(1970, 1, 2, tzinfo=UTC)
KODI_FORMAT = "%Y-%m-%d %H:%M:%S"

# Kodi's text, read without datetime.strptime: in an interpreter Kodi starts after another one ended (a service
# restarted by a profile switch, an update) strptime fails with "'NoneType' object is not callable".
_KODI_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2}):(\d{1,2})$")
_ISO_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$"
)


def parse_utc(value: Any) -> Optional[datetime.datetime]:
    """An aware UTC datetime from an ISO string (Z, milliseconds or an offset; no zone means UTC) or a
    datetime (naive means UTC). None for None, empty or unreadable input."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if not isinstance(value, str):
        return None
    match = _ISO_RE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        parsed = datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")), tzinfo=_zone(zone),
        )
    except ValueError:
        return None
    return parsed.astimezone(UTC)


def _zone(text: Optional[str]) -> datetime.tzinfo:
    if not text or text in ("Z", "z"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return datetime.timezone(sign * offset)


def is_placeholder(value: Any) -> bool:
    """True for Simkl's 1970-01-01T00:00:01Z "date unknown" stamp (string or datetime)."""
    parsed = parse_utc(value)
    return parsed is not None and parsed < PLACEHOLDER_BEFORE


def utc_to_kodi(dt: datetime.datetime, tz: Optional[datetime.tzinfo] = None) -> str:
    """Kodi's lastplayed text for a UTC instant, in `tz` (None: the machine's local zone)."""
    aware = parse_utc(dt)
    local = aware.astimezone(tz) if tz is not None else aware.astimezone()
    return local.strftime(KODI_FORMAT)


def epoch_to_kodi(epoch: int, tz: Optional[datetime.tzinfo] = None) -> str:
    """utc_to_kodi(from_epoch(epoch), tz) in one step: the same text at half the cost (a first sync's
    writes make 50,000 of them)."""
    try:
        local = datetime.datetime.fromtimestamp(epoch, tz) if tz is not None else datetime.datetime.fromtimestamp(epoch)
    except (OverflowError, OSError, ValueError):  # outside the platform's time_t
        return utc_to_kodi(from_epoch(epoch), tz)
    return local.isoformat(" ")[:19]


def epoch_to_local(epoch: int, tz: Optional[datetime.tzinfo] = None) -> datetime.datetime:
    """The naive wall-clock time of an epoch in `tz` (None: the machine's zone): what Kodi's text of it reads,
    so these compare as the texts do (the repeated hour of a DST change included)."""
    try:
        local = datetime.datetime.fromtimestamp(epoch, tz) if tz is not None else datetime.datetime.fromtimestamp(epoch)
    except (OverflowError, OSError, ValueError):  # outside the platform's time_t
        aware = from_epoch(epoch)
        local = aware.astimezone(tz) if tz is not None else aware.astimezone()
    return local.replace(tzinfo=None)


def kodi_to_utc(text: Any, tz: Optional[datetime.tzinfo] = None) -> Optional[datetime.datetime]:
    """The UTC instant of a Kodi local time text; None for "", "0000-00-00 …" and unreadable text.
    In the repeated hour of a DST change the first occurrence is taken."""
    if not isinstance(text, str):
        return None
    match = _KODI_RE.match(text.strip()[:19])
    try:
        naive = datetime.datetime(*(int(part) for part in match.groups())) if match else None
    except ValueError:  # "0000-00-00 00:00:00", a 31st of February
        return None
    if naive is None:
        return None
    local = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    return local.astimezone(UTC)


def iso_z(dt: datetime.datetime) -> str:
    return parse_utc(dt).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_epoch(value: Any) -> Optional[int]:
    """Whole seconds since 1970 for a stamp; None when unreadable."""
    parsed = parse_utc(value)
    if parsed is None:
        return None
    return int((parsed - EPOCH).total_seconds())


def from_epoch(seconds: int) -> datetime.datetime:
    return EPOCH + datetime.timedelta(seconds=seconds)


# Simkl's "watched, date unknown" as sent in a history body.
UNKNOWN_DATE = "1970-01-01T00:00:01Z"


def lastplayed_to_utc(lastplayed: Any, tz: Optional[datetime.tzinfo] = None) -> str:
    """Kodi's local 'YYYY-MM-DD HH:MM:SS' as Simkl's UTC ISO time; UNKNOWN_DATE when empty or unreadable.
    tz: Kodi's zone (None: this machine's)."""
    instant = kodi_to_utc(lastplayed, tz)
    return iso_z(instant) if instant is not None else UNKNOWN_DATE


def epoch_to_iso(epoch: float) -> str:
    return iso_z(from_epoch(int(epoch)))
