"""kodi.ui: every dialog call recorded, answers scripted FIFO, progress cancel scripted, window properties."""
import collections
import threading

UiCall = collections.namedtuple("UiCall", "kind args answer")

# What a dialog answers when the test scripted nothing: the user dismissed it.
DEFAULT_ANSWERS = {
    "Dialog.ok": True,
    "Dialog.yesno": False,
    "Dialog.yesnocustom": -1,
    "Dialog.select": -1,
    "Dialog.contextmenu": -1,
    "Dialog.multiselect": None,
    "Dialog.input": "",
}


class UiScript:
    """Tests append to answers (consumed in order by ok/yesno/select/contextmenu/multiselect/input)."""

    def __init__(self):
        self.calls = []
        self.answers = collections.deque()
        self.window_properties = collections.defaultdict(dict)
        self._progress_updates = 0
        self._cancel_at = None
        self._lock = threading.Lock()

    def record(self, kind, **args):
        """A dialog without an answer (notification, textviewer, progress)."""
        with self._lock:
            self.calls.append(UiCall(kind, args, None))

    def ask(self, kind, **args):
        """A dialog that answers: the next scripted answer, else the dismissed default."""
        with self._lock:
            answer = self.answers.popleft() if self.answers else DEFAULT_ANSWERS[kind]
            self.calls.append(UiCall(kind, args, answer))
        return answer

    def calls_of(self, kind):
        return [call for call in self.calls if call.kind == kind]

    def kinds(self):
        return [call.kind for call in self.calls]

    def cancel_progress_after(self, n_updates):
        """DialogProgress.iscanceled() turns True once n more update() calls have been made."""
        with self._lock:
            self._cancel_at = self._progress_updates + n_updates

    def progress_updated(self):
        with self._lock:
            self._progress_updates += 1

    def progress_canceled(self):
        with self._lock:
            return self._cancel_at is not None and self._progress_updates >= self._cancel_at
