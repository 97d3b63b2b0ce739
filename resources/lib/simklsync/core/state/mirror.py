"""The local copy of the Simkl library, keyed by Simkl id: full pulls, deltas, removals, playback.

Episodes are kept as int codes (see model.episode_code) mapped to watched-at epoch seconds, so a library
with tens of thousands of watched episodes stays a few megabytes in memory and on disk."""
import logging
from typing import Any, Dict, Iterator, List, Optional

from ..model import ANIME, COMPLETED, EPISODE, MEDIA_TYPES, MOVIE, as_number, episode_code, normalize_ids
from ..plan.guard import is_odd_shrink
from ..times import PLACEHOLDER_BEFORE, to_epoch
from ..widgets.shown import read_shown, shown_fields

LOG = logging.getLogger("simklsync.mirror")

SCHEMA = 1
UNKNOWN_DATE = 0  # watched, date unknown (Simkl's 1970 placeholder or no stamp)
PLACEHOLDER_EPOCH_LIMIT = to_epoch(PLACEHOLDER_BEFORE)


class Item:
    """One Simkl library entry. `episodes`: code → watched epoch (watched ones only).
    `tvdb_map`: Simkl code → TVDB code (anime), kept across updates so unmarked episodes stay placeable."""

    __slots__ = (
        "simkl", "ids", "title", "year", "status", "watched_at", "anime_type", "episodes", "tvdb_map", "shown",
    )

    def __init__(self, simkl, ids, title="", year=None, status="", watched_at=None, anime_type=None,
                 episodes=None, tvdb_map=None, shown=None):
        self.simkl = simkl
        self.ids = ids
        self.title = title
        self.year = year
        self.status = status
        self.watched_at = watched_at  # movies: epoch of the last watch (UNKNOWN_DATE) when completed
        self.anime_type = anime_type
        self.episodes = episodes if episodes is not None else {}
        self.tvdb_map = tvdb_map if tvdb_map is not None else {}
        self.shown = shown if shown is not None else {}  # what the widgets show (core/widgets/shown.py)

    @property
    def movie_watched(self) -> bool:
        return self.status == COMPLETED or (self.anime_type == MOVIE and bool(self.episodes))

    def to_dict(self) -> Dict[str, Any]:
        data = {"ids": self.ids, "t": self.title, "y": self.year, "s": self.status, "w": self.watched_at}
        if self.anime_type:
            data["at"] = self.anime_type
        if self.episodes:
            data["e"] = [value for code, when in self.episodes.items() for value in (code, when)]
        if self.tvdb_map:
            data["m"] = [value for pair in self.tvdb_map.items() for value in pair]
        if self.shown:
            data["x"] = self.shown
        return data

    @classmethod
    def from_dict(cls, simkl: int, data: Any) -> Optional["Item"]:
        if not isinstance(data, dict):
            return None
        return cls(simkl, normalize_ids(data.get("ids")), _text(data.get("t")), as_number(data.get("y")),
                   _text(data.get("s")), as_number(data.get("w")), data.get("at") or None,
                   _pairs(data.get("e")), _pairs(data.get("m")), shown_fields(data.get("x")))


