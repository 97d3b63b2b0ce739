"""Property: whatever Simkl and Kodi hold, applying a plan and planning again yields no writes."""
from core_builders import (
    UTC,
    apply_writes,
    kodi_episode,
    kodi_movie,
    kodi_show,
    mirror_of,
    plan_for,
    simkl_movie,
    simkl_show,
)
from hypothesis import given, settings
from hypothesis import strategies as st

try:
    from zoneinfo import ZoneInfo
except ImportError:  # Python 3.8 (Kodi on older boxes): the backport
    from backports.zoneinfo import ZoneInfo

SIMKL_DATES = st.sampled_from([None, "1970-01-01T00:00:01Z", "2026-05-01T20:00:00Z", "2026-10-25T00:30:00Z",
                               "2026-10-25T01:30:00Z", "2026-03-29T01:00:00Z", "2026-05-13T23:59:59.500Z"])
KODI_DATES = st.sampled_from(["", "2026-05-01 20:00:00", "2026-05-01 20:00:59", "2026-10-25 02:30:00",
                              "2026-05-14 11:00:00", "2025-01-01 00:00:00", "0000-00-00 00:00:00"])
STATUSES = st.sampled_from(["completed", "plantowatch", "dropped", "removed"])
PAUSES = st.sampled_from(["2026-05-13T12:00:00Z", "2026-05-10T00:00:00Z", "2026-03-01T00:00:00Z"])
ZONES = st.sampled_from([UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")])

movie_case = st.fixed_dictionaries({
    "status": STATUSES, "watched_at": SIMKL_DATES, "playcount": st.sampled_from([0, 0, 1, 3]),
    "lastplayed": KODI_DATES, "runtime": st.sampled_from([0, 5400, 7261]),
    "position": st.sampled_from([0, 100, 2700]), "progress": st.one_of(st.none(), st.floats(1, 99)),
    "paused_at": PAUSES, "synced": st.booleans(), "pending": st.booleans(),
})
episode_case = st.fixed_dictionaries({
    "watched": st.booleans(), "watched_at": SIMKL_DATES, "playcount": st.sampled_from([0, 1]),
    "lastplayed": KODI_DATES, "synced": st.booleans(), "tvdb_shift": st.booleans(),
})


def build(movie_cases, episode_cases, anime):
    simkl_movies, kodi_movies, playback, synced, pending, removed = [], [], [], set(), {}, []
    for n, case in enumerate(movie_cases, start=1):
        imdb = f"tt{n:07d}"
        status = "plantowatch" if case["status"] == "removed" else case["status"]
        simkl_movies.append(simkl_movie(n, status=status, watched_at=case["watched_at"], imdb=imdb))
        if case["status"] == "removed":
            removed.append(n)
        kodi_movies.append(kodi_movie(100 + n, playcount=case["playcount"], lastplayed=case["lastplayed"],
                                      runtime=case["runtime"], resume={"position": case["position"], "total": 0},
                                      imdb=imdb))
        if case["progress"] is not None:
            playback.append({"id": n, "progress": case["progress"], "paused_at": case["paused_at"], "type": "movie",
                             "movie": {"ids": {"simkl": n, "imdb": imdb}}})
        if case["synced"]:
            synced.add(f"m:{n}")
        if case["pending"] and n % 3 == 0:
            pending[f"m:{n}"] = True
    watched, kodi_episodes = {}, []
    for n, case in enumerate(episode_cases, start=1):
        tvdb = (2, n + 12) if anime and case["tvdb_shift"] else (1, n)
        if case["watched"]:
            watched[(1, n)] = (case["watched_at"], tvdb) if anime else case["watched_at"]
        kodi_episodes.append(kodi_episode(1000 + n, 7, tvdb[0], tvdb[1], playcount=case["playcount"],
                                          lastplayed=case["lastplayed"]))
        if case["synced"]:
            synced.add(f"e:500:1:{n}")
    show = simkl_show(500, watched, tvdb="81189")
    if anime:
        mirror = mirror_of(simkl_movies, anime=[show], playback=playback)
    else:
        mirror = mirror_of(simkl_movies, [show], playback=playback)
    if removed:
        kept = [{"movie": {"ids": {"simkl": n}}} for n in range(1, len(movie_cases) + 1) if n not in removed]
        mirror.apply_removals("movies", {"movies": kept + [{"movie": {"ids": {"simkl": 99999}}}]})
    return mirror, kodi_movies, [kodi_show(7, tvdb="81189")], kodi_episodes, synced, pending


@settings(max_examples=300, deadline=None)
@given(st.lists(movie_case, max_size=6), st.lists(episode_case, max_size=6), st.booleans(), ZONES,
       st.booleans(), st.sampled_from(["free", "pro", "vip"]))
def test_applying_a_plan_then_planning_again_writes_nothing(movie_cases, episode_cases, anime, tz, unwatch,
                                                             account):
    mirror, movies, shows, episodes, synced, pending = build(movie_cases, episode_cases, anime)
    options = {"unwatch_removed": unwatch, "account_type": account}
    first = plan_for(mirror, movies, shows, episodes, synced, pending, tz=tz, settings=options)
    apply_writes(first.writes, movies, episodes)
    synced = (synced | set(first.marked_keys)) - set(first.unmarked_keys)
    second = plan_for(mirror, movies, shows, episodes, synced, pending, tz=tz, settings=options)
    assert second.writes == []


@settings(max_examples=200, deadline=None)
@given(st.lists(movie_case, max_size=6), st.lists(episode_case, max_size=6), st.booleans(), ZONES)
def test_items_never_synced_are_never_unwatched(movie_cases, episode_cases, anime, tz):
    mirror, movies, shows, episodes, _synced, pending = build(movie_cases, episode_cases, anime)
    plan = plan_for(mirror, movies, shows, episodes, set(), pending, tz=tz)
    assert all(write.fields.get("playcount") != 0 for write in plan.writes)


@settings(max_examples=200, deadline=None)
@given(st.lists(movie_case, max_size=6), st.lists(episode_case, max_size=6), st.booleans(), ZONES)
def test_writes_only_touch_items_that_differ_and_use_known_fields(movie_cases, episode_cases, anime, tz):
    mirror, movies, shows, episodes, synced, pending = build(movie_cases, episode_cases, anime)
    plan = plan_for(mirror, movies, shows, episodes, synced, pending, tz=tz)
    current = {("movie", m["movieid"]): m for m in movies}
    current.update((("episode", e["episodeid"]), e) for e in episodes)
    for write in plan.writes:
        assert write.fields and set(write.fields) <= {"playcount", "lastplayed", "resume"}
        item = current[(write.media, write.kodi_id)]
        assert any(item.get(name) != value for name, value in write.fields.items())
        assert not str(write.fields.get("lastplayed", "")).startswith("1970")
