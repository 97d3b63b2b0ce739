"""Issue 27 in a real Kodi playing a real short video: an Up Next library episode played to the end moves that
show's Up Next to the following episode once Simkl accepted the scrobble, with the reload property bumped once."""
import pytest
from scrobble_helpers import ADDON_SETTINGS, TOKEN, wait_for_empty_outbox, wait_for_startup_sync

from tests.support.kodi_rig import EpisodeSpec, ShowSpec, wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

pytestmark = pytest.mark.e2e

VIDEO_SECONDS = 30
PLAYER_TIMEOUT = 60
RELOAD = "Window(Home).Property(SimklSync.Widgets.Reload)"
STRANGER = next(t for t in demo.TITLES if t["simkl"] == demo.SHOW_STRANGER_THINGS)
SERIES = ShowSpec(STRANGER["title"], STRANGER["year"], uniqueids=dict(STRANGER["ids"]), episodes=[
    EpisodeSpec(1, 6, runtime=50, video_seconds=VIDEO_SECONDS),
    EpisodeSpec(1, 7, runtime=50),
])


@pytest.fixture(scope="module")
def simkl():
    emu = SimklEmulator(Options())
    demo.add_title(emu, STRANGER)
    user = emu.add_user(TOKEN, "e2e_user", "free")
    user.watch_episodes(demo.SHOW_STRANGER_THINGS, [(1, n) for n in range(1, 6)], at="2026-05-01T22:00:00Z")
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
    found = kodi.rpc("VideoLibrary.GetEpisodes", {"properties": ["season", "episode"]})
    return {(e["season"], e["episode"]): e["episodeid"] for e in found.get("episodes") or []}


def reload_value(kodi):
    return kodi.rpc("XBMC.GetInfoLabels", {"labels": [RELOAD]})[RELOAD]


def up_next(kodi):
    path = f"plugin://script.simkl.sync/?list=upnext&reload={reload_value(kodi)}"
    answer = kodi.rpc("Files.GetDirectory", {"directory": path, "media": "video", "properties": ["title"]})
    return [(item["label"], item.get("id")) for item in answer.get("files") or []]


def test_an_up_next_episode_played_to_the_end_moves_up_next_on_with_one_reload(kodi, simkl, episodes):
    wait_until(lambda: up_next(kodi), 60, message="the first Up Next")
    assert up_next(kodi) == [("Stranger Things S01E06", episodes[(1, 6)])]
    before = reload_value(kodi)
    notes = kodi.notification_mark()
    kodi.play_episode(episodes[(1, 6)], timeout=PLAYER_TIMEOUT)
    wait_until(lambda: kodi.player_time() >= 1, PLAYER_TIMEOUT, message="playback under way")
    kodi.seek(VIDEO_SECONDS - 2)
    stop = kodi.wait_for_notification("Player.OnStop", timeout=PLAYER_TIMEOUT, since=notes)
    assert stop["data"]["end"] is True
    wait_until(lambda: reload_value(kodi) != before, 120, message="the reload property to move")
    wait_for_empty_outbox(kodi)
    bumped = reload_value(kodi)
    assert up_next(kodi) == [("Stranger Things S01E07", episodes[(1, 7)])]
    kodi.wait(5)  # a second bump would follow within a second or two of the send
    assert reload_value(kodi) == bumped
