"""Writes the Simkl list tags' smart playlists to special://profile/playlists/video/ (the script action)."""
import logging
import os

import xbmcvfs

from ..core import playlists
from . import list_tag_settings, ui

LOG = logging.getLogger("simklsync.playlists")

FOLDER = "special://profile/playlists/video/"
NAME_IDS = {"movies": 32417, "tvshows": 32418}


def folder():
    return xbmcvfs.translatePath(FOLDER)


def write_all(enabled, tag_names, target=None):
    """Writes a playlist per enabled list and media type (only files whose content changed) and removes ours
    for lists now off; the user's own playlists are never touched. Returns the playlists now in place."""
    target = target or folder()
    os.makedirs(target, exist_ok=True)
    wanted = playlists.build(enabled, tag_names, lambda status, media: ui.localize(
        NAME_IDS[media], tag=tag_names[status]))
    for playlist in wanted:
        _write_if_changed(os.path.join(target, playlist.filename), playlist.content)
    keep = {playlist.filename for playlist in wanted}
    for name in playlists.all_filenames():
        path = os.path.join(target, name)
        if name not in keep and os.path.exists(path):
            os.remove(path)
            LOG.info("removed the playlist %s (its list is off)", name)
    return wanted


def create_from_settings(get_bool):
    """The `playlists` action: the playlists of the lists switched on in the settings; notifies the user."""
    enabled = [status for status in list_tag_settings.LISTS if get_bool(list_tag_settings.setting_id(status))]
    written = write_all(enabled, list_tag_settings.tag_names())
    if not enabled:
        ui.notify(ui.localize(32416), icon="warning")
    else:
        ui.notify(ui.localize(32415, count=len(written)))
    return written


def _write_if_changed(path, content):
    try:
        with open(path, encoding="utf-8") as existing:
            if existing.read() == content:
                return
    except OSError:
        pass
    partial = path + ".part"
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(content)
    os.replace(partial, path)
    LOG.info("wrote the playlist %s", os.path.basename(path))
