"""The long-lived service, as wiring: Kodi's callbacks and the worker thread on one side, one sync cycle
(sync_once) and one outbox flush (flush_once) on the other. Each job lives in its own module."""
import collections
import logging
import os
import random
import threading

from . import sync
from .account import Account, default_client
from .check_timer import CheckTimer
from .constants import LIMITS_FILE, OUTBOX_FILE, RATINGS_FILE, STATE_FILE, STATUS_FILE
from .core.anime_ids import AnimeIndex
from .core.budget import DayBudget
from .core.echo import EchoFilter
from .core.outbox import Outbox
from .core.store import JsonStore
from .first_sync import FirstSyncOffers
from .flush_job import FlushJob
from .household.setup import NoHousehold
from .household.setup import for_service as household_for_service
from .item_actions import ItemActions, parse_action
from .item_actions import pending_marks as action_pending_marks
from .kodi import log, settings, ui
from .kodi.cache import KodiCache
from .kodi.context_menu import set_logged_in
from .kodi.library import KodiLibrary
from .kodi.marks import MarkListener
from .kodi.monitor import ServiceMonitor, idle_seconds
from .kodi.notifier import Notifier
from .kodi.player import POLL_SECONDS, ScrobblePlayer
from .kodi.rating_dialog import RatePrompt
from .kodi.resume_check import ResumeCheck
from .ratings_check import KodiRatingsCheck
from .status_writer import StatusWriter
from .sync_job import SyncJob
from .worker import SystemClock, Worker

LOG = logging.getLogger("simklsync.service")


