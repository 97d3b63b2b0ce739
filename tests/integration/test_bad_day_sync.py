"""A bad day on Simkl's side (issue 25), against the emulator's cut-off fault: a valid answer missing most of the
items never unwatches the library; an emptied type is believed after two reads and the sync moves on."""
import pytest
from simklsync.core.state.sync_state import MAX_SUSPECT_CYCLES
from simklsync.simkl.errors import SimklError
from simklsync.sync.removal_guard import Answers
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import Options, SimklEmulator, demo

EXTRA = [9300000 + n for n in range(1, 58)]  # 57 more watched movies: 60 in sync with the demo's three


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.start()
        world = SyncWorld(emu, fake_kodi, tmp_path)
        for simkl in EXTRA:
            imdb = f"tt{simkl:07d}"
            emu.catalog.add_movie(simkl, f"Film {simkl}", 2000, imdb=imdb, tmdb=str(simkl))
            world.user.watch_movie(simkl, at="2026-03-01T20:00:00Z")
            world.kodi_ids[simkl] = fake_kodi.library.add_movie(f"Film {simkl}", 2000, uniqueid={"imdb": imdb},
                                                                runtime=5400)
        assert world.sync("login").completed
        assert watched(world) == 60
        emu.clock.advance(120)
        yield world


def watched(world):
    movies = list(demo.WATCHED_MOVIES) + EXTRA
    return sum(1 for simkl in movies if world.movie(simkl)["playcount"] > 0)


def test_a_cut_off_id_list_read_twice_is_held_and_the_user_told_then_recovers(world):
    world.emu.inject(kind="cut_off", path="/sync/all-items/movies", count=None)
    first = world.sync("timer")
    assert "movies ids" in first.suspect and watched(world) == 60
    second = world.sync("timer")  # the same short list again: believed by the mirror, held by the guard
    assert watched(world) == 60  # the issue allows a handful to go: none does
    assert second.held_told == ["movies"]
    held = world.state_store.load().held["movies"]
    assert held["count"] > 50 and held["in_sync"] == 60 and len(held["titles"]) == 5
    world.emu.clear_faults()
    third = world.sync("timer")  # read again whole: Simkl answers in full, the pending change is cancelled
    pulls = [r for r in world.emu.requests if r.path == "/sync/all-items/movies"]
    assert any("date_from" not in r.query and "extended" in r.query and r.query["extended"] != "simkl_ids_only"
               for r in pulls)
    assert third.held_told == [] and world.state_store.load().held == {}
    assert watched(world) == 60
    assert [r.path for r in (world.sync("timer"), world.emu.requests)[1]] == ["/sync/activities"]


def test_a_cut_off_full_pull_never_unwatches_more_than_a_handful_and_recovers(world):
    world.emu.inject(kind="cut_off", path="/sync/all-items/movies", count=None)
    told = []
    for _ in range(MAX_SUSPECT_CYCLES + 3):  # empty deltas, then whole pulls, all cut off
        told += world.sync("timer").held_told
        assert watched(world) == 60
    assert told == ["movies"]
    world.emu.clear_faults()
    assert world.sync("timer").held_told == [] and watched(world) == 60
    # Simkl is well again; the user, told, answers Apply: the type is read again first, and the read cancels it.
    world.engine.answers = _Answers({"movies": "apply"})
    world.sync("manual", replan=True)
    assert watched(world) == 60 and world.state_store.load().held == {}


def test_a_large_removal_confirmed_by_a_later_read_waits_for_the_user_and_apply_applies_it(world):
    for simkl in EXTRA[:40]:
        world.user.remove(simkl)
    world.sync("timer")  # the id list lacks 40 of 61: not believed yet
    world.sync("timer")  # the same again: believed, and held
    assert watched(world) == 60
    world.sync("timer")  # the type read whole again agrees: still waiting for the user
    assert world.state_store.load().held["movies"]["reads"] == 2 and watched(world) == 60
    world.engine.answers = _Answers({"movies": "apply"})
    world.sync("manual", replan=True)
    assert watched(world) == 20 and world.state_store.load().held == {}


