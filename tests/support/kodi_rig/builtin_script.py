"""A tiny script add-on for the rig that runs one Kodi builtin, for what JSON-RPC cannot do on every Kodi
(Kodi 20 has no GUI.ActivateScreensaver):

    extra_addons=[(SCRIPT_ID, install_builtin_script)]          # in kodi_rig_options
    run_builtin(rig, "ActivateScreensaver")
"""
from pathlib import Path

SCRIPT_ID = "script.simklsync.rigbuiltin"

ADDON_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="{SCRIPT_ID}" name="Rig builtin (test script)" version="1.0.0" provider-name="kodi_rig">
  <requires><import addon="xbmc.python" version="3.0.0"/></requires>
  <extension point="xbmc.python.script" library="default.py"/>
  <extension point="xbmc.addon.metadata"><summary lang="en_GB">Runs the builtin named in its argument</summary>
    <platform>all</platform></extension>
</addon>
"""

SCRIPT_PY = '''import sys

import xbmc

builtin = ",".join(sys.argv[1:])  # Kodi 20 and 21 split the argument at its commas; Kodi 22 does not
xbmc.log("[rigbuiltin] " + builtin, xbmc.LOGINFO)
xbmc.executebuiltin(builtin)
'''


def install_builtin_script(addons_dir):
    folder = Path(addons_dir) / SCRIPT_ID
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "addon.xml").write_text(ADDON_XML, encoding="utf-8")
    (folder / "default.py").write_text(SCRIPT_PY, encoding="utf-8")
    return folder


def run_builtin(rig, builtin):
    """Runs `builtin` inside Kodi (its commas survive: the script joins the pieces Kodi split it into)."""
    return rig.execute_addon([builtin], addon_id=SCRIPT_ID)
