"""Timestamp formatting and tolerant parsing (Simkl sends second-precision UTC with Z)."""

from datetime import datetime, timezone
from typing import Optional, Union

UNKNOWN_DATE = "1970-01-01T00:00:01Z"


def to_iso(moment: Optional[datetime]) -> Optional[str]:
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_iso_ms(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_iso(value: Union[str, datetime, None]) -> Optional[datetime]:
    """ISO with Z, offset or milliseconds, 'YYYY-MM-DD HH:MM:SS' (UTC) or a date; None if unparsable."""
    if value is None or isinstance(value, datetime):
        return _aware(value) if value is not None else None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace(" ", "T", 1)
    text = _trim_fraction(text)
    try:
        return _aware(datetime.fromisoformat(text)).replace(microsecond=0)
    except ValueError:
        return None


def _trim_fraction(text: str) -> str:
    # Python 3.8's fromisoformat accepts only 3 or 6 fraction digits.
    if "." not in text:
        return text
    head, tail = text.split(".", 1)
    digits = ""
    while tail and tail[0].isdigit():
        digits, tail = digits + tail[0], tail[1:]
    return head + tail if not digits else head + "." + digits[:6].ljust(6, "0") + tail


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
