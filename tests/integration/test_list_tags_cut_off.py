"""List tags at scale against a cut-off Simkl answer (issue 25): a Plan to watch list of 40 answered with a few
of them never strips the list tag off the rest; a real removal of that many goes once a second read agrees."""
import pytest
from simklsync.core.list_tags import LISTS, TagSettings
from syncworld import Settings, SyncWorld

from tests.support.simkl_emulator import Options, SimklEmulator

NAMES = {"plantowatch": "Simkl: Plan to watch", "watching": "Simkl: Watching", "hold": "Simkl: On hold",
         "dropped": "Simkl: Dropped", "completed": "Simkl: Completed"}
PLANNED = [9500000 + n for n in range(40)]  # 40 movies on Plan to watch, in the Kodi library


def tag_settings():
    return Settings(list_tags=TagSettings(NAMES, LISTS))


@pytest.fixture
def world(fake_kodi, tmp_path):
    with SimklEmulator(Options()) as emu:
        emu.start()
        world = SyncWorld(emu, fake_kodi, tmp_path)
        for simkl in PLANNED:
            imdb = f"tt{simkl:07d}"
            emu.catalog.add_movie(simkl, f"Film {simkl}", 2002, imdb=imdb, tmdb=str(simkl))
            world.user.set_status(simkl, "plantowatch", added_at="2026-03-01T20:00:00Z")
            world.kodi_ids[simkl] = fake_kodi.library.add_movie(f"Film {simkl}", 2002, uniqueid={"imdb": imdb},
                                                                runtime=5400)
        assert world.sync("login", tag_settings()).completed
        assert tagged(world) == 40
        emu.clock.advance(120)
        yield world


def tagged(world):
    return sum(1 for simkl in PLANNED if NAMES["plantowatch"] in world.movie(simkl)["tag"])


def sync(world, reason="timer"):
    result = world.sync(reason, tag_settings())
    world.emu.clock.advance(120)
    return result


def held_tags(world):
    return (world.state_store.load().list_tags or {}).get("held", {})


def test_a_cut_off_plan_to_watch_list_read_twice_never_strips_the_tags_of_the_rest(world):
    world.emu.inject(kind="cut_off", path="/sync/all-items/movies", count=None)  # 2 of the 40 (and 1 of 4)
    sync(world)  # the first short read: the mirror does not believe it
    assert tagged(world) == 40
    sync(world)  # the same again: believed by the mirror; the tag removals are held, movies read whole next
    assert tagged(world) == 40
    assert len(held_tags(world)[NAMES["plantowatch"]]) >= 38
    world.emu.clear_faults()  # Simkl answers in full again
    sync(world)
    assert tagged(world) == 40 and held_tags(world) == {}
    sync(world, "manual")
    assert tagged(world) == 40


def test_a_real_removal_of_most_of_the_list_goes_once_a_second_read_agrees(world):
    for simkl in PLANNED[2:]:
        world.user.remove(simkl)
    cycles = []
    for _ in range(5):
        sync(world)
        cycles.append(tagged(world))
        if cycles[-1] == 2:
            break
    assert cycles[-1] == 2 and held_tags(world) == {}
    assert 40 in cycles[:-1]  # held for a cycle before: one read alone never strips them


def test_a_list_switched_off_loses_its_tags_at_once(world):
    settings = Settings(list_tags=TagSettings(NAMES, [name for name in LISTS if name != "plantowatch"]))
    world.sync("manual", settings)
    assert tagged(world) == 0
