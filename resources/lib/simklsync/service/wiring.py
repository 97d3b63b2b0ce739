"""The service's parts, built and wired onto it: the files, the account, the Kodi side, the worker's jobs.
Parts that must see a later swap are handed lambdas: the household (started in Service.run) and the anime
names (reloaded after each cycle)."""
import os
import uuid

from ..constants import JOURNAL_FILE, LIMITS_FILE, OUTBOX_FILE, RATINGS_FILE, STATE_FILE, STATUS_FILE, UNMARKS_FILE
from ..core.budget import DayBudget
from ..core.clock import SimklClock
from ..core.echo import EchoFilter
from ..core.item_actions import ItemActions
from ..core.journal.file import JournalFile
from ..core.journal.journal import Journal
from ..core.outbox.dates import StampingOutbox
from ..core.outbox.queue import Outbox
from ..core.outbox.unmark_hold import UnmarkHold
from ..core.rating_identity.removed_rows import RemovedRows
from ..core.state.account_stamp import StampedStore
from ..core.state.state_store import StateStore
from ..core.state.store import JsonStore
from ..household.setup import for_service as household_for_service
from ..kodi import monitor, settings, ui
from ..kodi.cache import KodiCache
from ..kodi.gui.notifier import Notifier
from ..kodi.gui.rating_dialog import RatePrompt
from ..kodi.library import KodiLibrary
from ..kodi.marks import MarkListener
from ..kodi.playback.player import ScrobblePlayer
from ..kodi.playback.resume_check import ResumeCheck
from ..sync.anime_names import AnimeNames
from ..sync.first_sync import FirstSyncOffers
from ..sync.ratings_check import KodiRatingsCheck, OwnChanges
from ..sync.sent_journal import SentJournal
from ..sync.status_writer import StatusWriter
from ..sync.sync_job import SyncJob
from ..sync.undo import Undo
from ..sync.widgets_step import WidgetsStep
from .account import Account
from .action_queue import ActionQueue
from .check_timer import CheckTimer
from .events import KodiEvents
from .flush_job import FlushJob
from .live_settings import LiveSettings
from .undo_action import UndoAction
from .unmark_guard import UnmarkGuard


def assemble(service, make_client, cache, library_batch, poll_seconds):
    """Sets the service's parts on it (service has profile, clock, stopping, rng and worker already)."""
    service.simkl_time = SimklClock(service.clock.time, service.clock.monotonic, _boot_session())
    _files(service, cache)
    service.account = Account(service.outbox, service.clock, _sharing_simkl_time(make_client, service.simkl_time),
                              service.budget, service.cache,
                              on_switch=_account_switch(service))
    service.notifier = Notifier()
    service.offers = FirstSyncOffers(service.stamping_outbox, service.wake, service.clock, lambda: service.household,
                                     lambda: service.anime.index)
    service.timer = CheckTimer(service.clock, settings.Settings().sync_interval_minutes, service.budget)
    service.live = LiveSettings(service.timer)
    _kodi_side(service, library_batch, poll_seconds)
    status_file = JsonStore(_path(service, STATUS_FILE), schema=1, durable=False)  # a picture of the last sync
    service.status = StatusWriter(status_file, service.state_store, service.outbox, lambda: service.player.last_skip,
                                  service.budget, service.clock, service.timer.next_check,
                                  service.simkl_time.status, service.unmarks.status)
    service.own_rating_changes = OwnChanges(lambda: service.household, monitor.idle_seconds, service.clock.monotonic)
    service.removed_rows = RemovedRows()
    service.ratings_check = KodiRatingsCheck(service)
    service.widgets = WidgetsStep.in_profile(service.profile, service.library, service.state_store, service.clock.time,
                                             service.account.client, household=lambda: service.household)
    service.sync_job = SyncJob(service, on_synced=service.anime.load)
    service.flush_job = FlushJob(service)
    service.events = KodiEvents(service.worker, service.timer, service.actions, service.account, service.notifier,
                                service.marks, service.ratings_check, service.live, service.removed_rows)
    service.account.bind()  # the stored login's account: what the service reads from now on is its


def _account_switch(service):
    """What runs when the service is bound to another account: the anime names are read again, and unwatches
    held for one account are never asked about or sent for another (a first binding at start keeps them)."""
    last = {"id": None}

    def switched():
        service.anime.load()
        if last["id"] is not None and service.account.id != last["id"]:
            service.unmarks.hold.clear()
        last["id"] = service.account.id
    return switched


