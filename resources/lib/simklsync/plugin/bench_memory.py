"""`make bench` only (tools/bench/kodi_widgets.py): the Python memory of one listing, measured from inside Kodi.
With SIMKL_SYNC_BENCH_MEMORY set and "<its value>.on" present, the listing runs under tracemalloc and its peak is
appended to the file the variable names, one line "<peak bytes> <query>" a listing. Unset in any real Kodi: then
this costs one environment lookup."""
import contextlib
import os

MEMORY_ENV = "SIMKL_SYNC_BENCH_MEMORY"


@contextlib.contextmanager
def traced(argv):
    log_path = os.environ.get(MEMORY_ENV) or ""
    if not log_path or not os.path.exists(log_path + ".on"):
        yield
        return
    import tracemalloc  # noqa: PLC0415 - only under the bench

    tracemalloc.start()
    try:
        yield
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        with open(log_path, "a", encoding="utf-8") as log_file:
            log_file.write(f"{peak} {argv[2] if len(argv) > 2 else ''}\n")
