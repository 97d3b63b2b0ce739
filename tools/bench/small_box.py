"""The "small box" profile: Kodi (and with it the add-on, which runs inside Kodi) pinned to one core with a CPU
quota, to approximate a streaming stick. Pinning is taskset on every thread; the quota is a cgroup made for the
run: cgroup v2 (cpu.max) where the cpu controller is available, else cgroup v1 (cpu.cfs_quota_us); without
either (not root, no cpu controller) the profile is pinned only, and says so."""
import os
import subprocess
from pathlib import Path
from typing import Optional

CORE = 0
PERIOD_US = 100_000
V2_ROOT = Path("/sys/fs/cgroup")
V1_CPU = Path("/sys/fs/cgroup/cpu")


class SmallBox:
    """`confine(pid)` moves a running Kodi (all its threads) onto one core and into the quota's cgroup."""

    def __init__(self, quota_percent: int, name: Optional[str] = None):
        self.quota_percent = quota_percent
        self.name = name or f"simkl-bench-{os.getpid()}"
        self.cgroup: Optional[Path] = None
        self.how = ""

    def __enter__(self):
        self.cgroup, self.how = _make_cgroup(self.name, self.quota_percent)
        return self

    def __exit__(self, *exc_info):
        if self.cgroup is not None:
            try:
                self.cgroup.rmdir()  # empty once the rig's Kodi has exited
            except OSError:
                pass
        return False

    def describe(self) -> str:
        quota = f"{self.how}, {self.quota_percent} % of a core" if self.cgroup else f"no CPU quota ({self.how})"
        return f"Kodi pinned to core {CORE} (taskset), {quota}"

    def confine(self, pid: int) -> None:
        subprocess.run(["taskset", "-a", "-p", "-c", str(CORE), str(pid)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.cgroup is not None:
            (self.cgroup / "cgroup.procs").write_text(str(pid), encoding="ascii")


def _make_cgroup(name: str, quota_percent: int):
    """(the cgroup's folder, how it limits) or (None, why none could be made)."""
    quota_us = PERIOD_US * quota_percent // 100
    try:
        if "cpu" in _read(V2_ROOT / "cgroup.controllers").split():
            if "cpu" not in _read(V2_ROOT / "cgroup.subtree_control").split():
                (V2_ROOT / "cgroup.subtree_control").write_text("+cpu", encoding="ascii")
            folder = V2_ROOT / name
            folder.mkdir(exist_ok=True)
            (folder / "cpu.max").write_text(f"{quota_us} {PERIOD_US}", encoding="ascii")
            return folder, "cgroup v2 cpu.max"
        if (V1_CPU / "cpu.cfs_quota_us").exists():
            folder = V1_CPU / name
            folder.mkdir(exist_ok=True)
            (folder / "cpu.cfs_period_us").write_text(str(PERIOD_US), encoding="ascii")
            (folder / "cpu.cfs_quota_us").write_text(str(quota_us), encoding="ascii")
            return folder, "cgroup v1 cpu.cfs_quota_us"
    except OSError as failure:
        return None, f"no cgroup: {failure.strerror or failure}"
    return None, "no cgroup cpu controller"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii")
    except OSError:
        return ""
