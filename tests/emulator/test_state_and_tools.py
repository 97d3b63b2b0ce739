"""Dump/load, the demo account, the big generated account, search, and the command line."""

import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.emulator.helpers import MATRIX, SHOW, Api
from tests.support.simkl_emulator import SimklEmulator
from tests.support.simkl_emulator.demo import ANIME_AOT_S3, SHOW_STRANGER_THINGS, TITLES, seed_demo
from tests.support.simkl_emulator.generate import big_account

REPO = Path(__file__).resolve().parents[2]


def test_dump_and_load_round_trip_the_whole_state(emu, api, user, tmp_path):
    user.watch_movie(MATRIX, at="2026-01-01T00:00:00Z")
    user.watch_episodes(SHOW, [(1, 1)])
    user.rate(SHOW, 8)
    user.pause(SHOW, 20, season=1, episode=2)
    path = tmp_path / "account.json"
    emu.save_file(str(path))
    with SimklEmulator() as copy:
        copy.load_file(str(path))
        copy.clock.set("2026-05-15T12:00:00Z")
        other = Api(copy)
        for endpoint in ("/sync/activities", "/sync/all-items", "/sync/playback"):
            assert other.get(endpoint, params={"extended": "full"}).json() == \
                api.get(endpoint, params={"extended": "full"}).json()
        assert copy.user("t0k").history_events() == user.history_events()


def test_demo_account_matches_its_data():
    emu = SimklEmulator()
    token = seed_demo(emu)
    with emu:
        api = Api(emu, token)
        body = api.get("/sync/all-items", params={"extended": "full_anime_seasons"}).json()
        assert {e["status"] for e in body["movies"]} == {"completed", "plantowatch"}
        assert len(body["movies"]) == sum(1 for t in TITLES if t["kind"] == "movie")
        anime_episode = body["anime"][0]["seasons"][0]["episodes"][0]
        assert anime_episode["tvdb"] == {"season": 3, "episode": 1}
        assert body["anime"][0]["show"]["ids"]["simkl"] == ANIME_AOT_S3
        paused = api.get("/sync/playback").json()
        assert paused[0]["show"]["ids"]["simkl"] == SHOW_STRANGER_THINGS and paused[0]["progress"] == 40


def test_big_account_seeds_fast_and_a_full_pull_answers_quickly():
    # Counted in this process's CPU time (the emulator answers on a thread of it): a loaded box that lends the
    # tests a fraction of a core does not make the emulator slow.
    with SimklEmulator() as emu:
        started = time.process_time()
        token, titles = big_account(emu)
        seeded = time.process_time() - started
        started = time.process_time()
        body = Api(emu, token).get("/sync/all-items", params={"extended": "full", "episode_watched_at": "yes",
                                                               "include_all_episodes": "yes"}).json()
        pulled = time.process_time() - started
    assert seeded < 1.0 and pulled < 2.5
    assert len(body["movies"]) == 5000 and len(body["shows"]) == 1000 and len(titles) == 6000
    assert sum(len(s["episodes"]) for show in body["shows"] for s in show["seasons"]) == 50000


def test_big_account_is_deterministic_for_a_seed():
    dumps = []
    for _ in range(2):
        emu = SimklEmulator()
        emu.clock.set("2026-01-01T00:00:00Z")
        big_account(emu, movies=20, shows=3, episodes_per_show=5, watched_fraction=0.5, seed=3)
        dumps.append(emu.dump())
    assert dumps[0] == dumps[1]


def test_search_id_and_search_file_resolve_from_the_catalog(api):
    found = api.get("/search/id", params={"imdb": "tt0133093"}, token=None).json()
    assert found[0]["ids"] == {"simkl": MATRIX, "slug": "the-matrix"} and found[0]["type"] == "movie"
    assert api.get("/search/id", params={"imdb": "tt0000000"}, token=None).json() == []
    episode = api.post("/search/file", {"file": "/tv/Stranger.Things.S01E03.720p.mkv"}, token=None).json()
    assert episode["type"] == "episode" and episode["episode"]["episode"] == 3
    assert episode["show"]["ids"]["simkl"] == SHOW
    assert api.post("/search/file", {"file": "unknown.mkv"}, token=None).json() is None


def test_command_line_serves_the_demo_account_and_prints_url_and_token():
    process = subprocess.Popen([sys.executable, "-m", "tests.support.simkl_emulator"], cwd=str(REPO),
                               stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().split()[-1]
        lines = [process.stdout.readline() for _ in range(3)]
        token = lines[-1].split()[-1]
        answer = requests.get(url + "/sync/activities", params={"client_id": lines[1].split()[-1]},
                              headers={"Authorization": "Bearer " + token}, timeout=5)
        assert answer.status_code == 200 and answer.json()["movies"]["completed"] is not None
    finally:
        process.terminate()
        process.wait(timeout=5)
