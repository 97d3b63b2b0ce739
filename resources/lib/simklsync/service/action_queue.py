"""The user's item actions (context menu, rating dialog) and undo requests (status dialog, RunScript undo):
queued from Kodi's callbacks, run by the worker in the order asked (never beside a sync)."""
import collections

from ..core.item_actions import parse_action
from ..sync.undo import UndoCall, parse_undo


class ActionQueue:
    """ActionQueue(item_actions, wake): request(data) from a callback; run() on the worker does them in order."""

    def __init__(self, item_actions, wake, undo=None, journal=None):
        self._item_actions = item_actions
        self._wake = wake
        self._undo = undo  # run(UndoCall), e.g. service.undo_action.UndoAction
        self._journal = journal  # core.journal.Journal: each item action is a journal cycle of its own
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
                self._run_item_action(action)

    def _run_item_action(self, action):
        """One action, a journal cycle of its own: undoing the last sync never takes back the user's mark."""
        if self._journal is None:
            self._item_actions.run(action)
            return
        self._journal.begin_cycle("context")
        try:
            self._item_actions.run(action)
        finally:
            self._journal.end_cycle()
