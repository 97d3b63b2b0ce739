"""Table rows for what Kodi's process goes through (kodi_watch): its memory, its CPU by thread kind, and how
long a remote app's JSON-RPC call waits, for the add-on's first sync against the floor's run and a quiet Kodi."""
from typing import Dict, List, Optional

from .report import megabytes, seconds

WAIT_TARGET_P95 = 0.5  # seconds: a remote's button press answered within half a second (19 of 20 calls)
WAIT_TARGET_MAX = 2.0
TOP_THREAD_KINDS = 6
CPU_RATIO = 0.7  # issue 28: Kodi's CPU during the first sync against the floor's
EXTRA_PEAK_TARGET = 30 * 1024 * 1024  # issue 28: the add-on's extra RSS in Kodi over the floor's, at its peak
EXTRA_AFTER_TARGET = 15 * 1024 * 1024  # and what it keeps once the first sync is over
# Thread kinds named by what they do in Kodi (perf of the last runs): the rest keep Kodi's own name.
THREAD_LABELS = {"llvmpipe": "llvmpipe (GUI rendering, software GL)", "LanguageInvoker": "LanguageInvoker (Python)",
                 "kodi.bin": "kodi.bin (main loop: GUI, messages)", "JobWorker": "JobWorker"}


def memory(report, part, floor_watch, cycle_watch, settled=None) -> None:
    """The whole Kodi process's RSS: growth during the run and the peak over the start, add-on against floor;
    `settled`: Kodi's RSS a second after the add-on's sync line (what it keeps), or None."""
    if floor_watch is None or cycle_watch is None:
        return
    report.add(part, "Kodi process memory (VmRSS) during the run: before → after, peak; floor",
               _memory_text(floor_watch))
    report.add(part, "same, add-on's first sync", _memory_text(cycle_watch))
    extra = _growth(cycle_watch.rss_peak, cycle_watch) - _growth(floor_watch.rss_peak, floor_watch)
    report.add(part, "add-on's extra memory in Kodi: peak growth, add-on − floor", _signed_mb(extra),
               f"≤ {megabytes(EXTRA_PEAK_TARGET)}", extra <= EXTRA_PEAK_TARGET)
    report.note(f"{part}: the add-on's Kodi RSS growth over its first sync: {timeline_text(cycle_watch)}")
    if settled:
        kept = _growth(settled, cycle_watch) - _growth(floor_watch.rss_after, floor_watch)
        report.add(part, "add-on's extra memory in Kodi after the sync (1 s after its sync line; the floor's at "
                   "its end): growth, add-on − floor", _signed_mb(kept), f"≤ {megabytes(EXTRA_AFTER_TARGET)}",
                   kept <= EXTRA_AFTER_TARGET)


MOMENTS = (0.5, 1, 1.5, 2, 3, 4, 6, 10, 20, 40, 60, 90, 120, 180)  # seconds: the reads come first, then the writes


def timeline_text(watch) -> str:
    """"+1.0 MB at 0.5 s, ..., peak +99.9 MB at 42.0 s": the RSS growth at set moments, and its peak's."""
    timeline = watch.rss_timeline
    if not timeline:
        return "no samples"
    shown = []
    for moment in MOMENTS:
        before = [sample for sample in timeline if sample[0] <= moment]
        if before and moment <= timeline[-1][0] and before[-1] not in shown:
            shown.append(before[-1])
    shown += [] if timeline[-1] in shown else [timeline[-1]]
    top = max(timeline, key=lambda sample: sample[1])
    text = ", ".join(f"{_signed_mb(rss - watch.rss_before)} at {at:.1f} s" for at, rss in shown)
    return f"{text}; peak {_signed_mb(top[1] - watch.rss_before)} at {top[0]:.1f} s"


