"""Simkl's lists as Kodi tags (core/list_tags.py): which tag writes a mirror and a Kodi library need."""
import random

import pytest
from core_builders import kodi_movie, kodi_show, mirror_of, simkl_movie, simkl_show
from simklsync.core import list_tags
from simklsync.core.list_tags import LISTS, TagSettings, TagWrite, _touched, plan_tags
from simklsync.core.match import KodiIndex
from simklsync.core.plan.scope import Scope
from simklsync.core.state.sync_state import SyncState

NAMES = {"plantowatch": "Simkl: Plan to watch", "watching": "Simkl: Watching", "hold": "Simkl: On hold",
         "dropped": "Simkl: Dropped", "completed": "Simkl: Completed"}
PLAN, WATCHING, COMPLETED = NAMES["plantowatch"], NAMES["watching"], NAMES["completed"]


def tagged(item, *tags):
    item["tag"] = list(tags)
    return item


def index_of(movies=(), shows=()):
    return KodiIndex(list(movies), list(shows), [])


def settings(enabled=LISTS, previous=(), names=None, **kinds):
    return TagSettings(names or NAMES, enabled, previous, **kinds)


def apply(writes, movies=(), shows=()):
    """What Kodi does with a tag write: the item's tag array becomes the one sent."""
    items = {("movie", m["movieid"]): m for m in movies}
    items.update((("tvshow", s["tvshowid"]), s) for s in shows)
    for write in writes:
        items[(write.media, write.kodi_id)]["tag"] = list(write.tags)


def test_watch_list_movie_gets_its_tag_and_the_users_tags_stay_first():
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", imdb="tt0000001")])
    movie = tagged(kodi_movie(10, imdb="tt0000001"), "Favourites", "4K")

    writes = plan_tags(mirror, index_of([movie]), settings())

    assert writes == [TagWrite("movie", 10, ["Favourites", "4K", PLAN])]
    assert writes[0].to_rpc() == {"method": "VideoLibrary.SetMovieDetails",
                                  "params": {"movieid": 10, "tag": ["Favourites", "4K", PLAN]}}


def test_show_in_a_list_gets_the_tag_through_set_tvshow_details():
    mirror = mirror_of(shows=[simkl_show(5, status="watching", tvdb="81189")])
    show = tagged(kodi_show(3, tvdb="81189"))

    writes = plan_tags(mirror, index_of(shows=[show]), settings())

    assert [w.to_rpc() for w in writes] == [
        {"method": "VideoLibrary.SetTVShowDetails", "params": {"tvshowid": 3, "tag": [WATCHING]}}]


def test_nothing_is_written_when_the_tags_already_agree():
    mirror = mirror_of(movies=[simkl_movie(1, status="completed", imdb="tt0000001")],
                       shows=[simkl_show(5, status="watching", tvdb="81189")])
    movie = tagged(kodi_movie(10, imdb="tt0000001"), COMPLETED, "Mine")
    show = tagged(kodi_show(3, tvdb="81189"), "Mine", WATCHING)

    assert plan_tags(mirror, index_of([movie], [show]), settings()) == []


def test_a_list_move_swaps_our_tag_and_keeps_the_users():
    mirror = mirror_of(shows=[simkl_show(5, status="completed", tvdb="81189")])
    show = tagged(kodi_show(3, tvdb="81189"), "Mine", WATCHING)

    writes = plan_tags(mirror, index_of(shows=[show]), settings(), scope=Scope.of({5}))

    assert writes == [TagWrite("tvshow", 3, ["Mine", COMPLETED])]


def test_a_title_removed_from_simkl_loses_our_tag_on_a_delta():
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", imdb="tt0000001"),
                               simkl_movie(2, status="plantowatch", imdb="tt0000002")])
    assert mirror.apply_removals("movies", {"movies": [{"movie": {"ids": {"simkl": 2}}}]}) == [1]
    movie = tagged(kodi_movie(10, imdb="tt0000001"), PLAN, "Mine")

    writes = plan_tags(mirror, index_of([movie]), settings(), scope=Scope.of({1}))

    assert writes == [TagWrite("movie", 10, ["Mine"])]


def test_a_delta_only_touches_the_titles_in_scope():
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", imdb="tt0000001"),
                               simkl_movie(2, status="plantowatch", imdb="tt0000002")])
    first, second = kodi_movie(10, imdb="tt0000001"), kodi_movie(11, imdb="tt0000002")
    tagged(first)
    tagged(second)

    writes = plan_tags(mirror, index_of([first, second]), settings(), scope=Scope.of({2}))

    assert writes == [TagWrite("movie", 11, [PLAN])]


