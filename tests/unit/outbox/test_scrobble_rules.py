import pytest
from simklsync.core.anime_ids import AnimeEpisode
from simklsync.core.playing import scrobble as reasons
from simklsync.core.playing.scrobble import (
    Playback,
    PlayingItem,
    ScrobbleSettings,
    due_form,
    history_after_duplicate,
    history_after_not_found,
    scrobble_entry,
    skip_reason,
)
from simklsync.core.reasons import with_detail

MOVIE = PlayingItem("movie", {"imdb": "tt0133093", "tmdb": 603}, "The Matrix", 1999, kodi_id=5,
                    path="/media/movies/matrix.mkv", duration=8160.0)
EPISODE = PlayingItem("episode", {"tvdb": 81189}, "Breaking Bad", 2008, 1, 3, kodi_id=9,
                      path="smb://nas/tv/bb/s01e03.mkv", duration=2880.0)


def settings(**changes):
    values = dict(enabled=True, movies=True, episodes=True, min_minutes=5, exclude_livetv=True,
                  exclude_http=True, exclude_plugin=True, exclude_paths=("", "", ""),
                  search_file_fallback=False)
    values.update(changes)
    return ScrobbleSettings(**values)


def test_library_movie_and_episode_are_scrobbled():
    assert skip_reason(MOVIE, settings()) is None
    assert skip_reason(EPISODE, settings()) is None


@pytest.mark.parametrize("item, changes, reason", [
    (MOVIE, {"enabled": False}, reasons.SCROBBLING_OFF),
    (MOVIE, {"movies": False}, reasons.MOVIES_OFF),
    (EPISODE, {"episodes": False}, reasons.EPISODES_OFF),
    (MOVIE._replace(path="pvr://channels/tv/1.pvr"), {}, reasons.LIVE_TV_EXCLUDED),
    (MOVIE._replace(path="https://cdn.example/x.m3u8"), {}, reasons.STREAMS_EXCLUDED),
    (MOVIE._replace(path="plugin://plugin.video.x/play", ids={}), {}, reasons.PLUGIN_WITHOUT_IDS),
    (MOVIE._replace(ids={}), {}, reasons.NO_IDS),
    (MOVIE._replace(duration=240.0), {}, with_detail(reasons.TOO_SHORT, 5)),
    (MOVIE, {"exclude_paths": ("/media/movies", "", "")}, reasons.IN_EXCLUDED_FOLDER),
    (EPISODE, {"exclude_paths": ("", "smb://nas/tv/", "")}, reasons.IN_EXCLUDED_FOLDER),
    (MOVIE._replace(media="video"), {}, reasons.NOT_MOVIE_OR_EPISODE),
    (EPISODE._replace(episode=None), {}, reasons.NO_EPISODE_NUMBERS),
])
def test_exclusions_name_their_reason(item, changes, reason):
    assert skip_reason(item, settings(**changes)) == reason


def test_opt_out_property_from_another_addon_skips_the_item():
    assert skip_reason(MOVIE, settings(), opted_out=True) == reasons.EXCLUDED_BY_ADDON


def test_exclusions_can_be_switched_off():
    relaxed = settings(exclude_livetv=False, exclude_http=False, exclude_plugin=False, min_minutes=0)
    assert skip_reason(MOVIE._replace(path="pvr://x"), relaxed) is None
    assert skip_reason(MOVIE._replace(path="http://x/y.mp4", duration=60.0), relaxed) is None
    assert skip_reason(MOVIE._replace(path="plugin://p/x"), relaxed) is None


def test_folder_prefix_does_not_match_a_sibling_folder():
    assert skip_reason(MOVIE._replace(path="/media/movies-4k/x.mkv"),
                       settings(exclude_paths=("/media/movies",))) is None


def test_unknown_duration_does_not_count_as_too_short():
    assert skip_reason(MOVIE._replace(duration=0.0), settings()) is None


def test_start_pause_resume_stop_gives_start_pause_start_stop():
    playback = Playback(duration=1000.0)
    intents = [playback.started(0.0), playback.paused(250.0), playback.resumed(250.0)]
    playback.observe(600.0)
    intents.append(playback.stopped())
    assert [(i.action, i.progress) for i in intents] == [
        ("start", 0.0), ("pause", 25.0), ("start", 25.0), ("stop", 60.0)]


