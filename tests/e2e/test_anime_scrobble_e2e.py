"""Anime played to the end in a real Kodi reaches Simkl as watched exactly once, while the emulator refuses
TVDB-numbered anime scrobbles as the live service does (404 past the first cour).

Kodi holds the series the TVDB way (Attack on Titan S03E05, S03E13); Simkl files season 3 as two cours of
their own, numbered 1..12 and 1..10. The user has watched S03E01-04 on Simkl, so the add-on's mirror maps
that cour. A Kodi-side mark of an anime episode reaches Simkl once too."""
import pytest
from scrobble_helpers import (
    ADDON_SETTINGS,
    SEND_TIMEOUT,
    TOKEN,
    wait_for_empty_outbox,
    wait_for_startup_sync,
)

from tests.support.kodi_rig import EpisodeSpec, ShowSpec, wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

pytestmark = pytest.mark.e2e

PART_1 = demo.ANIME_AOT_S3
PART_2 = 1092834
VIDEO_SECONDS = 30
PLAYER_TIMEOUT = 60
SERIES = ShowSpec("Attack on Titan", 2013, uniqueids={"tvdb": "267440", "tmdb": "1429"}, episodes=[
    EpisodeSpec(3, 5, runtime=24, video_seconds=VIDEO_SECONDS),
    EpisodeSpec(3, 13, runtime=24, video_seconds=VIDEO_SECONDS),
    EpisodeSpec(3, 6, runtime=24),
])


@pytest.fixture(scope="module")
def simkl():
    emu = SimklEmulator(Options())
    assert emu.options.anime_scrobble_strict and not emu.options.scrobble_honours_tvdb_flag
    demo.add_title(emu, next(t for t in demo.TITLES if t["simkl"] == PART_1))
    emu.catalog.add_anime(PART_2, "Attack on Titan Season 3 Part 2", 2019, mal=38524, tvdb=267440, tmdb=1429,
                          episodes=10, runtime=24, tvdb_map={ep: (3, 12 + ep) for ep in range(1, 11)})
    user = emu.add_user(TOKEN, "e2e_user", "free")
    user.watch_episodes(PART_1, [(1, n) for n in range(1, 5)], at="2026-05-10T18:00:00Z")
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def kodi_rig_options(simkl):
    return {"env": {"SIMKL_API_URL": simkl.url}, "addon_settings": dict(ADDON_SETTINGS),
            "library": {"shows": [SERIES], "real_videos": True}}


@pytest.fixture(scope="module")
def episodes(kodi):
    wait_for_startup_sync(kodi)
    found = kodi.rpc("VideoLibrary.GetEpisodes", {"properties": ["season", "episode", "playcount"]})
    return {(e["season"], e["episode"]): e["episodeid"] for e in found.get("episodes") or []}


def _play_to_the_end(kodi, episodeid):
    notes = kodi.notification_mark()
    kodi.play_episode(episodeid, timeout=PLAYER_TIMEOUT)
    wait_until(lambda: kodi.player_time() >= 1, PLAYER_TIMEOUT, message="playback under way")
    kodi.seek(VIDEO_SECONDS - 2)
    stop = kodi.wait_for_notification("Player.OnStop", timeout=PLAYER_TIMEOUT, since=notes)
    assert stop["data"]["end"] is True


def _watches(simkl, title, number):
    return [e["source"] for e in simkl.user(TOKEN).history_events()
            if (e["simkl"], e.get("season"), e.get("episode")) == (title, 1, number)]


def _requests(simkl, path, since):
    return [(r.status, r.body) for r in simkl.requests[since:] if r.path == path]


def _playcount(kodi, episodeid):
    details = kodi.rpc("VideoLibrary.GetEpisodeDetails", {"episodeid": episodeid, "properties": ["playcount"]})
    return details["episodedetails"]["playcount"]


def test_tvdb_season_3_episode_goes_out_by_simkl_id_and_number_and_is_watched_once(kodi, simkl, episodes):
    since = len(simkl.requests)
    _play_to_the_end(kodi, episodes[(3, 5)])
    wait_until(lambda: _watches(simkl, PART_1, 5), SEND_TIMEOUT, interval=0.5, message="S03E05 on Simkl")
    wait_for_empty_outbox(kodi)

    assert _watches(simkl, PART_1, 5) == ["scrobble"]
    [(status, body)] = _requests(simkl, "/scrobble/stop", since)
    assert status == 201
    assert body["show"]["ids"] == {"simkl": PART_1} and body["episode"] == {"season": 1, "number": 5}
    assert _requests(simkl, "/sync/history", since) == []
    assert all(r.query.get("client_id") and r.query.get("app-name") and r.query.get("app-version")
               for r in simkl.requests[since:])
    assert _playcount(kodi, episodes[(3, 5)]) == 1
    assert kodi.log_errors() == []


def test_episode_of_a_cour_the_mirror_does_not_map_falls_back_to_a_history_write_and_is_watched_once(
        kodi, simkl, episodes):
    since = len(simkl.requests)
    _play_to_the_end(kodi, episodes[(3, 13)])  # Simkl's Part 2 episode 1; the mirror knows only Part 1
    wait_until(lambda: _watches(simkl, PART_2, 1), SEND_TIMEOUT, interval=0.5, message="S03E13 on Simkl")
    wait_for_empty_outbox(kodi)

    assert _watches(simkl, PART_2, 1) == ["api"]
    assert _watches(simkl, PART_1, 13) == []
    assert [status for status, _ in _requests(simkl, "/scrobble/stop", since)] == [404]
    [(status, body)] = _requests(simkl, "/sync/history", since)
    show = body["shows"][0]
    assert status == 201 and show["use_tvdb_anime_seasons"] is True
    assert show["ids"] == {"tvdb": 267440, "tmdb": 1429}
    assert [(s["number"], [e["number"] for e in s["episodes"]]) for s in show["seasons"]] == [(3, [13])]
    assert kodi.log_errors() == []


def test_anime_episode_marked_watched_in_kodi_is_watched_on_simkl_once(kodi, simkl, episodes):
    since = len(simkl.requests)
    kodi.rpc("VideoLibrary.SetEpisodeDetails", {"episodeid": episodes[(3, 6)], "playcount": 1})
    wait_until(lambda: _watches(simkl, PART_1, 6), SEND_TIMEOUT, interval=0.5, message="S03E06 on Simkl")
    wait_for_empty_outbox(kodi)

    assert _watches(simkl, PART_1, 6) == ["api"]
    [(status, body)] = _requests(simkl, "/sync/history", since)
    show = body["shows"][0]
    assert status == 201 and show["use_tvdb_anime_seasons"] is True and show["ids"] == {"tvdb": 267440, "tmdb": 1429}
    assert _requests(simkl, "/scrobble/stop", since) == []
    assert kodi.log_errors() == []
