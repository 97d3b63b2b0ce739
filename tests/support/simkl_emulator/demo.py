"""The demo account as data: one place for the emulator seed and the matching Kodi library.

TITLES describes the catalog (every id, season/episode counts, runtimes in minutes). Anime use
Simkl numbering (season 1, episodes 1..N); `tvdb_map` gives each episode's TVDB (season, episode),
which is the numbering a Kodi library (scraped from TVDB) uses. WATCHED / PAUSED say what the
demo user has done on Simkl.
"""

from datetime import timedelta
from typing import Any, Dict, List

DEMO_TOKEN = "demo-token-0123456789abcdef"
DEMO_USER = "demo_user"

MOVIE_MATRIX, MOVIE_INCEPTION, MOVIE_ARRIVAL, MOVIE_INTERSTELLAR = 53992, 67890, 433007, 159017
SHOW_STRANGER_THINGS = 548312
ANIME_AOT_S3 = 776433

TITLES: List[Dict[str, Any]] = [
    {"kind": "movie", "simkl": MOVIE_MATRIX, "title": "The Matrix", "year": 1999, "runtime": 136,
     "ids": {"imdb": "tt0133093", "tmdb": "603"}},
    {"kind": "movie", "simkl": MOVIE_INCEPTION, "title": "Inception", "year": 2010, "runtime": 148,
     "ids": {"imdb": "tt1375666", "tmdb": "27205"}},
    {"kind": "movie", "simkl": MOVIE_INTERSTELLAR, "title": "Interstellar", "year": 2014, "runtime": 169,
     "ids": {"imdb": "tt0816692", "tmdb": "157336"}},
    {"kind": "movie", "simkl": MOVIE_ARRIVAL, "title": "Arrival", "year": 2016, "runtime": 116,
     "ids": {"imdb": "tt2543164", "tmdb": "329865"}},
    {"kind": "show", "simkl": SHOW_STRANGER_THINGS, "title": "Stranger Things", "year": 2016, "runtime": 50,
     "ids": {"imdb": "tt4574334", "tmdb": "66732", "tvdb": "305288"}, "seasons": {1: 8, 2: 9}},
    # Simkl files this cour as its own title (episodes 1-12); TVDB has it as season 3, episodes 1-12
    # of the whole series, so the Kodi library numbers it S03E01..S03E12.
    {"kind": "anime", "simkl": ANIME_AOT_S3, "title": "Attack on Titan Season 3", "year": 2018, "runtime": 24,
     "ids": {"mal": "35760", "anidb": "13241", "tvdb": "267440", "tmdb": "1429"}, "episodes": 12,
     "tvdb_map": {ep: (3, ep) for ep in range(1, 13)}},
]

# What the demo user did on Simkl.
WATCHED_MOVIES = {MOVIE_MATRIX: "2026-03-01T21:30:00Z", MOVIE_INCEPTION: "2026-04-12T20:05:00Z",
                  MOVIE_INTERSTELLAR: "2026-04-20T19:00:00Z"}
PLAN_TO_WATCH = [MOVIE_ARRIVAL]
WATCHED_EPISODES = {
    SHOW_STRANGER_THINGS: {"at": "2026-05-01T22:00:00Z", "episodes": [(1, e) for e in range(1, 6)]},
    ANIME_AOT_S3: {"at": "2026-05-10T18:00:00Z", "episodes": [(1, e) for e in range(1, 5)]},
}
RATINGS = {MOVIE_MATRIX: 9, SHOW_STRANGER_THINGS: 8}
# Pauses are dated relative to the seeding time: playback older than the plan's retention is pruned.
PAUSED = [{"simkl": SHOW_STRANGER_THINGS, "season": 1, "episode": 6, "progress": 40.0, "hours_ago": 2}]


def add_title(emu: Any, title: Dict[str, Any]) -> None:
    """Put one TITLES-style description into the emulator catalog."""
    ids = dict(title.get("ids") or {})
    common = {"simkl": title["simkl"], "title": title["title"], "year": title.get("year"),
              "runtime": title.get("runtime")}
    if title["kind"] == "movie":
        emu.catalog.add_movie(imdb=ids.pop("imdb", None), tmdb=ids.pop("tmdb", None), **common, **ids)
    elif title["kind"] == "show":
        emu.catalog.add_show(seasons=title["seasons"], **common, **ids)
    else:
        emu.catalog.add_anime(episodes=title["episodes"], tvdb_map=title.get("tvdb_map"), **common, **ids)


def seed_demo(emu: Any) -> str:
    """Create the demo catalog and user in `emu`; returns the demo user's token."""
    for title in TITLES:
        add_title(emu, title)
    user = emu.add_user(DEMO_TOKEN, DEMO_USER, "free")
    for simkl, at in WATCHED_MOVIES.items():
        user.watch_movie(simkl, at=at)
    for simkl in PLAN_TO_WATCH:
        user.set_status(simkl, "plantowatch")
    for simkl, marks in WATCHED_EPISODES.items():
        user.watch_episodes(simkl, marks["episodes"], at=marks["at"])
    for simkl, rating in RATINGS.items():
        user.rate(simkl, rating)
    for pause in PAUSED:
        paused_at = emu.clock.now() - timedelta(hours=pause["hours_ago"])
        user.pause(pause["simkl"], pause["progress"], pause["season"], pause["episode"], at=paused_at)
    return DEMO_TOKEN