def test_seek_sends_nothing_but_moves_the_position():
    playback = Playback(duration=1000.0)
    playback.started(0.0)
    assert playback.seeked(900.0) is None
    assert playback.stopped().progress == 90.0


def test_repeated_or_out_of_order_events_send_nothing():
    playback = Playback(duration=1000.0)
    assert playback.paused(10.0) is None
    assert playback.stopped() is None
    playback.started(0.0)
    assert playback.started(5.0) is None
    assert playback.resumed(5.0) is None
    playback.paused(20.0)
    assert playback.paused(20.0) is None
    playback.stopped()
    assert playback.stopped() is None and playback.resumed(30.0) is None


def test_end_of_file_reports_100_percent_even_if_the_last_poll_was_earlier():
    playback = Playback(duration=1000.0)
    playback.started(0.0)
    playback.observe(998.5)
    assert playback.stopped(ended=True).progress == 100.0
    assert playback.kodi_counts_it_watched()


def test_position_zero_reported_after_start_does_not_erase_progress():
    playback = Playback(duration=1000.0)
    playback.started(0.0)
    playback.observe(500.0)
    playback.observe(0.0)
    assert playback.stopped().progress == 50.0


def test_duration_learned_while_playing_is_used():
    playback = Playback(duration=0.0)
    assert playback.started(0.0).progress == 0.0
    playback.observe(450.0, duration=500.0)
    assert playback.stopped().progress == 90.0


def test_kodi_watched_threshold_is_separate_from_simkl_threshold():
    playback = Playback(duration=1000.0)
    playback.started(0.0)
    playback.observe(850.0)
    assert playback.stopped().progress == 85.0
    assert not playback.kodi_counts_it_watched()


def test_movie_scrobble_body_names_the_movie_with_all_ids():
    entry = scrobble_entry(MOVIE, Playback(8160.0).started(0.0), 100.0)
    assert entry["kind"] == "scrobble" and entry["action"] == "start"
    assert entry["body"] == {"progress": 0.0, "movie": {"title": "The Matrix", "year": 1999,
                                                        "ids": {"imdb": "tt0133093", "tmdb": 603}}}
    assert entry["label"] == "The Matrix (1999)"


def test_episode_scrobble_body_names_show_ids_season_and_number_flagged_as_tvdb_numbering():
    playback = Playback(2880.0)
    playback.started(0.0)
    entry = scrobble_entry(EPISODE, playback.paused(1440.0), 100.0)
    assert entry["body"] == {"progress": 50.0, "show": {"title": "Breaking Bad", "year": 2008,
                                                        "ids": {"tvdb": 81189}, "use_tvdb_anime_seasons": True},
                             "episode": {"season": 1, "number": 3}}


def test_watched_stop_never_collapses_with_later_scrobbles_of_the_item():
    playback = Playback(1000.0)
    start = scrobble_entry(MOVIE, playback.started(0.0), 1.0)
    playback.observe(950.0)
    stop = scrobble_entry(MOVIE, playback.stopped(), 2.0)
    rewatch = scrobble_entry(MOVIE, Playback(1000.0).started(0.0), 3.0)
    assert stop["group"] != rewatch["group"]
    assert start["group"] == rewatch["group"]


def test_unwatched_stop_replaces_the_pending_start():
    playback = Playback(1000.0)
    start = scrobble_entry(MOVIE, playback.started(0.0), 1.0)
    playback.observe(100.0)
    stop = scrobble_entry(MOVIE, playback.stopped(), 2.0)
    assert start["group"] == stop["group"]


def test_fresh_entries_are_sent_as_queued():
    entry = scrobble_entry(MOVIE, Playback(1000.0).started(0.0), 1000.0)
    assert due_form(entry, 1060.0) == (entry, None)


def test_old_start_is_not_reported():
    entry = scrobble_entry(MOVIE, Playback(1000.0).started(0.0), 1000.0)
    assert due_form(entry, 1000.0 + 16 * 60) == (None, reasons.START_TOO_OLD)


