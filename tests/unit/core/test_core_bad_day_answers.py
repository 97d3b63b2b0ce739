"""Answers that contradict themselves are suspect (issue 25): a whole read that shrinks a type too much is believed
only at the second read in a row, a show whose episodes disagree with its own counter keeps what it lacks, and an
item another Simkl entry still claims watched is never unwatched, in a delta or a whole plan."""
import pytest
from simklsync.core.plan.scope import Scope
from simklsync.core.state.mirror import Mirror

from tests.unit.core.core_builders import kodi_episode, kodi_movie, kodi_show, mirror_of, plan_for, simkl_movie

WATCHED_AT = "2026-05-01T20:00:00Z"


def movies_body(ids):
    return {"movies": [simkl_movie(n, imdb=f"tt{n:07d}") for n in ids]}


def ids_body(ids):
    return {"movies": [{"movie": {"ids": {"simkl": n}}} for n in ids]}


def mirror_with(count):
    mirror = Mirror()
    mirror.apply_all_items("movies", movies_body(range(1, count + 1)), full=True)
    return mirror


def next_cycle(mirror):
    """The mirror as the next cycle loads it from the state file."""
    return Mirror.from_dict(mirror.to_dict())


@pytest.mark.parametrize("read", ["ids", "full"])
def test_a_whole_read_lacking_more_than_the_share_buries_nothing_the_first_time(read):
    mirror = mirror_with(2000)
    kept = range(1, 4)
    gone = mirror.apply_removals("movies", ids_body(kept)) if read == "ids" else \
        mirror.apply_all_items("movies", movies_body(kept), full=True)
    assert mirror.shrank and mirror.count("movies") == 2000 and list(mirror.removed_entries("movies")) == []
    assert read == "full" or gone == []


@pytest.mark.parametrize("count, believed", [(2000, 10), (60, 3), (12, 1), (2, 1)])
def test_a_whole_read_lacking_up_to_min_10_or_5_percent_is_believed_at_once_one_more_is_not(count, believed):
    mirror = mirror_with(count)
    assert len(mirror.apply_removals("movies", ids_body(range(believed + 1, count + 1)))) == believed
    assert not mirror.shrank and mirror.count("movies") == count - believed
    mirror = mirror_with(count)
    if believed < count:
        assert mirror.apply_removals("movies", ids_body(range(believed + 2, count + 1))) == [] and mirror.shrank


def test_the_same_shrink_at_the_next_cycle_is_real():
    mirror = mirror_with(60)
    assert mirror.apply_removals("movies", ids_body(range(1, 31))) == []
    mirror = next_cycle(mirror)
    assert mirror.apply_removals("movies", ids_body(range(1, 31))) == list(range(31, 61))
    assert not mirror.shrank and mirror.count("movies") == 30


def test_two_reads_in_one_cycle_count_as_one():
    mirror = mirror_with(60)
    mirror.apply_all_items("movies", movies_body(range(1, 11)), full=True)
    assert mirror.apply_removals("movies", ids_body(range(1, 11))) == []
    assert mirror.shrank and mirror.count("movies") == 60


@pytest.mark.parametrize("empty", [None, {}, [], {"movies": []}])
def test_an_emptied_type_is_real_at_the_second_read_in_a_row(empty):
    mirror = mirror_with(5)
    assert mirror.apply_removals("movies", empty) == [] and mirror.shrank
    mirror = next_cycle(mirror)
    assert mirror.apply_removals("movies", empty) == [1, 2, 3, 4, 5]
    assert mirror.count("movies") == 0 and not mirror.shrank


def test_a_healthy_read_between_forgets_the_shrink():
    mirror = mirror_with(60)
    mirror.apply_removals("movies", ids_body(range(1, 11)))
    mirror = next_cycle(mirror)
    assert mirror.apply_removals("movies", ids_body(range(1, 61))) == []
    mirror = next_cycle(mirror)
    assert mirror.apply_removals("movies", ids_body(range(1, 11))) == [] and mirror.shrank
    assert mirror.count("movies") == 60


def test_one_removal_is_believed_at_once_in_any_library():
    mirror = mirror_with(2)
    assert mirror.apply_removals("movies", ids_body([1])) == [2]


def show_entry(episodes, count=None, seasons=True):
    entry = {"status": "watching", "show": {"title": "Show", "ids": {"simkl": 5}},
             "watched_episodes_count": len(episodes) if count is None else count}
    if seasons:
        entry["seasons"] = [{"number": 1, "episodes": [{"number": n, "watched_at": WATCHED_AT} for n in episodes]}]
    return entry


def show_mirror(episodes):
    mirror = Mirror()
    mirror.apply_all_items("shows", {"shows": [show_entry(episodes)]}, full=True)
    return mirror


