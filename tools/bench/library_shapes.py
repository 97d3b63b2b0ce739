"""The generated titles as a Kodi library: rig specs to scan in a real Kodi, or the dicts Kodi's
VideoLibrary.Get* would answer (for the pure-core part, which needs no Kodi)."""
from typing import Any, Dict, List, Tuple

from tests.support.kodi_rig import EpisodeSpec, MovieSpec, ShowSpec

from .account import episode_keys

NO_RESUME = {"position": 0, "total": 0}


def rig_specs(titles) -> Tuple[List[MovieSpec], List[ShowSpec]]:
    movies = [MovieSpec(t["title"], t["year"], runtime=t["runtime"], uniqueids=_kodi_ids(t, ("imdb", "tmdb")))
              for t in titles if t["kind"] == "movie"]
    shows = [ShowSpec(t["title"], t["year"], uniqueids=_kodi_ids(t, ("tvdb", "imdb", "tmdb")),
                      episodes=[EpisodeSpec(season, number, runtime=t["runtime"])
                                for season, number in episode_keys(t)])
             for t in titles if t["kind"] == "show"]
    return movies, shows


def simulated_snapshot(titles) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]], List[Dict[str, Any]]]:
    """(movies, shows, episodes) as Kodi returns them for a freshly scanned, never watched library."""
    movies, shows, episodes = [], [], []
    for title in titles:
        if title["kind"] == "movie":
            movies.append({"movieid": len(movies) + 1, "title": title["title"], "year": title["year"],
                           "playcount": 0, "lastplayed": "", "resume": dict(NO_RESUME),
                           "runtime": title["runtime"] * 60, "imdbnumber": title["ids"]["imdb"],
                           "uniqueid": _kodi_ids(title, ("imdb", "tmdb")), "file": f"/m/{len(movies)}.mkv",
                           "tag": []})
            continue
        show_id = len(shows) + 1
        shows.append({"tvshowid": show_id, "title": title["title"], "year": title["year"],
                      "imdbnumber": title["ids"]["tvdb"], "uniqueid": _kodi_ids(title, ("tvdb", "imdb", "tmdb")),
                      "tag": []})
        for season, number in episode_keys(title):
            episodes.append({"episodeid": len(episodes) + 1, "tvshowid": show_id, "showtitle": title["title"],
                             "season": season, "episode": number, "playcount": 0, "lastplayed": "",
                             "resume": dict(NO_RESUME), "runtime": title["runtime"] * 60, "uniqueid": {},
                             "file": f"/s/{show_id}/{season}x{number}.mkv"})
    return movies, shows, episodes


def apply_writes(writes, movies, episodes, shows=()) -> None:
    """What Kodi's Set*Details does to the snapshot dicts (playcount, lastplayed, resume, tag)."""
    by_ref = {("movie", m["movieid"]): m for m in movies}
    by_ref.update((("episode", e["episodeid"]), e) for e in episodes)
    by_ref.update((("tvshow", s["tvshowid"]), s) for s in shows)
    for write in writes:
        by_ref[(write.media, write.kodi_id)].update(write.fields)


# The list tags (on by default) as an English Kodi names them (strings.po 32406-32410).
TAG_NAMES = {"plantowatch": "Simkl: Plan to watch", "watching": "Simkl: Watching", "hold": "Simkl: On hold",
             "dropped": "Simkl: Dropped", "completed": "Simkl: Completed"}


def _kodi_ids(title, names) -> Dict[str, str]:
    return {name: title["ids"][name] for name in names if name in title["ids"]}
