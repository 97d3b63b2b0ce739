"""The status dialog's lines about a shared video library: which box pulls, since when, and this box's role."""
import datetime

from ..kodi.ui import localize

PROBLEMS = {"pymysql_missing": 32305, "no_rights": 32306, "unreachable": 32307, "unknown_kodi_version": 32308,
            "no_host": 32309, "bad_port": 32309, "not_logged_in": 32310, "starting": 32311, "stopped": 32311,
            "login_refused": 32313}


def lines(block):
    """[] when the library is not shared (no block), else a blank line and the household's lines."""
    if not isinstance(block, dict) or not block.get("role"):
        return []
    out = ["", localize(32300, database=block.get("database") or "?", server=block.get("server") or "?")]
    role = block["role"]
    if role == "puller":
        out.append(localize(32301, time=_local(block.get("puller_since"))))
    elif role == "follower":
        out.append(localize(32302, box=block.get("puller") or "?", time=_local(block.get("puller_since"))))
        out.append(localize(32312))
    else:
        problem = block.get("problem")
        out.append(localize(32304, reason=localize(PROBLEMS[problem]) if problem in PROBLEMS else str(problem)))
    if role != "alone" and block.get("pulled_by"):
        out.append(localize(32303, box=block["pulled_by"], time=_local(block.get("pulled_at"))))
    return out


def _local(epoch):
    """A Unix time (already on this box's clock) as local 'YYYY-MM-DD HH:MM'; '?' when unreadable."""
    if isinstance(epoch, bool) or not isinstance(epoch, (int, float)):
        return "?"
    try:
        return datetime.datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M")
    except (OverflowError, OSError, ValueError):
        return "?"
