"""The one door to Kodi's video library: snapshot reads (paged) and batched writes that announce themselves
to the echo filter first, so the OnUpdate notifications they cause are never taken for user actions."""
import logging
import time

from ..core.plan.planner import Write
from ..core.plan.write_path import RefreshTimer, file_rpc, is_bulk, light_path
from . import rpc, ui

LOG = logging.getLogger("simklsync.library")

# What Kodi keeps per media file, not per library item: a multi-episode file (S01E01E02) or a file two
# library items point at has ONE playcount, lastplayed and resume point (measured on Kodi 20.1 and 21.2:
# writing the first episode's playcount marks the second too, and only the first gets an OnUpdate).
PER_FILE_FIELDS = ("playcount", "lastplayed", "resume")

MOVIE_PROPERTIES = ["title", "year", "playcount", "lastplayed", "resume", "runtime", "uniqueid", "imdbnumber", "file"]
SHOW_PROPERTIES = ["title", "year", "uniqueid", "imdbnumber"]
RATING_PROPERTIES = ["title", "year", "uniqueid", "imdbnumber", "userrating"]
RATING_READS = {"movie": ("VideoLibrary.GetMovies", "movies", "movieid"),
                "tvshow": ("VideoLibrary.GetTVShows", "tvshows", "tvshowid")}
_RATED = {"field": "userrating", "operator": "greaterthan", "value": "0"}
# The progress bar moves at most this often: each update is a GUI message and a redraw in Kodi, and a first sync
# sends a batch every few hundred milliseconds (on a small box that GUI work competes with the writes).
PROGRESS_SECONDS = 1.0
EPISODE_PROPERTIES = [
    "tvshowid", "showtitle", "season", "episode", "playcount", "lastplayed", "resume", "runtime", "uniqueid", "file",
]


class Snapshot:
    """What Kodi's library holds right now, as the JSON-RPC dicts."""

    def __init__(self, movies, shows, episodes):
        self.movies = movies
        self.shows = shows
        self.episodes = episodes
        self._items = None

    def item(self, media, kodi_id):
        """The item as read (the values a write's journal record names as before), or None."""
        if self._items is None:
            self._items = {("movie", m.get("movieid")): m for m in self.movies}
            self._items.update((("tvshow", s.get("tvshowid")), s) for s in self.shows)
            self._items.update((("episode", e.get("episodeid")), e) for e in self.episodes)
        return self._items.get((media, kodi_id))

    def playcounts(self):
        counts = {("movie", m["movieid"]): m.get("playcount", 0) for m in self.movies}
        counts.update((("episode", e["episodeid"]), e.get("playcount", 0)) for e in self.episodes)
        return counts


