"""Watching one add-on sync cycle in a real Kodi from outside: its log lines (times to the millisecond),
the emulator's request log and Kodi's OnUpdate notifications."""
import datetime
import os
import re
import time
from typing import Any, Dict, List

from tests.support.kodi_rig import ADDON_ID, LoggedError

from .kodi_watch import KodiWatch, status_bytes

SYNC_LINE = r"sync \((\w+)\): (.*?), (\d+) requests, (\d+) movies and (\d+) episodes written"
SERVICE_STARTED = r"service started"
SERVICE_STOPPED = r"service stopped"
LOG_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


class Cycle:
    """What one cycle did; `error` is set (and the rest may be empty) when it could not be observed."""

    def __init__(self):
        self.error = None
        self.result = ""
        self.seconds = None  # "service started" → the sync line: the add-on's own time
        self.wall = None  # the trigger → the sync line, as a user would see it
        self.requests: List[Dict[str, Any]] = []
        self.written = 0
        self.onupdates = 0
        self.phases: Dict[str, float] = {}
        self.kodi_cpu = None  # CPU seconds of the whole Kodi process (all threads) during the cycle
        self.started_at = None  # epoch of "service started"
        self.updated_at: Dict[tuple, float] = {}  # (media, Kodi id) → epoch of its first OnUpdate in the cycle
        self.watch = None  # kodi_watch.Watched: memory, CPU by thread kind, remote JSON-RPC waits
        self.rss_settled = None  # Kodi's VmRSS a second after the sync line: what the add-on keeps after it

    def request_counts(self) -> Dict[str, int]:
        counts: Dict[str, int] = {}
        for request in self.requests:
            name = request["method"] + " " + _path_kind(request["path"])
            counts[name] = counts.get(name, 0) + 1
        return counts


def set_service(rig, enabled: bool, timeout=60) -> None:
    """Start or stop the add-on's service by enabling or disabling the add-on (no Kodi restart)."""
    since = rig.log_mark()
    rig.rpc("Addons.SetAddonEnabled", {"addonid": ADDON_ID, "enabled": enabled})
    if not enabled:
        try:
            rig.wait_for_log(SERVICE_STOPPED, timeout, since=since, fail_on_addon_errors=False)
        except TimeoutError:
            pass  # Kodi aborted the interpreter harder; the next start is what matters


def observe_startup_cycle(rig, emulator, timeout) -> Cycle:
    """Start the service (its startup sync runs at once) and observe that first cycle."""
    cycle = Cycle()
    log_since, notes_since, requests_since = rig.log_mark(), rig.notification_mark(), emulator.mark()
    triggered, cpu_before = time.time(), kodi_cpu_seconds(rig)
    try:
        with KodiWatch(rig) as watch:
            set_service(rig, True)
            match = rig.log.wait_for(SYNC_LINE, timeout, log_since, interval=0.05, fail_on_errors_about=ADDON_ID)
    except (TimeoutError, LoggedError) as failure:
        cycle.error = f"{type(failure).__name__}: {str(failure).splitlines()[0][:160]}"
        cycle.requests = emulator.requests_since(requests_since)
        return cycle
    cycle.watch = watch.result
    text = rig.log.text(log_since)
    ended = line_time(text, match.start())
    started_match = re.search(SERVICE_STARTED, text)
    started = line_time(text, started_match.start()) if started_match else triggered
    cycle.kodi_cpu = kodi_cpu_seconds(rig) - cpu_before
    cycle.result = match.group(2)
    cycle.written = int(match.group(4)) + int(match.group(5))
    cycle.seconds = ended - started
    cycle.wall = ended - triggered
    time.sleep(1.0)  # the last OnUpdate notifications trail the log line
    cycle.rss_settled = status_bytes(getattr(getattr(rig, "_kodi", None), "pid", None), "VmRSS") or None
    cycle.onupdates = rig.onupdate_count(since=notes_since)
    cycle.started_at = started
    cycle.updated_at = first_updates(rig.listener.notifications(since=notes_since),
                                     rig.listener.arrival_times(since=notes_since))
    cycle.requests = emulator.requests_since(requests_since)
    cycle.phases = _phases(text, started, ended, cycle.requests)
    return cycle


def first_updates(notifications, arrivals) -> Dict[tuple, float]:
    """(media, Kodi id) → arrival time of the first VideoLibrary.OnUpdate naming that item."""
    first: Dict[tuple, float] = {}
    for (method, params), arrived in zip(notifications, arrivals):
        item = ((params or {}).get("data") or {}).get("item") if method == "VideoLibrary.OnUpdate" else None
        if isinstance(item, dict) and "id" in item and "type" in item:
            first.setdefault((item["type"], item["id"]), arrived)
    return first


def kodi_cpu_seconds(rig) -> float:
    """User + system CPU seconds Kodi's process has used so far (/proc; 0 where there is none)."""
    kodi = getattr(rig, "_kodi", None)
    try:
        with open(f"/proc/{kodi.pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (AttributeError, OSError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def line_time(text: str, position: int) -> float:
    """Epoch seconds of the Kodi log line holding `position` (Kodi stamps local time, ms precision)."""
    start = text.rfind("\n", 0, position) + 1
    stamp = datetime.datetime.strptime(text[start:start + 23], LOG_TIME_FORMAT)
    return stamp.timestamp()


def _phases(text, started, ended, requests) -> Dict[str, float]:
    """Where the cycle's time went, from the request times and the "applying N library writes" line. Simkl's
    calendar files are left out: the widgets step fetches them after the writes (New episodes)."""
    phases: Dict[str, float] = {}
    requests = [request for request in requests if not request["path"].startswith("/calendar/")]
    if requests:
        phases["before the first request"] = requests[0]["start"] - started
        phases["HTTP (first request → last answer)"] = requests[-1]["end"] - requests[0]["start"]
        applying = re.search(r"applying \d+ library writes", text)
        if applying:
            applied_at = line_time(text, applying.start())
            phases["snapshot + plan (last answer → applying)"] = applied_at - requests[-1]["end"]
            phases["writes + state save (applying → sync line)"] = ended - applied_at
        else:
            phases["after the last answer"] = ended - requests[-1]["end"]
    return phases


def _path_kind(path: str) -> str:
    for prefix in ("/sync/all-items", "/sync/activities", "/sync/playback", "/users/settings", "/sync/history"):
        if path.startswith(prefix):
            return prefix
    return path
