"""Resume across devices, the decisions: which saved session is this video's, and whether to offer a jump
(times are epoch seconds of an injected clock)."""
import pytest
from simklsync.core.playing.resume_offer import (
    ALWAYS,
    ASK,
    NEVER,
    OFFER_WITHIN_SECONDS,
    KodiPoint,
    Offer,
    decide,
    matching_session,
    mode,
    playback_moved,
)

NOW = 1_800_000_000
HOUR = 3600
MATRIX = {"imdb": "tt0133093", "tmdb": 603}


def movie_session(progress=50.0, paused_at=NOW - HOUR, ids=None, id_=1):
    return {"id": id_, "kind": "movie", "simkl": 53992, "ids": ids or {"simkl": 53992, "imdb": "tt0133093"},
            "title": "The Matrix", "year": 1999, "progress": progress, "paused_at": paused_at, "anime": False}


def episode_session(season, episode, tvdb=None, paused_at=NOW - HOUR, progress=40.0):
    session = {"id": 2, "kind": "episode", "simkl": 11121, "ids": {"simkl": 11121, "tvdb": "81189"},
               "title": "Breaking Bad", "progress": progress, "paused_at": paused_at, "anime": bool(tvdb),
               "season": season, "episode": episode, "tvdb_season": None, "tvdb_episode": None}
    if tvdb:
        session["tvdb_season"], session["tvdb_episode"] = tvdb
    return session


def offer(session, kodi=KodiPoint(0.0, None), total=6000.0, current=0.0, started=NOW, now=NOW + 2,  # noqa: B008 - an immutable namedtuple
          account="free"):
    return decide(session, kodi, total, current, started, now, account)


# ---- which session ----------------------------------------------------------------------------------

def test_a_movie_session_matches_by_any_shared_id():
    session = movie_session()
    assert matching_session([session], "movie", MATRIX) is session
    assert matching_session([session], "movie", {"tmdb": 604}) is None


def test_the_newest_of_several_sessions_wins():
    old, new = movie_session(paused_at=NOW - 2 * HOUR, id_=1), movie_session(paused_at=NOW - HOUR, id_=2)
    assert matching_session([new, old], "movie", MATRIX)["id"] == 2
    assert matching_session([old, new], "movie", MATRIX)["id"] == 2


def test_an_episode_session_matches_the_show_and_the_numbers():
    sessions = [episode_session(1, 3), episode_session(1, 4)]
    found = matching_session(sessions, "episode", {"tvdb": 81189}, 1, 4)
    assert (found["season"], found["episode"]) == (1, 4)
    assert matching_session(sessions, "episode", {"tvdb": 81189}, 2, 4) is None
    assert matching_session(sessions, "movie", {"tvdb": 81189}) is None


def test_an_anime_session_is_matched_by_its_tvdb_numbers_the_way_kodi_numbers_it():
    session = episode_session(1, 13, tvdb=(2, 1))
    assert matching_session([session], "episode", {"tvdb": 81189}, 2, 1) is session
    assert matching_session([session], "episode", {"tvdb": 81189}, 1, 13) is None


def test_unreadable_sessions_are_passed_over():
    assert matching_session([None, "x", {"ids": None}, movie_session()], "movie", MATRIX)["id"] == 1
    assert matching_session(None, "movie", MATRIX) is None


# ---- whether to offer -------------------------------------------------------------------------------

def test_a_newer_pause_elsewhere_is_offered_in_seconds_of_this_video():
    assert offer(movie_session(progress=50.0), KodiPoint(600.0, NOW - 2 * HOUR)) == Offer(
        3000, 600.0, 50.0, NOW - HOUR)


def test_a_pause_older_than_kodis_last_play_is_not_offered():
    assert offer(movie_session(), KodiPoint(600.0, NOW - HOUR + 1)) is None


def test_never_played_in_kodi_is_offered():
    assert offer(movie_session(progress=10.0)).position == 600