class KodiLibrary:
    def __init__(self, echo, batch_size=50, page_size=2000, clock=time.monotonic, journal=None, file_writes=True):
        self.echo = echo
        self.journal = journal  # core.journal.Journal: every write Kodi accepts is recorded there
        self.last_failures = []  # [(write, Kodi's reason)] of the last apply
        self.last_unsent = []  # the writes of the last apply not sent: it was asked to stop first
        self.batch_size = batch_size
        self.page_size = page_size
        self._clock = clock
        self._files = _SharedFiles()
        self.file_writes = file_writes  # False: every write by Set*Details (the bench's and tests' old path)

    def snapshot(self, movies=True, shows=True, episodes_of=None, tags=False):
        """episodes_of: None reads every episode (one paged call for the whole library, not one per show);
        a set of tvshowids leaves the episodes to episodes_of() (a delta cycle reads a few shows only).
        tags: the movies and shows with their `tag` arrays (for the Simkl list tags)."""
        tag = ["tag"] if tags else []
        movie_list = self._read("VideoLibrary.GetMovies", MOVIE_PROPERTIES + tag, "movies") if movies else []
        show_list, episode_list = [], []
        if shows:
            show_list = self._read("VideoLibrary.GetTVShows", SHOW_PROPERTIES + tag, "tvshows")
            if show_list and episodes_of is None:
                episode_list = self._read("VideoLibrary.GetEpisodes", EPISODE_PROPERTIES, "episodes")
        self._files = _SharedFiles()
        self._files.add("movie", "movieid", movie_list)
        self._files.add("episode", "episodeid", episode_list)
        return Snapshot(movie_list, show_list, episode_list)

    def episodes_of(self, tvshowids):
        episodes = []
        for tvshowid in sorted(tvshowids):
            episodes.extend(self._read("VideoLibrary.GetEpisodes", EPISODE_PROPERTIES, "episodes",
                                       {"tvshowid": tvshowid}))
        self._files.add("episode", "episodeid", episodes)  # a multi-episode file never spans two shows
        return episodes

    def apply(self, writes, playcounts, progress=None, should_stop=None, announce=True, before=None, reason=None,
              bulk=None):
        """Send the writes in JSON-RPC batches; returns (the writes Kodi accepted, the number that failed).
        Stops between batches when asked, so an abort waits for one batch at most. `announce=False` for
        writes Kodi sends no OnUpdate for (tags: Kodi 20 announces only playcount changes), whose echo
        expectations would otherwise linger and could hide the user's next mark of the item.
        before(media, kodi_id): the item as the plan read it, for the journal (the values an undo puts back);
        reason: the journal's reason when not the cycle's. last_failures names what Kodi refused, and why.
        bulk: True/False, or None to decide by the number of writes (core/plan/write_path.py): bulk work sends
        what it can by Files.SetFileDetails (unless file_writes is off) and refreshes the open media list."""
        applied = []
        failed = 0
        self.last_failures, self.last_unsent = [], []
        writes = self._files.guard(writes, playcounts)
        total = len(writes)
        light = self.file_writes and is_bulk(total, bulk)
        sender = _Sender(self.echo, self._files, playcounts, announce, light, self._clock)
        progress = _Throttled(progress, self._clock) if progress else None
        for start in range(0, total, self.batch_size):
            if should_stop and should_stop():
                self.last_unsent = writes[start:]
                break
            chunk = writes[start:start + self.batch_size]
            failures = sender.send(chunk)
            failed += len(failures)
            rejected = {index for index, _ in failures}
            self.last_failures.extend((chunk[index], _reason(error)) for index, error in failures)
            accepted = [write for index, write in enumerate(chunk) if index not in rejected]
            if self.journal is not None and accepted:
                self.journal.kodi_writes(accepted, before, reason)
            applied.extend(accepted)
            if progress:
                progress(start + len(chunk), total)
        sender.finish()
        self._files.drop_unshared()  # after the sends: the light path needs every item's file until then
        return applied, failed

    def read_only(self, episodes_of=lambda shows: ()):
        """A Snapshot of the movies, the shows and the episodes of the tvshowids episodes_of(shows) names, for
        readers that write nothing (the widgets): the shared-file picture the next apply checks is left alone."""
        movies = self._read("VideoLibrary.GetMovies", MOVIE_PROPERTIES, "movies")
        shows = self._read("VideoLibrary.GetTVShows", SHOW_PROPERTIES, "tvshows")
        episodes = []
        for tvshowid in sorted(episodes_of(shows)):
            episodes.extend(self._read("VideoLibrary.GetEpisodes", EPISODE_PROPERTIES, "episodes",
                                       {"tvshowid": tvshowid}))
        return Snapshot(movies, shows, episodes)

    def _read(self, method, properties, key, params=None):
        return list(rpc.paged(method, dict(params or {}, properties=properties), key, self.page_size))

    # -- ratings (userrating on movies and TV shows) ---------------------------------------------------------
    def rated_items(self):
        """{model.kodi_key: item} of the movies and TV shows that carry a userrating now (one filtered read
        each: cheap enough for every cycle)."""
        rated = {}
        for media, (method, key, id_field) in RATING_READS.items():
            for item in self._read(method, RATING_PROPERTIES, key, {"filter": _RATED}):
                rated[f"kodi:{media}:{item[id_field]}"] = item
        return rated

    def rating_snapshot(self, movies=True, shows=True):
        """Every movie and TV show with the fields rating matching needs: (movies, shows)."""
        movie_list = self._read("VideoLibrary.GetMovies", RATING_PROPERTIES, "movies") if movies else []
        show_list = self._read("VideoLibrary.GetTVShows", RATING_PROPERTIES, "tvshows") if shows else []
        return movie_list, show_list

    def oldest_rows(self):
        """(movie, show): the first row of each table as Kodi lists it unsorted (the lowest id), with its file and
        date added, or None for an empty table: what tells a rebuilt library from the one the ratings were
        learnt from (core/rating_identity/library_id.py)."""
        first = []
        for method, key in (("VideoLibrary.GetMovies", "movies"), ("VideoLibrary.GetTVShows", "tvshows")):
            answer = rpc.call(method, {"properties": ["file", "dateadded"], "limits": {"start": 0, "end": 1}}) or {}
            items = answer.get(key) if isinstance(answer.get(key), list) else []
            first.append(items[0] if items and isinstance(items[0], dict) else None)
        return tuple(first)

    def rating_item(self, media, kodi_id):
        """One movie or TV show with its rating fields, or None when it is not in the library (any more)."""
        return self.details(media, kodi_id, RATING_PROPERTIES)

    def details(self, media, kodi_id, properties):
        """One movie, tvshow or episode with the properties asked, or None when it is not in the library."""
        kind = {"movie": "Movie", "tvshow": "TVShow", "episode": "Episode"}[media]
        try:
            answer = rpc.call(f"VideoLibrary.Get{kind}Details",
                              {kind.lower() + "id": int(kodi_id), "properties": list(properties)}) or {}
        except rpc.RpcError:
            return None
        details = answer.get(kind.lower() + "details")
        return details if isinstance(details, dict) else None

    def apply_ratings(self, writes, before=None, reason=None):
        """Send userrating writes (core.ratings.RatingWrite) in batches, each announced to the echo filter under
        "rating:<media>" (Kodi sends no OnUpdate for them, so the marks' namespace must not wait for one).
        Journaled like apply() (before(media, kodi_id): the item with its userrating as read before).
        Returns (the writes Kodi accepted, the number that failed)."""
        applied, failed = [], 0
        for start in range(0, len(writes), self.batch_size):
            chunk = writes[start:start + self.batch_size]
            for write in chunk:
                self.echo.expect("rating:" + write.media, write.kodi_id, write.rating)
            failures = rpc.batch([write.to_rpc() for write in chunk])
            for index, error in failures:
                LOG.warning("rating write %s %s failed: %s", chunk[index].media, chunk[index].kodi_id, error)
            rejected = {index for index, _ in failures}
            failed += len(rejected)
            accepted = [write for index, write in enumerate(chunk) if index not in rejected]
            if self.journal is not None and accepted:
                self.journal.kodi_writes(accepted, before, reason)
            applied.extend(accepted)
        return applied, failed


