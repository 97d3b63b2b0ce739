from core_builders import kodi_episode, kodi_movie, kodi_show
from simklsync.core.match import AMBIGUOUS, NO_SHARED_ID, NOT_IN_LIBRARY, KodiIndex
from simklsync.core.model import episode_code


def index(movies=(), shows=(), episodes=()):
    return KodiIndex(list(movies), list(shows), list(episodes))


def test_movie_matches_by_any_shared_id():
    kodi = index([kodi_movie(1, imdb="tt1375666"), kodi_movie(2, tmdb="27205"), kodi_movie(3, tvdb="99")])
    assert kodi.match_movie({"simkl": 5, "imdb": "tt1375666"}).kodi_id == 1
    assert kodi.match_movie({"simkl": 5, "tmdb": "27205"}).kodi_id == 2
    assert kodi.match_movie({"tvdb": "99"}).kodi_id == 3


def test_ids_agreeing_on_one_item_are_one_match():
    kodi = index([kodi_movie(1, imdb="tt1375666", tmdb="27205")])
    assert kodi.match_movie({"imdb": "tt1375666", "tmdb": "27205"}).kodi_id == 1


def test_imdbnumber_holding_an_imdb_id_matches():
    kodi = index([kodi_movie(1, imdbnumber="tt0133093")])
    assert kodi.match_movie({"imdb": "tt0133093"}).kodi_id == 1


def test_bare_number_in_imdbnumber_is_only_a_fallback():
    kodi = index([kodi_movie(1, imdbnumber="603"), kodi_movie(2, tmdb="604")])
    assert kodi.match_movie({"tmdb": "603"}).kodi_id == 1
    assert kodi.match_movie({"tmdb": "604"}).kodi_id == 2


def test_show_with_numeric_imdbnumber_matches_tvdb_or_tmdb():
    kodi = index(shows=[kodi_show(7, imdbnumber="81189")])
    assert kodi.match_show({"tvdb": "81189"}).kodi_id == 7
    assert kodi.match_show({"tmdb": "81189"}).kodi_id == 7


def test_tmdb_ids_of_movies_and_shows_do_not_mix():
    kodi = index([kodi_movie(1, tmdb="1399")], [kodi_show(7, tmdb="1399")])
    assert kodi.match_movie({"tmdb": "1399"}).kodi_id == 1
    assert kodi.match_show({"tmdb": "1399"}).kodi_id == 7


def test_two_kodi_copies_of_one_movie_both_match():
    kodi = index([kodi_movie(1, imdb="tt0133093"), kodi_movie(2, imdb="tt0133093")])
    found = kodi.match_movie({"imdb": "tt0133093"})
    assert found.kodi_id == 1 and found.copies == [1, 2]


def test_copies_by_one_id_but_another_id_elsewhere_are_ambiguous_not_guessed():
    kodi = index([kodi_movie(1, imdb="tt0133093"), kodi_movie(2, imdb="tt0133093"), kodi_movie(3, tmdb="603")])
    found = kodi.match_movie({"imdb": "tt0133093", "tmdb": "603"})
    assert found.kodi_id is None and found.reason == AMBIGUOUS


def test_ids_pointing_at_different_kodi_items_are_ambiguous():
    kodi = index([kodi_movie(1, imdb="tt0133093"), kodi_movie(2, tmdb="603")])
    assert kodi.match_movie({"imdb": "tt0133093", "tmdb": "603"}).reason == AMBIGUOUS


def test_same_title_without_a_shared_id_is_never_matched_but_explained():
    kodi = index([kodi_movie(1, title="The Matrix", year=1999, imdb="tt9999999")])
    found = kodi.match_movie({"imdb": "tt0133093"}, "The Matrix", 1999)
    assert found.kodi_id is None and found.reason == NO_SHARED_ID


def test_item_missing_from_kodi_is_reported_as_such():
    kodi = index([kodi_movie(1, title="Alien", imdb="tt0078748")])
    assert kodi.match_movie({"imdb": "tt0133093"}, "The Matrix", 1999).reason == NOT_IN_LIBRARY
    assert kodi.match_show({"tvdb": "1"}, "Lost", 2004).reason == NOT_IN_LIBRARY


def test_title_year_fallback_is_opt_in_and_needs_an_exact_unique_match():
    kodi = index([kodi_movie(1, title="The Matrix", year=1999), kodi_movie(2, title="Heat", year=1995),
                  kodi_movie(3, title="Heat", year=1995), kodi_movie(4, title="Alien", year=1979)])
    assert not kodi.match_movie({"imdb": "tt0133093"}, "the matrix!", 1999)
    assert kodi.match_movie({"imdb": "tt0133093"}, "the matrix!", 1999, title_year_fallback=True).kodi_id == 1
    assert not kodi.match_movie({}, "The Matrix", 2000, title_year_fallback=True)
    assert not kodi.match_movie({}, "Heat", 1995, title_year_fallback=True)
    assert not kodi.match_movie({}, "Alien", None, title_year_fallback=True)


def test_title_year_fallback_refuses_a_movie_whose_imdb_id_disagrees():
    kodi = index([kodi_movie(1, title="The Matrix", year=1999, imdb="tt9999999")])
    assert not kodi.match_movie({"imdb": "tt0133093"}, "The Matrix", 1999, title_year_fallback=True)


def test_anime_ids_from_kodi_anime_scrapers_match():
    kodi = index(shows=[kodi_show(7, anidb="8550")])
    assert kodi.match_show({"simkl": 40398, "anidb": "8550", "mal": "11061"}).kodi_id == 7


def test_slugs_never_match():
    kodi = index(shows=[kodi_show(7, slug="lost")])
    assert not kodi.match_show({"slug": "lost"})


def test_episodes_are_indexed_by_show_season_and_number():
    kodi = index(shows=[kodi_show(7, tvdb="1")],
                 episodes=[kodi_episode(70, 7, 1, 1), kodi_episode(71, 7, 1, 2), kodi_episode(80, 8, 1, 1),
                           {"episodeid": 99, "tvshowid": 7}])
    assert kodi.show_episodes(7) == {episode_code(1, 1): [70], episode_code(1, 2): [71]}
    assert kodi.show_episodes(123) == {}
