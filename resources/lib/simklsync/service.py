"""The long-lived service: schedules sync cycles, runs them one at a time in a worker thread (so Kodi's callbacks
keep flowing), and flushes the outbox of Kodi → Simkl writes."""
import collections
import logging
import os
import random
import threading
import time

from . import sync
from .constants import LIMITS_FILE, OUTBOX_FILE, RATINGS_FILE, STATE_FILE, STATUS_FILE
from .core.anime_ids import AnimeIndex
from .core.budget import DayBudget
from .core.echo import EchoFilter
from .core.outbox import Outbox
from .core.push import push_batches, push_count, push_entries
from .core.scrobble import resume_entries
from .core.store import JsonStore
from .household.setup import NoHousehold
from .household.setup import for_service as household_for_service
from .item_actions import ItemActions, parse_action
from .item_actions import pending_marks as action_pending_marks
from .kodi import log, settings, ui
from .kodi.cache import KodiCache
from .kodi.context_menu import set_logged_in
from .kodi.library import KodiLibrary
from .kodi.marks import MarkListener
from .kodi.monitor import ServiceMonitor
from .kodi.player import ScrobblePlayer
from .kodi.rating_dialog import RatePrompt
from .kodi.resume_check import ResumeCheck
from .kodi.rpc import RpcError
from .rating_sync import RatingSync
from .simkl import errors
from .simkl.client import SimklClient
from .simkl.outbox_sender import flush

LOG = logging.getLogger("simklsync.service")

REPLAN_REASONS = ("manual", "scan", "login")
PROGRESS_THRESHOLD = 100  # writes; smaller syncs finish before a progress bar would be worth showing
IDLE_WAKE_SECONDS = 60
SETTINGS_SETTLE_SECONDS = 0.5
RATINGS_CHECK_SECONDS = 60


