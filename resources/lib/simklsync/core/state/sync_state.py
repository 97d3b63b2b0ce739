"""What a sync cycle leaves for the next one: Simkl's activities stamps at the last good cycle, the mirror of
the account's lists, the keys in sync on both sides, the account, the list tags written, the count of suspect
answers. Pure; the files are core/state/state_store.py's.

The state file's data keeps the shape it always had ({"activities": ..., "mirror": Mirror.to_dict(),
"synced": [...], "account_type": ..., "account_name": ..., "list_tags": ..., "full_pull": [...],
"suspect_cycles": n}) plus "stamp", a save counter, and "held": the pending large changes (core/plan/guard.py).
Every field is read tolerantly: a missing or malformed one is its empty value, so an old or damaged file loads."""
import logging
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from ..plan.guard import clean as clean_held
from .kodi_retry import read as read_kodi_retry

LOG = logging.getLogger("simklsync.sync")

MAX_SUSPECT_CYCLES = 3  # suspect answers in a row before the types are pulled whole


class SyncState:
    """mirror: the Mirror.to_dict() form, or None when only the head was read (see has_mirror / playback);
    synced: the keys in sync, watched on both sides or marked or pushed by this add-on (None with the head only)."""

    def __init__(self, activities: Optional[Dict[str, Any]] = None, mirror: Optional[Dict[str, Any]] = None,
                 synced: Optional[Iterable[str]] = (), account_type: Optional[str] = None, account_name: str = "",
                 list_tags: Optional[Dict[str, Any]] = None, full_pull: Iterable[str] = (),
                 suspect_cycles: int = 0, stamp: int = 0, has_mirror: Optional[bool] = None,
                 playback: Optional[List[Dict[str, Any]]] = None, kodi_retry: Optional[Dict[str, Any]] = None,
                 held: Optional[Dict[str, Any]] = None):
        self.activities = activities
        self.mirror = mirror
        self.synced: Optional[Set[str]] = set(synced) if synced is not None else None
        self.account_type = account_type
        self.account_name = account_name
        self.list_tags = list_tags
        self.full_pull: Tuple[str, ...] = tuple(full_pull)
        self.suspect_cycles = suspect_cycles
        self.stamp = stamp
        self._has_mirror = has_mirror
        self._playback = playback or []
        self.kodi_retry: Dict[str, Dict[str, Any]] = kodi_retry or {}  # core/state/kodi_retry.py: writes owed
        self.held: Dict[str, Any] = held or {}  # {type: pending large change}, see core/plan/guard.py

    # ---- reading ------------------------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether the mirror and the synced keys are here (not only the head)."""
        return self.mirror is not None

    @property
    def has_mirror(self) -> bool:
        """Whether a cycle saved a mirror (the saved activities only count then)."""
        return bool(self.mirror) if self.mirror is not None else bool(self._has_mirror)

    @property
    def saved_activities(self) -> Optional[Dict[str, Any]]:
        """The activities to compare Simkl's with; None: nothing was synced yet (a first sync)."""
        return self.activities if self.has_mirror else None

    @property
    def playback(self) -> List[Dict[str, Any]]:
        """The playback sessions of the last pull (the mirror's, also kept in the head)."""
        if self.mirror is not None:
            sessions = self.mirror.get("playback")
            return [s for s in sessions if isinstance(s, dict)] if isinstance(sessions, list) else []
        return self._playback

    # ---- what a cycle changes -----------------------------------------------------------------------------

    def note_account(self, answer: Any) -> None:
        """The account type and name from Simkl's user settings answer (kept when it has none)."""
        if not isinstance(answer, dict):
            return
        account = answer.get("account") if isinstance(answer.get("account"), dict) else {}
        user = answer.get("user") if isinstance(answer.get("user"), dict) else {}
        self.account_type = account.get("type") or "free"
        self.account_name = user.get("name") or self.account_name

    def accept(self, suspect: List[str]) -> bool:
        """Whether the new activities may be saved. After a suspect answer they are not, so the next cycle asks
        again from the same date_from; when the answers stay suspect, the next cycle pulls those types whole
        (a delta that keeps failing may hide changes no later delta would bring)."""
        if not suspect:
            self.suspect_cycles, self.full_pull = 0, ()
            return True
        tries = self.suspect_cycles + 1
        if tries >= MAX_SUSPECT_CYCLES:
            self.full_pull = tuple(sorted({answer.split(" ")[0] for answer in suspect}))
            LOG.warning("Simkl keeps answering %s oddly: pulling them whole next cycle", ", ".join(self.full_pull))
            tries = 0
        else:
            LOG.warning("suspect answer for %s: asking again next cycle", ", ".join(suspect))
        self.suspect_cycles = tries
        return False

    def with_pulled(self, activities: Dict[str, Any], playback: List[Dict[str, Any]],
                    account_type: Optional[str]) -> "SyncState":
        """A copy with another box's pull (activities, playback sessions, account type) in place of ours."""
        mirror = dict(self.mirror, playback=playback) if self.mirror is not None else None
        return SyncState(activities, mirror, self.synced, account_type or self.account_type, self.account_name,
                         self.list_tags, self.full_pull, self.suspect_cycles, self.stamp, self.has_mirror, playback,
                         self.kodi_retry, self.held)

    # ---- the file's form ----------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any) -> "SyncState":
        """The state file's data (the whole state); an empty state for anything unreadable."""
        data = data if isinstance(data, dict) else {}
        mirror = data.get("mirror") if isinstance(data.get("mirror"), dict) else {}
        synced = data.get("synced") if isinstance(data.get("synced"), list) else []
        return cls(mirror=mirror, synced=(key for key in synced if isinstance(key, str)), stamp=_int(data, "stamp"),
                   **_head_values(data))

    def to_dict(self) -> Dict[str, Any]:
        """The state file's data: the shape older versions read, plus the stamp."""
        if self.mirror is None:
            raise ValueError("a head-only sync state cannot be saved whole")
        data = self._head_dict()
        data.update(mirror=self.mirror, synced=sorted(self.synced or ()), stamp=self.stamp)
        return data

    @classmethod
    def from_head(cls, data: Any) -> "SyncState":
        """The head file's data; the mirror is not loaded."""
        data = data if isinstance(data, dict) else {}
        playback = data.get("playback") if isinstance(data.get("playback"), list) else []
        return cls(mirror=None, synced=None, stamp=_int(data, "stamp"), has_mirror=bool(data.get("has_mirror")),
                   playback=[s for s in playback if isinstance(s, dict)], **_head_values(data))

    def head_dict(self) -> Dict[str, Any]:
        """The head file's data: what an idle cycle, the status file and the resume check read."""
        data = self._head_dict()
        data.update(stamp=self.stamp, has_mirror=self.has_mirror, playback=self.playback)
        return data

    def head(self) -> "SyncState":
        """A copy without the mirror and the synced keys."""
        return SyncState.from_head(self.head_dict())

    def _head_dict(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {"activities": self.activities, "account_type": self.account_type,
                                "account_name": self.account_name}
        if self.list_tags is not None:
            data["list_tags"] = self.list_tags
        if self.full_pull:
            data["full_pull"] = list(self.full_pull)
        if self.suspect_cycles:
            data["suspect_cycles"] = self.suspect_cycles
        if self.kodi_retry:
            data["kodi_retry"] = self.kodi_retry
        if self.held:
            data["held"] = self.held
        return data


def _head_values(data: Dict[str, Any]) -> Dict[str, Any]:
    activities = data.get("activities")
    account_type, account_name = data.get("account_type"), data.get("account_name")
    full_pull = data.get("full_pull") if isinstance(data.get("full_pull"), list) else []
    return {"activities": activities if isinstance(activities, dict) else None,
            "account_type": account_type if isinstance(account_type, str) and account_type else None,
            "account_name": account_name if isinstance(account_name, str) else "",
            "list_tags": data.get("list_tags") if isinstance(data.get("list_tags"), dict) else None,
            "full_pull": [type_ for type_ in full_pull if isinstance(type_, str)],
            "suspect_cycles": _int(data, "suspect_cycles"), "kodi_retry": read_kodi_retry(data.get("kodi_retry")),
            "held": clean_held(data.get("held"))}


def _int(data: Dict[str, Any], key: str) -> int:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0
