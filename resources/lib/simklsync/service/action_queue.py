"""The user's item actions (context menu, rating dialog): queued from Kodi's callbacks, run by the worker."""
import collections

from ..core.item_actions import parse_action


class ActionQueue:
    """ActionQueue(item_actions, wake): request(data) from a callback; run() on the worker does them in order."""

    def __init__(self, item_actions, wake):
        self._item_actions = item_actions
        self._wake = wake
        self._queue = collections.deque()

    def request(self, data):
        action = parse_action(data)
        if action is not None:
            self._queue.append(action)
            self._wake()

    def run(self):
        while self._queue:
            self._item_actions.run(self._queue.popleft())
