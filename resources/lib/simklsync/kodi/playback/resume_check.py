"""At the start of a library movie or episode: offer to jump to where another device paused it on Simkl.

Runs in a thread of its own, so neither playback nor Kodi's callbacks wait for it. Simkl is asked only whether
its playback list moved (one activities request), and for the list only when it did; otherwise the mirror's
saved sessions answer. Simkl gets CHECK_SECONDS; after that the saved sessions are used and the video plays on.
"""
import logging
import threading
import time

from ...core.playing.resume_offer import (
    ALWAYS,
    CHECK_SECONDS,
    NEVER,
    KodiPoint,
    decide,
    matching_session,
    mode,
    playback_moved,
)
from ...core.state.mirror import parse_sessions
from ...core.state.sync_state import SyncState
from ...core.times import kodi_to_utc, to_epoch
from .. import rpc
from ..gui import resume_dialog
from ..settings import RESUME_OFFER

LOG = logging.getLogger("simklsync.resume")

_DETAILS = {"movie": ("VideoLibrary.GetMovieDetails", "movieid", "moviedetails"),
            "episode": ("VideoLibrary.GetEpisodeDetails", "episodeid", "episodedetails")}


def _wait(event, seconds):
    return event.wait(seconds)


def kodi_point(item):
    """Kodi's resume point and last play of the library item (KodiPoint)."""
    method, id_name, key = _DETAILS[item.media]
    details = rpc.call(method, {id_name: item.kodi_id, "properties": ["resume", "lastplayed"]}).get(key) or {}
    resume = details.get("resume") if isinstance(details.get("resume"), dict) else {}
    lastplayed = kodi_to_utc(details.get("lastplayed"))
    return KodiPoint(float(resume.get("position") or 0), to_epoch(lastplayed) if lastplayed else None)


class ResumeCheck:
    """ResumeCheck(settings, load_state, fetch_activities, fetch_playback, online): settings has get_int
    (the kodi.settings module or a Settings snapshot); load_state() -> the sync state (core.sync_state.
    SyncState: activities, playback, account_type; its head is enough); fetch_*() ask Simkl; online() says
    whether asking Simkl makes sense (logged in, token accepted); correction() -> seconds that put a device
    time (Kodi's lastplayed, now) on Simkl's clock (core.clock.SimklClock.correction)."""

    def __init__(self, settings, load_state, fetch_activities, fetch_playback, online, clock=time.time,
                 wait=_wait, ask=resume_dialog.ask, announce=resume_dialog.announce_jump, details=kodi_point,
                 correction=None):
        self._settings = settings
        self._load_state = load_state
        self._fetch_activities = fetch_activities
        self._fetch_playback = fetch_playback
        self._online = online
        self._clock = clock
        self._wait = wait
        self._ask = ask
        self._announce = announce
        self._details = details
        self._correction = correction or (lambda: 0.0)
        self.last_thread = None  # the last check's thread (tests join it)

    def start(self, player, item):
        """Called when a library movie or episode started playing (item: core.scrobble.PlayingItem). Returns
        how long the playback's scrobble start should wait: Simkl's start clears the paused playback this
        check may still have to read (0 when it asks Simkl nothing)."""
        choice = mode(self._settings.get_int(RESUME_OFFER))
        if choice == NEVER or item.media not in _DETAILS or not item.kodi_id or item.kodi_id <= 0 or not item.ids:
            return 0.0
        started = self._clock()
        thread = threading.Thread(target=self._guarded, args=(player, item, choice, started),
                                  name="simkl-resume-check")
        thread.daemon = True
        thread.start()
        self.last_thread = thread
        return CHECK_SECONDS if self._online() else 0.0

    def _guarded(self, player, item, choice, started):
        try:
            self._check(player, item, choice, started)
        except Exception:  # noqa: BLE001 - an offer is a nicety: the playback must not notice its failure
            LOG.exception("resume check failed")

    def _check(self, player, item, choice, started):
        state = self._load_state()
        state = state if state is not None else SyncState()
        sessions = self._fresh_sessions(state)
        if sessions is None:
            sessions = state.playback
        session = matching_session(sessions, item.media, item.ids, item.season, item.episode)
        if session is None:
            return
        offer = decide(session, self._details(item), item.duration, _position(player), started, self._clock(),
                       state.account_type or "free", self._correction())
        if offer is None or not _still_playing(player, item):
            return
        LOG.info("Simkl has %s paused at %.0f s (Kodi: %.0f s)", item.title, offer.position, offer.kodi_position)
        if choice == ALWAYS:
            self._announce(offer)
        elif not self._ask(offer):
            return
        if _still_playing(player, item):
            player.seekTime(float(offer.position))

    def _fresh_sessions(self, state):
        """Simkl's sessions when its playback list moved since the last sync; None: the saved ones hold
        (nothing moved, offline, or no answer within CHECK_SECONDS)."""
        if not self._online():
            return None
        answer = {}
        done = threading.Event()

        def ask_simkl():
            try:
                if playback_moved(state.activities, self._fetch_activities()):
                    answer["sessions"] = parse_sessions(self._fetch_playback(), lambda simkl: False)
            except Exception as failure:  # noqa: BLE001 - any failure: the saved sessions answer
                LOG.info("resume check: Simkl did not answer (%s)", type(failure).__name__)
            finally:
                done.set()

        asker = threading.Thread(target=ask_simkl, name="simkl-resume-ask")
        asker.daemon = True
        asker.start()
        if not self._wait(done, CHECK_SECONDS):
            LOG.info("resume check: no answer from Simkl within %.0f s; the saved playback list is used",
                     CHECK_SECONDS)
            return None
        return answer.get("sessions")


def _position(player):
    try:
        return player.getTime()
    except Exception:  # noqa: BLE001 - Kodi raises when the playback already ended
        return None


def _still_playing(player, item):
    try:
        return player.isPlayingVideo() and player.getPlayingFile() == item.path
    except Exception:  # noqa: BLE001 - as above
        return False
