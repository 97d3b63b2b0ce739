"""Part 2c, real Kodi: the GUI while a first sync runs with the video window open on a show's episode list.
VideoLibrary.SetEpisodeDetails ends with a GUI_MSG_UPDATE that names no item, so an open video window reloads
its whole list once per episode write (script.trakt #618, "sync freezes the GUI"): the floor and the add-on are
run again, each after the same reset, with that window open, and their frame rate (System.FPS) and a remote
app's JSON-RPC wait are set beside the same runs with the window closed (part 2's fastest rounds)."""
import time
from typing import Any, Dict, Optional

from . import kodi_cycles, kodi_variants
from .kodi_side_rows import wait_text
from .report import seconds

PART = "2c Kodi first sync, video window open"
OPEN_TIMEOUT = 120  # seconds for the list to load after Kodi's restart


def run(report, rig, emulator, settings: Dict[str, str], floor_experiment, reset, closed_floor, closed_cycle) -> None:
    """`reset(rig, settings)`: play state and add-on state cleared, Kodi restarted (as the variants' runs).
    closed_floor / closed_cycle: part 2's floor result and Cycle, window closed. Leaves Kodi as after a first
    sync, the window closed, the service stopped."""
    kodi_cycles.set_service(rig, False)
    reset(rig, settings)
    path, items = open_episode_list(rig)
    floor = kodi_variants.timed_floor(rig, floor_experiment)
    reset(rig, settings)
    open_episode_list(rig, path)
    cycle = kodi_cycles.observe_startup_cycle(rig, emulator, 900)
    kodi_cycles.set_service(rig, False)
    close_window(rig)
    report.add(PART, "the window", f"{path}: {items} episodes, a full reload per episode write")
    report.add(PART, "floor: time, window closed → open", _time_text(closed_floor["seconds"], floor["seconds"]))
    if cycle.error:
        report.add(PART, "add-on first sync, window open", f"failed: {cycle.error}")
    else:
        report.add(PART, "add-on: time, window closed → open", _time_text(closed_cycle.seconds, cycle.seconds))
    open_cycle = None if cycle.error else cycle.watch
    for name, closed, opened in (("floor", closed_floor["watch"], floor["watch"]),
                                 ("add-on", closed_cycle.watch, open_cycle)):
        report.add(PART, f"{name}: GUI frames per second (System.FPS median), window closed → open",
                   f"{_fps(closed)} → {_fps(opened)}")
        report.add(PART, f"{name}: remote JSON-RPC wait, window closed → open",
                   f"{_wait(closed)} → {_wait(opened)}")


def open_episode_list(rig, path: Optional[str] = None):
    """The video window on every episode of the library's first show (or `path`), waited for until its list
    is loaded. Returns (the path, how many items the list shows)."""
    if path is None:
        shows = (rig.rpc("VideoLibrary.GetTVShows", {"properties": ["episode"], "sort": {"method": "episode",
                                                                                          "order": "descending"},
                                                    "limits": {"end": 1}}) or {}).get("tvshows") or []
        if not shows:
            raise RuntimeError("no TV show to open")
        path = f"videodb://tvshows/titles/{shows[0]['tvshowid']}/-1/"
    rig.rpc("GUI.ActivateWindow", {"window": "videos", "parameters": [path, "return"]})
    deadline = time.monotonic() + OPEN_TIMEOUT
    while time.monotonic() < deadline:
        labels = rig.rpc("XBMC.GetInfoLabels", {"labels": ["Container.FolderPath", "Container.NumItems"]}) or {}
        count = _number(labels.get("Container.NumItems"))
        if str(labels.get("Container.FolderPath") or "").startswith(path.rstrip("/")) and count:
            time.sleep(2)  # the list's art and the window's animations settle
            return path, count
        time.sleep(0.5)
    raise TimeoutError(f"the video window did not show {path} within {OPEN_TIMEOUT} s")


def close_window(rig) -> None:
    rig.rpc("GUI.ActivateWindow", {"window": "home"})


def _time_text(closed: Optional[float], opened: Optional[float]) -> str:
    if closed is None or opened is None:
        return "n/a"
    return f"{seconds(closed)} → {seconds(opened)} ({opened / max(closed, 1e-9):.2f} ×)"


def _fps(watch) -> str:
    median = watch.fps_median() if watch is not None else None
    return "n/a" if median is None else f"{median:.1f}"


def _wait(watch) -> str:
    return "n/a" if watch is None else wait_text(watch)


def _number(text: Any) -> int:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return 0
