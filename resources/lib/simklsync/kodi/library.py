"""The one door to Kodi's video library: snapshot reads (paged) and batched writes that announce themselves
to the echo filter first, so the OnUpdate notifications they cause are never taken for user actions."""
import logging

from . import rpc

LOG = logging.getLogger("simklsync.library")

MOVIE_PROPERTIES = ["title", "year", "playcount", "lastplayed", "resume", "runtime", "uniqueid", "imdbnumber", "file"]
SHOW_PROPERTIES = ["title", "year", "uniqueid", "imdbnumber"]
EPISODE_PROPERTIES = [
    "tvshowid", "showtitle", "season", "episode", "playcount", "lastplayed", "resume", "runtime", "uniqueid", "file",
]


class Snapshot:
    """What Kodi's library holds right now, as the JSON-RPC dicts."""

    def __init__(self, movies, shows, episodes):
        self.movies = movies
        self.shows = shows
        self.episodes = episodes

    def playcounts(self):
        counts = {("movie", m["movieid"]): m.get("playcount", 0) for m in self.movies}
        counts.update((("episode", e["episodeid"]), e.get("playcount", 0)) for e in self.episodes)
        return counts


class KodiLibrary:
    def __init__(self, echo, batch_size=50, page_size=2000):
        self.echo = echo
        self.batch_size = batch_size
        self.page_size = page_size

    def snapshot(self, movies=True, shows=True, episodes_of=None):
        """episodes_of: None reads every episode (one paged call for the whole library, not one per show);
        a set of tvshowids leaves the episodes to episodes_of() (a delta cycle reads a few shows only)."""
        movie_list = self._read("VideoLibrary.GetMovies", MOVIE_PROPERTIES, "movies") if movies else []
        show_list, episode_list = [], []
        if shows:
            show_list = self._read("VideoLibrary.GetTVShows", SHOW_PROPERTIES, "tvshows")
            if show_list and episodes_of is None:
                episode_list = self._read("VideoLibrary.GetEpisodes", EPISODE_PROPERTIES, "episodes")
        return Snapshot(movie_list, show_list, episode_list)

    def episodes_of(self, tvshowids):
        episodes = []
        for tvshowid in sorted(tvshowids):
            episodes.extend(self._read("VideoLibrary.GetEpisodes", EPISODE_PROPERTIES, "episodes",
                                       {"tvshowid": tvshowid}))
        return episodes

    def apply(self, writes, playcounts, progress=None, should_stop=None):
        """Send the writes in JSON-RPC batches; returns (the writes Kodi accepted, the number that failed).
        Stops between batches when asked, so an abort waits for one batch at most."""
        applied = []
        failed = 0
        total = len(writes)
        for start in range(0, total, self.batch_size):
            if should_stop and should_stop():
                break
            chunk = writes[start:start + self.batch_size]
            for write in chunk:
                playcount = write.fields.get("playcount", playcounts.get((write.media, write.kodi_id), 0))
                self.echo.expect(write.media, write.kodi_id, playcount)
            failures = rpc.batch([write.to_rpc() for write in chunk])
            for index, error in failures:
                LOG.warning("library write %s %s failed: %s", chunk[index].media, chunk[index].kodi_id, error)
            failed += len(failures)
            rejected = {index for index, _ in failures}
            applied.extend(write for index, write in enumerate(chunk) if index not in rejected)
            if progress:
                progress(start + len(chunk), total)
        return applied, failed

    def _read(self, method, properties, key, params=None):
        return list(rpc.paged(method, dict(params or {}, properties=properties), key, self.page_size))