def test_a_full_pass_removes_our_tags_from_titles_simkl_no_longer_lists():
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", imdb="tt0000001")])
    gone = tagged(kodi_movie(12, imdb="tt0000009"), "Mine", PLAN, COMPLETED)
    kept = tagged(kodi_movie(10, imdb="tt0000001"), PLAN)

    writes = plan_tags(mirror, index_of([gone, kept]), settings())

    assert writes == [TagWrite("movie", 12, ["Mine"])]


def test_a_disabled_list_is_not_tagged_and_its_old_tag_is_removed():
    mirror = mirror_of(movies=[simkl_movie(1, status="completed", imdb="tt0000001"),
                               simkl_movie(2, status="plantowatch", imdb="tt0000002")])
    done = tagged(kodi_movie(10, imdb="tt0000001"), COMPLETED)
    planned = tagged(kodi_movie(11, imdb="tt0000002"))

    writes = plan_tags(mirror, index_of([done, planned]), settings(enabled=("plantowatch",)))

    assert writes == [TagWrite("movie", 10, []), TagWrite("movie", 11, [PLAN])]


def test_a_tag_of_the_same_name_the_user_did_not_make_ours_is_never_confused_with_a_similar_one():
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", imdb="tt0000001")])
    movie = tagged(kodi_movie(10, imdb="tt0000001"), "Simkl", "simkl: plan to watch", "Plan to watch")

    writes = plan_tags(mirror, index_of([movie]), settings())

    assert writes == [TagWrite("movie", 10, ["Simkl", "simkl: plan to watch", "Plan to watch", PLAN])]


def test_a_language_change_renames_our_tags_and_leaves_the_users():
    german = dict(NAMES, plantowatch="Simkl: Geplant")
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", imdb="tt0000001")])
    movie = tagged(kodi_movie(10, imdb="tt0000001"), "Mine", PLAN)

    writes = plan_tags(mirror, index_of([movie]), settings(names=german, previous=[PLAN]))

    assert writes == [TagWrite("movie", 10, ["Mine", "Simkl: Geplant"])]


def test_two_simkl_titles_on_one_kodi_show_both_tag_it_even_when_one_is_in_scope():
    """Two anime cours Simkl keeps apart, one Kodi series: a delta on one must not drop the other's tag."""
    mirror = mirror_of(anime=[simkl_show(7, status="completed", tvdb="267440", anime_type="tv"),
                              simkl_show(8, status="watching", tvdb="267440", anime_type="tv")])
    show = tagged(kodi_show(3, tvdb="267440"), WATCHING)

    writes = plan_tags(mirror, index_of(shows=[show]), settings(), scope=Scope.of({8}))

    assert writes == [TagWrite("tvshow", 3, [WATCHING, COMPLETED])]


def test_an_anime_film_tags_the_kodi_movie():
    mirror = mirror_of(anime=[simkl_show(9, status="plantowatch", tmdb="129", anime_type="movie")])
    movie = tagged(kodi_movie(10, tmdb="129"))

    assert plan_tags(mirror, index_of([movie]), settings()) == [TagWrite("movie", 10, [PLAN])]


def test_a_media_type_not_synced_is_not_tagged():
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", imdb="tt0000001")])
    movie = tagged(kodi_movie(10, imdb="tt0000001"))

    assert plan_tags(mirror, index_of([movie]), settings(movies=False), scope=Scope.of({1})) == []


def test_an_item_read_without_its_tags_is_left_alone():
    """Without Kodi's current array the user's own tags are unknown: writing would wipe them."""
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", imdb="tt0000001")])

    assert plan_tags(mirror, index_of([kodi_movie(10, imdb="tt0000001")]), settings()) == []


def test_title_only_matches_never_tag_unless_title_year_matching_is_on():
    mirror = mirror_of(movies=[simkl_movie(1, status="plantowatch", title="Heat", year=1995)])
    movie = tagged(kodi_movie(10, title="Heat", year=1995))

    assert plan_tags(mirror, index_of([movie]), settings()) == []
    assert plan_tags(mirror, index_of([movie]), settings(title_year_fallback=True)) == [
        TagWrite("movie", 10, [PLAN])]


def test_applying_the_plan_settles_it():
    mirror = mirror_of(movies=[simkl_movie(n, status=status, imdb=f"tt000000{n}")
                               for n, status in enumerate(["plantowatch", "completed", "dropped"], 1)],
                       shows=[simkl_show(5, status="hold", tvdb="1"), simkl_show(6, status="watching", tvdb="2")])
    movies = [tagged(kodi_movie(9 + n, imdb=f"tt000000{n}"), "Mine") for n in range(1, 5)]
    shows = [tagged(kodi_show(1, tvdb="1"), WATCHING), tagged(kodi_show(2, tvdb="2"))]
    index = index_of(movies, shows)

    first = plan_tags(mirror, index, settings())
    apply(first, movies, shows)

    assert len(first) == 5
    assert plan_tags(mirror, index_of(movies, shows), settings()) == []
    assert shows[0]["tag"] == [NAMES["hold"]]
    assert movies[3]["tag"] == ["Mine"]


