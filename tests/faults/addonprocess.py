"""One run of the add-on inside (fake) Kodi, at engine level: the service's parts wired like Service does
it, but driven step by step by a session and on the session's virtual clock (no real 1 s write spacing).

Errors are handled exactly where Service handles them; anything else escapes to the session, which counts
it as an unhandled exception.
"""
import os

import fakekodi
import xbmc
from faultmenu import CLIENT_TIMEOUT
from simklsync import sync
from simklsync.constants import OUTBOX_FILE, STATE_FILE
from simklsync.core.anime_ids import AnimeIndex
from simklsync.core.echo import EchoFilter
from simklsync.core.outbox import Outbox
from simklsync.core.store import JsonStore
from simklsync.kodi import settings
from simklsync.kodi.library import KodiLibrary
from simklsync.kodi.marks import MarkListener
from simklsync.kodi.player import ScrobblePlayer
from simklsync.kodi.rpc import RpcError
from simklsync.service import REPLAN_REASONS
from simklsync.simkl import errors
from simklsync.simkl.client import SimklClient
from simklsync.simkl.outbox_sender import flush

from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID


class LibraryRouter(xbmc.Monitor):
    """The one Monitor of a session: hands library notifications to the add-on run that is alive now."""

    def __init__(self):
        super().__init__()
        self.process = None

    def onNotification(self, sender, method, data):  # noqa: N802 - Kodi's name
        if method == "VideoLibrary.OnUpdate" and self.process is not None:
            self.process.marks.on_update(data)


class AddonProcess:
    def __init__(self, profile, emu_url, clock, rng, cache):
        self.clock = clock
        self.rng = rng
        self.emu_url = emu_url
        self.cache = cache
        self.echo = EchoFilter()
        self.library = KodiLibrary(self.echo, batch_size=5)
        self.state_store = JsonStore(os.path.join(profile, STATE_FILE), schema=sync.STATE_SCHEMA)
        self.outbox = Outbox(JsonStore(os.path.join(profile, OUTBOX_FILE), schema=1), rng.random)
        self.queued_marks = []  # (kodi key, action) of every Kodi-side mark the listener queued
        self._record_marks()
        self.anime = AnimeIndex.from_state(self.state_store.load())
        self.marks = MarkListener(self.outbox, self.echo, lambda: None, clock=clock.time,
                                  enabled=lambda: bool(settings.access_token()), anime_index=lambda: self.anime)
        self.player = ScrobblePlayer(self.outbox, self.echo, settings.Settings, lambda: None, clock=clock.time,
                                     poll_seconds=0.05, anime_index=lambda: self.anime)
        self.login_needed = False
        self.login_warnings = 0
        self.errors_seen = []  # texts of the typed errors handled, for the token check

    def _record_marks(self):
        add = self.outbox.add

        def recording_add(entry):
            if entry.get("kodi"):
                self.queued_marks.append((entry["kodi"], entry["action"]))
            return add(entry)

        self.outbox.add = recording_add

    def client(self):
        return SimklClient(TEST_CLIENT_ID, "0.1.0", token=settings.access_token(), base_url=self.emu_url,
                           wait=self.clock.wait, clock=self.clock.time, rng=self.rng.random,
                           timeout=CLIENT_TIMEOUT)

    def sync(self, reason, should_stop=None):
        """One cycle as Service._sync runs it; returns the CycleResult, or None when not synced / failed."""
        if not settings.access_token() or self.login_needed:
            return None
        engine = sync.SyncEngine(self.client(), self.library, self.state_store, self.cache)
        try:
            return engine.run(reason, settings.SyncSettings(), pending=self.outbox.pending_marks(),
                              replan=reason in REPLAN_REASONS, should_stop=should_stop)
        except errors.LoginRequired as failure:
            self.errors_seen.append(str(failure))
            self.login_lost()
        except (errors.SimklError, RpcError) as failure:
            self.errors_seen.append(str(failure))
        finally:
            self.anime = AnimeIndex.from_state(self.state_store.load())
        return None

    def flush(self):
        if not len(self.outbox) or not settings.access_token() or self.login_needed:
            return None
        result = flush(self.outbox, self.client(), self.clock.time, self.clock.wait, self.rng.random)
        if result.held:
            self.login_lost()
        return result

    def login_lost(self):
        if self.login_needed:
            return
        self.outbox.hold_all()
        self.login_needed = True
        self.login_warnings += 1

    def logged_in(self):
        self.login_needed = False
        self.outbox.release_holds(self.clock.time())

    def close(self):
        """Kodi stops this run: the player follows nothing any more and gets no further callbacks."""
        self.player.close()
        fakekodi.KODI.players.discard(self.player)
