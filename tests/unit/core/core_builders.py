"""Builders for Simkl answers and Kodi JSON-RPC dicts used by the core tests."""
import datetime

from simklsync.core.match import KodiIndex
from simklsync.core.plan.planner import PlanSettings, plan_sync
from simklsync.core.plan.scope import EVERYTHING
from simklsync.core.state.mirror import Mirror

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 5, 14, 12, 0, 0, tzinfo=UTC)


def simkl_movie(simkl, status="completed", watched_at="2026-05-01T20:00:00Z", title="Movie", year=2010,
                **ids):
    ids = dict(ids, simkl=simkl)
    return {"status": status, "last_watched_at": watched_at if status == "completed" else None,
            "movie": {"title": title, "year": year, "ids": ids}}


def simkl_show(simkl, watched=None, status="watching", title="Show", year=2008, anime_type=None, **ids):
    """watched: {(season, episode): watched_at or (watched_at, (tvdb_season, tvdb_episode))}."""
    seasons = {}
    for (season, number), value in sorted((watched or {}).items()):
        episode = {"number": number}
        if isinstance(value, tuple):
            value, (tvdb_season, tvdb_episode) = value
            episode["tvdb"] = {"season": tvdb_season, "episode": tvdb_episode}
        episode["watched_at"] = value
        seasons.setdefault(season, []).append(episode)
    entry = {"status": status, "show": {"title": title, "year": year, "ids": dict(ids, simkl=simkl)},
             "seasons": [{"number": s, "episodes": eps} for s, eps in sorted(seasons.items())]}
    if anime_type:
        entry["anime_type"] = anime_type
    return entry


def kodi_movie(movieid, playcount=0, lastplayed="", runtime=6000, resume=None, title="Movie", year=2010,
               imdbnumber="", **uniqueid):
    return {"movieid": movieid, "title": title, "year": year, "playcount": playcount,
            "lastplayed": lastplayed, "runtime": runtime, "resume": resume or {"position": 0, "total": 0},
            "uniqueid": uniqueid, "imdbnumber": imdbnumber}


def kodi_show(tvshowid, title="Show", year=2008, imdbnumber="", **uniqueid):
    return {"tvshowid": tvshowid, "title": title, "year": year, "uniqueid": uniqueid,
            "imdbnumber": imdbnumber}


def kodi_episode(episodeid, tvshowid, season, episode, playcount=0, lastplayed="", runtime=2700, resume=None):
    return {"episodeid": episodeid, "tvshowid": tvshowid, "season": season, "episode": episode,
            "playcount": playcount, "lastplayed": lastplayed, "runtime": runtime,
            "resume": resume or {"position": 0, "total": 0}, "showtitle": "Show"}


def mirror_of(movies=(), shows=(), anime=(), playback=None):
    mirror = Mirror()
    mirror.apply_all_items("movies", {"movies": list(movies)}, full=True)
    mirror.apply_all_items("shows", {"shows": list(shows)}, full=True)
    mirror.apply_all_items("anime", {"anime": list(anime)}, full=True)
    if playback is not None:
        mirror.set_playback(playback)
    return mirror


def plan_for(mirror, movies=(), shows=(), episodes=(), synced=(), pending=None, now=NOW, tz=UTC, settings=None,
             scope=EVERYTHING):
    index = KodiIndex(list(movies), list(shows), list(episodes))
    return plan_sync(mirror, index, PlanSettings(**(settings or {})), set(synced), pending or {}, now=now, tz=tz,
                     scope=scope)


def apply_writes(writes, movies, episodes, now_text="2026-05-14 12:00:00"):
    """What Kodi does with Set*Details: playcount, lastplayed (stamped with now when a playcount is set
    without one and none exists), resume position 0 clears the point."""
    by_ref = {("movie", m["movieid"]): m for m in movies}
    by_ref.update((("episode", e["episodeid"]), e) for e in episodes)
    for write in writes:
        item = by_ref[(write.media, write.kodi_id)]
        fields = write.fields
        if "playcount" in fields:
            item["playcount"] = fields["playcount"]
            if "lastplayed" not in fields and fields["playcount"] > 0 and not item["lastplayed"]:
                item["lastplayed"] = now_text
        if "lastplayed" in fields:
            item["lastplayed"] = fields["lastplayed"]
        if "resume" in fields:
            resume = fields["resume"]
            total = resume["total"] if resume["position"] else 0
            item["resume"] = {"position": resume["position"], "total": total}
