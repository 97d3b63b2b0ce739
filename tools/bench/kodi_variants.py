"""Part 2b, real Kodi: where the add-on's first sync loses time against the floor. The same first sync run
again with the progress bar switched on (off by default) and the start and end notifications off, and the
floor run again after the same reset: alone, with a progress bar of its own (the GUI's cost of the dialog
without the add-on), with the add-on's service listening (it receives every OnUpdate the floor's writes
cause, and drops them: sync_watched off), and with a bare Python service listening instead (what any service
with an xbmc.Monitor costs Kodi's writes)."""
from typing import Any, Dict, List, Tuple

from . import floor_addon, kodi_cycles
from .kodi_watch import KodiWatch
from .report import seconds

PART = "2b Kodi first sync variants"
OFF, ON = "false", "true"
# The defaults run last: the idle and delta cycles that follow start from its state and settings.
VARIANTS: List[Tuple[str, Dict[str, str]]] = [
    ("add-on, progress bar on", {"progress_bar": ON}),
    ("add-on, notifications off", {"notify_sync": OFF}),
    ("add-on, no progress bar, a notification at the start and at the end (defaults)", {}),
]
FLOOR_PROGRESS_SECONDS = 1.0  # the add-on's bar moves at most once a second too (kodi/library.py)
LISTENING = {"sync_on_startup": OFF, "sync_watched": OFF}


def run(report, rig, emulator, settings: Dict[str, str], floor_experiment, reset) -> None:
    """`settings`: the add-on's logged-in settings; `reset(rig, settings)` clears the play state and the
    add-on's sync state and restarts Kodi. Adds one row per run, each against the floor measured again after
    the same reset. Leaves Kodi and the add-on as after a first sync with `settings` (service stopped)."""
    reset(rig, settings)
    floor = timed_floor(rig, floor_experiment)
    report.add(PART, "floor again, after the same reset", _floor_text(floor))
    reset(rig, settings)
    with_bar = timed_floor(rig, dict(floor_experiment, progress=FLOOR_PROGRESS_SECONDS))
    report.add(PART, "floor showing a progress bar (a background progress dialog, moved once a second)",
               _floor_text(with_bar, floor))
    reset(rig, dict(settings, **LISTENING))
    _start_service(rig)
    listened = timed_floor(rig, floor_experiment)
    kodi_cycles.set_service(rig, False)
    report.add(PART, "floor with the add-on's service receiving its OnUpdates", _floor_text(listened, floor))
    reset(rig, settings)
    with floor_addon.bare_listener(rig):
        bare = timed_floor(rig, floor_experiment)
    report.add(PART, "floor with a bare Python service listening (an xbmc.Monitor waiting, nothing else)",
               _floor_text(bare, floor))
    for name, overrides in VARIANTS:
        reset(rig, dict(settings, **overrides))
        cycle = kodi_cycles.observe_startup_cycle(rig, emulator, 900)
        kodi_cycles.set_service(rig, False)
        report.add(PART, name, _cycle_text(cycle, floor))


def timed_floor(rig, experiment) -> Dict[str, Any]:
    """The floor script's result for `experiment`, plus the CPU seconds Kodi's process spent meanwhile."""
    before = kodi_cycles.kodi_cpu_seconds(rig)
    with KodiWatch(rig) as watch:
        [result] = floor_addon.run(rig, [experiment])
    result["kodi_cpu"] = kodi_cycles.kodi_cpu_seconds(rig) - before
    result["watch"] = watch.result
    return result


def _start_service(rig) -> None:
    since = rig.log_mark()
    kodi_cycles.set_service(rig, True)
    rig.wait_for_log(kodi_cycles.SERVICE_STARTED, 60, since=since)


def _floor_text(result, baseline=None) -> str:
    text = f"{seconds(result['seconds'])}, Kodi CPU {seconds(result['kodi_cpu'])}{_fps(result.get('watch'))}"
    if baseline:
        text += f" ({result['seconds'] / max(baseline['seconds'], 1e-9):.2f} × floor)"
    return text + (f", {result['errors']} errors" if result["errors"] else "")


def _cycle_text(cycle, floor) -> str:
    if cycle.error:
        return f"failed: {cycle.error}"
    writes = cycle.phases.get("writes + state save (applying → sync line)")
    text = (f"{seconds(cycle.seconds)} ({cycle.seconds / max(floor['seconds'], 1e-9):.2f} × floor), "
            f"Kodi CPU {seconds(cycle.kodi_cpu or 0)}{_fps(cycle.watch)}, {cycle.written:,} writes")
    return text + (f"; writes + state save {seconds(writes)}" if writes is not None else "")


def _fps(watch) -> str:
    median = watch.fps_median() if watch is not None else None
    return "" if median is None else f", GUI {median:.0f} frames/s"