def cpu(report, part, floor, cycle) -> None:
    """Kodi's CPU as a ratio beside wall time, and where the difference goes, by thread kind."""
    floor_cpu, cycle_cpu = floor["kodi_cpu"], cycle.kodi_cpu or 0.0
    report.add(part, "Kodi process CPU (all threads, GUI included): floor / add-on",
               f"{seconds(floor_cpu)} / {seconds(cycle_cpu)} ({cycle_cpu / max(floor_cpu, 1e-9):.2f} × floor; "
               f"wall {cycle.seconds / max(floor['seconds'], 1e-9):.2f} ×)",
               f"≤ {CPU_RATIO} × floor's", cycle_cpu <= CPU_RATIO * floor_cpu)
    if floor.get("watch") is None or cycle.watch is None:
        return
    report.add(part, "Kodi CPU by thread kind, floor → add-on (top)",
               thread_text(floor["watch"].cpu_by_thread, cycle.watch.cpu_by_thread))
    frames = fps_text(floor["watch"], cycle.watch)
    if frames:
        report.add(part, "GUI frames drawn per second (System.FPS, median of one sample a second): floor / add-on",
                   frames)


def fps_text(*watches) -> str:
    """"a / b" of the watches' median frame rates; "" when one has no sample."""
    medians = [watch.fps_median() if watch is not None else None for watch in watches]
    return "" if None in medians else " / ".join(f"{median:.1f}" for median in medians)


def waits(report, part, quiet, floor_watch, cycle_watch) -> None:
    """A remote app's Player.GetActivePlayers every 0.5 s over HTTP: idle, during the floor, during the sync."""
    for name, watch in (("quiet Kodi", quiet), ("during the floor's run", floor_watch)):
        if watch is not None:
            report.add(part, f"remote JSON-RPC wait (Player.GetActivePlayers every 0.5 s), {name}", wait_text(watch))
    if cycle_watch is None:
        return
    stats = cycle_watch.wait_stats()
    met = None if stats is None else stats["p95"] <= WAIT_TARGET_P95 and stats["max"] <= WAIT_TARGET_MAX
    report.add(part, "same, during the add-on's first sync", wait_text(cycle_watch),
               f"p95 ≤ {seconds(WAIT_TARGET_P95)}, max ≤ {seconds(WAIT_TARGET_MAX)}", met)


def idle_cpu(report, part, quiet, cycle) -> None:
    """The idle cycle's Kodi CPU against a quiet Kodi's own rate over the same time, and the add-on's threads."""
    watch = cycle.watch
    if watch is None or quiet is None or cycle.wall is None:
        return
    rate = quiet.cpu / max(quiet.seconds, 1e-9)
    own = rate * watch.seconds
    python = watch.cpu_by_thread.get("LanguageInvoker", 0.0)
    report.add(part, "Kodi process CPU over the idle cycle (service start → sync logged)",
               f"{seconds(watch.cpu)} in {seconds(watch.seconds)} (a quiet Kodi: {seconds(own)} in that time, "
               f"{rate * 100:.0f} % of a core; the add-on's Python threads {seconds(python)})")


def thread_text(floor: Dict[str, float], addon: Dict[str, float], top=TOP_THREAD_KINDS) -> str:
    kinds = sorted(set(floor) | set(addon), key=lambda kind: -max(floor.get(kind, 0.0), addon.get(kind, 0.0)))
    parts: List[str] = []
    for kind in kinds[:top]:
        before, after = floor.get(kind, 0.0), addon.get(kind, 0.0)
        parts.append(f"{THREAD_LABELS.get(kind, kind)} {before:.1f} → {after:.1f} s ({after - before:+.1f})")
    return "; ".join(parts)


def wait_text(watch) -> str:
    stats = watch.wait_stats()
    if stats is None:
        return f"no answer ({watch.probe_errors} calls failed)"
    text = (f"median {seconds(stats['median'])}, p95 {seconds(stats['p95'])}, max {seconds(stats['max'])} "
            f"({stats['count']} calls)")
    return text + (f", {watch.probe_errors} failed" if watch.probe_errors else "")


def _memory_text(watch) -> str:
    growth, peak = _signed_mb(watch.rss_after - watch.rss_before), _signed_mb(_growth(watch.rss_peak, watch))
    return (f"{megabytes(watch.rss_before)} → {megabytes(watch.rss_after)}, peak {megabytes(watch.rss_peak)} "
            f"(growth {growth}, peak {peak})")


def _growth(value: int, watch) -> int:
    return value - watch.rss_before


def _signed_mb(value: Optional[int]) -> str:
    return ("+" if value >= 0 else "−") + megabytes(abs(value))
