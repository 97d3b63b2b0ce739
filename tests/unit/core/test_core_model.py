from simklsync.core.model import (
    episode_code,
    episode_key,
    kodi_key,
    movie_key,
    normalize_ids,
    split_code,
)


def test_normalize_ids_makes_ids_comparable():
    raw = {"simkl": "548312", "imdb": "TT4574334", "tmdb": 66732, "tvdb": "0305288",
           "slug": "Stranger-Things"}
    assert normalize_ids(raw) == {"simkl": 548312, "imdb": "tt4574334", "tmdb": "66732", "tvdb": "305288",
                                  "slug": "stranger-things"}


def test_normalize_ids_reads_simkl_id_and_drops_empties_and_garbage():
    raw = {"simkl_id": 7, "imdb": "", "tmdb": 0, "tvdb": None, "mal": True, "anidb": {"x": 1},
           "kitsu": " ", "anilist": 3.0, "imdbx": "12"}
    assert normalize_ids(raw) == {"simkl": 7, "anilist": "3", "imdbx": "12"}


def test_normalize_ids_rejects_malformed_imdb_and_bad_simkl():
    assert normalize_ids({"imdb": "nm0000123", "simkl": -4}) == {}
    assert normalize_ids({"imdb": "1375666"}) == {"imdb": "tt1375666"}
    assert normalize_ids(None) == {}
    assert normalize_ids(["simkl", 1]) == {}


def test_keys_are_stable_json_safe_strings():
    assert movie_key(67890) == "m:67890"
    assert episode_key(12345, 1, 5) == "e:12345:1:5"
    assert kodi_key("episode", 9) == "kodi:episode:9"


def test_episode_codes_round_trip():
    for season, episode in ((0, 1), (1, 1), (2023, 145), (1, 1100)):
        assert split_code(episode_code(season, episode)) == (season, episode)