class Service:
    """Service(): as Kodi runs it. The fault suite injects profile, clock (time, monotonic, wait), client
    factory, cache, rng and the library's batch size to drive sync_once / flush_once on virtual time."""

    def __init__(self, profile=None, clock=None, make_client=default_client, cache=None, rng=random,
                 library_batch=None, poll_seconds=POLL_SECONDS):
        self.profile = profile or settings.profile_dir()
        self.stopping = threading.Event()
        self.clock = clock or SystemClock(self.stopping)
        self.rng = rng
        self.worker = Worker(self, self.clock, self.stopping, on_start=self.load_anime)
        self.echo = EchoFilter()
        self.library = KodiLibrary(self.echo, batch_size=library_batch) if library_batch else KodiLibrary(self.echo)
        self.state_store = JsonStore(self._path(STATE_FILE), schema=sync.STATE_SCHEMA)
        self.ratings_store = JsonStore(self._path(RATINGS_FILE), schema=1)
        self.cache = cache or KodiCache()
        self.outbox = Outbox(JsonStore(self._path(OUTBOX_FILE), schema=1))
        budget = DayBudget(JsonStore(self._path(LIMITS_FILE), schema=1))
        self.account = Account(self.outbox, self.clock, make_client, budget)
        self.notifier = Notifier()
        self.household = NoHousehold()
        self.offers = FirstSyncOffers(self.outbox, self.wake, self.clock, lambda: self.household,
                                      lambda: self.anime)
        self.anime = AnimeIndex()  # the mirror's anime, so scrobbles and marks name them the Simkl way
        self.resume_check = ResumeCheck(settings, lambda: self.household.resume_state(self.state_store.load()),
                                        lambda: self.account.client().get_activities(),
                                        lambda: self.account.client().get_playback(), self.account.can_send)
        self.rate_prompt = RatePrompt(self._rate_after_watching, self.request_action, self.clock.wait)
        self.player = ScrobblePlayer(self.outbox, self.echo, settings.Settings, self.wake, clock=self.clock.time,
                                     poll_seconds=poll_seconds, resume_check=self.resume_check,
                                     resolve_file=lambda path: self.account.client().search_file(path),
                                     anime_index=lambda: self.anime, after_watched=self.rate_prompt.after_watched)
        self.item_actions = ItemActions(self.library, self.outbox, self.ratings_store, self.request_sync,
                                        lambda string_id, **values: ui.notify(ui.localize(string_id, **values)))
        self._actions = collections.deque()
        self.ratings_check = KodiRatingsCheck(self)
        self.timer = CheckTimer(self.clock, settings.Settings().sync_interval_minutes, budget)
        self.status = StatusWriter(JsonStore(self._path(STATUS_FILE), schema=1), self.state_store, self.outbox,
                                   lambda: self.player.last_skip, budget, self.clock, self.timer.next_check)
        # Asked for every OnUpdate (thousands during a big sync): answered from memory, not from settings.xml.
        self._marks_on = settings.Settings().marks_enabled
        self.marks = MarkListener(self.outbox, self.echo, self.wake, clock=self.clock.time,
                                  enabled=lambda: self._marks_on, anime_index=lambda: self.anime)
        self.sync_job = SyncJob(self, on_synced=self.load_anime)
        self.flush_job = FlushJob(self)

    def run(self):
        monitor = ServiceMonitor(self)
        current = settings.Settings()
        log.setup(current.debug_logging)
        LOG.info("service started (version %s)", current.version)
        self.household = household_for_service(
            self.profile, self.clock.wait, on_takeover=lambda: self.request_sync("takeover"),
            on_pull_request=self.request_sync, pending_source=self.pending_marks, eligible=self.account.can_send,
            account=lambda: settings.Settings().account_name)
        self.household.start()
        set_logged_in(current.logged_in)
        self.worker.start()
        if current.get_bool(settings.SYNC_ON_STARTUP):
            self.request_sync("startup")
        while not monitor.waitForAbort(self.timer.wait_seconds()):
            self.tick(idle_seconds())
        self.stop()
        LOG.info("service stopped")

    def stop(self):
        self.player.close()
        self.worker.stop()
        self.household.stop()

    @property
    def login_needed(self):
        return self.account.login_needed

    # -- Kodi's callbacks (its main thread): record and wake, never work here ---------------------------
    def request_sync(self, reason):
        self.worker.request_sync(reason)

    def wake(self):
        self.worker.wake()

    def request_action(self, data):
        """A context menu or rating dialog action (item_actions.py), done by the worker."""
        action = parse_action(data)
        if action is not None:
            self._actions.append(action)
            self.wake()

    def on_scan_finished(self):
        if settings.get_bool(settings.SYNC_AFTER_SCAN):
            self.request_sync("scan")

    def on_logged_in(self):
        LOG.info("logged in: syncing")
        self.account.found()
        self.notifier.logged_in()
        self._marks_on = settings.Settings().marks_enabled
        self.request_sync("login")

    def on_logged_out(self):
        LOG.info("logged out")
        self.account.logged_out()
        self._marks_on = False

    def on_settings_changed(self):
        self.worker.settings_changed()

    def on_screensaver(self, active):
        self._check_if(self.timer.screensaver(active))

    def on_wake(self):
        self._check_if(self.timer.woke())

    def on_playing(self, active):
        self.timer.playing(active)
        self.wake()  # the status dialog's next check follows

    def tick(self, idle_seconds):
        """One pass of the main loop: a return after a long idle without input, or a timed check now due."""
        self._check_if(self.timer.idle_for(idle_seconds) or self.timer.tick())

    def _check_if(self, reason):
        if reason:
            self.request_sync(reason)
        else:
            self.wake()  # the status dialog's next check follows

    def on_library_update(self, data):
        self.marks.on_update(data)
        if self.ratings_check.library_updated(data):
            self.wake()

    # -- the worker's jobs ------------------------------------------------------------------------------
    def reload_settings(self):
        current = settings.Settings()
        log.setup(current.debug_logging)
        self._marks_on = current.marks_enabled
        self.timer.set_interval(current.sync_interval_minutes)

    def next_due(self):
        dues = [due for due in (self.outbox.next_due(), self.ratings_check.due()) if due is not None]
        return min(dues) if dues else None

    def run_actions(self):
        while self._actions:
            self.item_actions.run(self._actions.popleft())

    def check_kodi_ratings(self):
        self.ratings_check.run()

    def flush_once(self):
        """Send what is due in the outbox; the FlushResult, or None when there was nothing to do."""
        return self.flush_job.run()

    def sync_once(self, reason, should_stop=None):
        """One sync cycle; its CycleResult, or None when not synced (logged out, failed, another box pulls)."""
        self.timer.checked()
        return self.sync_job.run(reason, should_stop or self.stopping.is_set)

    def note_schedule(self):
        """The status dialog's next check follows the timer (idle, in use, budget) between syncs."""
        self.status.next_check()

    @property
    def last_error(self):
        """The failure of the last sync_once, or None."""
        return self.sync_job.last_error

    def pending_marks(self):
        """Kodi-side marks not sent yet (the sync leaves their items alone): the outbox's and the actions'."""
        return dict(action_pending_marks(self.outbox.entries()), **self.outbox.pending_marks())

    def _rate_after_watching(self):
        current = settings.Settings()
        return current.get_int(settings.RATE_AFTER_WATCHING) if self.account.can_send(current) else 0

    def load_anime(self):
        """The mirror's anime names from the saved state: first thing on the worker, then after each cycle."""
        try:
            self.anime = AnimeIndex.from_state(self.state_store.load())
        except Exception:  # noqa: BLE001 - without it anime scrobbles still go out, in Kodi's numbering
            LOG.exception("anime ids not read from the sync state")

    def _path(self, name):
        return os.path.join(self.profile, name)


def run():
    Service().run()
