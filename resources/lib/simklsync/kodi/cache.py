"""script.module.simplecache behind a tiny get/set protocol. Its database is shared by every add-on (keys are
prefixed with ours) and its error handling is broken in the repository versions: any failure is a miss.

Its memory layer is the Home window's properties, which outlive a switch of Kodi profile: the keys also name
the profile (a tag of its folder), so one profile never reads what another cached (e.g. its Simkl account)."""
import datetime
import hashlib
import logging

from ..constants import ADDON_ID
from . import settings

LOG = logging.getLogger("simklsync.cache")


class KodiCache:
    def __init__(self):
        self._prefix = f"{ADDON_ID}.{profile_tag(settings.profile_path())}."
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
            return self._cache.get(self._prefix + key, json_data=True)
        except Exception as error:  # noqa: BLE001
            LOG.debug("cache get failed: %s", type(error).__name__)
            return None

    def set(self, key, value, ttl_seconds):
        if self._cache is None:
            return
        try:
            self._cache.set(
                self._prefix + key, value,
                expiration=datetime.timedelta(seconds=ttl_seconds), json_data=True,
            )
        except Exception as error:  # noqa: BLE001
            LOG.debug("cache set failed: %s", type(error).__name__)


def profile_tag(profile_folder):
    """A short stable name of the Kodi profile's add-on folder (the folder itself would make long keys)."""
    return hashlib.sha256(profile_folder.encode("utf-8")).hexdigest()[:12]
