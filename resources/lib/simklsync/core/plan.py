"""(mirror, Kodi snapshot, settings) → the library writes Kodi needs, and nothing more.

First every Simkl item claims the Kodi items it matches (a target: watched or not, since when, which
keys); then each target is compared with Kodi's current values and a write is produced only where
they differ. Playback sessions add resume targets the same way."""
import datetime
from typing import Any, Dict, List, Optional, Set

from .match import KodiIndex
from .mirror import UNKNOWN_DATE, Item, Mirror
from .model import (
    ANIME,
    EPISODE,
    MOVIE,
    MOVIES,
    SHOWS,
    episode_code,
    episode_key,
    kodi_key,
    movie_key,
    split_code,
)
from .scope import EVERYTHING, Scope
from .times import from_epoch, kodi_to_utc, to_epoch, utc_to_kodi
from .write_order import user_first
from .writes import NO_RESUME, Write

RETENTION_DAYS = {"free": 7, "pro": 30, "vip": 90}
LASTPLAYED_SLACK = 60  # seconds Simkl's watched_at must be ahead of Kodi's lastplayed to rewrite it
RESUME_SLACK = 5  # seconds a resume point may differ before it is rewritten
NO_RUNTIME = "no_runtime"
EPISODES_MISSING = "episodes_not_in_library"

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
    """(media, kodi_id) → the Simkl key that claimed it, read like a dict; kept per media by the bare Kodi id,
    so a first sync of 50,000 episodes holds no (media, id) tuple per item."""

    __slots__ = ("_by_media",)

    def __init__(self):
        self._by_media: Dict[str, Dict[int, str]] = {}

    def __setitem__(self, ref: tuple, key: str) -> None:
        media, kodi_id = ref
        self._by_media.setdefault(media, {})[kodi_id] = key

    def __getitem__(self, ref: tuple) -> str:
        media, kodi_id = ref
        return self._by_media.get(media, {})[kodi_id]

    def get(self, ref: tuple, default: Optional[str] = None) -> Optional[str]:
        media, kodi_id = ref
        return self._by_media.get(media, {}).get(kodi_id, default)

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, tuple) and len(ref) == 2 and ref[1] in self._by_media.get(ref[0], {})

    def __len__(self) -> int:
        return sum(len(keys) for keys in self._by_media.values())

    def items(self):
        return (((media, kodi_id), key) for media, keys in self._by_media.items() for kodi_id, key in keys.items())


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


class _Target:
    __slots__ = ("keys", "watched", "watched_key", "when", "resume")

    def __init__(self):
        self.keys: List[str] = []
        self.watched = False
        self.watched_key: Optional[str] = None
        self.when: Optional[int] = None  # epoch of the newest watch; UNKNOWN_DATE when Simkl has no date
        self.resume: Optional[Dict[str, Any]] = None  # the newest playback session for the item

    def claim(self, key: str, watched: bool, when: Optional[int]) -> None:
        if key not in self.keys:
            self.keys.append(key)
        if watched:
            self.watched = True
            self.watched_key = self.watched_key or key
            self.when = max(self.when or UNKNOWN_DATE, when or UNKNOWN_DATE)


def plan_sync(mirror: Mirror, index: KodiIndex, settings: PlanSettings, synced: Set[str],
              pending: Dict[str, bool], now: datetime.datetime, tz: Optional[datetime.tzinfo] = None,
              scope: Scope = EVERYTHING) -> Plan:
    """The writes that bring Kodi to Simkl's state. `synced`: keys this add-on marked or pushed (only those
    may be unmarked); `pending`: Kodi-side changes still queued for Simkl (model keys or model.kodi_key),
    which the plan never overrides. `scope`: plan only these Simkl ids (a delta cycle: what Simkl just
    reported changed, removed or paused); Scope.everything() plans the whole mirror."""
    planner = _Planner(mirror, index, settings, synced or set(), pending or {}, now, tz, scope)
    return planner.run()


