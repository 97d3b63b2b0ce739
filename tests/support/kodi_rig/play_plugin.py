"""A tiny video plugin for the rig, standing in for a streaming add-on: its URL names a local file to play,
the list item's title and media type, and optionally the ids it hands over in `script.trakt.ids` just
before it resolves the URL, as streaming add-ons do.

    install_play_plugin(rig.addons_dir)        # before rig.start(); enable it after, like any add-on
    rig.rpc("Player.Open", {"item": {"file": plugin_url("/tmp/x.mkv", "The Matrix", trakt_ids={...})}})
"""
import json
from pathlib import Path
from urllib.parse import urlencode

PLUGIN_ID = "plugin.video.simklsync.rigplayer"

ADDON_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="{PLUGIN_ID}" name="Rig player (test plugin)" version="1.0.0" provider-name="kodi_rig">
  <requires><import addon="xbmc.python" version="3.0.0"/></requires>
  <extension point="xbmc.python.pluginsource" library="default.py"><provides>video</provides></extension>
  <extension point="xbmc.addon.metadata"><summary lang="en_GB">Plays a local file as a plugin item</summary>
    <platform>all</platform></extension>
</addon>
"""

PLUGIN_PY = '''"""Resolves plugin://{id}/?file=...&title=...&mediatype=...[&trakt_ids=JSON][&simkl_ids=JSON]
[&season=N&episode=N]. simkl_ids go to script.simkl.ids with "path": this plugin URL."""
import json
import sys
from urllib.parse import parse_qsl

import xbmc
import xbmcgui
import xbmcplugin

params = dict(parse_qsl(sys.argv[2].lstrip("?")))
if params.get("trakt_ids"):
    xbmcgui.Window(10000).setProperty("script.trakt.ids", params["trakt_ids"])
if params.get("simkl_ids"):
    ids = dict(json.loads(params["simkl_ids"]), path=sys.argv[0] + sys.argv[2])
    xbmcgui.Window(10000).setProperty("script.simkl.ids", json.dumps(ids))
item = xbmcgui.ListItem(params.get("title", ""), path=params["file"])
tag = item.getVideoInfoTag()
tag.setMediaType(params.get("mediatype", "movie"))
tag.setTitle(params.get("title", ""))
if params.get("season") and params.get("episode"):
    tag.setSeason(int(params["season"]))
    tag.setEpisode(int(params["episode"]))
xbmc.log("[rigplayer] resolving " + params["file"], xbmc.LOGINFO)
xbmcplugin.setResolvedUrl(int(sys.argv[1]), True, item)
'''.replace("{id}", PLUGIN_ID)


def install_play_plugin(addons_dir):
    folder = Path(addons_dir) / PLUGIN_ID
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "addon.xml").write_text(ADDON_XML, encoding="utf-8")
    (folder / "default.py").write_text(PLUGIN_PY, encoding="utf-8")
    return folder


def plugin_url(file, title, mediatype="movie", trakt_ids=None, simkl_ids=None, season=None, episode=None):
    params = {"file": str(file), "title": title, "mediatype": mediatype}
    if trakt_ids is not None:
        params["trakt_ids"] = json.dumps(trakt_ids)
    if simkl_ids is not None:
        params["simkl_ids"] = json.dumps(simkl_ids)
    if season is not None and episode is not None:
        params.update(season=str(season), episode=str(episode))
    return f"plugin://{PLUGIN_ID}/?{urlencode(params)}"
