"""The ids other add-ons hand over in script.simkl.ids / script.trakt.ids: parsing, completion from the
playing tag, and stale values."""
import json

import pytest
from simklsync.core.playing.plugin_ids import SIMKL_PROPERTY, TRAKT_PROPERTY, Handover, PlayingTag, identify, parse

PLUGIN_PATH = "plugin://plugin.video.x/play/603"
MOVIE_TAG = PlayingTag("movie", None, None, (PLUGIN_PATH,))
EPISODE_TAG = PlayingTag("episode", 1, 3, (PLUGIN_PATH,))
VIDEO_TAG = PlayingTag("video", None, None, (PLUGIN_PATH,))


def trakt(**ids):
    return json.dumps(ids)


def test_trakt_ids_keep_what_simkl_knows_and_drop_trakts_own():
    handed, why = parse(TRAKT_PROPERTY, trakt(tmdb=603, imdb="tt0133093", tvdb="169", trakt=481,
                                              slug="the-matrix-1999"))
    assert why is None
    assert handed.ids == {"tmdb": 603, "imdb": "tt0133093", "tvdb": 169}
    assert (handed.media, handed.season, handed.episode, handed.paths) == ("", None, None, ())


def test_simkl_ids_say_movie_or_episode_with_numbers_title_and_path():
    text = json.dumps({"type": "episode", "simkl": 17465, "mal": "16498", "anidb": 9541, "season": "3",
                       "episode": 1, "title": "Attack on Titan", "year": 2013, "path": PLUGIN_PATH})
    handed, _ = parse(SIMKL_PROPERTY, text)
    assert handed.ids == {"simkl": 17465, "mal": 16498, "anidb": 9541}
    assert (handed.media, handed.season, handed.episode) == ("episode", 3, 1)
    assert (handed.title, handed.year, handed.paths) == ("Attack on Titan", 2013, (PLUGIN_PATH,))


def test_nested_ids_object_is_read_too():
    handed, _ = parse(SIMKL_PROPERTY, json.dumps({"type": "movie", "ids": {"imdb": "tt0133093"}}))
    assert handed.ids == {"imdb": "tt0133093"}


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    (None, "empty"),
    ("{not json", "not JSON"),
    ("[603]", "not a JSON object"),
    ("null", "not a JSON object"),
    ('"tt0133093"', "not a JSON object"),
    (trakt(trakt=481, slug="the-matrix-1999"), "no id Simkl knows"),
    (trakt(tmdb=0, imdb="603", tvdb=-4), "no id Simkl knows"),
    (trakt(tmdb=True, imdb=["tt0133093"], tvdb={"id": 1}), "no id Simkl knows"),
    (trakt(tmdb=603.5), "no id Simkl knows"),
    ('{"tmdb": 603, "x": "' + "a" * 9000 + '"}', "too long"),
])
def test_unusable_values_say_why(text, reason):
    assert parse(TRAKT_PROPERTY, text) == (None, reason)


def test_bad_numbers_are_left_unknown_not_guessed():
    handed, _ = parse(SIMKL_PROPERTY, json.dumps({"tmdb": 1399, "season": -1, "episode": 0, "year": "x"}))
    assert (handed.season, handed.episode, handed.year) == (None, None, 0)


def test_a_movie_type_drops_episode_numbers():
    handed, _ = parse(SIMKL_PROPERTY, json.dumps({"type": "movie", "tmdb": 603, "season": 1, "episode": 2}))
    assert (handed.season, handed.episode) == (None, None)


def test_trakt_ids_for_an_episode_take_the_numbers_from_the_playing_tag():
    handed, _ = parse(TRAKT_PROPERTY, trakt(tmdb=1399, tvdb=121361))
    found, why = identify(handed, EPISODE_TAG)
    assert why is None
    assert (found.media, found.season, found.episode) == ("episode", 1, 3)


