"""This box's view of a shared video library: Kodi's advancedsettings.xml (profile first, then master
profile, as Kodi reads it), Kodi's major version, and a name for the box in the status dialog."""
import logging
import socket

import xbmc
import xbmcvfs

from ..core import videodb_config

LOG = logging.getLogger("simklsync.shared_library")

ADVANCED_SETTINGS = ("special://profile/advancedsettings.xml", "special://masterprofile/advancedsettings.xml")


def detect():
    """The VideoDbDetection of this Kodi (the password stays inside the config, never logged)."""
    path = videodb_config.first_existing(ADVANCED_SETTINGS, xbmcvfs.exists)
    text = _read(path) if path else None
    detection = videodb_config.parse(text, videodb_config.kodi_major(xbmc.getInfoLabel("System.BuildVersion")))
    if detection.shared:
        LOG.info("shared video library: %s database %s%s", detection.config.server_label()
                 if detection.config else "?", detection.database or "?",
                 f" ({detection.problem})" if detection.problem else "")
    return detection


def local_database():
    """The name of this Kodi's own video database file (MyVideos<schema>.db), None for an unknown version."""
    return videodb_config.database_name(videodb_config.DEFAULT_BASE_NAME,
                                        videodb_config.kodi_major(xbmc.getInfoLabel("System.BuildVersion")))


def box_label():
    """What the status dialog calls this box: Kodi's device name, else the host name."""
    name = (xbmc.getInfoLabel("System.FriendlyName") or "").strip()
    if not name or name.lower() == "kodi":
        try:
            name = socket.gethostname() or name
        except OSError:
            pass
    return (name or "Kodi")[:120]


def _read(path):
    try:
        with open(xbmcvfs.translatePath(path), encoding="utf-8", errors="replace") as handle:
            return handle.read(1_000_000)
    except OSError as error:
        LOG.warning("advancedsettings.xml unreadable: %s", type(error).__name__)
        return None