def test_old_watched_stop_goes_as_history_dated_when_it_happened():
    playback = Playback(2880.0)
    playback.started(0.0)
    playback.observe(2800.0)
    entry = scrobble_entry(EPISODE, playback.stopped(), 1_700_000_000.0)
    sent, reason = due_form(entry, 1_700_000_000.0 + 3600)
    assert reason is None and sent["kind"] == "history" and sent["action"] == "add"
    assert sent["body"]["shows"][0]["seasons"] == [
        {"number": 1, "episodes": [{"number": 3, "watched_at": "2023-11-14T22:13:20Z"}]}]
    assert sent["key"] == entry["key"]


def test_old_unwatched_stop_is_still_sent_as_a_scrobble():
    playback = Playback(1000.0)
    playback.started(0.0)
    playback.observe(300.0)
    entry = scrobble_entry(MOVIE, playback.stopped(), 1000.0)
    assert due_form(entry, 1000.0 + 7200) == (entry, None)


AOT = PlayingItem("episode", {"tvdb": 267440, "tmdb": 1429}, "Attack on Titan", 2013, 3, 5, kodi_id=12,
                  duration=1440.0, anime=AnimeEpisode(776433, 1, 5, "Attack on Titan Season 3", 2018, True))
AOT_HISTORY_SHOW = {"title": "Attack on Titan", "year": 2013, "ids": {"tvdb": 267440, "tmdb": 1429},
                    "use_tvdb_anime_seasons": True}


def aot_watched_stop(now=1_700_000_000.0):
    playback = Playback(AOT.duration)
    playback.started(0.0)
    playback.observe(1400.0)
    return scrobble_entry(AOT, playback.stopped(), now)


def test_an_anime_episode_the_mirror_knows_is_scrobbled_by_simkl_id_and_simkl_numbering_without_the_flag():
    entry = aot_watched_stop()
    assert entry["body"] == {"progress": 97.22, "show": {"title": "Attack on Titan Season 3", "year": 2018,
                                                         "ids": {"simkl": 776433}},
                             "episode": {"season": 1, "number": 5}}
    # Keyed by Kodi's identity, so it collapses with the same view however it was named.
    assert entry["key"].startswith("scrobble:stop:episode:tmdb=1429|tvdb=267440:s3e5:")


def test_a_watched_anime_stop_keeps_its_history_form_in_kodis_numbering_with_the_tvdb_flag():
    entry = aot_watched_stop()
    show = dict(AOT_HISTORY_SHOW, seasons=[{"number": 3, "episodes": [
        {"number": 5, "watched_at": "2023-11-14T22:13:20Z"}]}])
    assert entry["history"] == {"shows": [show]}
    late, _ = due_form(entry, 1_700_000_000.0 + 3600)  # past the 409 window: the history form goes
    assert (late["kind"], late["body"]) == ("history", {"shows": [show]})
    for follow_up in (history_after_duplicate(entry), history_after_not_found(entry, 404)):
        assert (follow_up["kind"], follow_up["action"], follow_up["body"]) == ("history", "add", {"shows": [show]})
        assert ":episode:tmdb=1429|tvdb=267440:s3e5:" in follow_up["key"]
    assert history_after_not_found(entry, 404)["last_try"] is True


def test_only_a_watched_stop_refused_with_404_falls_back_to_a_history_write():
    entry = aot_watched_stop()
    assert history_after_not_found(entry, 400) is None and history_after_not_found(entry, 409) is None
    playback = Playback(AOT.duration)
    playback.started(0.0)
    assert history_after_not_found(scrobble_entry(AOT, playback.paused(300.0), 1.0), 404) is None
    assert history_after_not_found(dict(entry, kind="history"), 404) is None


def test_an_episode_scrobble_with_a_handed_simkl_id_carries_no_tvdb_flag():
    item = EPISODE._replace(ids={"simkl": 39687})
    entry = scrobble_entry(item, Playback(2880.0).started(0.0), 1.0)
    assert "use_tvdb_anime_seasons" not in entry["body"]["show"]