def test_a_plain_video_tag_with_season_and_episode_is_an_episode_without_them_a_movie():
    handed, _ = parse(TRAKT_PROPERTY, trakt(tmdb=1399))
    assert identify(handed, VIDEO_TAG._replace(season=2, episode=5))[0].media == "episode"
    assert identify(handed, VIDEO_TAG)[0].media == "movie"


def test_the_values_own_type_and_numbers_win_over_the_tag():
    handed, _ = parse(SIMKL_PROPERTY, json.dumps({"type": "episode", "tvdb": 121361, "season": 4,
                                                  "episode": 9}))
    found, _ = identify(handed, VIDEO_TAG._replace(season=1, episode=1))
    assert (found.media, found.season, found.episode) == ("episode", 4, 9)


def test_a_song_or_a_music_video_is_neither_movie_nor_episode():
    handed, _ = parse(TRAKT_PROPERTY, trakt(imdb="tt0133093"))
    assert identify(handed, MOVIE_TAG._replace(media="musicvideo")) == (
        None, "a musicvideo, not a movie or an episode")


def test_a_value_set_for_another_path_is_not_used():
    handed, _ = parse(SIMKL_PROPERTY, json.dumps({"tmdb": 603, "path": "plugin://plugin.video.x/play/1"}))
    assert identify(handed, MOVIE_TAG) == (None, "set for another path")
    resolved = MOVIE_TAG._replace(paths=("/media/stream.mkv", "plugin://plugin.video.x/play/1"))
    assert identify(handed, resolved)[0].ids == {"tmdb": 603}


def test_handover_takes_a_fresh_value_once_and_calls_it_stale_at_the_next_start():
    handover = Handover()
    values = {TRAKT_PROPERTY: trakt(tmdb=603)}
    handed, rejected = handover.take(values, MOVIE_TAG)
    assert handed.ids == {"tmdb": 603} and rejected == {}
    # A trailer played next: the add-on that played the movie left its value behind.
    handed, rejected = handover.take(values, MOVIE_TAG)
    assert handed is None
    assert rejected == {TRAKT_PROPERTY: "left over from an earlier playback"}


def test_a_new_value_after_a_stale_one_is_fresh_again():
    handover = Handover()
    handover.take({TRAKT_PROPERTY: trakt(tmdb=603)}, MOVIE_TAG)
    handed, _ = handover.take({TRAKT_PROPERTY: trakt(tmdb=604)}, MOVIE_TAG)
    assert handed.ids == {"tmdb": 604}


def test_values_present_when_the_service_starts_are_stale():
    values = {TRAKT_PROPERTY: trakt(tmdb=603), SIMKL_PROPERTY: json.dumps({"simkl": 53992})}
    handed, rejected = Handover(values).take(values, MOVIE_TAG)
    assert handed is None
    assert set(rejected) == {TRAKT_PROPERTY, SIMKL_PROPERTY}


def test_values_seen_at_a_library_start_are_stale_for_the_next_one():
    handover = Handover()
    values = {TRAKT_PROPERTY: trakt(tmdb=603)}
    handover.seen(values)  # a library movie started while the value was there
    assert handover.take(values, MOVIE_TAG)[0] is None


def test_ours_wins_and_an_unusable_one_of_ours_falls_back_to_trakts():
    handover = Handover()
    both = {SIMKL_PROPERTY: json.dumps({"simkl": 53992}), TRAKT_PROPERTY: trakt(tmdb=603)}
    assert handover.take(both, MOVIE_TAG)[0].source == SIMKL_PROPERTY
    broken = {SIMKL_PROPERTY: "{oops", TRAKT_PROPERTY: trakt(tmdb=604)}
    handed, rejected = handover.take(broken, MOVIE_TAG)
    assert (handed.source, handed.ids) == (TRAKT_PROPERTY, {"tmdb": 604})
    assert rejected == {SIMKL_PROPERTY: "not JSON"}


def test_no_property_set_is_no_ids_and_no_complaint():
    assert Handover().take({}, MOVIE_TAG) == (None, {})
