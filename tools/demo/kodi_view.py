"""What the demo shows of Kodi's library: one row per movie and episode, read over JSON-RPC."""
from collections import namedtuple

Row = namedtuple("Row", "key title playcount lastplayed resume")

PROPERTIES = ["playcount", "lastplayed", "resume"]


def library_rows(rig):
    """Movies, then episodes (by show, season, episode), as Rows keyed by their Kodi identity."""
    movies = rig.rpc("VideoLibrary.GetMovies", {"properties": ["title", "year"] + PROPERTIES,
                                                 "sort": {"method": "title"}}).get("movies") or []
    episodes = rig.rpc("VideoLibrary.GetEpisodes", {"properties": ["showtitle", "season", "episode"] + PROPERTIES}
                       ).get("episodes") or []
    episodes.sort(key=lambda e: (e["showtitle"], e["season"], e["episode"]))
    rows = [_row(("movie", m["movieid"]), "{} ({})".format(m["title"], m["year"]), m) for m in movies]
    rows += [_row(("episode", e["episodeid"]), "{} S{:02d}E{:02d}".format(e["showtitle"], e["season"], e["episode"]),
                  e) for e in episodes]
    return rows


def movie_id(rig, title):
    movies = rig.rpc("VideoLibrary.GetMovies", {"properties": ["title"]}).get("movies") or []
    return next(movie["movieid"] for movie in movies if movie["title"] == title)


def _row(key, title, item):
    resume = item.get("resume") or {}
    return Row(key, title, item.get("playcount") or 0, item.get("lastplayed") or "",
               (resume.get("position") or 0, resume.get("total") or 0))