class Mirror:
    def __init__(self):
        self.items: Dict[str, Dict[int, Item]] = {type_: {} for type_ in MEDIA_TYPES}
        # Items removed on Simkl, kept (ids only) so the planner can still find and unmark them in Kodi.
        self.removed: Dict[str, Dict[int, Item]] = {type_: {} for type_ in MEDIA_TYPES}
        self.playback: List[Dict[str, Any]] = []
        self.skipped = 0  # bad entries seen by the last apply_* call
        self.shrank = False  # the last whole read lacked too many items: nothing buried, asked again
        # {type: items the last whole read lacked}, kept while it shrank by more than the guard's share: a second
        # such read in a row is believed (an emptied type is real), one alone is not (a cut-off answer).
        self.shrinking: Dict[str, int] = {}
        self._shrank_now: set = set()  # this load's (one cycle's) shrunk types: two reads in one cycle are one

    # ---- updates -------------------------------------------------------------------------------

    def apply_all_items(self, type_: str, body: Any, full: bool) -> List[int]:
        """Upsert the entries of an all-items answer; `full` replaces the type. Returns the Simkl ids applied.
        A full answer buries what it lacks only when every entry was readable, and when it shrinks the type
        (or empties it) only on the second such read in a row, as apply_removals does."""
        entries = _entries(body, type_)
        self.skipped, self.shrank = 0, False
        current = self.items.setdefault(type_, {})
        incoming = {}
        for entry in entries:
            item = _parse_entry(entry, current)
            if item is None:
                self.skipped += 1
                continue
            incoming[item.simkl] = item
        if self.skipped:
            LOG.warning("%d unreadable %s entries skipped", self.skipped, type_)
        if full and not self.skipped:
            for simkl in self._believed_gone(type_, set(current) - set(incoming), not incoming):
                self._bury(type_, current.pop(simkl))
        for simkl, item in incoming.items():
            current[simkl] = item
            self.removed.setdefault(type_, {}).pop(simkl, None)
        return list(incoming)

    def apply_removals(self, type_: str, ids_body: Any) -> List[int]:
        """Drop the items missing from a `simkl_ids_only` answer; returns their Simkl ids.
        An answer listing nothing at all, or lacking more than one item and min(10, 5 %) of the type, removes
        nothing the first time (`shrank`): a cut-off answer would unmark the library in Kodi. The same again at the
        next read is believed (a user who empties a list on purpose). An answer with an unreadable entry
        removes nothing: that entry may be any of the items it seems to lack."""
        entries = _entries(ids_body, type_)
        self.skipped, self.shrank = 0, False
        present = set()
        for entry in entries:
            simkl = _entry_simkl(entry)
            if simkl is None:
                self.skipped += 1
            else:
                present.add(simkl)
        current = self.items.setdefault(type_, {})
        if self.skipped:
            LOG.warning("%d unreadable entries in the %s id list from Simkl; no removals applied",
                        self.skipped, type_)
            return []
        gone = self._believed_gone(type_, set(current) - present, not present)
        for simkl in gone:
            self._bury(type_, current.pop(simkl))
        return gone

    def _believed_gone(self, type_: str, gone: set, empty: bool) -> List[int]:
        """The items a whole read lacks, sorted, when believed; none when it shrank the type too much for the
        first time in a row (remembered in `shrinking`)."""
        if not gone:
            self.shrinking.pop(type_, None)
            return []
        if empty or is_odd_shrink(len(gone), self.count(type_)):
            if type_ not in self.shrinking or type_ in self._shrank_now:
                self.shrinking[type_] = len(gone)
                self._shrank_now.add(type_)
                self.shrank = True
                LOG.warning("%s from Simkl lacks %d of %d items; no removals applied until a second read agrees",
                            type_, len(gone), self.count(type_))
                return []
        self.shrinking.pop(type_, None)
        return sorted(gone)

    def set_playback(self, sessions: Any) -> int:
        """Replace the playback sessions (GET /sync/playback answers the whole list)."""
        self.playback = parse_sessions(sessions, self._is_anime_show)
        return len(self.playback)

    def _bury(self, type_: str, item: Item) -> None:
        self.removed.setdefault(type_, {})[item.simkl] = Item(
            item.simkl, item.ids, item.title, item.year, "", None, item.anime_type, None, item.tvdb_map)

    def _is_anime_show(self, simkl: int) -> bool:
        return simkl in self.items.get(ANIME, {})

    # ---- lookups -------------------------------------------------------------------------------

    def entries(self, type_: str) -> Iterator[Item]:
        return iter(self.items.get(type_, {}).values())

    def removed_entries(self, type_: str) -> Iterator[Item]:
        return iter(self.removed.get(type_, {}).values())

    def get(self, type_: str, simkl: int) -> Optional[Item]:
        return self.items.get(type_, {}).get(simkl)

    def get_removed(self, type_: str, simkl: int) -> Optional[Item]:
        return self.removed.get(type_, {}).get(simkl)

    def count(self, type_: str) -> int:
        return len(self.items.get(type_, {}))

    def episode_count(self) -> int:
        return sum(len(item.episodes) for type_ in MEDIA_TYPES for item in self.entries(type_))

    # ---- persistence ---------------------------------------------------------------------------

    def to_dict(self) -> Dict[str, Any]:
        return {
            "schema": SCHEMA,
            "items": {t: {str(k): v.to_dict() for k, v in self.items[t].items()} for t in self.items},
            "removed": {t: {str(k): v.to_dict() for k, v in self.removed[t].items()} for t in self.removed},
            "playback": self.playback,
            "shrinking": dict(self.shrinking),
        }

    @classmethod
    def from_dict(cls, data: Any) -> "Mirror":
        mirror = cls()
        if not isinstance(data, dict) or data.get("schema", SCHEMA) != SCHEMA:
            return mirror
        for field, target in (("items", mirror.items), ("removed", mirror.removed)):
            section = data.get(field)
            for type_ in MEDIA_TYPES:
                stored = section.get(type_) if isinstance(section, dict) else None
                if isinstance(stored, dict):
                    target[type_] = _load_items(stored)
        playback = data.get("playback")
        mirror.playback = [p for p in playback if isinstance(p, dict)] if isinstance(playback, list) else []
        shrinking = data.get("shrinking")
        mirror.shrinking = {t: n for t, n in shrinking.items() if t in MEDIA_TYPES and isinstance(n, int)} \
            if isinstance(shrinking, dict) else {}
        return mirror