def playback_ids(mirror: Mirror) -> Set[int]:
    """The Simkl ids of the titles with a playback session (a delta cycle's scope when playback moved)."""
    return {session["simkl"] for session in mirror.playback if session.get("simkl") is not None}


class _Planner:
    def __init__(self, mirror, index, settings, synced, pending, now, tz, scope):
        self.mirror = mirror
        self.index = index
        self.settings = settings
        self.synced = synced
        self.pending = pending
        self.now_epoch = to_epoch(now)
        self.tz = tz
        self.scope = scope
        self.targets: Dict[str, Dict[int, _Target]] = {MOVIE: {}, EPISODE: {}}  # media → Kodi id → target
        self.plan = Plan()

    def _items(self, items):
        if self.scope.is_everything:
            return items
        return (item for item in items if item.simkl in self.scope)

    def _entries(self, type_):
        if self.scope.is_everything:
            return self.mirror.entries(type_)
        found = (self.mirror.get(type_, simkl) for simkl in sorted(self.scope))
        return [item for item in found if item is not None]

    def run(self) -> Plan:
        mirror = self.mirror
        if self.settings.movies:
            self._claim_movies(self._entries(MOVIES), MOVIES, report=True)
            self._claim_movies(self._items(mirror.removed_entries(MOVIES)), MOVIES, report=False)
        if self.settings.anime:
            self._claim_anime(self._entries(ANIME), report=True)
            self._claim_anime(self._items(mirror.removed_entries(ANIME)), report=False)
        if self.settings.shows:
            self._claim_shows(self._entries(SHOWS), SHOWS, report=True)
            self._claim_shows(self._items(mirror.removed_entries(SHOWS)), SHOWS, report=False)
        if self.settings.resume:
            self._claim_playback()
        # Each target is dropped once decided: the writes grow while the targets shrink (a first sync of
        # 50,000 episodes would otherwise hold both whole at once).
        for media in (MOVIE, EPISODE):
            targets = self.targets[media]
            ids = sorted(targets)
            undecided = [targets[kodi_id] for kodi_id in ids]
            targets.clear()  # a dict emptied by pop() keeps its table; the list is a fraction of it
            for position, kodi_id in enumerate(ids):
                target, undecided[position] = undecided[position], None
                self._decide((media, kodi_id), target)
        self.plan.writes = user_first(self.plan.writes, self.mirror)
        self.plan.counts["writes"] = len(self.plan.writes)
        self.plan.counts["unmatched"] = len(self.plan.unmatched)
        return self.plan

    # ---- claims: which Kodi item each Simkl item stands for ------------------------------------

    def _target(self, media: str, kodi_id: int) -> _Target:
        targets = self.targets[media]
        target = targets.get(kodi_id)
        if target is None:
            target = targets[kodi_id] = _Target()
        return target

    def _claim_movies(self, items, type_: str, report: bool) -> None:
        for item in items:
            self._claim_movie(item, type_, report)

    def _claim_movie(self, item: Item, type_: str, report: bool) -> bool:
        found = self.index.match_movie(item.ids, item.title, item.year, self.settings.title_year_fallback)
        if not found:
            if report and item.movie_watched:
                self._unmatched(type_, item, found.reason)
            return False
        when = item.watched_at
        if item.episodes:
            when = max(when or UNKNOWN_DATE, max(item.episodes.values()))
        for kodi_id in found.copies:
            self._target(MOVIE, kodi_id).claim(movie_key(item.simkl), item.movie_watched, when)
        self.plan.counts["movies_matched"] += 1
        return True

    def _claim_anime(self, items, report: bool) -> None:
        shows = []
        for item in items:
            # Simkl files anime films under anime; Kodi keeps them as movies.
            if item.anime_type == MOVIE and self.settings.movies and self._claim_movie(item, ANIME, False):
                continue
            shows.append(item)
        self._claim_shows(shows, ANIME, report)

    def _claim_shows(self, items, type_: str, report: bool) -> None:
        for item in items:
            found = self.index.match_show(item.ids, item.title, item.year)
            if not found:
                if report and item.episodes:
                    self._unmatched(type_, item, found.reason)
                continue
            self.plan.counts["shows_matched"] += 1
            missing = self._claim_episodes(item, found.kodi_id)
            if report and missing:
                self._unmatched(type_, item, EPISODES_MISSING, episodes=missing)

    def _claim_episodes(self, item: Item, show_id: int) -> int:
        """Claims the Kodi episodes of a matched show; returns how many watched episodes Kodi lacks."""
        kodi_episodes = self.index.show_episodes(show_id)
        simkl_code_of = _simkl_codes(item, kodi_episodes)
        for kodi_code, episode_ids in kodi_episodes.items():
            simkl_code = simkl_code_of(kodi_code)
            if simkl_code is None:
                continue
            key = episode_key(item.simkl, *split_code(simkl_code))
            when = item.episodes.get(simkl_code)
            for episode_id in episode_ids:  # more than one: versions of the same episode
                self._target(EPISODE, episode_id).claim(key, when is not None, when)
            self.plan.counts["episodes_matched"] += 1
        return sum(1 for code in item.episodes if _kodi_code(item, code) not in kodi_episodes)

    def _claim_playback(self) -> None:
        oldest = self.now_epoch - self.settings.retention_seconds
        for session in self.mirror.playback:
            if session.get("simkl") not in self.scope:
                continue
            if not self._playback_wanted(session):
                continue
            if session.get("paused_at", 0) < oldest:
                self.plan.counts["playback_expired"] += 1
                continue
            ref, key = self._playback_ref(session)
            if ref is None:
                self.plan.counts["playback_unmatched"] += 1
                continue
            target = self._target(*ref)
            if key not in target.keys:
                target.keys.append(key)
            if target.resume is None or target.resume["paused_at"] < session["paused_at"]:
                target.resume = session

    def _playback_wanted(self, session: Dict[str, Any]) -> bool:
        if session.get("kind") == MOVIE:
            return self.settings.movies
        return self.settings.anime if session.get("anime") else self.settings.shows

    def _playback_ref(self, session: Dict[str, Any]):
        ids, title, year = session.get("ids") or {}, session.get("title"), session.get("year")
        simkl = session.get("simkl")
        if session.get("kind") == MOVIE:
            found = self.index.match_movie(ids, title, year, self.settings.title_year_fallback)
            return ((MOVIE, found.kodi_id), movie_key(simkl)) if found else (None, None)
        found = self.index.match_show(ids, title, year)
        if not found:
            return None, None
        simkl_code, kodi_code = self._session_codes(session)
        episode_ids = self.index.episode_ids(found.kodi_id, kodi_code) if kodi_code else []
        if len(episode_ids) != 1:
            return None, None
        return (EPISODE, episode_ids[0]), episode_key(simkl, *split_code(simkl_code or kodi_code))

    def _session_codes(self, session: Dict[str, Any]):
        season, number = session.get("season"), session.get("episode")
        simkl_code = episode_code(season if season is not None else 1, number) if number is not None else None
        if not session.get("anime"):
            return simkl_code, simkl_code if season is not None else None
        tvdb_season, tvdb_number = session.get("tvdb_season"), session.get("tvdb_episode")
        if tvdb_season is not None and tvdb_number is not None:
            return simkl_code, episode_code(tvdb_season, tvdb_number)
        item = self.mirror.get(ANIME, session.get("simkl"))
        if item is not None and simkl_code is not None:
            return simkl_code, _kodi_code(item, simkl_code)
        return simkl_code, simkl_code

    def _unmatched(self, type_: str, item: Item, reason: str, **extra) -> None:
        row = {"type": type_, "title": item.title, "year": item.year, "simkl": item.simkl, "reason": reason}
        row.update(extra)
        self.plan.unmatched.append(row)

    # ---- decisions: target vs Kodi's current values --------------------------------------------

    def _decide(self, ref: tuple, target: _Target) -> None:
        media, kodi_id = ref
        kodi = (self.index.movies if media == MOVIE else self.index.episodes).get(kodi_id)
        if kodi is None:
            return
        self.plan.keys_by_kodi[ref] = target.keys[0]
        if kodi_key(media, kodi_id) in self.pending or any(key in self.pending for key in target.keys):
            self.plan.counts["pending_skipped"] += 1
            return
        write = Write(media, kodi_id, target.watched_key or target.keys[0])
        if self.settings.watched:
            self._decide_watched(target, kodi, write)
        if target.resume is not None and not target.watched:
            self._decide_resume(media, kodi_id, target, kodi, write)
        if not write.is_empty():
            self.plan.writes.append(write)

    def _decide_watched(self, target: _Target, kodi: Dict[str, Any], write: Write) -> None:
        kodi_watched = _playcount(kodi) > 0
        if target.watched and not kodi_watched:
            write.playcount = 1
            if target.when:
                write.lastplayed = utc_to_kodi(from_epoch(target.when), self.tz)
            write.resume = NO_RESUME  # as Kodi's own "mark as watched" does
            self._record_keys(target, self.plan.marked_keys, "marked")
        elif target.watched:
            self.plan.agreed_keys.extend(target.keys)
            if target.when and self._simkl_newer(target.when, kodi.get("lastplayed")):
                write.lastplayed = utc_to_kodi(from_epoch(target.when), self.tz)
                self.plan.counts["lastplayed"] += 1
        elif kodi_watched and self.settings.unwatch_removed:
            synced_keys = [key for key in target.keys if key in self.synced]
            if synced_keys:
                write.playcount = 0
                self.plan.unmarked_keys.extend(synced_keys)
                self.plan.counts["unmarked"] += 1

    def _record_keys(self, target: _Target, keys: List[str], counter: str) -> None:
        keys.extend(target.keys)
        self.plan.counts[counter] += 1

    def _simkl_newer(self, when: int, lastplayed: Any) -> bool:
        if utc_to_kodi(from_epoch(when), self.tz) == lastplayed:
            return False  # same wall-clock text: also settles the repeated hour of a DST change
        kodi_time = kodi_to_utc(lastplayed, self.tz)
        return kodi_time is None or when - to_epoch(kodi_time) > LASTPLAYED_SLACK

    def _decide_resume(self, media, kodi_id, target: _Target, kodi: Dict[str, Any], write: Write) -> None:
        if (_playcount(kodi) if write.playcount is None else write.playcount) > 0:
            return
        session = target.resume
        runtime = _seconds(kodi.get("runtime"))
        if not runtime:
            title = kodi.get("title") or kodi.get("showtitle", "")
            self.plan.unmatched.append({
                "type": media, "title": title, "year": kodi.get("year"), "simkl": session.get("simkl"),
                "reason": NO_RUNTIME, "kodi_id": kodi_id,
            })
            return
        kodi_time = kodi_to_utc(kodi.get("lastplayed"), self.tz)
        if kodi_time is not None and to_epoch(kodi_time) > session["paused_at"]:
            return  # played in Kodi after the pause: Kodi's own position is the newer one
        position = int(round(runtime * session["progress"] / 100.0))
        resume = kodi.get("resume")
        current = _seconds(resume.get("position")) if isinstance(resume, dict) else 0
        if abs(position - current) > RESUME_SLACK:
            write.resume = {"position": position, "total": runtime}
            self.plan.counts["resume"] += 1


def _simkl_codes(item: Item, kodi_episodes: Dict[int, List[int]]):
    """Kodi code → Simkl code for one show. Anime with Simkl's TVDB mapping claim only the mapped
    episodes (several Simkl entries, one per cour, can share one Kodi show); everything else maps 1:1."""
    if not item.tvdb_map:
        return lambda kodi_code: kodi_code
    reverse = {kodi_code: simkl_code for simkl_code, kodi_code in item.tvdb_map.items()}
    return reverse.get


def _kodi_code(item: Item, simkl_code: int) -> int:
    return item.tvdb_map.get(simkl_code, simkl_code) if item.tvdb_map else simkl_code


def _playcount(kodi: Dict[str, Any]) -> int:
    value = kodi.get("playcount")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _seconds(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value <= 0:
        return 0
    return int(round(value))

