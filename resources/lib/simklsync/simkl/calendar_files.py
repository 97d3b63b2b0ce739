"""Simkl's public calendar files (tv.json, anime.json), fetched at most every 3 hours and kept on the device.

Simkl regenerates them every 6 hours behind a CDN that caches by URL, and asks clients to fetch them with no
added parameters and cache them 3-6 hours. They are fetched by the sync (never by a widget listing); the last
good copy of each file is kept through any failure (an error, null, {}, a cut-off body), and a failed try is
retried after RETRY_SECONDS. The cache keeps what the widget needs of each file (core/widgets/new_episodes.py):

    calendar.json   {"fetched_at": <epoch>, "tried_at": <epoch>, "files": {"shows": [...], "anime": [...]}}
"""
import logging
import os

from ..constants import API_URL, CALENDAR_URL, CALENDAR_URL_ENV
from ..core.widgets.new_episodes import CALENDAR_FILES, compact
from . import errors

LOG = logging.getLogger("simklsync.calendar")

REFRESH_SECONDS = 3 * 3600
RETRY_SECONDS = 1800


def calendar_base(api_base):
    """The calendar files' base: the environment's, else <API base>/calendar when the API's is replaced (the
    emulator), else Simkl's CDN."""
    if os.environ.get(CALENDAR_URL_ENV):
        return os.environ[CALENDAR_URL_ENV].rstrip("/")
    if api_base and api_base.rstrip("/") != API_URL:
        return api_base.rstrip("/") + "/calendar"
    return CALENDAR_URL


class CalendarFiles:
    """store: a JsonStore for calendar.json; client(): the transport (simkl/client.py get_file, base_url);
    clock(): seconds since 1970."""

    def __init__(self, store, client, clock):
        self.store = store
        self.client = client
        self.clock = clock
        self._times = None  # (tried_at, fetched_at), read once: an idle cycle's due() reads no file

    def _saved(self):
        saved = self.store.load()
        return saved if isinstance(saved, dict) else {}

    def entries(self):
        """{"shows": compact entries, "anime": ...} as last fetched ({} before the first good fetch)."""
        files = self._saved().get("files")
        return files if isinstance(files, dict) else {}

    def due(self):
        if self._times is None:
            saved = self._saved()
            self._times = (saved.get("tried_at"), saved.get("fetched_at"))
        tried, fetched = self._times
        now = int(self.clock())
        if not isinstance(tried, int) or now < tried:
            return True  # never tried, or the clock went back
        wait = REFRESH_SECONDS if isinstance(fetched, int) and fetched >= tried else RETRY_SECONDS
        return now - tried >= wait

    def refresh(self):
        """Fetches the files when due; True when what they hold changed."""
        if not self.due():
            return False
        saved, now = self._saved(), int(self.clock())
        old = self.entries()
        files, good = dict(old), True
        client = self.client()
        base = calendar_base(client.base_url)
        for type_, name in sorted(CALENDAR_FILES.items()):
            fetched = self._fetch(client, f"{base}/{name}.json")
            if fetched is None:
                good = False
            else:
                files[type_] = fetched
        saved = {"tried_at": now, "fetched_at": now if good else saved.get("fetched_at"), "files": files}
        self._times = (saved["tried_at"], saved["fetched_at"])
        try:
            self.store.save(saved)
        except OSError as failure:
            LOG.warning("calendar: not saved (%s)", type(failure).__name__)
        return files != old

    @staticmethod
    def _fetch(client, url):
        try:
            answer = client.get_file(url)
        except errors.Aborted:
            raise
        except errors.SimklError as failure:
            LOG.warning("calendar: %s; the last copy is kept", failure)
            return None
        if not isinstance(answer, list):
            LOG.warning("calendar: %s is not a list; the last copy is kept", url.rsplit("/", 1)[-1])
            return None
        return compact(answer)
