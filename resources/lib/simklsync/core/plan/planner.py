"""(mirror, Kodi snapshot, settings) → the library writes Kodi needs, and nothing more.

First every Simkl item claims the Kodi items it matches (a target: watched or not, since when, which
keys; core/plan/claims.py, and core/plan/playback.py for the resume points of playback sessions); then each
target is compared with Kodi's current values and a write is produced only where they differ
(core/plan/decide.py). The writes go in the order a user looks (core/plan/write_order.py)."""
import bisect
import datetime
from typing import Any, Dict, List, Optional, Set

from ..match import KodiIndex
from ..model import ANIME, MOVIE, MOVIES, SHOWS
from ..state.mirror import Mirror
from ..times import to_epoch
from .claims import TitleClaims
from .decide import Decisions
from .playback import PlaybackClaims
from .scope import EVERYTHING, Scope
from .targets import OnlyTargets, Targets
from .write_order import user_first
from .writes import NO_RESUME, Write

__all__ = ["NO_RESUME", "Plan", "PlanSettings", "Write", "plan_sync", "playback_ids"]

RETENTION_DAYS = {"free": 7, "pro": 30, "vip": 90}


class PlanSettings:
    def __init__(self, movies=True, shows=True, anime=True, watched=True, resume=True, unwatch_removed=True,
                 title_year_fallback=False, account_type="free"):
        self.movies = movies
        self.shows = shows
        self.anime = anime
        self.watched = watched
        self.resume = resume
        self.unwatch_removed = unwatch_removed
        self.title_year_fallback = title_year_fallback
        self.account_type = account_type

    @property
    def retention_seconds(self) -> int:
        days = RETENTION_DAYS.get(str(self.account_type or "").lower(), RETENTION_DAYS["free"])
        return days * 86400


class KeysByKodi:
    """(media, kodi_id) → the Simkl key that claimed it, read like a dict. Kept per media as two lists in Kodi id
    order (the planner decides by id, so each is an append): 16 bytes an item where a dict of 50,000 episodes
    takes ~50."""

    __slots__ = ("_ids", "_keys")

    def __init__(self):
        self._ids: Dict[str, List[int]] = {}
        self._keys: Dict[str, List[str]] = {}

    def __setitem__(self, ref: tuple, key: str) -> None:
        media, kodi_id = ref
        ids, keys = self._ids.setdefault(media, []), self._keys.setdefault(media, [])
        if not ids or ids[-1] < kodi_id:
            ids.append(kodi_id)
            keys.append(key)
            return
        position = bisect.bisect_left(ids, kodi_id)
        if ids[position] == kodi_id:
            keys[position] = key
        else:
            ids.insert(position, kodi_id)
            keys.insert(position, key)

    def __getitem__(self, ref: tuple) -> str:
        position = self._position(ref)
        if position is None:
            raise KeyError(ref)
        return self._keys[ref[0]][position]

    def get(self, ref: tuple, default: Optional[str] = None) -> Optional[str]:
        position = self._position(ref)
        return default if position is None else self._keys[ref[0]][position]

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, tuple) and len(ref) == 2 and self._position(ref) is not None

    def __len__(self) -> int:
        return sum(len(ids) for ids in self._ids.values())

    def items(self):
        return (((media, kodi_id), key) for media, ids in self._ids.items()
                for kodi_id, key in zip(ids, self._keys[media]))

    def _position(self, ref: tuple) -> Optional[int]:
        media, kodi_id = ref
        ids = self._ids.get(media)
        if not ids:
            return None
        try:
            position = bisect.bisect_left(ids, kodi_id)
        except TypeError:  # an id of another type than Kodi's ints: not among them
            return None
        return position if position < len(ids) and ids[position] == kodi_id else None


class Plan:
    def __init__(self):
        self.writes: List[Write] = []
        self.unmatched: List[Dict[str, Any]] = []
        self.marked_keys: List[str] = []
        self.unmarked_keys: List[str] = []
        self.agreed_keys: List[str] = []  # watched on both sides already, no write needed
        self.keys_by_kodi = KeysByKodi()  # (media, kodi_id) → the Simkl key that claimed it
        self.counts: Dict[str, int] = {
            "movies_matched": 0, "shows_matched": 0, "episodes_matched": 0, "unmatched": 0, "writes": 0,
            "marked": 0, "unmarked": 0, "lastplayed": 0, "resume": 0, "pending_skipped": 0,
            "playback_expired": 0, "playback_unmatched": 0,
        }


