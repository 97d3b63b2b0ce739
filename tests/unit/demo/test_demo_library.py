"""The demo's Kodi library is derived from the emulator's demo account, numbered as a TVDB-scraped library."""
from tests.support.simkl_emulator.demo import PLAN_TO_WATCH, TITLES, WATCHED_MOVIES
from tools.demo.library import PLAYED_MOVIE, demo_movies, demo_shows, demo_title


def test_every_demo_movie_is_in_the_library_with_its_ids():
    movies = {movie.title: movie for movie in demo_movies()}

    for title in (t for t in TITLES if t["kind"] == "movie"):
        assert movies[title["title"]].uniqueids == title["ids"]
        assert movies[title["title"]].year == title["year"]


def test_anime_is_one_tvdb_series_numbered_like_the_tvdb_map():
    anime = next(show for show in demo_shows() if show.uniqueids.get("tvdb") == "267440")

    assert anime.title == "Attack on Titan"
    assert [(e.season, e.episode) for e in anime.episodes][:3] == [(3, 1), (3, 2), (3, 3)]
    assert "mal" not in anime.uniqueids  # a TVDB/TMDB-scraped Kodi library has no MAL ids


def test_show_episodes_follow_the_catalog_seasons():
    show = next(show for show in demo_shows() if show.title == "Stranger Things")

    assert [(e.season, e.episode) for e in show.episodes] == [(1, n) for n in range(1, 9)]


def test_played_movie_is_on_the_watch_list_and_not_yet_watched():
    assert PLAYED_MOVIE in PLAN_TO_WATCH
    assert PLAYED_MOVIE not in WATCHED_MOVIES
    assert demo_title(PLAYED_MOVIE)["kind"] == "movie"
