"""Bad input from Kodi: items without ids, ids of the wrong form, zero runtime, doubled episodes, a library
changing under a sync, huge libraries, settings with out-of-range values."""
import os
import time

import faultworld
import pytest
from addonprocess import LibraryRouter
from simklsync.core.echo import EchoFilter
from simklsync.core.outbox.queue import Outbox
from simklsync.core.state.state_store import StateStore
from simklsync.core.state.store import JsonStore
from simklsync.kodi import settings
from simklsync.kodi.library import KodiLibrary
from simklsync.kodi.marks import MarkListener
from simklsync.simkl.client import SimklClient
from simklsync.simkl.outbox_sender import flush
from simklsync.sync import engine as sync

from tests.support.memory_cache import MemoryCache
from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID


class World:
    """The demo account on the emulator, a fake-Kodi library the test fills, one engine and one outbox."""

    def __init__(self, kodi, emu, profile):
        self.kodi = kodi
        self.emu = emu
        self.user = faultworld.seed_account(emu)
        kodi.settings["access_token"] = faultworld.TOKEN
        self.echo = EchoFilter()
        self.library = KodiLibrary(self.echo, batch_size=3)
        self.state_store = StateStore(os.path.join(profile, "state.json"))
        self.outbox = Outbox(JsonStore(os.path.join(profile, "outbox.json")))
        self.client = SimklClient(TEST_CLIENT_ID, "0.1.0", token=faultworld.TOKEN, base_url=emu.url,
                                  wait=lambda seconds: False)
        self.engine = sync.SyncEngine(self.client, self.library, self.state_store, MemoryCache())
        self.router = LibraryRouter()
        self.router.process = self
        self.marks = MarkListener(self.outbox, self.echo, lambda: None)

    def sync(self, reason="login", **kwargs):
        return self.engine.run(reason, settings.SyncSettings(), pending=self.outbox.pending_marks(), **kwargs)

    def flush(self):
        return flush(self.outbox, self.client, time.time, lambda seconds: False)

    def add_movie(self, title, uniqueid, **fields):
        return self.kodi.library.add_movie(title["title"], title["year"], uniqueid=uniqueid, **fields)


MATRIX, ARRIVAL = demo.TITLES[0], demo.TITLES[3]


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.start()
        yield World(fake_kodi, emu, str(tmp_path))


def test_movie_without_any_id_is_left_alone_by_sync_and_its_mark_is_not_sent(world):
    kodi_id = world.add_movie(ARRIVAL, {}, runtime=0)
    world.kodi.library.items["movie"][kodi_id]["imdbnumber"] = ""
    assert world.sync().completed
    world.kodi.library.user_marks_watched("movie", kodi_id)
    assert world.kodi.wait_idle()
    assert len(world.outbox) == 0
    assert world.kodi.library.get("movie", kodi_id)["playcount"] == 1


@pytest.mark.parametrize("uniqueid", [
    {"imdb": "0133093"},                 # tt missing
    {"tmdb": 603},                       # a number, not a string
    {"imdb": " tt0133093 ", "tmdb": "0603"},  # padding, leading zero
    {"imdb": "TT0133093"},
    {"tmdb": "603", "imdb": "garbage"},
], ids=["imdb-without-tt", "tmdb-as-int", "padded", "upper-case-tt", "garbage-imdb"])
def test_ids_of_the_wrong_form_still_match_and_never_crash_the_sync(world, uniqueid):
    kodi_id = world.add_movie(MATRIX, uniqueid, runtime=8160)
    result = world.sync()
    assert result.completed
    assert world.kodi.library.get("movie", kodi_id)["playcount"] == 1  # Simkl has The Matrix watched


@pytest.mark.parametrize("uniqueid", [{"imdb": "tt2543164"}, {"tmdb": 329865}, {"imdb": "2543164"}],
                         ids=["imdb", "tmdb-int", "imdb-without-tt"])
def test_a_kodi_mark_with_ids_of_an_odd_form_reaches_simkl_once(world, uniqueid):
    kodi_id = world.add_movie(ARRIVAL, uniqueid, runtime=6960)
    world.sync()
    world.kodi.library.user_marks_watched("movie", kodi_id)
    assert world.kodi.wait_idle()
    assert world.flush().sent == 1
    assert [e["simkl"] for e in world.user.history_events() if e["source"] == "api"] == [demo.MOVIE_ARRIVAL]


def test_zero_runtime_gets_no_resume_point_and_is_reported(world):
    show = world.kodi.library.add_show("Fault Show", 2019, uniqueid={"tvdb": "920001"})
    episode = world.kodi.library.add_episode(show, 1, 3, runtime=0)
    world.user.pause(faultworld.EXTRA_SHOW["simkl"], 40.0, 1, 3)
    result = world.sync()
    assert result.completed
    assert world.kodi.library.get("episode", episode)["resume"]["position"] == 0
    assert any(row["reason"] == "no_runtime" for row in result.unmatched)


