"""The long-lived service (placeholder until the sync engine lands)."""
import logging

import xbmc

from .kodi import log

LOG = logging.getLogger("simklsync.service")


def run():
    log.setup()
    LOG.info("service started")
    monitor = xbmc.Monitor()
    while not monitor.waitForAbort(1):
        pass
    LOG.info("service stopped")
