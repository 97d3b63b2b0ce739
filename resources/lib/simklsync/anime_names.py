"""The mirror's anime names, read from the saved sync state, so scrobbles and marks name anime the Simkl way."""
import logging

from .core.anime_ids import AnimeIndex

LOG = logging.getLogger("simklsync.service")


class AnimeNames:
    """AnimeNames(state_store).index: a core.anime_ids.AnimeIndex, empty until load() (the worker's first
    job, then again after each cycle)."""

    def __init__(self, state_store):
        self._state_store = state_store
        self.index = AnimeIndex()

    def load(self):
        try:
            self.index = AnimeIndex.from_state(self._state_store.load())
        except Exception:  # noqa: BLE001 - without it anime scrobbles still go out, in Kodi's numbering
            LOG.exception("anime ids not read from the sync state")
