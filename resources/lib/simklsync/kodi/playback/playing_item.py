"""Which video plays: a library movie or episode by its Kodi id, an item another add-on handed its ids for, or
what the player's tag says; then, when asked, Simkl's /search/file answer and the mirror's anime identity."""
import logging

import xbmcgui

from ...constants import EXCLUDE_PROPERTY
from ...core.model import simkl_ids
from ...core.playing.scrobble import PlayingItem
from .. import rpc
from .plugin_playback import is_trailer, item_from_handed, new_handover, seen_at_library_start, take_handed_ids

LOG = logging.getLogger("simklsync.player")

_TAG_ID_NAMES = ("imdb", "tmdb", "tvdb", "anidb", "mal", "anilist", "kitsu")


def opted_out(path):
    """Another add-on excluded the playing item: the home-window property is "true" or the item's path."""
    value = xbmcgui.Window(10000).getProperty(EXCLUDE_PROPERTY).strip()
    return value.lower() in ("true", "1") or (bool(value) and value == path)


class PlayingItems:
    """PlayingItems(resolve_file, anime_index): resolve_file(path) -> Simkl's /search/file answer or None;
    anime_index() -> core.anime_ids.AnimeIndex (or None). Keeps the handover of ids other add-ons set in
    Home window properties."""

    def __init__(self, resolve_file=None, anime_index=None):
        self._resolve_file = resolve_file
        self._anime_index = anime_index or (lambda: None)
        self._handover = new_handover()

    def playing(self, player):
        """(PlayingItem, the ids an add-on handed for it or None) of what `player` plays now."""
        tag = player.getVideoInfoTag()
        path = player.getPlayingFile()
        duration = safe(player.getTotalTime, 0.0) or float(tag.getDuration() or 0)
        dbid, media = tag.getDbId(), tag.getMediaType()
        if dbid and dbid > 0 and media in ("movie", "episode"):
            seen_at_library_start(self._handover)
            if media == "movie":
                return _library_movie(dbid, path, duration), None
            return _library_episode(dbid, path, duration), None
        handed = take_handed_ids(self._handover, tag, path)
        if handed is not None:
            return item_from_handed(handed, tag, path, duration), handed
        return _tag_item(tag, path, duration), None

    def by_file(self, item):
        """The item with the ids Simkl's /search/file finds for its path (unchanged when it finds none)."""
        if self._resolve_file is None:
            return item
        try:
            answer = self._resolve_file(item.path)
        except Exception:  # noqa: BLE001 - the lookup is optional; the playback goes on without it
            LOG.info("file lookup failed for the playing item")
            return item
        return _item_from_search(item, answer)

    def as_anime(self, item):
        """The episode with its Simkl anime identity when the mirror knows it as one."""
        index = self._anime_index()
        if index is None or item.media != "episode" or "simkl" in item.ids:
            return item
        anime = index.identify(item.ids, item.season, item.episode)
        if anime is None:
            return item
        LOG.info("%s is Simkl anime %s episode %s%s", item.title, anime.simkl, anime.number,
                 "" if anime.exact else " (placed by its TVDB season)")
        return item._replace(anime=anime)


def _library_movie(movieid, path, duration):
    movie = rpc.call("VideoLibrary.GetMovieDetails", {
        "movieid": movieid, "properties": ["title", "year", "uniqueid", "imdbnumber", "playcount"]})
    movie = movie.get("moviedetails", {})
    return PlayingItem("movie", simkl_ids(movie.get("uniqueid"), movie.get("imdbnumber", ""), "tmdb"),
                       movie.get("title", ""), movie.get("year", 0), kodi_id=movieid,
                       playcount=movie.get("playcount", 0), path=path, duration=duration)


def _library_episode(episodeid, path, duration):
    episode = rpc.call("VideoLibrary.GetEpisodeDetails", {
        "episodeid": episodeid, "properties": ["tvshowid", "season", "episode", "playcount"]})
    episode = episode.get("episodedetails", {})
    show = rpc.call("VideoLibrary.GetTVShowDetails", {
        "tvshowid": episode.get("tvshowid"), "properties": ["title", "year", "uniqueid", "imdbnumber"]})
    show = show.get("tvshowdetails", {})
    return PlayingItem("episode", simkl_ids(show.get("uniqueid"), show.get("imdbnumber", "")),
                       show.get("title", ""), show.get("year", 0), episode.get("season"),
                       episode.get("episode"), kodi_id=episodeid, playcount=episode.get("playcount", 0),
                       path=path, duration=duration)


def _tag_item(tag, path, duration):
    """A playing item outside the library (a plugin, a file): movies may carry ids in their tag. An
    episode's tag ids name the episode, not the show, so they cannot identify it here."""
    media = tag.getMediaType()
    if media != "movie":
        return PlayingItem(media or "video", {}, tag.getTVShowTitle() or tag.getTitle(), 0,
                           _positive(tag.getSeason()), _positive(tag.getEpisode()), path=path,
                           duration=duration)
    if is_trailer(tag, path):
        LOG.info("a trailer: its tag's ids are the movie's, not the trailer's")
        return PlayingItem("movie", {}, tag.getTitle(), tag.getYear(), path=path, duration=duration)
    uniqueid = {name: tag.getUniqueID(name) for name in _TAG_ID_NAMES}
    return PlayingItem("movie", simkl_ids(uniqueid, tag.getIMDBNumber(), "tmdb"), tag.getTitle(), tag.getYear(),
                       path=path, duration=duration)


def _item_from_search(item, answer):
    """The playing item with the ids Simkl's /search/file found, if it found a movie or an episode."""
    if not isinstance(answer, dict):
        return item
    if answer.get("type") == "movie" and isinstance(answer.get("movie"), dict):
        movie = answer["movie"]
        return item._replace(media="movie", ids=simkl_ids(movie.get("ids")), title=movie.get("title", ""),
                             year=movie.get("year") or 0)
    if answer.get("type") == "episode" and isinstance(answer.get("show"), dict):
        show, episode = answer["show"], answer.get("episode") or {}
        return item._replace(media="episode", ids=simkl_ids(show.get("ids")), title=show.get("title", ""),
                             year=show.get("year") or 0, season=episode.get("season"),
                             episode=episode.get("episode"))
    return item


def _positive(number):
    return number if isinstance(number, int) and number >= 0 else None


def safe(getter, default):
    """getter(), or default when Kodi raises (it does when nothing plays any more)."""
    try:
        return getter()
    except Exception:  # noqa: BLE001 - Kodi raises when nothing plays any more
        return default