# ---- the state the sync keeps ----------------------------------------------------------------------

def test_no_saved_tag_state_means_every_title_is_checked_once():
    state = SyncState()
    tags = list_tags.with_state(settings(), state)

    assert list_tags.stale(tags, state)
    list_tags.remember(state, tags, checked_all=True)
    assert not list_tags.stale(list_tags.with_state(settings(), state), state)


def test_switching_a_list_or_the_language_makes_the_tags_stale_again():
    state = SyncState()
    list_tags.remember(state, list_tags.with_state(settings(), state), checked_all=True)

    assert list_tags.stale(list_tags.with_state(settings(enabled=("plantowatch",)), state), state)
    german = dict(NAMES, plantowatch="Simkl: Geplant")
    renamed = list_tags.with_state(settings(names=german), state)
    assert list_tags.stale(renamed, state)
    assert PLAN in renamed.ours  # the old name is still recognised as ours, so the full pass removes it


def test_a_partial_pass_keeps_the_old_signature_but_remembers_the_names_it_wrote():
    state = SyncState()
    list_tags.remember(state, list_tags.with_state(settings(), state), checked_all=True)
    german = dict(NAMES, plantowatch="Simkl: Geplant")
    tags = list_tags.with_state(settings(names=german), state)

    list_tags.remember(state, tags, checked_all=False)

    assert list_tags.stale(list_tags.with_state(settings(names=german), state), state)
    assert {PLAN, "Simkl: Geplant"} <= set(state.list_tags["names"])


def test_every_list_off_removes_our_tags_once_then_reads_nothing():
    state = SyncState()
    list_tags.remember(state, list_tags.with_state(settings(), state), checked_all=True)
    off = list_tags.with_state(settings(enabled=()), state)

    assert off.active and list_tags.stale(off, state)  # the tags written before still have to go
    list_tags.remember(state, off, checked_all=True)
    after = list_tags.with_state(settings(enabled=()), state)
    assert not after.active and not list_tags.stale(after, state)


def test_a_damaged_tag_state_is_treated_as_none():
    for saved in (None, [], "x", {"names": "x"}, {"names": [1, None, PLAN]}):
        state = SyncState(list_tags=saved)
        tags = list_tags.with_state(settings(), state)
        assert list_tags.stale(tags, state)
        assert tags.previous <= {PLAN}


def test_a_movie_with_a_watched_write_takes_its_tags_in_the_same_call():
    from simklsync.core.plan.planner import Write

    watched = Write("movie", 10, "m:1", {"playcount": 1})
    episode = Write("episode", 10, "e:5:1:1", {"playcount": 1})  # same id, another media: not merged
    tag_writes = [TagWrite("movie", 10, ["Mine", COMPLETED]), TagWrite("movie", 11, [PLAN]),
                  TagWrite("tvshow", 10, [WATCHING])]

    merged = list_tags.merge_into([watched, episode], tag_writes)

    assert merged == [("movie", 10)]
    assert watched.to_rpc() == {"method": "VideoLibrary.SetMovieDetails",
                                "params": {"movieid": 10, "playcount": 1, "tag": ["Mine", COMPLETED]}}
    assert "tag" not in episode.fields
    assert tag_writes == [TagWrite("movie", 11, [PLAN]), TagWrite("tvshow", 10, [WATCHING])]


def test_a_title_matched_by_title_and_year_keeps_its_tag_on_a_delta_of_another_title():
    mirror = mirror_of(movies=[simkl_movie(1, status="dropped", title="Heat", year=1995, imdb="tt0113277"),
                               simkl_movie(2, status="plantowatch", title="Heat", year=1995)])
    movie = tagged(kodi_movie(10, title="Heat", year=1995, imdb="tt0113277"), PLAN)

    writes = plan_tags(mirror, index_of([movie]), settings(title_year_fallback=True), scope=Scope.of({1}))

    assert writes == [TagWrite("movie", 10, [PLAN, NAMES["dropped"]])]


