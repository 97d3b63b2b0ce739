"""The demo's Kodi library, built from the emulator's demo catalog (one source of truth for both sides).

A Kodi user's library holds what TVDB/TMDB scrapers produce: movies with IMDb/TMDB ids, shows with
TVDB ids, and anime numbered the TVDB way (Attack on Titan S03E01.., not Simkl's per-cour 1..12).
"""
from tests.support.kodi_rig import EpisodeSpec, MovieSpec, ShowSpec
from tests.support.simkl_emulator.demo import ANIME_AOT_S3, MOVIE_ARRIVAL, TITLES

# Every file is a real (tiny) video. Kodi 20 stops reporting the position ~2 s before the end of such a
# video and counts it watched only at >= 90 %, so 15 s would leave a resume point instead of a play.
VIDEO_SECONDS = 30
PLAYED_MOVIE = MOVIE_ARRIVAL  # on the Simkl plan-to-watch list, unwatched: the demo watches it in Kodi
EPISODES_PER_SHOW = {"show": 8, "anime": 6}  # a partial library, as most users have

# How the TVDB scraper names the whole series that Simkl files per cour.
KODI_SERIES = {ANIME_AOT_S3: ("Attack on Titan", 2013)}
SERIES_ID_TYPES = ("tvdb", "tmdb", "imdb")


def demo_movies():
    return [MovieSpec(title["title"], title["year"], runtime=title["runtime"], uniqueids=dict(title["ids"]),
                      video_seconds=VIDEO_SECONDS)
            for title in TITLES if title["kind"] == "movie"]


def demo_shows():
    return [_show_spec(title) for title in TITLES if title["kind"] in ("show", "anime")]


def demo_title(simkl):
    return next(title for title in TITLES if title["simkl"] == simkl)


def _show_spec(title):
    name, year = KODI_SERIES.get(title["simkl"], (title["title"], title["year"]))
    ids = {kind: title["ids"][kind] for kind in SERIES_ID_TYPES if kind in title["ids"]}
    numbers = _kodi_episode_numbers(title)[:EPISODES_PER_SHOW[title["kind"]]]
    episodes = [EpisodeSpec(season, episode, runtime=title["runtime"], video_seconds=VIDEO_SECONDS)
                for season, episode in numbers]
    return ShowSpec(name, year, uniqueids=ids, episodes=episodes)


def _kodi_episode_numbers(title):
    """(season, episode) pairs as a TVDB-scraped library numbers them."""
    if title["kind"] == "anime":
        return [title["tvdb_map"][episode] for episode in range(1, title["episodes"] + 1)]
    return [(season, episode) for season, count in sorted(title["seasons"].items())
            for episode in range(1, count + 1)]
