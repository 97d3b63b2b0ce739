"""The user's item actions (context menu, rating dialog) and undo requests (status dialog, RunScript undo):
queued from Kodi's callbacks, run by the worker in the order asked (never beside a sync)."""
import collections

from ..core.item_actions import parse_action
from ..sync.undo import UndoCall, parse_undo


class ActionQueue:
    """ActionQueue(item_actions, wake): request(data) from a callback; run() on the worker does them in order."""

    def __init__(self, item_actions, wake, undo=None):
        self._item_actions = item_actions
        self._wake = wake
        self._undo = undo  # run(UndoCall), e.g. service.undo_action.UndoAction
        self._queue = collections.deque()

    def request(self, data):
        action = parse_action(data)
        if action is not None:
            self._queue.append(action)
            self._wake()

    def request_undo(self, data):
        call = parse_undo(data)
        if call is not None and self._undo is not None:
            self._queue.append(call)
            self._wake()

    def run(self):
        while self._queue:
            action = self._queue.popleft()
            if isinstance(action, UndoCall):
                self._undo.run(action)
            else:
                self._item_actions.run(action)
