"""Kodi's callbacks (its main thread) as requests to the worker: each records and wakes, none works here.
ServiceMonitor calls these; the main loop calls tick() each time the check timer's wait ends."""
import logging

from ..kodi import settings
from ..kodi.marks import parse_update

# The service's own log name: its lines are what tools and e2e tests follow.
LOG = logging.getLogger("simklsync.service")


class KodiEvents:
    """KodiEvents(worker, timer, actions, account, notifier, marks, ratings_check, live, removed_rows): timer a
    CheckTimer, actions an ActionQueue, live the LiveSettings the listeners answer from, removed_rows the
    rating_identity.removed_rows.RemovedRows the ratings looks read."""

    def __init__(self, worker, timer, actions, account, notifier, marks, ratings_check, live, removed_rows):
        self._worker = worker
        self._timer = timer
        self._actions = actions
        self._account = account
        self._notifier = notifier
        self._marks = marks
        self._ratings_check = ratings_check
        self._live = live
        self._removed_rows = removed_rows

    def request_sync(self, reason):
        self._worker.request_sync(reason)

    def request_action(self, data):
        """A context menu or rating dialog action (the item_actions package), done by the worker."""
        self._actions.request(data)

    def request_undo(self, data):
        """Undo a sync (the status dialog, RunScript undo): done by the worker, never beside a sync."""
        self._actions.request_undo(data)

    def on_scan_finished(self):
        if settings.get_bool(settings.SYNC_AFTER_SCAN):
            self.request_sync("scan")

    def on_logged_in(self):
        LOG.info("logged in: syncing")
        self._account.found()
        self._notifier.logged_in()
        self._live.logged_in()
        self.request_sync("login")

    def on_logged_out(self):
        LOG.info("logged out")
        self._account.logged_out()
        self._marks.forget_held()
        self._live.logged_out()

    def retry_undelivered(self):
        """The status dialog's "Try again"."""
        if self._account.retry_undelivered():
            self._worker.wake()

    def on_settings_changed(self):
        self._worker.settings_changed()

    def on_screensaver(self, active):
        self._check_if(self._timer.screensaver(active))

    def on_wake(self):
        self._check_if(self._timer.woke())

    def on_playing(self, active):
        self._timer.playing(active)
        self._worker.wake()  # the status dialog's next check follows

    def on_library_update(self, data):
        payload = parse_update(data)  # once: a first sync brings thousands of these
        self._marks.on_update(payload)
        if self._ratings_check.library_updated(payload):
            self._worker.wake()

    def on_library_remove(self, data):
        """A movie or TV show row deleted: its rating vanishing is no clear by the user (nothing to wake for)."""
        self._removed_rows.announced(parse_update(data))

    def tick(self, idle_seconds):
        """One pass of the main loop: a return after a long idle without input, or a timed check now due."""
        self._check_if(self._timer.idle_for(idle_seconds) or self._timer.tick())

    def _check_if(self, reason):
        if reason:
            self.request_sync(reason)
        else:
            self._worker.wake()  # the status dialog's next check follows
