"""The status dialog's line about this box's clock when it is off Simkl's (the service saves
core.clock.SimklClock.status())."""
from ..core.clock import offset_parts
from ..kodi.ui import localize

BEHIND, AHEAD = 32660, 32661
DAYS, HOURS, MINUTES = 32662, 32663, 32664


def lines(clock):
    """`clock` is {"offset": seconds, Simkl's minus this box's} or None (the clock is right)."""
    offset = clock.get("offset") if isinstance(clock, dict) else None
    if not isinstance(offset, (int, float)) or isinstance(offset, bool) or not offset:
        return []
    return ["", localize(BEHIND if offset > 0 else AHEAD, amount=amount_text(offset))]


def amount_text(seconds):
    """"3 d 0 h 5 min", "2 h 30 min", "3 min": the parts from the largest one that is not zero."""
    days, hours, minutes = offset_parts(seconds)
    parts = [(DAYS, days), (HOURS, hours), (MINUTES, minutes)]
    while len(parts) > 1 and not parts[0][1]:
        parts.pop(0)
    return " ".join(localize(string_id, count=count) for string_id, count in parts)
