"""The mirror's anime names, read from the saved sync state, so scrobbles and marks name anime the Simkl way;
rebuilt only when the state changed since (an idle cycle leaves them, and the mirror, alone). At the service's
start they come from the state's anime file, not the whole mirror."""
import logging

from ..core.anime_ids import AnimeIndex

LOG = logging.getLogger("simklsync.service")


class AnimeNames:
    """AnimeNames(state_store).index: a core.anime_ids.AnimeIndex, empty until load() (the worker's first
    job, then again after each cycle with the core.sync_state.SyncState the cycle left, or None)."""

    def __init__(self, state_store):
        self._state_store = state_store
        self._stamp = None  # the save of the sync state the index was built from
        self.index = AnimeIndex()

    def load(self, state=None):
        try:
            state = state if state is not None else self._state_store.load_head()
            if self._stamp is None or state.stamp != self._stamp:
                part = self._state_store.load_anime(state)
                self.index, self._stamp = AnimeIndex.from_state(part), part.stamp
        except Exception:  # noqa: BLE001 - without it anime scrobbles still go out, in Kodi's numbering
            LOG.exception("anime ids not read from the sync state")