def plan_sync(mirror: Mirror, index: KodiIndex, settings: PlanSettings, synced: Set[str],
              pending: Dict[str, bool], now: datetime.datetime, tz: Optional[datetime.tzinfo] = None,
              scope: Scope = EVERYTHING) -> Plan:
    """The writes that bring Kodi to Simkl's state. `synced`: the keys in sync, watched on both sides or marked
    by this add-on: the two-way promise is that only those are unwatched in Kodi when their view is removed on
    Simkl, and never while another Simkl entry still claims the item watched; `pending`: Kodi-side changes
    still queued for Simkl (model keys or model.kodi_key), which the plan never overrides. `scope`: plan only
    these Simkl ids (a delta cycle: what Simkl just reported changed, removed or paused);
    Scope.everything() plans the whole mirror."""
    plan = Plan()
    targets = Targets()
    _claim(mirror, TitleClaims(index, settings, targets, plan), settings, scope)
    if not scope.is_everything:
        _claim_elsewhere(mirror, index, settings, targets)
    if settings.resume:
        PlaybackClaims(mirror, index, settings, targets, plan, scope).claim(to_epoch(now))
    decisions = Decisions(index, settings, synced or set(), pending or {}, tz, plan)
    for media, kodi_id, target in targets.drain():
        decisions.decide(media, kodi_id, target)
    plan.writes = user_first(plan.writes, mirror)
    plan.counts["writes"] = len(plan.writes)
    plan.counts["unmatched"] = len(plan.unmatched)
    return plan


def _claim(mirror: Mirror, claims: TitleClaims, settings: PlanSettings, scope: Scope) -> None:
    """The mirror's titles in scope (and those Simkl removed, which are not reported unmatched) claim theirs."""
    if settings.movies:
        claims.movies(_entries(mirror, MOVIES, scope), MOVIES, report=True)
        claims.movies(_in_scope(mirror.removed_entries(MOVIES), scope), MOVIES, report=False)
    if settings.anime:
        claims.anime(_entries(mirror, ANIME, scope), report=True)
        claims.anime(_in_scope(mirror.removed_entries(ANIME), scope), report=False)
    if settings.shows:
        claims.shows(_entries(mirror, SHOWS, scope), SHOWS, report=True)
        claims.shows(_in_scope(mirror.removed_entries(SHOWS), scope), SHOWS, report=False)


def _claim_elsewhere(mirror: Mirror, index: KodiIndex, settings: PlanSettings, targets: Targets) -> None:
    """A delta plans only the titles Simkl changed, yet another entry of the mirror (a duplicate, a merged title)
    may still claim watched a Kodi item they leave unwatched: its claims join, as in a whole plan, so the item
    is never unwatched while Simkl still has it watched."""
    wanted = {ref for ref in targets.unwatched() if _kodi_watched(index, *ref)}
    if wanted:
        _claim(mirror, TitleClaims(index, settings, OnlyTargets(targets, wanted), Plan()), settings, EVERYTHING)


def _kodi_watched(index: KodiIndex, media: str, kodi_id: int) -> bool:
    item = (index.movies if media == MOVIE else index.episodes).get(kodi_id) or {}
    playcount = item.get("playcount")
    return isinstance(playcount, int) and not isinstance(playcount, bool) and playcount > 0


def _in_scope(items, scope: Scope):
    if scope.is_everything:
        return items
    return (item for item in items if item.simkl in scope)


def _entries(mirror: Mirror, type_: str, scope: Scope):
    if scope.is_everything:
        return mirror.entries(type_)
    found = (mirror.get(type_, simkl) for simkl in sorted(scope))
    return [item for item in found if item is not None]


def playback_ids(mirror: Mirror) -> Set[int]:
    """The Simkl ids of the titles with a playback session (a delta cycle's scope when playback moved)."""
    return {session["simkl"] for session in mirror.playback if session.get("simkl") is not None}
