"""What the service tells the user, and when: each error once per streak, sync news never over a playing video."""
from .. import settings, ui

PROGRESS_THRESHOLD = 100  # writes; smaller syncs finish before a progress bar would be worth showing


class Notifier:
    def __init__(self):
        self._error_shown = None

    def sync_done(self, result, current):
        self._error_shown = None
        if result.total_written and current.get_bool(settings.NOTIFY_SYNC) and not ui.is_playing():
            ui.notify(ui.localize(32101, movies=result.written["movies"], episodes=result.written["episodes"]))

    def held(self, result):
        """A large removal held back: told once, whatever the notification settings (nothing was unwatched)."""
        held = result.state.held if result.state is not None else {}
        for type_ in result.held_told:
            pending = held.get(type_) or {}
            name = ui.localize(32040 if type_ == "movies" else 32043)
            ui.notify(ui.localize(32502, count=pending.get("count", 0), type=name), icon="warning", milliseconds=10000)
        ratings = getattr(result, "ratings", None)  # sync/rating_sync.py RatingResult, or None
        if ratings is not None and ratings.clears_told:
            ui.notify(ui.localize(32853, count=ratings.held_clears["count"]), icon="warning", milliseconds=10000)

    def sync_failed(self, message, current):
        # Once per streak of failures, not every cycle.
        if self._error_shown != message and current.get_bool(settings.NOTIFY_ERRORS) and not ui.is_playing():
            ui.notify(message, icon="warning")
        self._error_shown = message

    def login_lost(self, current):
        if current.get_bool(settings.NOTIFY_ERRORS):
            ui.notify(ui.localize(32102), icon="warning")

    def logged_in(self):
        self._error_shown = None

    def recorded(self, labels, current):
        """Views Simkl recorded as watched ("Show scrobbles")."""
        if labels and current.get_bool(settings.NOTIFY_SCROBBLE) and not ui.is_playing():
            for label in labels:
                ui.notify(ui.localize(32270, item=label))

    def progress(self, current):
        """What a long sync shows while it writes: the progress bar when chosen, else a notification at its
        start (the bar's spinning icon keeps Kodi redrawing the screen for the whole sync: +10 % of Kodi's CPU
        in a first sync of 6,000 writes, measured with software rendering)."""
        if current.get_bool(settings.PROGRESS_BAR):
            return SyncProgress()
        return StartNotice() if current.get_bool(settings.NOTIFY_SYNC) else NoProgress()


class SyncProgress:
    """A background progress bar, shown only once a sync has enough writes to be worth one."""

    def __init__(self):
        self.bar = None

    def update(self, done, total):
        if self.bar is None and total >= PROGRESS_THRESHOLD:
            self.bar = ui.BackgroundProgress(ui.localize(32104))
        if self.bar is not None:
            self.bar.update(int(done * 100 / max(1, total)), ui.localize(32105, done=done, total=total))

    def close(self):
        if self.bar is not None:
            self.bar.close()


class StartNotice:
    """One notification when a sync with enough writes to take a while starts writing; never over a video."""

    def __init__(self):
        self.shown = False

    def update(self, done, total):
        if not self.shown and total >= PROGRESS_THRESHOLD:
            self.shown = True
            if not ui.is_playing():
                ui.notify(ui.localize(32103, total=total))

    def close(self):
        pass


class NoProgress:
    update = None

    def close(self):
        pass