@pytest.mark.parametrize("kodi_position, current", [(3010.0, 0.0), (0.0, 2985.0)])
def test_no_offer_when_kodi_resumes_there_anyway_or_the_player_is_already_there(kodi_position, current):
    assert offer(movie_session(progress=50.0), KodiPoint(kodi_position, None), current=current) is None


@pytest.mark.parametrize("progress", [0.2, 96.0])
def test_no_offer_near_the_start_or_in_the_credits(progress):
    assert offer(movie_session(progress=progress)) is None


def test_a_short_video_scales_the_thresholds_down():
    assert offer(movie_session(progress=40.0), total=30.0).position == 12
    assert offer(movie_session(progress=40.0), total=30.0, current=10.0) is None
    assert offer(movie_session(progress=5.0), total=30.0) is None


def test_no_offer_without_a_length_to_turn_the_percent_into_a_position():
    assert offer(movie_session(), total=0.0) is None
    assert offer(movie_session(), total=None) is None


def test_no_offer_once_the_playback_has_run_too_long():
    assert offer(movie_session(), now=NOW + OFFER_WITHIN_SECONDS - 1) is not None
    assert offer(movie_session(), now=NOW + OFFER_WITHIN_SECONDS + 1) is None


def test_a_session_past_the_accounts_retention_is_gone_on_simkl():
    eight_days = NOW - 8 * 86400
    assert offer(movie_session(paused_at=eight_days)) is None
    assert offer(movie_session(paused_at=eight_days), account="pro") is not None


def test_no_session_or_a_damaged_one_offers_nothing():
    assert offer(None) is None
    assert offer(dict(movie_session(), progress="50")) is None
    assert offer(dict(movie_session(), paused_at=None)) is None


# ---- the gate and the setting -----------------------------------------------------------------------

SAVED = {"all": "2026-11-30T10:00:00Z", "movies": {"all": "2026-11-30T10:00:00Z",
                                                   "playback": "2026-11-30T09:00:00Z"}}


def test_playback_moved_only_when_its_stamp_did():
    assert not playback_moved(SAVED, SAVED)
    moved = {"all": "2026-12-01T10:00:00Z", "movies": {"all": "2026-12-01T10:00:00Z",
                                                       "playback": "2026-12-01T10:00:00Z"}}
    assert playback_moved(SAVED, moved)
    rated = {"all": "2026-12-01T10:00:00Z", "movies": dict(SAVED["movies"], all="2026-12-01T10:00:00Z",
                                                           rated_at="2026-12-01T10:00:00Z")}
    assert not playback_moved(SAVED, rated)


def test_without_saved_activities_the_list_is_asked():
    assert playback_moved(None, SAVED)
    assert playback_moved("garbage", SAVED)


def test_setting_values():
    assert [mode(v) for v in (ASK, ALWAYS, NEVER, 7, None, "1")] == [ASK, ALWAYS, NEVER, ASK, ASK, ASK]


def test_a_device_clock_days_ahead_does_not_hide_a_newer_pause_elsewhere():
    # Kodi's lastplayed came off a clock 2 days ahead: on Simkl's clock it was 2 hours ago, before the pause.
    ahead = 2 * 86400
    kodi = KodiPoint(600.0, NOW - 2 * HOUR + ahead)
    assert decide(movie_session(), kodi, 6000.0, 0.0, NOW + ahead, NOW + ahead + 2, "free") is None
    assert decide(movie_session(), kodi, 6000.0, 0.0, NOW + ahead, NOW + ahead + 2, "free",
                  correction=-ahead) == Offer(3000, 600.0, 50.0, NOW - HOUR)


def test_a_device_clock_days_behind_does_not_offer_a_pause_kodi_played_past():
    behind = 3 * 86400
    kodi = KodiPoint(600.0, NOW - HOUR + 60 - behind)  # played here a minute after the pause elsewhere
    assert decide(movie_session(), kodi, 6000.0, 0.0, NOW - behind, NOW - behind + 2, "free") is not None
    assert decide(movie_session(), kodi, 6000.0, 0.0, NOW - behind, NOW - behind + 2, "free",
                  correction=behind) is None
