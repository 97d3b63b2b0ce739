"""Part 1, idle: a quiet cycle (Simkl's activities unchanged) on the state the full-size account's sync leaves,
as the service runs it: SyncEngine.run, then the anime names refreshed from what it left (the status file and
the household read the same state object). Counted: the CPU and the bytes of sync state read, against one
load of the whole state file, which the version before the head file read on every idle cycle (in the engine,
the status writer, the household publish and the anime names: four times)."""
import os
import tempfile
import time
from typing import Any, Dict

from resources.lib.simklsync.core.state.state_store import StateStore
from resources.lib.simklsync.sync import engine as sync
from resources.lib.simklsync.sync.anime_names import AnimeNames

from . import core_delta

RUNS = 5  # idle cycles measured; the least CPU counts (other load on the machine only adds)
IDLE_BYTES = 4096  # a few hundred bytes of head, a few KB with many playback sessions


class ReadCount:
    """The loads of a JsonStore and the bytes of the file each read."""

    def __init__(self, store):
        self.loads = self.bytes = 0
        self._load = store.load
        self._path = store.path
        store.load = self

    def __call__(self):
        self.loads += 1
        self.bytes += os.path.getsize(self._path) if os.path.exists(self._path) else 0
        return self._load()


def measure(state, client: core_delta.ReplayClient, snapshot, now) -> Dict[str, Any]:
    """`client` replays the answers core_delta.measure recorded: the first cycle here brings `state` up to
    them, every one after it is idle."""
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as folder:
        store = StateStore(os.path.join(folder, "state.json"))
        store.save(state)
        engine = sync.SyncEngine(client, core_delta.SimulatedLibrary(*snapshot), store, core_delta.MemoryCache(),
                                 clock=lambda: now)
        names = AnimeNames(store)
        names.load(engine.run("timer", core_delta._settings()).state)
        cpu, counts = [], None
        for _ in range(RUNS):
            counts = (ReadCount(store.whole), ReadCount(store.head))
            started = time.process_time()
            result = engine.run("timer", core_delta._settings())
            names.load(result.state)
            cpu.append(time.process_time() - started)
            del store.whole.load, store.head.load
        started = time.process_time()
        store.load()
        whole_cpu = time.process_time() - started
        whole_bytes = os.path.getsize(store.path)
    whole, head = counts
    return {"cpu": min(cpu), "bytes": whole.bytes + head.bytes, "whole_loads": whole.loads,
            "head_loads": head.loads, "idle": not result.changed_remote and result.completed,
            "whole_cpu": whole_cpu, "whole_bytes": whole_bytes}


def add_rows(report, idle) -> None:
    from .report import seconds

    if not idle:
        return
    report.add("1 core", "idle cycle (activities unchanged): sync state bytes read / loads of the whole state file",
               f"{idle['bytes']:,} B / {idle['whole_loads']}", f"< {IDLE_BYTES:,} B / 0",
               idle["idle"] and idle["bytes"] < IDLE_BYTES and idle["whole_loads"] == 0)
    report.add("1 core", "idle cycle: CPU (engine + anime names; was 4 whole state file loads of "
               f"{idle['whole_bytes'] / 1e6:.1f} MB, {seconds(idle['whole_cpu'])} each)", seconds(idle["cpu"]))
