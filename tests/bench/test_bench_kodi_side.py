"""The bench's Kodi-side measures without a Kodi: reading /proc of this very process, the table rows they
make, and the profiles' names. Nothing here asserts a timing."""
import os
import threading

import pytest

from tools.bench import kodi_side_rows, kodi_watch, profiles
from tools.bench.kodi_cycles import Cycle
from tools.bench.report import Report


def test_thread_kinds_drop_the_thread_number():
    assert kodi_watch.thread_kind("llvmpipe-0") == kodi_watch.thread_kind("llvmpipe-12") == "llvmpipe"
    assert kodi_watch.thread_kind("LanguageInvoker") == "LanguageInvoker"
    assert kodi_watch.thread_kind("kodi.bin") == "kodi.bin"


def test_proc_readers_see_this_process_its_threads_and_its_memory():
    ready, done = threading.Event(), threading.Event()
    helper = threading.Thread(target=lambda: (ready.set(), done.wait(5)), name="helper")
    helper.start()
    ready.wait(5)
    try:
        threads = kodi_watch.thread_ticks(os.getpid())
    finally:
        done.set()
        helper.join()

    assert len(threads) >= 2 and os.getpid() in threads
    assert all(isinstance(name, str) and ticks >= 0 for name, ticks in threads.values())
    assert kodi_watch.status_bytes(os.getpid(), "VmRSS") > 0
    assert kodi_watch.status_bytes(os.getpid(), "VmHWM") >= kodi_watch.status_bytes(os.getpid(), "VmRSS") // 2
    assert kodi_watch.thread_ticks(None) == {} and kodi_watch.status_bytes(None, "VmRSS") == 0


def _watched(before_mb, after_mb, peak_mb, waits=(), cpu=None):
    watched = kodi_watch.Watched()
    watched.rss_before, watched.rss_after, watched.rss_peak = (m * 1024 * 1024 for m in (before_mb, after_mb, peak_mb))
    watched.waits = list(waits)
    watched.cpu_by_thread = dict(cpu or {})
    watched.seconds = 10.0
    return watched


def test_wait_statistics_are_median_p95_and_max():
    stats = _watched(1, 1, 1, waits=[0.01 * n for n in range(1, 21)]).wait_stats()

    assert stats == {"median": pytest.approx(0.105), "p95": pytest.approx(0.20), "max": pytest.approx(0.20),
                     "count": 20}
    assert _watched(1, 1, 1).wait_stats() is None


def test_memory_rows_give_the_add_ons_extra_peak_over_the_floors():
    report = Report("t")
    kodi_side_rows.memory(report, "2 Kodi first sync", _watched(200, 210, 220), _watched(200, 230, 250))

    [floor, addon, extra] = report.rows
    assert "200.0 MB → 210.0 MB, peak 220.0 MB (growth +10.0 MB, peak +20.0 MB)" == floor.value
    assert "peak +50.0 MB" in addon.value
    assert extra.value == "+30.0 MB"


def test_memory_rows_judge_the_extra_after_the_sync_and_at_peak_against_15_and_30_mb():
    report = Report("t")
    floor, addon = _watched(200, 210, 220), _watched(200, 260, 260)
    addon.rss_timeline = [(0.5, 210 * 1024 * 1024), (2.0, 260 * 1024 * 1024), (30.0, 240 * 1024 * 1024)]
    kodi_side_rows.memory(report, "2 Kodi first sync", floor, addon, settled=224 * 1024 * 1024)

    [_, _, peak, kept] = report.rows
    assert (peak.value, peak.target, peak.verdict) == ("+40.0 MB", "≤ 30.0 MB", "NOT met")
    assert (kept.value, kept.target, kept.verdict) == ("+14.0 MB", "≤ 15.0 MB", "met")
    assert report.notes[-1].endswith(": +10.0 MB at 0.5 s, +60.0 MB at 2.0 s, +40.0 MB at 30.0 s; "
                                     "peak +60.0 MB at 2.0 s")


def test_the_window_open_runs_come_with_the_full_profile_or_when_asked():
    assert [p.window for p in profiles.chosen("kodi20,kodi21", smoke=False, quick=False)] == [True, False]
    assert not any(p.window for p in profiles.chosen("kodi20", smoke=False, quick=True))
    asked = profiles.chosen("kodi20,small", smoke=False, quick=True, window=True)
    assert all(p.window and not p.full for p in asked)


def test_wait_rows_judge_the_sync_against_the_targets():
    report = Report("t")
    slow = _watched(1, 1, 1, waits=[0.01] * 18 + [0.9, 3.0])
    kodi_side_rows.waits(report, "p", _watched(1, 1, 1, waits=[0.001]), _watched(1, 1, 1, waits=[0.01]), slow)

    assert [row.verdict for row in report.rows] == ["", "", "NOT met"]
    assert report.rows[2].value.startswith("median 10.0 ms, p95 3.00 s, max 3.00 s (20 calls)")


def test_cpu_rows_give_the_ratio_beside_wall_time_and_the_thread_kinds():
    report = Report("t")
    floor = {"seconds": 40.0, "kodi_cpu": 60.0,
             "watch": _watched(1, 1, 1, cpu={"llvmpipe": 30.0, "LanguageInvoker": 10.0, "kodi.bin": 20.0})}
    cycle = Cycle()
    cycle.seconds, cycle.kodi_cpu = 44.0, 66.0
    cycle.watch = _watched(1, 1, 1, cpu={"llvmpipe": 31.0, "LanguageInvoker": 15.0, "kodi.bin": 20.0})

    kodi_side_rows.cpu(report, "p", floor, cycle)

    assert report.rows[0].value == "60.00 s / 66.00 s (1.10 × floor; wall 1.10 ×)"
    assert report.rows[1].value.startswith("llvmpipe (GUI rendering, software GL) 30.0 → 31.0 s (+1.0); "
                                           "kodi.bin (main loop: GUI, messages) 20.0 → 20.0 s (+0.0); "
                                           "LanguageInvoker (Python) 10.0 → 15.0 s (+5.0)")


def test_profiles_default_to_the_matrix_and_the_small_box_and_rename_the_parts():
    assert [p.key for p in profiles.chosen(None, smoke=False, quick=False)] == ["kodi20", "kodi21", "small"]
    assert [p.key for p in profiles.chosen(None, smoke=True, quick=False)] == ["kodi20"]
    assert not any(p.full for p in profiles.chosen("kodi20,small", smoke=False, quick=True))
    with pytest.raises(SystemExit):
        profiles.chosen("kodi19", smoke=False, quick=False)

    small = profiles.PROFILES["small"]
    main, part = Report("main"), Report("part")
    part.add("2 Kodi first sync", "m", "v")
    part.add("4 write probes", "m", "v")
    part.note("n")
    main.merge(part, small)

    assert [row.part for row in main.rows] == ["2 Kodi 20 small box first sync", "4 write probes (Kodi 20 small box)"]
    assert main.notes == ["Kodi 20 small box: n"]
