"""What each Kodi item should become, as the Simkl items that claim it say: the planner's targets."""
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from ..model import EPISODE, MOVIE
from ..state.mirror import UNKNOWN_DATE


class Target:
    """One Kodi item as Simkl has it: the keys that claimed it, watched or not (since when), the newest
    playback session."""

    __slots__ = ("_keys", "watched", "watched_key", "when", "resume")

    def __init__(self):
        self._keys: Union[None, str, List[str]] = None  # one key (nearly every item) or a list: no list per item
        self.watched = False
        self.watched_key: Optional[str] = None
        self.when: Optional[int] = None  # epoch of the newest watch; UNKNOWN_DATE when Simkl has no date
        self.resume: Optional[Dict[str, Any]] = None  # the newest playback session for the item

    @property
    def keys(self) -> Sequence[str]:
        """The keys that claimed the item, first claim first (read only)."""
        keys = self._keys
        if keys is None:
            return ()
        return (keys,) if isinstance(keys, str) else keys

    @property
    def first_key(self) -> str:
        keys = self._keys
        return keys if isinstance(keys, str) else keys[0]

    def claim(self, key: str, watched: bool, when: Optional[int]) -> None:
        self._add_key(key)
        if watched:
            self.watched = True
            self.watched_key = self.watched_key or key
            self.when = max(self.when or UNKNOWN_DATE, when or UNKNOWN_DATE)

    def offer_session(self, key: str, session: Dict[str, Any]) -> None:
        """A playback session for the item: kept when it is the newest."""
        self._add_key(key)
        if self.resume is None or self.resume["paused_at"] < session["paused_at"]:
            self.resume = session

    def _add_key(self, key: str) -> None:
        keys = self._keys
        if keys is None:
            self._keys = key
        elif isinstance(keys, str):
            if keys != key:
                self._keys = [keys, key]
        elif key not in keys:
            keys.append(key)


class Targets:
    """The targets of movies and episodes, kept per media by the bare Kodi id (no (media, id) tuple per item)."""

    __slots__ = ("_by_media",)

    def __init__(self):
        self._by_media: Dict[str, Dict[int, Target]] = {MOVIE: {}, EPISODE: {}}

    def of(self, media: str, kodi_id: int) -> Target:
        targets = self._by_media[media]
        target = targets.get(kodi_id)
        if target is None:
            target = targets[kodi_id] = Target()
        return target

    def drain(self) -> Iterator[Tuple[str, int, Target]]:
        """(media, Kodi id, target) of every target, movies then episodes, each by Kodi id. Each target is
        let go once handed out: the writes grow while the targets shrink (a first sync of 50,000 episodes
        would otherwise hold both whole at once)."""
        for media in (MOVIE, EPISODE):
            targets = self._by_media[media]
            ids = sorted(targets)
            undecided = [targets[kodi_id] for kodi_id in ids]
            targets.clear()  # a dict emptied by pop() keeps its table; the list is a fraction of it
            for position, kodi_id in enumerate(ids):
                target, undecided[position] = undecided[position], None
                yield media, kodi_id, target

    def unwatched(self) -> Iterator[Tuple[str, int]]:
        """(media, Kodi id) of the targets no claim says watched (not drained)."""
        for media, targets in self._by_media.items():
            for kodi_id, target in targets.items():
                if not target.watched:
                    yield media, kodi_id


class OnlyTargets:
    """Targets that take the claims of the `wanted` (media, Kodi id) only; the others go to a throwaway."""

    __slots__ = ("_targets", "_wanted")

    def __init__(self, targets: Targets, wanted):
        self._targets = targets
        self._wanted = wanted

    def of(self, media: str, kodi_id: int) -> Target:
        if (media, kodi_id) in self._wanted:
            return self._targets.of(media, kodi_id)
        return Target()
