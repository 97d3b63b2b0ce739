"""`make bench` only (tools/bench/kodi_widgets.py): one listing measured from inside Kodi. With SIMKL_SYNC_BENCH_MEMORY
set, each listing appends "<peak bytes or -> <milliseconds> <query>" to the file it names: the wall time from
before the add-on's imports to the listing's end, and, while "<file>.on" exists, the Python allocations' peak in
that span (tracemalloc, which slows the listing: the bench times other calls). Unset in any real Kodi: then this
costs one environment lookup."""
import contextlib
import os
import time

MEMORY_ENV = "SIMKL_SYNC_BENCH_MEMORY"


@contextlib.contextmanager
def traced(argv):
    log_path = os.environ.get(MEMORY_ENV) or ""
    if not log_path:
        yield
        return
    started = time.perf_counter()
    tracing = os.path.exists(log_path + ".on")
    if tracing:
        import tracemalloc  # noqa: PLC0415 - only under the bench

        tracemalloc.start()
    try:
        yield
    finally:
        peak = "-"
        if tracing:
            peak = str(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        elapsed = (time.perf_counter() - started) * 1000
        with open(log_path, "a", encoding="utf-8") as log_file:
            log_file.write(f"{peak} {elapsed:.1f} {argv[2] if len(argv) > 2 else ''}\n")
