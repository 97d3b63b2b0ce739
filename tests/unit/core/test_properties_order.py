"""Property: the plan does not depend on the order Simkl lists items or Kodi returns them."""
import random

from core_builders import plan_for
from hypothesis import given, settings
from hypothesis import strategies as st
from test_core_plan_properties import ZONES, build, episode_case, movie_case


def shuffled(values, rng):
    values = list(values)
    rng.shuffle(values)
    return values


def writes_of(plan):
    return sorted((w.media, w.kodi_id, w.key, sorted(w.fields.items(), key=str)) for w in plan.writes)


@settings(max_examples=200, deadline=None)
@given(st.lists(movie_case, max_size=6), st.lists(episode_case, max_size=6), st.booleans(), ZONES,
       st.integers(0, 2 ** 32 - 1))
def test_the_plan_is_the_same_whatever_order_items_arrive_in(movie_cases, episode_cases, anime, tz, seed):
    mirror, movies, shows, episodes, synced, pending = build(movie_cases, episode_cases, anime)
    expected = plan_for(mirror, movies, shows, episodes, synced, pending, tz=tz)
    rng = random.Random(seed)
    for type_ in mirror.items:
        mirror.items[type_] = dict(shuffled(mirror.items[type_].items(), rng))
    mirror.playback = shuffled(mirror.playback, rng)
    again = plan_for(mirror, shuffled(movies, rng), shows, shuffled(episodes, rng), synced, pending, tz=tz)
    assert writes_of(again) == writes_of(expected)
    assert sorted(again.marked_keys) == sorted(expected.marked_keys)
    assert sorted(again.unmarked_keys) == sorted(expected.unmarked_keys)