def _load_items(stored: Dict[str, Any]) -> Dict[int, Item]:
    loaded = {}
    for key, value in stored.items():
        simkl = as_number(key)
        item = Item.from_dict(simkl, value) if simkl else None
        if item is not None:
            loaded[simkl] = item
    return loaded


def _entries(body: Any, type_: str) -> List[Any]:
    if isinstance(body, list):
        return body
    if not isinstance(body, dict):
        return []
    entries = body.get(type_)
    return entries if isinstance(entries, list) else []


def _media_block(entry: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    for name in ("movie", "show", "anime"):
        block = entry.get(name)
        if isinstance(block, dict):
            return block
    return entry if isinstance(entry.get("ids"), dict) else None


def _entry_simkl(entry: Any) -> Optional[int]:
    block = _media_block(entry) if isinstance(entry, dict) else None
    return normalize_ids(block.get("ids")).get("simkl") if block else None


def _parse_entry(entry: Any, current: Dict[int, Item]) -> Optional[Item]:
    if not isinstance(entry, dict):
        return None
    block = _media_block(entry)
    if block is None:
        return None
    ids = normalize_ids(block.get("ids"))
    simkl = ids.get("simkl")
    if simkl is None:
        return None
    if not _watch_fields_readable(entry):
        return None
    previous = current.get(simkl)
    status = _text(entry.get("status"))
    item = Item(simkl, ids, _text(block.get("title")), as_number(block.get("year")), status,
                anime_type=_text(entry.get("anime_type")) or None, shown=read_shown(entry, block))
    if status == COMPLETED:
        item.watched_at = _epoch_or_unknown(entry.get("last_watched_at"))
    if previous is not None:
        item.tvdb_map = dict(previous.tvdb_map)
    # Asked with extended=full and include_all_episodes, an entry without `seasons` has none watched.
    if not _read_seasons(entry.get("seasons"), item):
        return None
    if previous is not None and (as_number(entry.get("watched_episodes_count")) or 0) > len(item.episodes):
        # The entry contradicts its own counter (seasons cut off): what it lacks is not taken as unwatched.
        for code, when in previous.episodes.items():
            item.episodes.setdefault(code, when)
    return item


def _watch_fields_readable(entry: Dict[str, Any]) -> bool:
    """Whether the fields that say what is watched have their types. A spoiled one read as empty would make a
    watched item look unwatched, and Kodi would be unmarked on the strength of a glitch (soak seed 1079)."""
    if not isinstance(entry.get("status"), str):
        return False
    if not isinstance(entry.get("anime_type"), (str, type(None))):
        return False
    seasons = entry.get("seasons")
    if seasons is None:
        # Absent means none watched; an explicit null is believed only when the counter agrees.
        return "seasons" not in entry or not as_number(entry.get("watched_episodes_count"))
    return isinstance(seasons, list)


def _read_seasons(seasons: Any, item: Item) -> bool:
    """Adds the watched episodes to `item`; False when a season or episode is unreadable."""
    if not isinstance(seasons, list):
        return True
    for season in seasons:
        number = as_number(season.get("number")) if isinstance(season, dict) else None
        episodes = season.get("episodes") if number is not None else None
        if not isinstance(episodes, list):
            return False
        if not all(_read_episode(number, episode, item) for episode in episodes):
            return False
    return True


def _read_episode(season: int, episode: Any, item: Item) -> bool:
    if not isinstance(episode, dict):
        return False
    number = as_number(episode.get("number", episode.get("episode")))
    if number is None:
        return False
    code = episode_code(season, number)
    item.episodes[code] = _epoch_or_unknown(episode.get("watched_at"))
    tvdb = episode.get("tvdb")
    if isinstance(tvdb, dict):
        tvdb_season, tvdb_episode = as_number(tvdb.get("season")), as_number(tvdb.get("episode"))
        if tvdb_season is not None and tvdb_episode is not None:
            item.tvdb_map[code] = episode_code(tvdb_season, tvdb_episode)
    return True


def parse_sessions(sessions: Any, is_anime_show) -> List[Dict[str, Any]]:
    """GET /sync/playback answer → JSON-able session records; unreadable sessions are left out."""
    if not isinstance(sessions, list):
        return []
    records = [_session(session, is_anime_show) for session in sessions]
    return [record for record in records if record is not None]


def _session(session: Any, is_anime_show) -> Optional[Dict[str, Any]]:
    if not isinstance(session, dict):
        return None
    progress = _percent(session.get("progress"))
    paused_at = to_epoch(session.get("paused_at"))
    if progress is None or paused_at is None:
        return None
    episode = session.get("episode")
    if session.get("type") == MOVIE or not isinstance(episode, dict):
        return _movie_session(session, progress, paused_at)
    return _episode_session(session, episode, progress, paused_at, is_anime_show)


def _movie_session(session, progress, paused_at):
    block = session.get("movie")
    if not isinstance(block, dict):
        return None
    return _record(session, MOVIE, block, progress, paused_at, anime=False)


def _episode_session(session, episode, progress, paused_at, is_anime_show):
    anime_block = session.get("anime")
    block = anime_block if isinstance(anime_block, dict) else session.get("show")
    if not isinstance(block, dict):
        return None
    record = _record(session, EPISODE, block, progress, paused_at, anime=isinstance(anime_block, dict))
    if record["simkl"] is not None and is_anime_show(record["simkl"]):
        record["anime"] = True
    record["season"] = as_number(episode.get("season"))
    record["episode"] = as_number(episode.get("episode", episode.get("number")))
    record["tvdb_season"] = as_number(episode.get("tvdb_season"))
    record["tvdb_episode"] = as_number(episode.get("tvdb_number", episode.get("tvdb_episode")))
    if record["episode"] is None and record["tvdb_episode"] is None:
        return None
    return record


def _record(session, kind, block, progress, paused_at, anime):
    ids = normalize_ids(block.get("ids"))
    return {
        "id": as_number(session.get("id")), "kind": kind, "simkl": ids.get("simkl"), "ids": ids,
        "title": _text(block.get("title")), "year": as_number(block.get("year")),
        "progress": progress, "paused_at": paused_at, "anime": anime,
    }


def _percent(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0 < number <= 100 else None


def _epoch_or_unknown(stamp: Any) -> int:
    epoch = to_epoch(stamp) if stamp is not None else None
    if epoch is None or epoch < PLACEHOLDER_EPOCH_LIMIT:
        return UNKNOWN_DATE
    return epoch


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _pairs(flat: Any) -> Dict[int, int]:
    if not isinstance(flat, list):
        return {}
    pairs = {}
    for index in range(0, len(flat) - 1, 2):
        key, value = as_number(flat[index]), as_number(flat[index + 1])
        if key is not None and value is not None:
            pairs[key] = value
    return pairs

