"""The sync state on disk: core.sync_state.SyncState in the state file (core.store.JsonStore, schema 1)."""
from .store import JsonStore
from .sync_state import SyncState

STATE_SCHEMA = 1


class StateStore:
    """load() -> the whole SyncState; load_head() -> what an idle cycle needs (the mirror maybe not loaded);
    load_mirror(state) -> a state with the mirror loaded; save(state); delete()."""

    def __init__(self, path: str):
        self.path = path
        self._file = JsonStore(path, schema=STATE_SCHEMA)

    def load(self) -> SyncState:
        return SyncState.from_dict(self._file.load())

    def load_head(self) -> SyncState:
        return self.load()

    def load_mirror(self, state: SyncState) -> SyncState:
        return state if state.loaded else self.load()

    def save(self, state: SyncState) -> None:
        self._file.save(state.to_dict())

    def delete(self) -> None:
        self._file.delete()