def test_a_delta_writes_exactly_what_a_full_pass_writes_on_the_titles_it_touches():
    """The delta only matches the titles that could share a Kodi item with the scope's: it must agree with
    a full pass restricted to those items, whatever the library (random ones, fixed seeds)."""
    statuses = list(LISTS) + ["", "completed"]
    checked = 0
    for seed in range(40):
        rng = random.Random(seed)
        ids = [f"tt00000{n:02d}" for n in range(12)]
        movies = [simkl_movie(n, status=rng.choice(statuses[:5]), title=f"M{n % 4}", year=2000,
                              imdb=rng.choice(ids)) for n in range(1, 15)]
        shows = [simkl_show(100 + n, status=rng.choice(statuses[:5]), tvdb=str(rng.randrange(5)))
                 for n in range(8)]
        anime = [simkl_show(200 + n, status=rng.choice(statuses[:5]), tvdb=str(rng.randrange(5)),
                            anime_type=rng.choice(["tv", "movie"]), tmdb=str(rng.randrange(3))) for n in range(5)]
        mirror = mirror_of(movies=movies, shows=shows, anime=anime)
        kodi_movies = [tagged(kodi_movie(10 + n, title=f"M{n % 4}", year=2000, imdb=ids[n],
                                         **({"tmdb": str(n % 3)} if n % 2 else {})),
                              *rng.sample([PLAN, WATCHING, COMPLETED, "Mine"], rng.randrange(3)))
                       for n in range(len(ids))]
        kodi_shows = [tagged(kodi_show(n + 1, tvdb=str(n)), *rng.sample([WATCHING, "Mine"], rng.randrange(2)))
                      for n in range(5)]
        tag_settings = settings(title_year_fallback=bool(seed % 2))
        index = index_of(kodi_movies, kodi_shows)
        scope = Scope.of(rng.sample([1, 2, 3, 100, 101, 200, 201, 999], 3))
        full = plan_tags(mirror, index, tag_settings)
        delta = plan_tags(mirror, index, tag_settings, scope=scope)
        refs = _touched(mirror, index, tag_settings, scope, ["movies", "shows", "anime"])
        assert sorted(map(repr, delta)) == sorted(repr(w) for w in full if (w.media, w.kodi_id) in refs), seed
        checked += bool(delta)
    assert checked >= 10  # most libraries had something to write on the touched titles


# -- a large removal of a list's tags (issue 25): a cut-off list must not strip the tag off most titles -------

def plan_list(count, listed):
    """count Kodi movies tagged Plan to watch; Simkl lists the first `listed` (and one on Watching, moved)."""
    movies = [tagged(kodi_movie(100 + n, imdb=f"tt{n:07d}"), "Mine", PLAN) for n in range(count)]
    entries = [simkl_movie(n + 1, status="plantowatch", imdb=f"tt{n:07d}") for n in range(listed)]
    entries.append(simkl_movie(count + 1, status="watching", imdb=f"tt{count - 1:07d}"))
    return mirror_of(movies=entries), index_of(movies)


def guarded(mirror, index, held=None, enabled=LISTS):
    tags = TagSettings(NAMES, enabled, held=held)
    return list_tags.guard_removals(plan_tags(mirror, index, tags), index, tags)


def test_removing_a_lists_tag_from_most_of_its_titles_is_held_but_other_tag_changes_go():
    mirror, index = plan_list(40, 2)
    writes, held = guarded(mirror, index)
    assert len(held[PLAN]) == 38 and held[PLAN][0] == "movie:102"
    assert writes == [TagWrite("movie", 139, ["Mine", PLAN, WATCHING])]  # moved: Watching added, Plan kept


def test_a_held_tag_removal_goes_when_the_next_plan_proposes_the_same():
    mirror, index = plan_list(40, 2)
    _writes, held = guarded(mirror, index)
    writes, again = guarded(mirror, index, held=held)
    assert again == {} and len(writes) == 38
    assert TagWrite("movie", 102, ["Mine"]) in writes


def test_a_held_tag_removal_that_a_later_plan_no_longer_proposes_the_same_is_held_anew():
    mirror, index = plan_list(40, 2)
    _writes, held = guarded(mirror, index)
    other, _ = plan_list(40, 5)
    writes, again = guarded(other, index, held=held)
    assert len(again[PLAN]) == 35 and writes == [TagWrite("movie", 139, ["Mine", PLAN, WATCHING])]


@pytest.mark.parametrize("count, listed, large", [(40, 30, False), (40, 29, True), (400, 380, False),
                                                  (400, 379, True)])
def test_the_limit_is_max_10_or_5_percent_of_the_lists_tagged_titles(count, listed, large):
    mirror, index = plan_list(count, listed)
    _writes, held = guarded(mirror, index)
    assert bool(held) == large


def test_a_list_switched_off_loses_every_tag_at_once():
    mirror, index = plan_list(40, 40)
    writes, held = guarded(mirror, index, enabled=("watching",))
    assert held == {} and len(writes) == 40


def test_the_held_removals_are_remembered_in_the_state_for_the_next_cycle():
    state = SyncState()
    tags = TagSettings(NAMES, LISTS)
    list_tags.remember(state, tags, True, {PLAN: ["movie:1"]})
    assert list_tags.with_state(tags, state).held == {PLAN: ["movie:1"]}
    list_tags.remember(state, tags, True, {})
    assert list_tags.with_state(tags, state).held == {}
