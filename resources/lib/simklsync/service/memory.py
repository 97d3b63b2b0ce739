"""Memory given back to Kodi after a sync that read or wrote much: CPython keeps freed blocks in its own and
the C library's arenas, and Kodi's process would carry a first sync's peak for the rest of its life. A full
garbage collection frees what only cycles hold; on glibc, malloc_trim(0) returns the free pages of every
arena to the system. Anywhere else (Android's bionic, musl, macOS, Windows) the trim is simply skipped."""
import gc
import logging
import sys

LOG = logging.getLogger("simklsync.service")

_UNSET = object()
_trim = _UNSET  # the C library's malloc_trim, None where there is none; looked up once


def give_back():
    """Collect, then trim the C heap where the C library can. Never raises."""
    try:
        gc.collect()
        trim = _malloc_trim()
        if trim is not None:
            trim(0)
    except Exception:  # noqa: BLE001 - giving memory back is a courtesy, never a failure
        LOG.debug("memory not given back", exc_info=True)


def worth_it(result):
    """Whether a cycle's result (a CycleResult, or None when it failed or did not run) read or wrote enough to
    leave freed memory behind: not an idle cycle's one request."""
    if result is None:
        return True  # a failed cycle may have read whole lists before failing
    return bool(result.changed_remote or result.total_written or result.tags_written)


def _malloc_trim():
    global _trim
    if _trim is _UNSET:
        _trim = _find_trim()
    return _trim


def _find_trim():
    """glibc's malloc_trim from the process's own symbols (dlopen(NULL): no library search, no subprocess)."""
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS have none; Android is "linux" to Python and fails the lookup below
    try:
        import ctypes
        trim = ctypes.CDLL(None).malloc_trim
    except Exception:  # noqa: BLE001 - no ctypes, or no such symbol (bionic, musl): nothing to trim with
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim
