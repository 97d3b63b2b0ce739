"""The dates of queued writes, put on Simkl's clock (core.clock) when they are sent.

An entry is stamped when the user acts (StampingOutbox), and its bodies keep the device's dates. Only the
request that goes out is re-dated: a watched_at read off the device clock at the event (the scrobbled stop's
own time, Kodi's lastplayed of a fresh mark: within NEAR of the stamp) moves with the event onto Simkl's
clock; any other date (a first sync's old plays) keeps its value. None goes out later than Simkl's now. The
outbox's own times (created, due) stay the device's: they only order and space the sends.
"""
import copy
from typing import Any, Dict

from ..times import UNKNOWN_DATE, epoch_to_iso, to_epoch

NEAR = 15 * 60.0  # seconds between the event and a date the device clock gave it then


def carries_dates(entry: Dict[str, Any]) -> bool:
    """The entry's request holds a date, or its age decides its form (a watched scrobble stop)."""
    if entry.get("kind") == "scrobble":
        return entry.get("action") == "stop" and isinstance(entry.get("history"), dict)
    return any(True for _ in _dated_rows(entry.get("body")))


def waits_for_clock(entry: Dict[str, Any], clock: Any) -> bool:
    """The entry must not go before Simkl's clock is known: its dates were read off an unknown device clock."""
    return not clock.resolved(entry.get("clock")) and carries_dates(entry)


def age(entry: Dict[str, Any], clock: Any) -> float:
    """Seconds since the user acted, on Simkl's clock."""
    return clock.now() - clock.event_time(entry.get("clock"), entry.get("created"))


def on_the_wire(request: Dict[str, Any], clock: Any) -> Dict[str, Any]:
    """The request with its body's dates on Simkl's clock (the entry itself is left as it is)."""
    rows = list(_dated_rows(request.get("body")))
    if not rows:
        return request
    stamp = request.get("clock")
    device = stamp.get("wall") if isinstance(stamp, dict) else request.get("created")
    if not isinstance(device, (int, float)):
        return request
    shift = clock.event_time(stamp, request.get("created")) - device
    limit = clock.now()
    request = dict(request, body=copy.deepcopy(request["body"]))
    for row in _dated_rows(request["body"]):
        row["watched_at"] = _redated(row["watched_at"], device, shift, limit)
    return request


def _redated(text: str, device: float, shift: float, limit: float) -> str:
    when = to_epoch(text)
    if when is None or text == UNKNOWN_DATE:
        return text
    if abs(when - device) <= NEAR:
        when += shift
    return epoch_to_iso(min(when, limit))


def _dated_rows(value: Any):
    """Every dict holding a watched_at text in a request body."""
    if isinstance(value, dict):
        if isinstance(value.get("watched_at"), str):
            yield value
        for child in value.values():
            if isinstance(child, (dict, list)):
                yield from _dated_rows(child)
    elif isinstance(value, list):
        for child in value:
            yield from _dated_rows(child)


class StampingOutbox:
    """The outbox as the places the user acts in see it: every entry added carries the moment's stamp."""

    def __init__(self, outbox: Any, clock: Any):
        self._outbox = outbox
        self._clock = clock

    def add(self, entry: Dict[str, Any]):
        if "clock" not in entry:
            entry = dict(entry, clock=self._clock.stamp())
        return self._outbox.add(entry)

    def __len__(self) -> int:
        return len(self._outbox)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._outbox, name)
