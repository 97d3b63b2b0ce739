"""Installs the floor script (floor_script.py) as a tiny script add-on in a rig's Kodi and runs jobs; beside it a
bare listening service (an xbmc.Monitor that does nothing), to tell what any listening Python service costs
Kodi's writes from what the add-on's own service adds."""
import contextlib
import json
import os
import shutil
import time
from pathlib import Path

from tests.support.kodi_rig import ADDON_ID, standins, wait_until
from tests.support.kodi_rig.rig import YES_NO_DIALOG

FLOOR_ID = "script.bench.floor"
ADDON_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="{id}" name="Bench floor" version="1.0.0" provider-name="tools/bench">
  <requires><import addon="xbmc.python" version="3.0.0"/></requires>
  <extension point="xbmc.python.script" library="default.py"/>
  <extension point="xbmc.addon.metadata"><summary lang="en_GB">Kodi's own write cost</summary>
    <platform>all</platform></extension>
</addon>
"""


LISTENER_ID = "service.bench.listener"
LISTENER_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="{id}" name="Bench listener" version="1.0.0" provider-name="tools/bench">
  <requires><import addon="xbmc.python" version="3.0.0"/></requires>
  <extension point="xbmc.service" library="service.py"/>
  <extension point="xbmc.addon.metadata"><summary lang="en_GB">A service that only listens</summary>
    <platform>all</platform></extension>
</addon>
"""
LISTENER_PY = """import xbmc

monitor = xbmc.Monitor()
xbmc.log("[bench listener] started", xbmc.LOGINFO)
while not monitor.waitForAbort(60):
    pass
xbmc.log("[bench listener] stopped", xbmc.LOGINFO)
"""


def install(rig) -> Path:
    """Call before rig.start(); enable it with rig.enable_addon(FLOOR_ID) once Kodi runs. The bare listener is
    installed too and stays disabled but while bare_listener() runs."""
    folder = rig.addons_dir / FLOOR_ID
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "addon.xml").write_text(ADDON_XML.format(id=FLOOR_ID), encoding="utf-8")
    shutil.copyfile(str(Path(__file__).with_name("floor_script.py")), str(folder / "default.py"))
    listener = rig.addons_dir / LISTENER_ID
    listener.mkdir(parents=True, exist_ok=True)
    (listener / "addon.xml").write_text(LISTENER_XML.format(id=LISTENER_ID), encoding="utf-8")
    (listener / "service.py").write_text(LISTENER_PY, encoding="utf-8")
    return folder


@contextlib.contextmanager
def bare_listener(rig, timeout=60):
    """The bare listening service runs inside the block (enabled, then disabled again)."""
    since = rig.log_mark()
    _enable(rig, LISTENER_ID, timeout)
    rig.wait_for_log(r"\[bench listener\] started", timeout, since=since, fail_on_addon_errors=False)
    try:
        yield
    finally:
        rig.rpc("Addons.SetAddonEnabled", {"addonid": LISTENER_ID, "enabled": False})


def enable_all(rig, timeout=60) -> None:
    """Enable the add-on's dependencies, the add-on and the floor script, then answer "no" to each of
    Kodi's "enable this disabled add-on?" prompts (one per add-on found at the first start)."""
    for addon_id in (standins.REQUESTS_ID, standins.SIMPLECACHE_ID, ADDON_ID, FLOOR_ID):
        _enable(rig, addon_id, timeout)
    quiet_rounds = 0
    deadline = time.monotonic() + timeout
    while quiet_rounds < 4 and time.monotonic() < deadline:
        if rig.current_window_id() == YES_NO_DIALOG:
            rig.press_back()
            quiet_rounds = 0
        else:
            quiet_rounds += 1
        time.sleep(0.5)


def _enable(rig, addon_id, timeout) -> None:
    def enabled():
        try:
            rig.rpc("Addons.SetAddonEnabled", {"addonid": addon_id, "enabled": True})
        except Exception:  # noqa: BLE001 - "Invalid params" until Kodi has registered the add-on
            return False
        return rig.addon_details(addon_id).get("enabled")
    wait_until(enabled, timeout, interval=0.5, message=f"{addon_id} to be enabled")


def experiment(name, calls, batch):
    return {"name": name, "calls": calls, "batch": batch}


def run(rig, experiments, timeout=1800):
    """Run the experiments one after another inside Kodi; returns their results (name, calls, seconds…)."""
    job_dir = rig.home / "bench-jobs"
    job_dir.mkdir(exist_ok=True)
    stamp = f"{time.time():.6f}"
    job_path, result_path = job_dir / f"job-{stamp}.json", job_dir / f"result-{stamp}.json"
    job_path.write_text(json.dumps({"experiments": experiments, "result": str(result_path)}), encoding="utf-8")
    since = rig.log_mark()
    rig.execute_addon([str(job_path)], addon_id=FLOOR_ID)

    def finished():
        if result_path.exists():
            return True
        errors = rig.log_errors(mentioning=FLOOR_ID, since=since)
        if errors:
            raise RuntimeError("the floor script failed:\n" + "\n".join(errors))
        return False
    wait_until(finished, timeout, interval=0.2, message="the floor script")
    results = json.loads(result_path.read_text(encoding="utf-8"))
    os.remove(str(job_path))
    return results
