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
        self.windows = []  # the script windows shown and not closed yet
        self._next_window_id = 13000  # Kodi numbers add-on windows from 13000
        self._click = None  # (property updates left, control id): the user presses a button of a window
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

    def new_window_id(self):
        with self._lock:
            self._next_window_id += 1
            return self._next_window_id

    def window_shown(self, window):
        with self._lock:
            self.windows.append(window)

    def window_closed(self, window):
        with self._lock:
            if window in self.windows:
                self.windows.remove(window)

    def click_after(self, n_updates, control_id):
        """The add-on window shown next has its control `control_id` clicked once n properties were set on it
        after it was shown."""
        with self._lock:
            self._click = [n_updates, control_id]

    def property_set(self, window):
        with self._lock:
            click = self._click
            if click is None or window not in self.windows:
                return
            click[0] -= 1
            if click[0] > 0:
                return
            self._click = None
        window.onClick(click[1])

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
