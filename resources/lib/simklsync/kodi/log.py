"""Logging into Kodi's log: stdlib logging for the core, forwarded to xbmc.log with the add-on's prefix."""
import logging
import re

import xbmc

from ..constants import LOG_PREFIX

_LEVELS = {
    logging.DEBUG: xbmc.LOGDEBUG,
    logging.INFO: xbmc.LOGINFO,
    logging.WARNING: xbmc.LOGWARNING,
    logging.ERROR: xbmc.LOGERROR,
    logging.CRITICAL: xbmc.LOGFATAL,
}
# Belt and braces: whatever slips through, a bearer token never reaches the log.
_SECRET = re.compile(r"(?i)(bearer\s+|access_token[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9._~+/=-]+")


def redact(text):
    return _SECRET.sub(r"\1<redacted>", text)


class KodiLogHandler(logging.Handler):
    """Forwards records to xbmc.log. With debug logging on, debug records go out at INFO level."""

    def __init__(self, debug=False):
        super().__init__()
        self.debug = debug

    def emit(self, record):
        try:
            level = _LEVELS.get(record.levelno, xbmc.LOGINFO)
            if self.debug and level == xbmc.LOGDEBUG:
                level = xbmc.LOGINFO
            xbmc.log(f"{LOG_PREFIX} {redact(self.format(record))}", level)
        except Exception:  # noqa: BLE001 - logging must never raise into the add-on
            pass


def setup(debug=False):
    """Route the package's loggers to Kodi. Safe to call more than once."""
    root = logging.getLogger("simklsync")
    for handler in list(root.handlers):
        if isinstance(handler, KodiLogHandler):
            root.removeHandler(handler)
    handler = KodiLogHandler(debug)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    root.propagate = False
    return root
