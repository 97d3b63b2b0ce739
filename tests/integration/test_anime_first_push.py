"""The running service's first sync pushes Kodi-only anime plays and resume points to an emulator that
refuses TVDB-numbered anime scrobbles: plays go in Kodi's numbering with the TVDB flag, resume points by
Simkl identity (from the mirror the same sync pulled), and each reaches Simkl once."""
import pytest
from syncworld import build_library
from test_service import RunningService

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

AOT = demo.ANIME_AOT_S3


@pytest.fixture(params=["null", "{}"], ids=["empty-null", "empty-object"])
def running(fake_kodi, monkeypatch, request):
    with SimklEmulator(Options(empty_body=request.param)) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        token = demo.seed_demo(emu)  # the demo user watched S03E01-04 of this cour on Simkl
        ids = build_library(fake_kodi.library)
        episodes = ids[AOT]
        fake_kodi.library.set_details("episode", episodes[(3, 6)], {"playcount": 1,
                                                                    "lastplayed": "2026-05-11 20:00:00"})
        fake_kodi.library.set_details("episode", episodes[(3, 7)], {"resume": {"position": 360, "total": 1440}})
        for key, value in {"access_token": token, "account_name": demo.DEMO_USER, "initial_push": 1,
                           "initial_push_asked": False, "push_resume_on_first_sync": True}.items():
            fake_kodi.settings[key] = value
        runner = RunningService(fake_kodi, emu)
        runner.token = token
        yield runner
        runner.stop()


def _anime_pauses(user):
    return [p for p in user.playbacks() if p.get("show", {}).get("ids", {}).get("simkl") == AOT]


def test_first_sync_pushes_anime_plays_and_resume_points_that_reach_simkl_once(running):
    emu, user = running.emu, running.emu.user(running.token)
    assert wait_until(lambda: (1, 6) in user.watched_episodes(AOT) and _anime_pauses(user), timeout=20)
    assert wait_until(lambda: not len(running.service.outbox), timeout=10)

    history = [r for r in emu.requests if r.path == "/sync/history"]
    [show] = [s for r in history for s in r.body.get("shows", []) if s["ids"].get("tvdb") == 267440]
    assert show["use_tvdb_anime_seasons"] is True
    assert [(s["number"], [e["number"] for e in s["episodes"]]) for s in show["seasons"]] == [(3, [6])]
    assert [e["source"] for e in user.history_events()
            if (e["simkl"], e.get("season"), e.get("episode")) == (AOT, 1, 6)] == ["api"]

    [pause] = [r for r in emu.requests if r.path == "/scrobble/pause"]
    assert pause.status == 201 and pause.body["show"]["ids"] == {"simkl": AOT}
    assert pause.body["episode"] == {"season": 1, "number": 7} and pause.body["progress"] == 25.0
    assert running.service.outbox.dropped() == []
