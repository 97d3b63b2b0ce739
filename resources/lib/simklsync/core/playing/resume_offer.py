"""Resume across devices, pure: when a library video starts, whether Simkl holds a newer paused position
for it than Kodi's own resume point (another device paused it since), and so whether to offer a jump there.

The saved playback sessions of the mirror are believed unless Simkl's `activities.playback` moved since
the last sync; only then is the list asked again. The network gets a few seconds; the video plays on
meanwhile, and an answer that comes too late offers nothing."""
from collections import namedtuple
from typing import Any, Dict, Iterable, Optional

from ..activities import plan_fetches
from ..model import normalize_ids

ASK, ALWAYS, NEVER = 0, 1, 2  # the resume_offer setting
CHECK_SECONDS = 4.0  # how long the start check waits for Simkl before it falls back on the mirror
OFFER_WITHIN_SECONDS = 20.0  # after this long into the playback a jump would surprise more than help
MIN_POSITION = 30.0  # seconds: a position closer to the start is not worth a question
MIN_GAP = 30.0  # seconds between Simkl's position and Kodi's (or where the player already is)
SHORT_SHARE = 0.1  # for videos under 5 minutes both shrink to this share of the length
END_MARGIN = 0.95  # a position past 95 % of the video is the credits: nothing to resume
RETENTION_DAYS = {"free": 7, "pro": 30, "vip": 90}  # Simkl prunes playbacks older than these

# kodi_position: Kodi's resume point (0: none); lastplayed: epoch of Kodi's last play (None: never).
KodiPoint = namedtuple("KodiPoint", "position lastplayed")
# position: where Simkl's pause is, in seconds of this video; progress: its percent; paused_at: epoch.
Offer = namedtuple("Offer", "position kodi_position progress paused_at")


def mode(value: Any) -> int:
    """The resume_offer setting; a damaged value asks (the safe middle)."""
    return value if value in (ASK, ALWAYS, NEVER) else ASK


def playback_moved(saved_activities: Any, fresh_activities: Any) -> bool:
    """Simkl's playback list changed since the activities the last sync saved (or there are none)."""
    return plan_fetches(saved_activities if isinstance(saved_activities, dict) else None,
                        fresh_activities).playback


def matching_session(sessions: Iterable[Any], media: str, ids: Dict[str, Any], season: Optional[int] = None,
                     episode: Optional[int] = None) -> Optional[Dict[str, Any]]:
    """The newest session (mirror.parse_sessions records) for this movie, or this episode of the show with
    these ids. Kodi numbers anime by TVDB seasons: an anime session's TVDB numbers are used when it has them."""
    wanted = normalize_ids(ids)
    best = None
    for session in sessions or ():
        if not isinstance(session, dict) or not _same_title(wanted, normalize_ids(session.get("ids"))):
            continue
        if media == "movie" and session.get("kind") != "movie":
            continue
        if media == "episode" and (session.get("kind") == "movie" or _numbers(session) != (season, episode)):
            continue
        if best is None or (session.get("paused_at") or 0) > (best.get("paused_at") or 0):
            best = session
    return best


def decide(session: Optional[Dict[str, Any]], kodi: KodiPoint, total: float, current: Optional[float],
           started: float, now: float, account_type: str = "free", correction: float = 0.0) -> Optional[Offer]:
    """The jump to offer, or None. total: the video's length in seconds; current: where the player is now;
    started/now: when the playback started and the device clock now (epoch seconds); correction: what puts a
    device time on Simkl's clock (core.clock.SimklClock.correction), for Kodi's lastplayed and now against
    Simkl's paused_at."""
    if session is None or not total or total <= 0:
        return None
    if now - started > OFFER_WITHIN_SECONDS:
        return None
    paused_at, progress = session.get("paused_at"), session.get("progress")
    if not isinstance(paused_at, (int, float)) or not isinstance(progress, (int, float)):
        return None
    simkl_now = now + correction
    if paused_at < simkl_now - RETENTION_DAYS.get(str(account_type).lower(), RETENTION_DAYS["free"]) * 86400:
        return None  # Simkl has pruned it by now; the mirror just has not heard yet
    if kodi.lastplayed is not None and paused_at <= kodi.lastplayed + correction:
        return None  # Kodi played it since that pause: its own resume point is the newer one
    position = round(total * progress / 100.0)
    if position < min(MIN_POSITION, total * SHORT_SHARE) or position > total * END_MARGIN:
        return None
    for other in (kodi.position or 0, current or 0):
        if abs(position - other) < min(MIN_GAP, total * SHORT_SHARE):
            return None  # Kodi would resume there anyway, or the player is already there
    return Offer(position, kodi.position or 0, progress, paused_at)


def _same_title(kodi_ids: Dict[str, Any], session_ids: Dict[str, Any]) -> bool:
    return any(session_ids.get(name) == value for name, value in kodi_ids.items())


def _numbers(session: Dict[str, Any]):
    if session.get("tvdb_season") is not None and session.get("tvdb_episode") is not None:
        return session["tvdb_season"], session["tvdb_episode"]
    season = session.get("season")
    return (season if season is not None else 1), session.get("episode")
