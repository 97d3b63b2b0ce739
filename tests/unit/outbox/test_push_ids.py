"""Kodi's imdbnumber holds the default scraper's id when uniqueid is empty: which id a bare number is."""
from simklsync.core.model import simkl_ids


def test_bare_number_of_a_movie_is_a_tmdb_id():
    assert simkl_ids({}, "603", "tmdb") == {"tmdb": 603}


def test_bare_number_of_a_show_is_a_tvdb_id():
    assert simkl_ids({}, "305288") == {"tvdb": 305288}


def test_imdb_number_is_imdb_whatever_the_media():
    assert simkl_ids({}, "tt0133093", "tmdb") == {"imdb": "tt0133093"}


def test_write_bodies_read_kodi_ids_by_the_same_rule_as_matching():
    from simklsync.core.model import normalize_ids

    uniqueid = {"imdb": "0133093", "tmdb": " 603 ", "tvdb": 0, "anidb": "x"}
    assert simkl_ids(uniqueid) == {"imdb": "tt0133093", "tmdb": 603}
    assert {name: str(value) for name, value in simkl_ids(uniqueid).items()} == {
        name: value for name, value in normalize_ids(uniqueid).items() if name in ("imdb", "tmdb")}
