"""An undo the user asked for, run on the worker, then told in a notification."""
import logging

from ..kodi import ui

LOG = logging.getLogger("simklsync.service")

SAID_UNDONE = 32550  # "Sync undone: {kodi} items put back in Kodi"
SAID_REVERSING = 32551  # "{count} changes on Simkl will be reversed"
SAID_NOTHING = 32552  # "Nothing to undo"
SAID_REFUSED = 32553  # "Kodi refused {count} of them (see the status)"


class UndoAction:
    """undo: sync.undo.Undo; wake: the worker's (the reversals queued go out at its next pass)."""

    def __init__(self, undo, wake, say=None):
        self.undo = undo
        self.wake = wake
        self.say = say or (lambda text: ui.notify(text))

    def run(self, call):
        result = self.undo.run(call.cycle, call.simkl)
        if result.undo_cycle is None:
            self.say(ui.localize(SAID_NOTHING))
            return result
        parts = [ui.localize(SAID_UNDONE, kodi=result.kodi_written)]
        if result.kodi_failed:
            parts.append(ui.localize(SAID_REFUSED, count=result.kodi_failed))
        if result.simkl_queued:
            parts.append(ui.localize(SAID_REVERSING, count=result.simkl_queued))
            self.wake()
        self.say(" ".join(parts))
        return result
