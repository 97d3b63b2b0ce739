"""The long-lived service, as wiring: Kodi's callbacks (events.py) and the worker thread on one side, one sync
cycle (sync_once) and one outbox flush (flush_once) on the other. The parts are built in wiring.py."""
import logging
import random
import threading

from ..core.item_actions import pending_marks as action_pending_marks
from ..household.setup import NoHousehold
from ..kodi import log, settings
from ..kodi.gui.context_menu import set_logged_in
from ..kodi.monitor import ServiceMonitor, idle_seconds
from ..kodi.playback.player import POLL_SECONDS
from . import memory, wiring
from .account import default_client
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
        self.household = NoHousehold()
        self.worker = Worker(self, self.clock, self.stopping, on_start=self.load_anime)
        wiring.assemble(self, make_client, cache, library_batch, poll_seconds)

    def run(self):
        monitor = ServiceMonitor(self.events)
        current = settings.Settings()
        log.setup(current.debug_logging)
        LOG.info("service started (version %s)", current.version)
        wiring.start_household(self)
        set_logged_in(current.logged_in)
        self.worker.start()
        if current.get_bool(settings.SYNC_ON_STARTUP):
            self.request_sync("startup")
        while not monitor.waitForAbort(self.timer.wait_seconds()):
            self.events.tick(idle_seconds())
        self.stop()
        LOG.info("service stopped")

    def stop(self):
        self.player.close()
        self.stopping.set()
        self.account.cut()  # a request waiting for Simkl ends now: Kodi kills an add-on whose thread lives 5 s on
        self.worker.stop()
        self.household.stop()
        set_logged_in(False)  # the Home window outlives a profile switch: the next profile's service sets its own

    @property
    def login_needed(self):
        return self.account.login_needed

    def request_sync(self, reason):
        self.worker.request_sync(reason)

    def wake(self):
        self.worker.wake()

    # -- the worker's jobs (worker.Worker calls these on its thread) ------------------------------------
    def sync_once(self, reason, should_stop=None):
        """One sync cycle; its CycleResult, or None when not synced (logged out, failed, another box pulls)."""
        self.timer.checked()
        result = self.sync_job.run(reason, should_stop or self.stopping.is_set)
        if memory.worth_it(result):
            memory.give_back()  # a first sync's peak is not kept for the rest of Kodi's life
        if self.unmarks.after_sync(result):
            self.request_sync("scan")  # the kept-apart items Simkl changed are planned again, from the mirror
        return result

    def flush_once(self):
        """Send what is due in the outbox (with the unwatches whose hold has passed); the FlushResult, or None
        when there was nothing to do."""
        self.unmarks.release()
        return self.flush_job.run()

    def run_actions(self):
        """The user's item actions, and the question about a burst of unwatches when one waits."""
        self.actions.run()
        if self.unmarks.ask():
            self.status.after_flush()  # the status dialog's held and kept counts follow the answer

    def check_kodi_ratings(self):
        self.ratings_check.run()

    def reload_settings(self):
        self.live.reload()

    def load_anime(self):
        self.anime.load()

    def note_schedule(self):
        """The status dialog's next check follows the timer (idle, in use, budget) between syncs."""
        self.status.next_check()

    def next_due(self):
        dues = [due for due in (self.outbox.next_due(), self.ratings_check.due(), self.unmarks.next_due())
                if due is not None]
        return min(dues) if dues else None

    @property
    def last_error(self):
        """The failure of the last sync_once, or None."""
        return self.sync_job.last_error

    def pending_marks(self):
        """Kodi-side marks not sent yet (the sync leaves their items alone): the outbox's and the actions'."""
        pending = dict(self.unmarks.hold.pending())
        pending.update(action_pending_marks(self.outbox.entries()))
        pending.update(self.outbox.pending_marks())
        return pending


def run():
    Service().run()
