"""After a sync that read or wrote much, the service gives the freed memory back: a full collection, then
glibc's malloc_trim where there is one. Elsewhere, or when the lookup fails in any way, nothing breaks."""
import platform
import sys

import pytest
from simklsync.service import memory
from simklsync.sync.engine import CycleResult


@pytest.fixture(autouse=True)
def fresh_lookup(monkeypatch):
    monkeypatch.setattr(memory, "_trim", memory._UNSET)


def test_an_idle_cycle_gives_nothing_back_a_first_sync_or_a_failure_does():
    idle = CycleResult("timer")
    first = CycleResult("login")
    first.changed_remote, first.written["episodes"] = True, 6000
    tags_only = CycleResult("manual")
    tags_only.tags_written = 3
    assert not memory.worth_it(idle)
    assert memory.worth_it(first)
    assert memory.worth_it(tags_only)
    assert memory.worth_it(None)  # failed after reading whole lists, perhaps


def test_the_trim_is_called_once_found_and_looked_up_only_once(monkeypatch):
    calls, lookups = [], []

    def find():
        lookups.append(1)
        return calls.append

    monkeypatch.setattr(memory, "_find_trim", find)
    memory.give_back()
    memory.give_back()
    assert calls == [0, 0] and len(lookups) == 1


@pytest.mark.parametrize("platform_name", ["win32", "darwin", "android"])
def test_no_trim_outside_linux(monkeypatch, platform_name):
    monkeypatch.setattr(sys, "platform", platform_name)
    assert memory._find_trim() is None
    memory.give_back()  # still collects, never raises


def test_a_c_library_without_malloc_trim_is_no_failure(monkeypatch):
    import ctypes

    class NoTrim:
        def __init__(self, name):
            pass

        def __getattr__(self, name):
            raise AttributeError(name)

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", NoTrim)
    assert memory._find_trim() is None
    memory.give_back()


def test_a_trim_that_raises_is_swallowed(monkeypatch):
    def broken(pad):
        raise OSError("no")

    monkeypatch.setattr(memory, "_find_trim", lambda: broken)
    memory.give_back()


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_on_glibc_the_real_malloc_trim_is_found_and_runs():
    trim = memory._find_trim()
    assert trim is not None
    assert trim(0) in (0, 1)
