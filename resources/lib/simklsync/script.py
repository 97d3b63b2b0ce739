"""The script's actions (placeholder until login/status land)."""
import logging

from .kodi import log

LOG = logging.getLogger("simklsync.script")


def run(argv):
    log.setup()
    LOG.info("script action %s", argv[0] if argv else "(none)")
