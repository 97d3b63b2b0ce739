"""Undo requests as the service's action queue takes them: read from the script's notification data, done in
the order asked among the item actions, junk ignored."""
from simklsync.service.action_queue import ActionQueue
from simklsync.sync.undo import UndoCall, parse_undo, undo_data


class Recorder:
    def __init__(self):
        self.calls = []

    def run(self, action):
        self.calls.append(action)


def test_the_scripts_data_reads_back_as_the_call_it_asked_for():
    assert parse_undo(undo_data("c1800000000", True)) == UndoCall("c1800000000", True)
    assert parse_undo('{"cycle": "", "simkl": false}') == UndoCall(None, False)  # Kodi hands data as JSON text


def test_junk_is_no_undo_and_anything_but_true_keeps_simkl_as_it_is():
    assert parse_undo("not json") is None and parse_undo(None) is None and parse_undo([1]) is None
    assert parse_undo({"cycle": 5, "simkl": "yes"}) == UndoCall(None, False)


def test_undo_requests_run_on_the_worker_in_order_with_the_item_actions():
    undo, items, wakes = Recorder(), Recorder(), []
    queue = ActionQueue(items, lambda: wakes.append(1), undo)
    queue.request({"action": "watched", "media": "movie", "id": 5})
    queue.request_undo({"cycle": "c1"})
    queue.request_undo("junk")
    assert len(wakes) == 2 and undo.calls == [] and items.calls == []  # nothing done on Kodi's callback thread
    queue.run()
    assert [call.action for call in items.calls] == ["watched"] and undo.calls == [UndoCall("c1", False)]