def test_keep_my_library_keeps_the_items_watched_and_never_asks_again(world):
    for simkl in EXTRA[:40]:
        world.user.remove(simkl)
    for _ in range(3):
        world.sync("timer")
    world.engine.answers = _Answers({"movies": "keep"})
    world.sync("manual", replan=True)
    world.engine.answers = None
    assert watched(world) == 60 and world.state_store.load().held == {}
    again = world.sync("manual", replan=True)
    assert again.held_told == [] and watched(world) == 60


def test_the_setting_applies_a_large_removal_once_a_later_read_agrees(world):
    for simkl in EXTRA[:40]:
        world.user.remove(simkl)
    for _ in range(2):
        world.sync("timer", Settings(apply_large_removals=True))
    assert watched(world) == 60
    world.sync("timer", Settings(apply_large_removals=True))
    assert watched(world) == 20


def test_an_emptied_type_is_believed_after_two_reads_and_the_sync_advances(world):
    world.user.remove(demo.ANIME_AOT_S3)
    first = world.sync("timer")
    assert "anime ids" in first.suspect
    assert world.episode(demo.ANIME_AOT_S3, 3, 1)["playcount"] == 1
    second = world.sync("timer")
    assert second.suspect == [] and second.completed
    state = world.state_store.load()
    assert state.activities == world.client.get_activities() and state.suspect_cycles == 0
    assert list(state.mirror["items"]["anime"]) == []
    # Only 4 episodes in sync, yet an emptied type is held whatever the count: the user is told and asked.
    assert second.held_told == ["anime"] and world.episode(demo.ANIME_AOT_S3, 3, 1)["playcount"] == 1
    world.sync("timer")  # read again whole: agrees
    assert world.state_store.load().held["anime"]["reads"] == 2
    assert [r.path for r in (world.sync("timer"), world.emu.requests)[1]] == ["/sync/activities"]
    world.engine.answers = _Answers({"anime": "apply"})
    world.sync("manual", replan=True)
    assert world.episode(demo.ANIME_AOT_S3, 3, 1)["playcount"] == 0


class _Answers:
    """The user's answer in the status dialog, as the engine takes it."""

    def __init__(self, answers):
        self.answers = answers

    def read(self):
        return dict(self.answers)

    def clear(self):
        self.answers = {}


def test_a_show_cut_to_its_first_season_keeps_every_episode_watched(world):
    show = demo.SHOW_STRANGER_THINGS
    world.user.watch_episodes(show, [(2, 1), (2, 2)], at="2026-05-02T20:00:00Z")
    world.sync("timer")
    assert world.episode(show, 2, 2)["playcount"] == 1
    world.emu.clock.advance(120)
    world.emu.inject(kind="cut_off", path="/sync/all-items/shows", count=None, cut="seasons")
    result = world.sync("timer")  # the delta lists the show with season 1 only, its counter says 7
    assert result.read["shows"] == 1 and result.suspect == []
    assert world.episode(show, 2, 1)["playcount"] == 1 and world.episode(show, 2, 2)["playcount"] == 1


def test_the_users_answer_outlives_a_cycle_that_fails(world, tmp_path):
    for simkl in EXTRA[:40]:
        world.user.remove(simkl)
    for _ in range(3):
        world.sync("timer")
    answers = Answers(str(tmp_path / "large_removals.json"))
    answers.give("movies", "apply")
    world.engine.answers = answers
    world.emu.inject(status=503, path="/sync/all-items", count=None)
    with pytest.raises(SimklError):
        world.sync("manual", replan=True)
    assert answers.read() == {"movies": "apply"} and watched(world) == 60
    world.emu.clear_faults()
    world.sync("manual", replan=True)
    assert watched(world) == 20 and answers.read() == {}
