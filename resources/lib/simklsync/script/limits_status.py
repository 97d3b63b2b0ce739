"""The status dialog's lines about Simkl's daily request limit (the service saves core.budget's status)."""
import time

from ..core.budget import utc_day, utc_text
from ..kodi.ui import localize


def lines(limit, now=None):
    """`limit` is {day, requests, blocked_until} as the service saved it; stale parts are left out."""
    if not isinstance(limit, dict):
        return []
    now = time.time() if now is None else now
    shown = []
    until = limit.get("blocked_until")
    if isinstance(until, (int, float)) and not isinstance(until, bool) and until > now:
        shown.append(localize(32227, time=utc_text(until)))
    requests = limit.get("requests")
    if limit.get("day") == utc_day(now) and isinstance(requests, int) and not isinstance(requests, bool):
        shown.append(localize(32228, count=requests))
    return [""] + shown if shown else []
