"""The status file the service writes, as readable, localized text for the textviewer."""
import datetime
import json
import logging
import os

from ..constants import STATUS_FILE
from ..kodi.gui.reason_text import reason_text
from ..kodi.ui import localize
from . import clock_status, held_status, household_status, journal_status, limits_status

LOG = logging.getLogger("simklsync.status_text")

MAX_LISTED = 50
TYPE_NAMES = {"movies": 32040, "shows": 32041, "anime": 32042, "episodes": 32043, "playback": 32044}


def render(profile_folder, account_name):
    """Account first, then what the last sync did, what did not match and what waits to be sent."""
    lines = [localize(32021, name=account_name) if account_name else localize(32022), ""]
    status = _load(os.path.join(profile_folder, STATUS_FILE))
    if status is None:
        lines.append(localize(32023))
    elif not isinstance(status, dict):
        lines.append(localize(32024))
    else:
        lines.extend(_last_sync(status))
        lines.extend(held_status.lines(status.get("held")))
        lines.extend(_checks(status))
        lines.extend(limits_status.lines(status.get("daily_limit")))
        lines.extend(clock_status.lines(status.get("clock")))
        lines.extend(_unmatched(status.get("unmatched")))
        lines.extend(_outbox(status.get("outbox")))
        lines.extend(_unmarks(status.get("unmarks")))
        lines.extend(_scrobble_skip(status.get("scrobble_skipped")))
        lines.extend(household_status.lines(status.get("household")))
        lines.extend(journal_status.owed_lines(status.get("kodi_retry")))
    lines.extend(journal_status.lines(profile_folder))
    return "\n".join(lines)


def load_status(profile_folder):
    """The status file's data (None: none yet; False: unreadable)."""
    return _load(os.path.join(profile_folder, STATUS_FILE))


def _load(path):
    """The parsed file; None when it does not exist; False when it cannot be read."""
    if not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            content = json.load(handle)
    except (OSError, ValueError) as error:
        LOG.warning("status file unreadable: %s", type(error).__name__)
        return False
    # The service writes it through core.store.JsonStore: {"schema": 1, "data": {...}}.
    if isinstance(content, dict) and "schema" in content and "data" in content:
        return content["data"]
    return content


def _last_sync(status):
    started = _local_time(status.get("last_sync_started"))
    finished = _local_time(status.get("last_sync_finished"))
    lines = []
    if started and (not finished or status.get("last_sync_started") > status.get("last_sync_finished")):
        lines.append(localize(32026, time=started))
    lines.append(localize(32025, time=finished or localize(32038)))
    result = status.get("last_result")
    if result:
        lines.append(localize(32027, result=localize(32028) if result == "ok" else reason_text(result)))
    lines.append(localize(32029, counts=_counts(status.get("read"))))
    written = status.get("written") if isinstance(status.get("written"), dict) else {}
    movies, episodes = _number(written.get("movies")), _number(written.get("episodes"))
    lines.append(localize(32030, movies=movies, episodes=episodes))
    tags = _number(status.get("tags_written"))
    if tags > 0:
        lines.append(localize(32420, count=tags))
    if status.get("requests") is not None:
        lines.append(localize(32031, count=_number(status.get("requests"))))
    return lines


NEXT_CHECK_WHY = {"timer": 32431, "idle": 32432, "budget": 32433}
LAST_CHECK_WHY = {"wake": 32435, "return": 32436}


def _checks(status):
    """When the next timed check is due and why; why the last one ran, when the user's return started it."""
    lines = []
    check = status.get("next_check")
    if isinstance(check, dict) and check.get("why") in NEXT_CHECK_WHY and _local_time(check.get("at")):
        lines.append(localize(32430, time=_local_time(check["at"]), why=localize(NEXT_CHECK_WHY[check["why"]])))
    if status.get("reason") in LAST_CHECK_WHY:
        lines.append(localize(32434, why=localize(LAST_CHECK_WHY[status["reason"]])))
    return lines


def _unmatched(items):
    items = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    if not items:
        return []
    lines = ["", localize(32032, count=len(items))]
    lines.extend(f"  - {_title(item)}: {_why_unmatched(item)}" for item in items[:MAX_LISTED])
    return lines + _more(len(items))


