"""The sync state on disk, in two files so an idle cycle reads a few hundred bytes, not the mirror:

- the state file (state.json): the whole core.sync_state.SyncState, in the shape it always had;
- the head file (state.head.json): what an idle cycle, the status file and the resume check read (activities,
  account, list tags, suspect count, playback sessions), with the stamp of the save it belongs to and the
  state file's size, mtime and inode as that save left them;
- the anime file (state.anime.json): the mirror's anime titles (their ids and TVDB mapping) with the stamp of
  the save, which the service's anime names are built from when it starts (not the whole mirror).

A save writes the state file first, then the anime file, then the head. The anime file counts only when its
stamp is the trusted head's. The head is trusted only while the state file is the one
it describes: a crash between the two writes, an older version's save (it writes only the state file), a file
restored or removed by hand all change the state file's mark, and the whole state file is read instead
(which is also how a single state file of an older version loads; the next save writes the head)."""
import logging
import os
from typing import Any, Callable, Dict, List, NamedTuple, Optional

from ..anime_ids import anime_sections
from .account_stamp import StampedStore
from .store import JsonStore
from .sync_state import SyncState

LOG = logging.getLogger("simklsync.store")

STATE_SCHEMA = 1
HEAD_SUFFIX = ".head.json"
ANIME_SUFFIX = ".anime.json"


def head_path(path: str) -> str:
    """The head file beside the state file: state.json -> state.head.json."""
    return os.path.splitext(path)[0] + HEAD_SUFFIX


def anime_path(path: str) -> str:
    """The anime file beside the state file: state.json -> state.anime.json."""
    return os.path.splitext(path)[0] + ANIME_SUFFIX


class AnimePart(NamedTuple):
    """The anime titles of one save: `mirror` in the Mirror.to_dict() shape, only its anime sections."""

    stamp: int
    mirror: Dict[str, Any]


class StateStore:
    """load() -> the whole SyncState; load_head() -> what an idle cycle needs (the mirror not loaded, unless
    the head could not be trusted); load_mirror(state) -> the whole state the head belongs to; load_anime(state)
    -> the anime titles of the save the head belongs to; save(state); delete().
    account() -> the Simkl account id the files are read and saved for (core/state/account_stamp.py): another
    account's files read as missing (a fresh first sync), never as this account's."""

    def __init__(self, path: str, account: Optional[Callable[[], Optional[str]]] = None):
        self.path = path
        self.whole = _stamped(JsonStore(path, schema=STATE_SCHEMA), account)  # the state file
        self.head = _stamped(JsonStore(head_path(path), schema=STATE_SCHEMA), account)  # the head file
        self.anime = _stamped(JsonStore(anime_path(path), schema=STATE_SCHEMA), account)  # the anime file

    def load(self) -> SyncState:
        return SyncState.from_dict(self.whole.load())

    def load_head(self) -> SyncState:
        head = self.head.load()
        mark = self.file_mark()
        if isinstance(head, dict) and mark is not None and head.get("file") == mark:
            return SyncState.from_head(head)
        return self.load()

    def load_mirror(self, state: SyncState) -> SyncState:
        """`state` itself when whole, else the state file's. Their stamps differ when the files were out of step
        after all (the caller then re-checks everything from the whole state's activities)."""
        if state.loaded:
            return state
        whole = self.load()
        if whole.stamp != state.stamp:
            LOG.warning("sync state files out of step (saves %d and %d): the state file counts", whole.stamp,
                        state.stamp)
        return whole

    def load_anime(self, state: SyncState) -> AnimePart:
        """The anime titles of the save `state` (a head, or a whole state) belongs to: from the state itself when
        whole, from the anime file when it is that save's, else from the state file."""
        if not state.loaded:
            part = self.anime.load()
            if isinstance(part, dict) and part.get("stamp") == state.stamp and isinstance(part.get("mirror"), dict):
                return AnimePart(state.stamp, part["mirror"])
            state = self.load_mirror(state)
        return AnimePart(state.stamp, anime_sections(state.mirror))

    def save(self, state: SyncState) -> None:
        """The state file, the anime file, then the head describing them; the stamp counts the saves."""
        state.stamp += 1
        self.whole.save(state.to_dict())
        self.anime.save({"stamp": state.stamp, "mirror": anime_sections(state.mirror)})
        head = state.head_dict()
        head["file"] = self.file_mark()
        self.head.save(head)

    def delete(self) -> None:
        self.whole.delete()
        self.anime.delete()
        self.head.delete()

    def file_mark(self) -> Optional[List[int]]:
        """The state file's size, mtime and inode, as the head notes them; None when there is no state file."""
        try:
            status = os.stat(self.path)
        except OSError:
            return None
        return [status.st_size, status.st_mtime_ns, status.st_ino]


def _stamped(store: JsonStore, account: Optional[Callable[[], Optional[str]]]) -> Any:
    return StampedStore(store, account) if account is not None else store