def test_a_double_episode_file_and_two_versions_of_an_episode_all_take_simkls_state(world):
    show = world.kodi.library.add_show("Fault Show", 2019, uniqueid={"tvdb": "920001"})
    double = "/media/tv/Fault Show/S01E01-E02.mkv"
    first = world.kodi.library.add_episode(show, 1, 1, runtime=1800, file=double)
    second = world.kodi.library.add_episode(show, 1, 2, runtime=1800, file=double)
    twin_a = world.kodi.library.add_episode(show, 2, 1, runtime=1800)
    twin_b = world.kodi.library.add_episode(show, 2, 1, runtime=1800)  # the same episode scanned twice
    world.user.watch_episodes(faultworld.EXTRA_SHOW["simkl"], [(2, 1)], at="2026-02-04T20:00:00Z")
    assert world.sync().completed
    assert [world.kodi.library.get("episode", e)["playcount"] for e in (first, second)] == [1, 1]
    # two versions of one episode: both take Simkl's state, like two versions of a movie
    assert [world.kodi.library.get("episode", e)["playcount"] for e in (twin_a, twin_b)] == [1, 1]


def test_items_removed_by_a_scan_while_the_sync_writes_fail_alone_and_the_next_sync_is_clean(world):
    ids = faultworld.build_kodi_library(world.kodi.library)
    take_snapshot = world.library.snapshot

    def snapshot_then_scan(**kwargs):
        snapshot = take_snapshot(**kwargs)
        world.kodi.library.remove_movie(ids[("movie", demo.MOVIE_INCEPTION)][1])
        world.kodi.library.add_movie("Brand New", 2026, uniqueid={"imdb": "tt9999999"})
        return snapshot

    world.library.snapshot = snapshot_then_scan
    result = world.sync()
    assert result.completed
    assert result.failed_writes == 1
    assert world.kodi.library.get("movie", ids[("movie", demo.MOVIE_MATRIX)][1])["playcount"] == 1
    world.library.snapshot = take_snapshot
    again = world.sync("scan", replan=True)
    assert again.completed and again.failed_writes == 0 and again.total_written == 0


def test_a_huge_library_syncs_in_pages_and_writes_only_what_simkl_has(world):
    for number in range(4500):
        world.kodi.library.add_movie(f"Filler {number}", 1990, uniqueid={"imdb": f"tt8{number:06d}"})
    matrix = world.add_movie(MATRIX, dict(MATRIX["ids"]), runtime=8160)
    since = len(world.kodi.rpc.calls)
    result = world.sync()
    assert result.completed
    assert result.written["movies"] == 1
    assert world.kodi.library.get("movie", matrix)["playcount"] == 1
    pages = [params["limits"] for method, params in world.kodi.rpc.calls[since:] if method == "VideoLibrary.GetMovies"]
    assert len(pages) >= 3  # 4,501 movies read in pages of 2,000
    assert all(page["end"] - page["start"] <= 2000 for page in pages)


@pytest.mark.parametrize("value,expected", [(-30, 5), (0, 5), (10 ** 9, 720), (45, 45)])
def test_sync_interval_out_of_range_is_clamped(fake_kodi, value, expected):
    fake_kodi.settings["sync_interval"] = value
    assert settings.sync_interval_minutes() == expected


def test_negative_minimum_scrobble_length_counts_as_none(fake_kodi):
    from simklsync.kodi.playback.player import read_scrobble_settings

    fake_kodi.settings["scrobble_min_minutes"] = -7
    assert read_scrobble_settings(settings.Settings()).min_minutes == 0


def test_removed_policy_out_of_range_never_unwatches(fake_kodi):
    fake_kodi.settings["removed_policy"] = 7
    assert settings.SyncSettings().unwatch_removed is False


@pytest.mark.parametrize("raw,expected", [("0133093", "tt0133093"), (" tt0133093 ", "tt0133093"),
                                          ("TT0133093", "tt0133093"), ("", None), ("nonsense", None)])
def test_kodi_imdb_ids_keep_their_leading_zeros(raw, expected):
    from simklsync.core.model import normalize_ids

    assert normalize_ids({"imdb": raw}).get("imdb") == expected


def test_a_setting_kodi_cannot_read_takes_the_default_settings_xml_declares(fake_kodi, monkeypatch):
    import xbmcaddon

    def broken(self, setting_id):
        raise TypeError("Invalid setting type")

    monkeypatch.setattr(xbmcaddon.Addon, "getSettingBool", broken)
    monkeypatch.setattr(xbmcaddon.Addon, "getSettingInt", broken)
    fake_kodi.settings["sync_movies"] = False
    fake_kodi.settings["sync_interval"] = 90
    current = settings.Settings()
    assert current.get_bool(settings.SYNC_MOVIES) is True  # settings.xml: <default>true</default>
    assert current.get_bool(settings.TITLE_YEAR_FALLBACK) is False
    assert current.sync_interval_minutes == 30
    assert current.get_bool("not_declared_yet", True) is True
