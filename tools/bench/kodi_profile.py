"""Where Kodi's time per library write goes: the same kind of write sent in different ways by the floor
script (batch size, fields, method), a no-op write, a read, a ping; and a perf profile of Kodi while
it takes the add-on's kind of writes."""
import shutil
import signal
import subprocess
from typing import Any, Dict, List

from . import floor_addon
from .report import seconds

WATCHED = {"playcount": 1, "lastplayed": "2024-01-01 20:00:00", "resume": {"position": 0, "total": 0}}
SET_EPISODE = "VideoLibrary.SetEpisodeDetails"
PERF_REPORT_LINES = 40


def probes(report, rig, snapshot, sizes) -> None:
    pool = [e for e in snapshot["episodes"] if not e.get("playcount")]
    size = sizes.probe_items
    chunks = [pool[i * size:(i + 1) * size] for i in range(8)]
    batch = sizes.batch_size
    experiments = [
        floor_addon.experiment(f"SetEpisodeDetails, the add-on's fields, batch {batch}",
                               _set_episode(chunks[0], WATCHED), batch),
        floor_addon.experiment("same, batch 1 (one executeJSONRPC per write)", _set_episode(chunks[1], WATCHED), 1),
        floor_addon.experiment("same, batch 200", _set_episode(chunks[2], WATCHED), 200),
        floor_addon.experiment(f"SetEpisodeDetails, playcount + lastplayed (no resume), batch {batch}",
                               _set_episode(chunks[3], _without(WATCHED, "resume")), batch),
        floor_addon.experiment(f"SetEpisodeDetails, playcount only, batch {batch}",
                               _set_episode(chunks[4], {"playcount": 1}), batch),
        floor_addon.experiment(f"Files.SetFileDetails, the add-on's fields, batch {batch} (no OnUpdate)",
                               _set_file(chunks[5], WATCHED), batch),
        floor_addon.experiment(f"SetEpisodeDetails again on written items: no change, batch {batch}",
                               _set_episode(chunks[0], WATCHED), batch),
        floor_addon.experiment(f"GetEpisodeDetails (read playcount), batch {batch}",
                               [{"method": "VideoLibrary.GetEpisodeDetails",
                                 "params": {"episodeid": e["episodeid"], "properties": ["playcount"]}}
                                for e in chunks[0]], batch),
        floor_addon.experiment(f"JSONRPC.Ping (per-call overhead), batch {batch}",
                               [{"method": "JSONRPC.Ping", "params": {}}] * size, batch),
    ]
    experiments = [e for e in experiments if e["calls"]]
    results = floor_addon.run(rig, experiments)
    base = results[0]["seconds"] / max(1, results[0]["calls"])
    for result in results:
        per_call = result["seconds"] / max(1, result["calls"])
        report.add("4 write probes", result["name"],
                   f"{result['calls']} in {seconds(result['seconds'])}: {1 / max(per_call, 1e-9):.0f}/s, "
                   f"{per_call * 1000:.2f} ms each ({per_call / max(base, 1e-9):.2f} ×)",
                   "", False if result["errors"] else None)
    if chunks[6] and chunks[7]:
        _perf_profile(report, rig, chunks[6], batch)


def _perf_profile(report, rig, episodes, batch) -> None:
    """Samples Kodi (all threads) with perf while the floor script sends the add-on's kind of writes."""
    kodi = getattr(rig, "_kodi", None)
    if not shutil.which("perf") or kodi is None:
        report.note("no perf profile: perf is not installed")
        return
    data = rig.home / "perf.data"
    recorder = subprocess.Popen(["perf", "record", "-F", "499", "-g", "-p", str(kodi.pid), "-o", str(data)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        result = floor_addon.run(rig, [floor_addon.experiment("profiled", _set_episode(episodes, WATCHED), batch)])
    finally:
        recorder.send_signal(signal.SIGINT)
        try:
            recorder.wait(timeout=60)
        except subprocess.TimeoutExpired:
            recorder.kill()
    texts = [_perf_report(data, sort) for sort in ("comm", "comm,dso", "dso,sym")]
    heading = (f"Profile: perf samples of Kodi (all threads) during {result[0]['calls']} SetEpisodeDetails "
               f"writes, batch {batch} ({seconds(result[0]['seconds'])} under perf)")
    report.section(heading, "\n\n".join(texts))


def _perf_report(data, sort) -> str:
    answer = subprocess.run(["perf", "report", "-i", str(data), "--stdio", "--no-children", "-g", "none",
                             "--sort", sort, "--percent-limit", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=300)
    lines = [line for line in answer.stdout.splitlines() if line.strip() and not line.startswith("#")]
    return "\n".join(lines[:PERF_REPORT_LINES]) or "(perf report gave nothing)"


def _set_episode(episodes, fields) -> List[Dict[str, Any]]:
    return [{"method": SET_EPISODE, "params": dict(fields, episodeid=e["episodeid"])} for e in episodes]


def _set_file(episodes, fields) -> List[Dict[str, Any]]:
    return [{"method": "Files.SetFileDetails", "params": dict(fields, file=e["file"], media="video")}
            for e in episodes]


def _without(fields, name) -> Dict[str, Any]:
    return {key: value for key, value in fields.items() if key != name}
