"""script.module.simplecache behind a tiny get/set protocol. Its database is shared by every add-on (keys are
prefixed with ours) and its error handling is broken in the repository versions: any failure is a miss."""
import datetime
import logging

from ..constants import ADDON_ID

LOG = logging.getLogger("simklsync.cache")


class KodiCache:
    def __init__(self):
        self._cache = None
        try:
            import simplecache  # only available inside Kodi

            self._cache = simplecache.SimpleCache()
        except Exception as error:  # noqa: BLE001 - a cache that cannot start is an empty cache
            LOG.debug("simplecache unavailable: %s", type(error).__name__)

    def get(self, key):
        if self._cache is None:
            return None
        try:
            return self._cache.get(f"{ADDON_ID}.{key}", json_data=True)
        except Exception as error:  # noqa: BLE001
            LOG.debug("cache get failed: %s", type(error).__name__)
            return None

    def set(self, key, value, ttl_seconds):
        if self._cache is None:
            return
        try:
            self._cache.set(
                f"{ADDON_ID}.{key}", value,
                expiration=datetime.timedelta(seconds=ttl_seconds), json_data=True,
            )
        except Exception as error:  # noqa: BLE001
            LOG.debug("cache set failed: %s", type(error).__name__)