def _files(service, cache):
    """The account-bound files read and saved for the account the service is bound to (service.account.id):
    another account's read as missing (core/state/account_stamp.py); the outbox parks its entries by account."""
    def account():
        bound = getattr(service, "account", None)  # built after the files: none bound before it
        return bound.id if bound is not None else None

    service.state_store = StateStore(_path(service, STATE_FILE), account=account)
    service.ratings_store = StampedStore(JsonStore(_path(service, RATINGS_FILE), schema=1), account)
    service.outbox = Outbox(JsonStore(_path(service, OUTBOX_FILE), schema=1))
    # What the user does is queued with the moment's stamp, dated by Simkl's clock when sent (core/clock.py).
    service.stamping_outbox = StampingOutbox(service.outbox, service.simkl_time)
    # The day's counts only steer politeness: losing the last few to a power cut is harmless. Its back-off
    # outlives a Kodi restart all the same; a power cut within seconds of a 429 costs one more refused request.
    limits = JsonStore(_path(service, LIMITS_FILE), schema=1, durable=False)
    service.budget = DayBudget(StampedStore(limits, account))
    service.cache = cache or KodiCache()
    service.anime = AnimeNames(service.state_store)
    service.unmarks = UnmarkGuard(UnmarkHold(JsonStore(_path(service, UNMARKS_FILE), schema=1)), service.outbox,
                                  service.state_store, service.clock)
    service.journal = Journal(JournalFile(_path(service, JOURNAL_FILE)), service.clock.time, account)
    service.sent_journal = SentJournal(service.journal, service.state_store)


def _kodi_side(service, library_batch, poll_seconds):
    """The library, the player and its prompts, the marks listener and the item actions."""
    account, anime = service.account, service.anime
    service.echo = EchoFilter()
    service.library = KodiLibrary(service.echo, journal=service.journal,
                                  **({"batch_size": library_batch} if library_batch else {}))
    service.item_actions = ItemActions(service.library, service.stamping_outbox, service.ratings_store,
                                       service.request_sync,
                                       lambda string_id, **values: ui.notify(ui.localize(string_id, **values)),
                                       clock=service.clock.time, dated=service.unmarks.dated)
    undo = UndoAction(Undo(service.library, service.outbox, service.clock.time, service.ratings_store),
                      service.wake)
    service.actions = ActionQueue(service.item_actions, service.wake, undo, service.journal)
    service.resume_check = ResumeCheck(settings,
                                       lambda: service.household.resume_state(service.state_store.load_head()),
                                       lambda: account.client().get_activities(),
                                       lambda: account.client().get_playback(), account.can_send,
                                       correction=service.simkl_time.correction)
    rate_prompt = RatePrompt(lambda: _rate_after_watching(account), service.actions.request, service.clock.wait)
    service.player = ScrobblePlayer(service.stamping_outbox, service.echo, settings.Settings, service.wake,
                                    clock=service.clock.time, poll_seconds=poll_seconds,
                                    resume_check=service.resume_check,
                                    resolve_file=lambda path: _search_file(account, path),
                                    anime_index=lambda: anime.index, after_watched=rate_prompt.after_watched)
    service.marks = MarkListener(service.stamping_outbox, service.echo, service.wake, clock=service.clock.time,
                                 enabled=lambda: service.live.marks_on, anime_index=lambda: anime.index,
                                 hold=service.unmarks.hold)


def start_household(service):
    """The shared-library lease holder (a NoHousehold without a shared library), started."""
    service.household = household_for_service(
        service.profile, service.clock.wait, on_takeover=lambda: service.request_sync("takeover"),
        on_pull_request=service.request_sync, pending_source=service.pending_marks,
        eligible=service.account.can_send, account=lambda: service.account.id or "")
    service.household.start()


def _search_file(account, path):
    """Simkl's guess for a playing file; no request at all without a login (a profile that never logged in)."""
    return account.client().search_file(path) if account.can_send() else None


def _rate_after_watching(account):
    current = settings.Settings()
    return current.get_int(settings.RATE_AFTER_WATCHING) if account.can_send(current) else 0


def _sharing_simkl_time(make_client, simkl_time):
    """make_client, its clients reading Simkl's clock into the service's one SimklClock."""
    def make(*args, **kwargs):
        client = make_client(*args, **kwargs)
        client.simkl_time = simkl_time
        return client
    return make


def _boot_session():
    """Names this boot's monotonic clock, so a stamp of an earlier Kodi run of the same boot still resolves by
    it (Linux and Android); elsewhere this service run's own name."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip() or uuid.uuid4().hex
    except OSError:
        return uuid.uuid4().hex


def _path(service, name):
    return os.path.join(service.profile, name)