def test_a_show_without_seasons_that_says_40_watched_keeps_its_episodes():
    mirror = show_mirror(range(1, 41))
    mirror.apply_all_items("shows", {"shows": [show_entry([], count=40, seasons=False)]}, full=False)
    assert len(mirror.get("shows", 5).episodes) == 40 and mirror.skipped == 0


def test_a_show_listing_10_of_its_40_watched_keeps_the_other_30():
    mirror = show_mirror(range(1, 41))
    mirror.apply_all_items("shows", {"shows": [show_entry(range(1, 11), count=40)]}, full=False)
    assert len(mirror.get("shows", 5).episodes) == 40


def test_a_show_whose_counter_agrees_is_believed_when_episodes_are_unwatched():
    mirror = show_mirror(range(1, 41))
    mirror.apply_all_items("shows", {"shows": [show_entry(range(1, 11))]}, full=False)
    assert len(mirror.get("shows", 5).episodes) == 10


def two_entries_one_kodi_movie():
    """Two Simkl entries (a duplicate left by a catalogue merge) for one Kodi movie; the first is removed."""
    mirror = mirror_of([simkl_movie(1, imdb="tt0000001"), simkl_movie(2, imdb="tt0000001")])
    mirror.apply_removals("movies", ids_body([2]))
    kodi = [kodi_movie(10, playcount=1, lastplayed="2026-05-01 20:00:00", imdb="tt0000001")]
    return mirror, kodi


def test_a_delta_never_unwatches_an_item_another_entry_still_has_watched():
    mirror, kodi = two_entries_one_kodi_movie()
    plan = plan_for(mirror, kodi, synced={"m:1", "m:2"}, scope=Scope.of({1}))
    assert [w for w in plan.writes if w.playcount == 0] == []


def test_a_whole_plan_never_unwatches_an_item_another_entry_still_has_watched():
    mirror, kodi = two_entries_one_kodi_movie()
    plan = plan_for(mirror, kodi, synced={"m:1", "m:2"})
    assert [w for w in plan.writes if w.playcount == 0] == []


def test_a_delta_unwatches_an_item_no_other_entry_claims():
    mirror = mirror_of([simkl_movie(1, imdb="tt0000001"), simkl_movie(2, imdb="tt0000002")])
    mirror.apply_removals("movies", ids_body([2]))
    kodi = [kodi_movie(10, playcount=1, lastplayed="2026-05-01 20:00:00", imdb="tt0000001"),
            kodi_movie(20, playcount=1, lastplayed="2026-05-01 20:00:00", imdb="tt0000002")]
    plan = plan_for(mirror, kodi, synced={"m:1", "m:2"}, scope=Scope.of({1}))
    assert [(w.kodi_id, w.playcount) for w in plan.writes] == [(10, 0)]


def test_an_item_watched_on_both_sides_is_unwatched_when_its_view_is_removed_on_simkl():
    # The two-way promise: in sync (watched on both sides, not only marked by the add-on) → unwatched.
    mirror = mirror_of([simkl_movie(1, imdb="tt0000001")])
    kodi = [kodi_movie(10, playcount=1, lastplayed="2026-05-01 20:00:00", imdb="tt0000001")]
    agreed = plan_for(mirror, kodi)
    assert agreed.agreed_keys == ["m:1"] and agreed.writes == []
    assert mirror.apply_removals("movies", {"movies": [{"movie": {"ids": {"simkl": 99}}}]}) == [1]
    plan = plan_for(mirror, kodi, synced=set(agreed.agreed_keys), scope=Scope.of({1}))
    assert [(w.kodi_id, w.playcount) for w in plan.writes] == [(10, 0)]


def test_a_delta_keeps_an_episode_another_entry_still_has_watched():
    # Two anime entries (one per cour) share one Kodi show: the removed one's episode is still the other's.
    mirror = Mirror()
    entry = {"status": "watching", "show": {"title": "Show", "ids": {"simkl": 5, "tvdb": "73739"}},
             "seasons": [{"number": 1, "episodes": [{"number": 1, "watched_at": WATCHED_AT}]}]}
    mirror.apply_all_items("shows", {"shows": [entry, dict(entry, show={"title": "Show", "ids": {
        "simkl": 6, "tvdb": "73739"}})]}, full=True)
    mirror.apply_removals("shows", {"shows": [{"show": {"ids": {"simkl": 6}}}]})
    episodes = [kodi_episode(100, 7, 1, 1, playcount=1, lastplayed="2026-05-01 20:00:00")]
    plan = plan_for(mirror, shows=[kodi_show(7, tvdb="73739")], episodes=episodes,
                    synced={"e:5:1:1", "e:6:1:1"}, scope=Scope.of({5}))
    assert [w for w in plan.writes if w.playcount == 0] == []
