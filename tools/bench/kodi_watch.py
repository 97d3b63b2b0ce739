"""Watching Kodi's process from outside while a measured run goes: its memory (VmRSS sampled, VmHWM after a
reset of the high-water mark), its CPU per thread kind (/proc/<pid>/task/*/stat, grouped by thread name:
llvmpipe = GUI rendering, LanguageInvoker = Python add-ons, kodi.bin = the main/GUI thread, ...), and the
wait of a remote app's JSON-RPC call (Player.GetActivePlayers over HTTP, every half second), and the GUI's frame
rate (System.FPS, asked over HTTP every second: a dialog with a looping animation keeps Kodi drawing every frame)."""
import os
import re
import statistics
import threading
import time
from typing import Dict, List, Optional

from tests.support.kodi_rig.jsonrpc import HttpRpc

SAMPLE_SECONDS = 0.2
PROBE_SECONDS = 0.5
PROBE_METHOD = "Player.GetActivePlayers"
PROBE_TIMEOUT = 30
FPS_SECONDS = 1.0
FPS_LABEL = "System.FPS"
_CLOCK = os.sysconf("SC_CLK_TCK")
_TRAILING_NUMBER = re.compile(r"[-:_ ]?\d+$")


class Watched:
    """What one watch saw. Memory in bytes, CPU in seconds, waits in seconds."""

    def __init__(self):
        self.seconds = 0.0
        self.rss_before = 0
        self.rss_after = 0
        self.rss_peak = 0
        self.cpu_by_thread: Dict[str, float] = {}
        self.waits: List[float] = []
        self.probe_errors = 0
        self.fps: List[float] = []  # System.FPS, one sample a second
        self.rss_timeline: List[tuple] = []  # (seconds since the start, VmRSS bytes), one sample a SAMPLE_SECONDS

    @property
    def cpu(self) -> float:
        return sum(self.cpu_by_thread.values())

    def wait_stats(self) -> Optional[Dict[str, float]]:
        if not self.waits:
            return None
        ordered = sorted(self.waits)
        return {"median": statistics.median(ordered), "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
                "max": ordered[-1], "count": len(ordered)}

    def fps_median(self) -> Optional[float]:
        return statistics.median(self.fps) if self.fps else None


class KodiWatch:
    """Context manager: `with KodiWatch(rig) as watch: ...`, then `watch.result` (a Watched)."""

    def __init__(self, rig, probe=True):
        self.pid = getattr(getattr(rig, "_kodi", None), "pid", None)
        self._probe_rpc = HttpRpc(rig.web_port, timeout=PROBE_TIMEOUT) if probe else None
        self._fps_rpc = HttpRpc(rig.web_port, timeout=PROBE_TIMEOUT) if probe else None
        self._stop = threading.Event()
        self._threads: List[threading.Thread] = []
        self._first: Dict[int, tuple] = {}  # tid -> (name, CPU ticks) when first seen
        self._last: Dict[int, tuple] = {}  # tid -> (name, CPU ticks) when last seen (a thread may end meanwhile)
        self._rss_samples: List[int] = []
        self._started = 0.0
        self.result = Watched()

    def __enter__(self):
        reset_peak(self.pid)
        self.result.rss_before = status_bytes(self.pid, "VmRSS")
        self._sample()
        self._started = time.monotonic()
        self._threads = [threading.Thread(target=self._sampling, name="bench-sampler", daemon=True)]
        if self._probe_rpc is not None:
            self._threads.append(threading.Thread(target=self._probing, name="bench-probe", daemon=True))
            self._threads.append(threading.Thread(target=self._frames, name="bench-fps", daemon=True))
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=PROBE_TIMEOUT + 5)
        self._sample()
        result = self.result
        result.seconds = time.monotonic() - self._started
        result.rss_after = status_bytes(self.pid, "VmRSS")
        result.rss_peak = max([status_bytes(self.pid, "VmHWM"), result.rss_after] + self._rss_samples)
        result.cpu_by_thread = self._cpu_by_thread()
        return False

    def _sampling(self):
        while not self._stop.wait(SAMPLE_SECONDS):
            self._sample()

    def _sample(self):
        initial = not self._last  # threads there at the start count from now; later ones from their birth
        for tid, entry in thread_ticks(self.pid).items():
            self._first.setdefault(tid, (entry[0], entry[1] if initial else 0))
            self._last[tid] = entry
        rss = status_bytes(self.pid, "VmRSS")
        self._rss_samples.append(rss)
        if self._started:
            self.result.rss_timeline.append((time.monotonic() - self._started, rss))

    def _cpu_by_thread(self) -> Dict[str, float]:
        groups: Dict[str, float] = {}
        for tid, (name, ticks) in self._last.items():
            spent = ticks - self._first.get(tid, (name, 0))[1]
            groups[thread_kind(name)] = groups.get(thread_kind(name), 0.0) + spent / _CLOCK
        return groups

    def _probing(self):
        next_call = time.monotonic()
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                self._probe_rpc.call(PROBE_METHOD)
                self.result.waits.append(time.monotonic() - started)
            except Exception:  # noqa: BLE001 - a refused or timed-out call is counted, not fatal
                self.result.probe_errors += 1
            next_call = max(time.monotonic(), next_call + PROBE_SECONDS)
            self._stop.wait(next_call - time.monotonic())


    def _frames(self):
        while not self._stop.wait(FPS_SECONDS):
            try:
                labels = self._fps_rpc.call("XBMC.GetInfoLabels", {"labels": [FPS_LABEL]}) or {}
                self.result.fps.append(float(str(labels.get(FPS_LABEL) or "0").split()[0]))
            except Exception:  # noqa: BLE001 - a missed sample is only a missed sample
                pass


def quiet(rig, seconds: float) -> Watched:
    """Kodi left alone for `seconds` (nothing but the probe): its own idle cost and the probe's idle wait."""
    with KodiWatch(rig) as watch:
        time.sleep(seconds)
    return watch.result


def thread_kind(name: str) -> str:
    """A thread's name without its number: llvmpipe-0 and llvmpipe-1 are one kind."""
    return _TRAILING_NUMBER.sub("", name.strip()) or name


def thread_ticks(pid) -> Dict[int, tuple]:
    """tid -> (name, user + system clock ticks) of every thread of process `pid` right now."""
    threads = {}
    if pid is None:
        return threads
    folder = f"/proc/{pid}/task"
    try:
        tids = os.listdir(folder)
    except OSError:
        return threads
    for tid in tids:
        try:
            with open(f"{folder}/{tid}/stat", encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            continue  # the thread ended between the listing and the read
        name = text[text.find("(") + 1:text.rfind(")")]
        fields = text[text.rfind(")") + 1:].split()
        threads[int(tid)] = (name, int(fields[11]) + int(fields[12]))
    return threads


def status_bytes(pid, field: str) -> int:
    """A "kB" line of /proc/<pid>/status (VmRSS, VmHWM) in bytes; 0 when unreadable."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, TypeError):
        pass
    return 0


def reset_peak(pid) -> None:
    """Resets the process's VmHWM to its current RSS (clear_refs 5; needs to own the process or be root)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except (OSError, TypeError):
        pass