class _Sender:
    """One apply's batches: each write by Files.SetFileDetails where core/plan/write_path.py allows it (light
    work), by Set*Details otherwise and again by Set*Details where Kodi refused its file (an offline share, a
    path it rejects). Only the Set*Details writes are announced to the echo filter: SetFileDetails sends no
    OnUpdate, and an expectation that is never met could hide the user's next mark of the item."""

    def __init__(self, echo, files, playcounts, announce, light, clock):
        self._echo = echo
        self._files = files
        self._playcounts = playcounts
        self._announce = announce
        self._light = light
        self._refresh = RefreshTimer(clock) if light else None

    def send(self, chunk):
        """Send one batch; returns Kodi's failures as [(index in chunk, error)]."""
        paths = [self._path(write) for write in chunk]
        self._expect(write for write, path in zip(chunk, paths) if path is None)
        failures = rpc.batch([file_rpc(write, path) if path else write.to_rpc() for write, path in zip(chunk, paths)])
        refused = [index for index, _ in failures if paths[index]]
        failures = [(index, error) for index, error in failures if not paths[index]]
        if refused:
            LOG.info("%d files refused by Kodi (offline or rejected paths): written by Set*Details", len(refused))
            self._expect(chunk[index] for index in refused)
            again = rpc.batch([chunk[index].to_rpc() for index in refused])
            failures.extend((refused[index], error) for index, error in again)
        for index, error in failures:
            LOG.warning("library write %s %s failed: %s", chunk[index].media, chunk[index].kodi_id, error)
        if self._refresh is not None and len(refused) < sum(1 for path in paths if path):
            self._refresh.wrote()
            if self._refresh.due():
                ui.refresh_media_list()
        return failures

    def finish(self):
        if self._refresh is not None and self._refresh.due(end=True):
            ui.refresh_media_list()

    def _path(self, write):
        if not self._light:
            return None
        ref = (write.media, write.kodi_id)
        return light_path(write, self._files.path_of(ref), bool(self._files.sharers(ref)),
                          self._playcounts.get(ref, 0))

    def _expect(self, writes):
        if not self._announce:
            return
        for write in writes:
            playcount = write.playcount
            if playcount is None:
                playcount = self._playcounts.get((write.media, write.kodi_id), 0)
            self._echo.expect(write.media, write.kodi_id, playcount)