# The planner's reason codes (core/match.py, core/plan/planner.py) in words.
UNMATCHED_REASONS = {"not_in_library": 32060, "no_shared_id": 32061, "ambiguous": 32062,
                     "episodes_not_in_library": 32063, "no_runtime": 32064}


def _why_unmatched(item):
    reason = item.get("reason") or "?"
    if reason not in UNMATCHED_REASONS:
        return reason
    return localize(UNMATCHED_REASONS[reason], count=_number(item.get("episodes")))


def _scrobble_skip(skip):
    if not isinstance(skip, dict) or not skip.get("item"):
        return []
    return ["", localize(32065, item=skip["item"], reason=reason_text(skip.get("reason")))]


def _outbox(outbox):
    outbox = outbox if isinstance(outbox, dict) else {}
    pending = _number(outbox.get("pending"))
    lines = ["", localize(32034, count=pending) if pending else localize(32033)]
    parked = _number(outbox.get("parked"))  # another account's writes (core/outbox/parking.py)
    if parked:
        lines.append(localize(32600, count=parked))
    records = outbox.get("dropped") if isinstance(outbox.get("dropped"), list) else []
    undelivered = [entry for entry in records if is_retryable(entry)]
    for heading, dropped in ((32035, [e for e in records if not is_retryable(e)]), (32632, undelivered)):
        if dropped:
            lines.append(localize(heading, count=len(dropped)))
            lines.extend(f"  - {_dropped_item(entry)}: {_dropped_why(entry)}" for entry in dropped[:MAX_LISTED])
            lines.extend(_more(len(dropped)))
    return lines


def is_retryable(record):
    """A write not delivered after its limit, which the status dialog's "Try again" puts back in the queue."""
    return isinstance(record, dict) and record.get("retry") is True


def undelivered_count(profile_folder):
    """How many writes the status file lists as not delivered (0 when it cannot be read)."""
    status = _load(os.path.join(profile_folder, STATUS_FILE))
    outbox = status.get("outbox") if isinstance(status, dict) else None
    records = outbox.get("dropped") if isinstance(outbox, dict) else None
    return sum(1 for record in records if is_retryable(record)) if isinstance(records, list) else 0


def _unmarks(unmarks):
    """Kodi unwatches held before Simkl (in their two minutes, or asked about) and those kept on Simkl."""
    unmarks = unmarks if isinstance(unmarks, dict) else {}
    held, kept = _number(unmarks.get("held")), _number(unmarks.get("kept"))
    lines = [localize(32714, count=held)] if held else []
    return lines + ([localize(32715, count=kept)] if kept else [])


def _more(count):
    return [localize(32036, count=count - MAX_LISTED)] if count > MAX_LISTED else []


def _title(item):
    title = item.get("title") or "?"
    if item.get("year"):
        title = "{} ({})".format(title, item["year"])
    details = [str(item[key]) for key in ("type",) if item.get(key)]
    if item.get("simkl"):
        details.append("simkl {}".format(item["simkl"]))
    return "{} [{}]".format(title, ", ".join(details)) if details else title


def _dropped_item(entry):
    item = entry.get("item") if isinstance(entry, dict) else entry
    if isinstance(item, dict):
        return _title(item)
    return str(item) if item is not None else "?"


def _dropped_why(entry):
    return reason_text(entry.get("reason") if isinstance(entry, dict) else None)


def _counts(read):
    if not isinstance(read, dict) or not any(_number(n) for n in read.values()):
        return localize(32037)
    parts = []
    order = list(TYPE_NAMES)
    for key, count in sorted(read.items(), key=lambda pair: (order.index(pair[0]) if pair[0] in order else 99)):
        name = localize(TYPE_NAMES[key]) if key in TYPE_NAMES else str(key)
        parts.append(f"{name}: {_number(count)}")  # "shows: 1" reads right in any number
    return ", ".join(parts)


def _number(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _local_time(iso_utc):
    """'2026-05-14T06:50:38Z' (milliseconds allowed) in the machine's local time, or '' when unreadable."""
    if not isinstance(iso_utc, str) or not iso_utc:
        return ""
    text = iso_utc.strip().replace("Z", "+00:00")
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
