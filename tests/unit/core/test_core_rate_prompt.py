"""The rate-after-watching rules."""
import pytest
from simklsync.core.playing.rate_prompt import (
    BOTH,
    EPISODES,
    MOVIES,
    OFF,
    RateTarget,
    Watched,
    rate_target,
    setting_value,
)

MOVIE = Watched("movie", 5, 95.0)
LAST_EPISODE = Watched("episode", 40, 100.0, season=1, episode=8, show_id=3, last_in_season=8)
MIDDLE_EPISODE = LAST_EPISODE._replace(episode=4)


def ask(setting, watched, excluded=False, playing=False):
    return rate_target(setting, watched, excluded, playing)


def test_a_watched_movie_is_rated_with_the_default_setting():
    assert setting_value(None) == MOVIES
    assert ask(None, MOVIE) == RateTarget("movie", 5)


@pytest.mark.parametrize("setting, movie, episode", [
    (OFF, False, False), (MOVIES, True, False), (EPISODES, False, True), (BOTH, True, True)])
def test_the_setting_chooses_movies_episodes_both_or_none(setting, movie, episode):
    assert (ask(setting, MOVIE) is not None) == movie
    assert (ask(setting, LAST_EPISODE) is not None) == episode


def test_the_last_episode_of_a_season_rates_the_show_and_others_ask_nothing():
    assert ask(BOTH, LAST_EPISODE) == RateTarget("tvshow", 3)
    assert ask(BOTH, MIDDLE_EPISODE) is None
    assert ask(BOTH, LAST_EPISODE._replace(last_in_season=None)) is None


def test_below_the_scrobble_threshold_nothing_is_asked():
    assert ask(BOTH, MOVIE._replace(progress=79.9)) is None
    assert ask(BOTH, MOVIE._replace(progress=80.0)) is not None
    assert ask(BOTH, MOVIE._replace(progress=None)) is None


def test_never_while_another_video_plays_nor_for_excluded_items():
    assert ask(BOTH, MOVIE, playing=True) is None
    assert ask(BOTH, MOVIE, excluded=True) is None
    assert ask(BOTH, LAST_EPISODE, playing=True) is None


def test_items_outside_the_library_or_already_rated_are_not_asked():
    assert ask(BOTH, MOVIE._replace(kodi_id=-1)) is None
    assert ask(BOTH, LAST_EPISODE._replace(show_id=None)) is None
    assert ask(BOTH, MOVIE._replace(rating=7)) is None
    assert ask(BOTH, LAST_EPISODE._replace(rating=7)) is None


@pytest.mark.parametrize("raw", [-1, 4, "2", True, 2.0])
def test_an_unreadable_setting_falls_back_to_movies(raw):
    assert setting_value(raw) == MOVIES
