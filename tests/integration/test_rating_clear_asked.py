"""A large clear of Kodi ratings asked in the status dialog (issues 25, 26): 25 of the 30 ratings the add-on wrote
gone from Simkl at once are kept in Kodi, the status dialog shows how many and the first titles, and the user's
Apply clears them at the next cycle once Simkl's read agrees; Keep my library leaves them for good."""
import datetime
import os

import pytest
from simklsync.core.budget import DayBudget
from simklsync.core.state.store import JsonStore
from simklsync.kodi.gui.notifier import Notifier
from simklsync.script import actions as script
from simklsync.script import held_status
from simklsync.sync.removal_guard import Answers
from simklsync.sync.status_writer import StatusWriter
from test_ratings_sync import RatingWorld

from tests.support.simkl_emulator import SimklEmulator

EXTRA = [9400000 + n for n in range(30)]  # 30 movies the add-on rated 8 in Kodi from Simkl


class WallClock:
    def time(self):
        return 1_800_000_000.0


@pytest.fixture
def world(fake_kodi, tmp_path):
    fake_kodi.settings["access_token"] = "stored-token-abc123def456"
    fake_kodi.settings["account_name"] = "jane_doe"
    folder = fake_kodi.paths.translate("special://profile/addon_data/script.simkl.sync/")
    os.makedirs(folder, exist_ok=True)
    with SimklEmulator() as emu:
        emu.start()
        world = RatingWorld(emu, fake_kodi, tmp_path)
        world.engine.ratings.answers = Answers(held_status.answers_path)
        for simkl in EXTRA:
            imdb = f"tt{simkl:07d}"
            emu.catalog.add_movie(simkl, f"Film {simkl}", 2001, imdb=imdb, tmdb=str(simkl))
            world.user.rate(simkl, 8)
            world.kodi_ids[simkl] = fake_kodi.library.add_movie(f"Film {simkl}", 2001, uniqueid={"imdb": imdb},
                                                                runtime=5400)
        world.status = StatusWriter(JsonStore(os.path.join(folder, "status.json")), world.state_store, world.outbox,
                                    lambda: None, DayBudget(), WallClock())
        world.folder = folder
        assert world.sync("login").completed
        assert rated_8(world) == 30
        yield world


def rated_8(world):
    return sum(1 for simkl in EXTRA if world.kodi_rating("movie", world.kodi_ids[simkl]) == 8)


def sync_and_write_status(world, reason="timer"):
    result = world.sync(reason)
    started = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
    world.status.after_sync(result, started, None, "jane_doe", None)
    return result


def simkl_drops_25_ratings_and_the_clear_is_held(world):
    for simkl in EXTRA[5:]:
        world.user.unrate(simkl)
    result = sync_and_write_status(world)
    assert rated_8(world) == 30  # one read is not believed for so many
    assert result.ratings.held_clears["count"] == 25
    assert status_held(world)["ratings"]["count"] == 25
    return result


def status_held(world):
    return JsonStore(os.path.join(world.folder, "status.json")).load().get("held") or {}


@pytest.mark.parametrize("button, cleared", [(1, 25), (0, 0)], ids=["apply", "keep"])
def test_a_held_clear_of_kodi_ratings_is_asked_in_the_status_dialog_and_the_answer_taken_next_cycle(
        world, button, cleared):
    simkl_drops_25_ratings_and_the_clear_is_held(world)
    world.kodi.ui.answers.append(button)
    script.run(["status"])
    text = world.kodi.ui.calls_of("Dialog.textviewer")[0].args["text"]
    assert f"25 Kodi ratings Simkl no longer has would be cleared, e.g. Film {EXTRA[5]}" in text
    question = world.kodi.ui.calls_of("Dialog.yesnocustom")[0].args
    assert "Clear 25 Kodi ratings Simkl no longer has?" in question["message"]
    assert (question["yeslabel"], question["nolabel"]) == ("Apply", "Keep my library")
    result = sync_and_write_status(world)
    if button == 1:  # Apply: Simkl read again (rated_at did not move), and it agrees
        assert ("GET", "/sync/ratings/movies/1,2,3,4,5,6,7,8,9,10") in world.rating_requests()
    assert rated_8(world) == 30 - cleared
    assert all(world.kodi_rating("movie", world.kodi_ids[simkl]) == 8 for simkl in EXTRA[:5])
    assert result.ratings.held_clears is None
    assert "ratings" not in status_held(world)
    assert not os.path.exists(held_status.answers_path())  # the answer was taken
    world.user.rate(EXTRA[0], 9)  # Simkl's ratings move again: read, and the kept ones are never proposed again
    again = sync_and_write_status(world)
    assert again.ratings.held_clears is None and rated_8(world) == 29 - cleared


def test_apply_clears_nothing_when_simkls_next_read_no_longer_agrees(world):
    simkl_drops_25_ratings_and_the_clear_is_held(world)
    world.kodi.ui.answers.append(1)
    script.run(["status"])
    for simkl in EXTRA[5:10]:
        world.user.rate(simkl, 8)  # Simkl answers differently now: 20 would go, not the 25 the user saw
    result = sync_and_write_status(world)
    assert rated_8(world) == 30
    assert result.ratings.held_clears["count"] == 20  # held anew, asked again


def test_the_user_is_told_of_a_held_clear_of_kodi_ratings_once(world):
    result = simkl_drops_25_ratings_and_the_clear_is_held(world)
    Notifier().held(result)
    world.user.rate(EXTRA[0], 9)  # Simkl's ratings move again: read again, the clear still held
    again = sync_and_write_status(world)
    assert again.ratings.held_clears["count"] == 25
    Notifier().held(again)
    told = [call.args["message"] for call in world.kodi.ui.calls_of("Dialog.notification")]
    assert told == ["Held back: 25 Kodi ratings Simkl no longer has. See the status to apply or keep."]