class _Throttled:
    """A progress callback called for the first batch, the last, and at most once a PROGRESS_SECONDS between."""

    def __init__(self, progress, clock):
        self._progress = progress
        self._clock = clock
        self._last = None

    def __call__(self, done, total):
        now = self._clock()
        if self._last is None or done >= total or now - self._last >= PROGRESS_SECONDS:
            self._last = now
            self._progress(done, total)


class _SharedFiles:
    """Which library items of the last read share a media file, and the guard that keeps a per-file
    write (PER_FILE_FIELDS) from changing an item it was not meant for."""

    def __init__(self):
        self._by_file = {}
        self._file_of = {}

    def add(self, media, id_field, items):
        for item in items:
            path, kodi_id = item.get("file"), item.get(id_field)
            if not isinstance(path, str) or not path or not isinstance(kodi_id, int):
                continue
            ref = (media, kodi_id)
            if self._file_of.get(ref) != path:
                self._file_of[ref] = path
                self._by_file.setdefault(path, []).append(ref)

    def path_of(self, ref):
        return self._file_of.get(ref)

    def sharers(self, ref):
        path = self._file_of.get(ref)
        return [other for other in self._by_file.get(path, ()) if other != ref] if path else []

    def guard(self, writes, playcounts):
        """The writes, except the per-file fields of a write whose file other items share when that would
        leave them wrong: a watched mark (or unmark) goes out only when every item of the file ends up
        the same (already, or by a write in this run); a resume point never goes to a shared file (a
        position in one episode is meaningless in a file that holds two). The items stay unsynced, so
        the next sync decides again; nothing is written that the other side would read as a new play."""
        planned = {(w.media, w.kodi_id): w.playcount for w in writes if getattr(w, "playcount", None) is not None}
        kept = []
        for write in writes:
            ref = (write.media, write.kodi_id)
            sharers = self.sharers(ref)
            if not sharers or not any(name in write.fields for name in PER_FILE_FIELDS):
                kept.append(write)
                continue
            watched = _count(planned.get(ref, playcounts.get(ref))) > 0
            agree = all((_count(planned.get(other, playcounts.get(other))) > 0) == watched for other in sharers)
            resume = write.fields.get("resume") or {}
            if agree and not (isinstance(resume, dict) and _count(resume.get("position")) > 0):
                kept.append(write)
                continue
            LOG.info("not writing %s %s: its file is shared with %s, which would change too",
                     write.media, write.kodi_id, ", ".join(f"{media} {kodi_id}" for media, kodi_id in sharers))
            rest = {name: value for name, value in write.fields.items() if name not in PER_FILE_FIELDS}
            if rest:
                kept.append(Write(write.media, write.kodi_id, write.key, rest))
        return kept

    def drop_unshared(self):
        """Only the files two items share are kept between reads: the rest answer no sharers either way, and
        a whole library's paths would stay in Kodi's memory until the next sync (a later add of a show's
        episodes still finds their sharers among themselves)."""
        self._by_file = {path: refs for path, refs in self._by_file.items() if len(refs) > 1}
        self._file_of = {ref: path for path, refs in self._by_file.items() for ref in refs}


def _count(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def _reason(error):
    """Kodi's words for a refused write, short (the status dialog lists them)."""
    return str(error)[:200]