class Service:
    def __init__(self):
        self.monitor = ServiceMonitor(self)
        self.profile = settings.profile_dir()
        self.echo = EchoFilter()
        self.library = KodiLibrary(self.echo)
        self.state_store = JsonStore(os.path.join(self.profile, STATE_FILE), schema=sync.STATE_SCHEMA)
        self.status_store = JsonStore(os.path.join(self.profile, STATUS_FILE), schema=1)
        self.ratings_store = JsonStore(os.path.join(self.profile, RATINGS_FILE), schema=1)
        self.cache = KodiCache()
        self.outbox = Outbox(JsonStore(os.path.join(self.profile, OUTBOX_FILE), schema=1), random.random)
        self.budget = DayBudget(JsonStore(os.path.join(self.profile, LIMITS_FILE), schema=1))
        self.resume_check = ResumeCheck(settings, lambda: self.household.resume_state(self.state_store.load()),
                                        lambda: self._client(settings.Settings()).get_activities(),
                                        lambda: self._client(settings.Settings()).get_playback(),
                                        self._simkl_reachable)
        self.anime = AnimeIndex()  # the mirror's anime, so scrobbles and marks name them the Simkl way
        self.rate_prompt = RatePrompt(self._rate_after_watching, self.request_action, self._stopping_wait)
        self.player = ScrobblePlayer(self.outbox, self.echo, settings.Settings, self.wake,
                                     resolve_file=self._resolve_file, resume_check=self.resume_check,
                                     anime_index=lambda: self.anime, after_watched=self.rate_prompt.after_watched)
        self.item_actions = ItemActions(self.library, self.outbox, self.ratings_store, self.request_sync,
                                        lambda string_id, **values: ui.notify(ui.localize(string_id, **values)))
        self._actions = collections.deque()
        self._ratings_checked_at = time.monotonic()  # the first sync cycle looks first
        self.marks = MarkListener(self.outbox, self.echo, self.wake, enabled=self._marks_enabled,
                                  anime_index=lambda: self.anime)
        self.household = NoHousehold()
        self.login_needed = False
        self._requests = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._worker = threading.Thread(target=self._work, name="simklsync-worker")
        self._worker.daemon = True
        self._error_shown = None
        self._simkl = None
        self._simkl_id = None
        self._settings_changed_at = None
        self._marks_on = False
        self._read_marks_setting()

    def run(self):
        current = settings.Settings()
        log.setup(current.debug_logging)
        LOG.info("service started (version %s)", current.version)
        self.household = household_for_service(
            self.profile, self._stopping.wait, on_takeover=lambda: self.request_sync("takeover"),
            on_pull_request=self.request_sync, pending_source=self._pending_marks,
            eligible=lambda: bool(settings.access_token()) and not self.login_needed,
            account=lambda: settings.Settings().account_name)
        self.household.start()
        set_logged_in(bool(settings.access_token()))
        self._worker.start()
        if current.get_bool(settings.SYNC_ON_STARTUP):
            self.request_sync("startup")
        next_timer = time.monotonic() + current.sync_interval_minutes * 60
        while not self.monitor.waitForAbort(min(30.0, max(0.5, next_timer - time.monotonic()))):
            if time.monotonic() >= next_timer:
                self.request_sync("timer")
                next_timer = time.monotonic() + settings.Settings().sync_interval_minutes * 60
        self.stop()
        LOG.info("service stopped")

    def stop(self):
        self._stopping.set()
        self._wake.set()
        self.player.close()
        self._worker.join(1.0)
        self.household.stop()

    # Requests from callbacks (Kodi's main thread): only record and wake, never work here.
    def request_sync(self, reason):
        with self._lock:
            if reason not in self._requests:
                self._requests.append(reason)
        self._wake.set()

    def wake(self):
        self._wake.set()

    def request_action(self, data):
        """A context menu or rating dialog action (item_actions.py), done by the worker."""
        action = parse_action(data)
        if action is not None:
            self._actions.append(action)
            self._wake.set()

    def _rate_after_watching(self):
        current = settings.Settings()
        return current.get_int(settings.RATE_AFTER_WATCHING) if current.logged_in and not self.login_needed else 0

    def _stopping_wait(self, seconds):
        return self._stopping.wait(seconds)

    def _check_kodi_ratings(self):
        """Kodi announces no userrating change, so its rated items are compared with what we knew at most once a
        RATINGS_CHECK_SECONDS between syncs. A shared library leaves this to the puller's sync cycles."""
        now = time.monotonic()
        if now - self._ratings_checked_at < RATINGS_CHECK_SECONDS or not isinstance(self.household, NoHousehold):
            return
        self._ratings_checked_at = now
        current = settings.Settings()
        if current.logged_in and not self.login_needed and current.get_bool(settings.SYNC_RATINGS):
            RatingSync(None, self.library, self.ratings_store, self.outbox).check_kodi()

    def _run_actions(self):
        while self._actions:
            self.item_actions.run(self._actions.popleft())

    def on_scan_finished(self):
        if settings.get_bool(settings.SYNC_AFTER_SCAN):
            self.request_sync("scan")

    def on_logged_in(self):
        LOG.info("logged in: syncing")
        self.login_needed = False
        self._error_shown = None
        self._read_marks_setting()
        self.outbox.release_holds(time.time())
        set_logged_in(True)
        self.request_sync("login")

    def on_logged_out(self):
        LOG.info("logged out")
        self.login_needed = False
        self._marks_on = False
        self.outbox.clear()
        set_logged_in(False)

    def on_settings_changed(self):
        # Kodi calls this once per saved setting, while the script may still be writing the next one:
        # reading settings.xml now could catch it half-written. The worker re-reads once writes settle.
        self._settings_changed_at = time.monotonic()
        self._wake.set()

    def _reload_settings_when_settled(self):
        changed = self._settings_changed_at
        if changed is not None and time.monotonic() - changed >= SETTINGS_SETTLE_SECONDS:
            self._settings_changed_at = None
            current = settings.Settings()
            log.setup(current.debug_logging)
            self._read_marks_setting(current)

    def on_library_update(self, data):
        self.marks.on_update(data)

    def _marks_enabled(self):
        # Asked for every OnUpdate (thousands during a big sync): answered from memory, not from settings.xml.
        return self._marks_on

    def _read_marks_setting(self, current=None):
        self._marks_on = (current or settings.Settings()).marks_enabled

    def _simkl_reachable(self):
        return bool(settings.access_token()) and not self.login_needed

    def _resolve_file(self, path):
        return self._client(settings.Settings()).search_file(path)

    # The worker thread.
    def _work(self):
        self._load_anime()
        while not self._stopping.is_set():
            self._wake.wait(self._idle_seconds())
            self._wake.clear()
            if self._stopping.is_set():
                return
            try:
                self._reload_settings_when_settled()
                self._run_actions()
                self._check_kodi_ratings()
                self._flush_outbox()
                reason = self._take_request()
                if reason:
                    self._sync(reason)
            except Exception:  # noqa: BLE001 - the worker must outlive any bug in one cycle
                LOG.exception("sync cycle crashed")

    def _idle_seconds(self):
        if self._settings_changed_at is not None:
            return SETTINGS_SETTLE_SECONDS
        due = self.outbox.next_due()
        if due is None:
            return IDLE_WAKE_SECONDS
        return min(IDLE_WAKE_SECONDS, max(0.05, due - time.time()))

    def _flush_outbox(self):
        current = settings.Settings()
        if not len(self.outbox) or not current.logged_in or self.login_needed:
            return
        recorded = []
        result = flush(self.outbox, self._client(current), time.time, self._wait, on_recorded=recorded.append)
        if result.sent or result.dropped or result.retried:
            LOG.info("outbox: %d sent, %d to retry, %d dropped, %d waiting", result.sent, result.retried,
                     result.dropped, len(self.outbox))
        if recorded and current.get_bool(settings.NOTIFY_SCROBBLE) and not ui.is_playing():
            for label in recorded:
                ui.notify(ui.localize(32270, item=label))
        if result.held:
            self._login_lost(current)
        self._refresh_outbox_status()

    def _take_request(self):
        with self._lock:
            if not self._requests:
                return None
            # Requests that arrive during a sync are coalesced into the next one.
            reason = "login" if "login" in self._requests else self._requests[0]
            self._requests = []
            return reason

    def _client(self, current):
        """One client for the service's life (its pacing spans syncs, flushes and scrobbles), rebuilt only
        when the client id changes; the token is re-read each time (login and logout run in the script)."""
        client_id = current.client_id
        if self._simkl is None or self._simkl_id != client_id:
            self._simkl = SimklClient(client_id, current.version, wait=self._wait, budget=self.budget)
            self._simkl_id = client_id
        self._simkl.token = current.access_token
        return self._simkl

    def _wait(self, seconds):
        return self._stopping.wait(seconds)

    def _sync(self, reason):
        current = settings.Settings()
        token = current.access_token
        if not token or self.login_needed:
            LOG.debug("not syncing (%s): not logged in", reason)
            return
        if not self.household.may_pull(reason):
            LOG.debug("not pulling (%s): another box pulls the shared library", reason)
            self._write_household_status()
            return
        client = self._client(current)
        capped = self.budget.blocked_until > time.time()
        if reason in ("manual", "login"):
            client.allow_attempt()  # the user's own action tries once even inside a day-cap back-off
        ratings = RatingSync(client, self.library, self.ratings_store, self.outbox)
        engine = sync.SyncEngine(client, self.library, self.state_store, self.cache, ratings=ratings)
        started = sync.utc_now()
        result = sync.CycleResult(reason)
        error = None
        progress = _Progress() if current.get_bool(settings.PROGRESS_BAR) else None
        try:
            result = engine.run(
                reason, current.sync(),
                pending=dict(self.household.others_pending(), **self._pending_marks()),
                replan=reason in REPLAN_REASONS, should_stop=self._stopping.is_set,
                progress=progress.update if progress else None,
            )
        except errors.LoginRequired as failure:
            error = ui.error_text(failure)
            self._login_lost(current)
        except errors.DailyLimitReached as failure:
            error = ui.error_text(failure)
            if self.budget.first_notice():  # one notification per cap, also across restarts
                self._show_error(error, current)
        except errors.SimklError as failure:
            error = ui.error_text(failure)
            self._show_error(error, current)
        except RpcError as failure:
            error = str(failure)
            LOG.warning("Kodi library: %s", error)
        finally:
            if progress:
                progress.close()
        if error is None and capped:
            self.outbox.retry_now(time.time())  # the cap lifted: what waited for it goes out now
            self._wake.set()
        self._load_anime()  # before the first-sync pushes, which name anime by it
        if error is None:
            self._error_shown = None
            self._announce(result, current)
            if result.kodi_only:
                self._offer_first_push(result.kodi_only, current)
            if result.kodi_resume and current.get_bool(settings.PUSH_RESUME_ON_FIRST_SYNC):
                self._push_resume_points(result.kodi_resume)
        if settings.access_token() != token:
            # Logged out (or into another account) while this cycle ran: what it saved belongs to nobody now.
            LOG.info("account changed during the sync: its state is discarded")
            self.state_store.delete()
            self.ratings_store.delete()
            return
        self._write_status(result, started, error, current)
        if error is None and result.completed:
            self.household.publish_pulled(self.state_store.load())
        LOG.info("sync (%s): %s, %d requests, %d movies and %d episodes written", reason, error or "ok",
                 result.requests, result.written["movies"], result.written["episodes"])

    def _load_anime(self):
        try:
            self.anime = AnimeIndex.from_state(self.state_store.load())
        except Exception:  # noqa: BLE001 - without it anime scrobbles still go out, in Kodi's numbering
            LOG.exception("anime ids not read from the sync state")

    def _pending_marks(self):
        return dict(action_pending_marks(self.outbox.entries()), **self.outbox.pending_marks())

    def _offer_first_push(self, kodi_only, current):
        """Items watched only in Kodi may go to Simkl once, after login (setting: ask, always, never)."""
        choice = current.initial_push
        if choice == settings.INITIAL_PUSH_NEVER or current.get_bool(settings.INITIAL_PUSH_ASKED):
            return
        movies, episodes, shows = kodi_only
        batches = push_batches(movies, episodes, shows, lambda *ids: False)
        count = push_count(batches)
        if not count:
            return
        current.set_bool(settings.INITIAL_PUSH_ASKED, True)
        if not self.household.claim_first_push():
            LOG.info("first sync: the Kodi-only plays of the shared library were pushed by another box")
            return
        if choice == settings.INITIAL_PUSH_ASK and not ui.yesno(ui.localize(32106, count=count)):
            return
        for entry in push_entries(batches, time.time()):
            self.outbox.add(entry)
        LOG.info("first sync: %d items watched in Kodi queued for Simkl", count)
        self._wake.set()

    def _push_resume_points(self, kodi_resume):
        entries = resume_entries(*kodi_resume, now=time.time(), anime=self.anime)
        for entry in entries:
            self.outbox.add(entry)
        if entries:
            LOG.info("first sync: %d Kodi resume points queued for Simkl", len(entries))
            self._wake.set()

    def _login_lost(self, current):
        if self.login_needed:
            return
        self.outbox.hold_all()
        self.login_needed = True
        set_logged_in(False)
        LOG.warning("Simkl refused the token: syncing stops until the next login")
        if current.get_bool(settings.NOTIFY_ERRORS):
            ui.notify(ui.localize(32102), icon="warning")

    def _show_error(self, message, current):
        # Once per streak of failures, not every cycle.
        if self._error_shown != message and current.get_bool(settings.NOTIFY_ERRORS) and not ui.is_playing():
            ui.notify(message, icon="warning")
        self._error_shown = message

    def _announce(self, result, current):
        if result.total_written and current.get_bool(settings.NOTIFY_SYNC) and not ui.is_playing():
            ui.notify(ui.localize(32101, movies=result.written["movies"], episodes=result.written["episodes"]))

    def _write_status(self, result, started, error, current):
        previous = self.status_store.load() or {}
        state = self.state_store.load() or {}
        report = sync.status_report(
            result, started, sync.utc_now(), error, self._outbox_status(), state.get("account_name")
            or current.account_name, previous,
        )
        report["scrobble_skipped"] = self._scrobble_skipped()
        report["household"] = self.household.status()
        report["daily_limit"] = self.budget.status(time.time())
        self.status_store.save(report)

    def _write_household_status(self):
        status = self.status_store.load()
        status = status if isinstance(status, dict) else {}
        status["household"] = self.household.status()
        self.status_store.save(status)

    def _refresh_outbox_status(self):
        """The status file's picture of the outbox follows every flush, not only every sync."""
        status = self.status_store.load()
        if isinstance(status, dict):
            status["outbox"] = self._outbox_status()
            status["scrobble_skipped"] = self._scrobble_skipped()
            status["daily_limit"] = self.budget.status(time.time())
            self.status_store.save(status)

    def _scrobble_skipped(self):
        skip = self.player.last_skip
        return {"item": skip[0], "reason": skip[1]} if skip else None

    def _outbox_status(self):
        status = self.outbox.summary()
        status["dropped"] = [{"item": d.get("label"), "reason": d.get("reason"), "at": d.get("at")}
                             for d in self.outbox.dropped()]
        return status


class _Progress:
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


def run():
    Service().run()
