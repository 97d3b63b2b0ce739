"""A big library: 5,000 movies and 1,000 shows with 50,000 watched episodes plan exactly the writes that
differ, and the mirror, index and plan stay under 100 MB (tracemalloc counts bytes, not time: deterministic).
Speed is measured by `make bench` as ratios, never asserted here."""
import json
import tracemalloc

import pytest
from core_builders import NOW, UTC
from simklsync.core.match import KodiIndex
from simklsync.core.plan.planner import PlanSettings, plan_sync
from simklsync.core.state.mirror import Mirror

pytestmark = pytest.mark.slow  # seconds of building and planning a big library: `make slow`, not `make unit`

MOVIES = 5000
SHOWS = 1000
EPISODES_PER_SHOW = 50


def simkl_library():
    movies = [{"status": "completed", "last_watched_at": "2026-05-01T20:00:00Z",
               "movie": {"title": f"Movie {n}", "year": 2000, "ids": {"simkl": n, "imdb": f"tt{n:07d}"}}}
              for n in range(1, MOVIES + 1)]
    shows = [{"status": "watching", "show": {"title": f"Show {n}", "ids": {"simkl": 100000 + n, "tvdb": str(n)}},
              "seasons": [{"number": s, "episodes": [{"number": e, "watched_at": "2026-05-01T20:00:00Z"}
                                                     for e in range(1, 11)]} for s in range(1, 6)]}
             for n in range(1, SHOWS + 1)]
    return json.dumps({"movies": movies}), json.dumps({"shows": shows})


def kodi_library():
    movies = [{"movieid": n, "title": f"Movie {n}", "year": 2000, "playcount": n % 2,
               "lastplayed": "2026-05-01 20:00:00" if n % 2 else "", "runtime": 6000,
               "resume": {"position": 0, "total": 0}, "uniqueid": {"imdb": f"tt{n:07d}"}, "imdbnumber": ""}
              for n in range(1, MOVIES + 1)]
    shows = [{"tvshowid": n, "title": f"Show {n}", "uniqueid": {"tvdb": str(n)}, "imdbnumber": str(n)}
             for n in range(1, SHOWS + 1)]
    episodes = [{"episodeid": n * 100 + s * 10 + e, "tvshowid": n, "season": s, "episode": e,
                 "playcount": e % 2, "lastplayed": "2026-05-01 20:00:00" if e % 2 else "", "runtime": 2700,
                 "resume": {"position": 0, "total": 0}}
                for n in range(1, SHOWS + 1) for s in range(1, 6) for e in range(1, 11)]
    return movies, shows, episodes


def build_and_plan(movie_body, show_body, kodi):
    mirror = Mirror()
    mirror.apply_all_items("movies", movie_body, full=True)
    mirror.apply_all_items("shows", show_body, full=True)
    index = KodiIndex(*kodi)
    return mirror, plan_sync(mirror, index, PlanSettings(), set(), {}, now=NOW, tz=UTC)


def test_big_library_plans_exactly_the_half_that_kodi_lacks():
    movie_body, show_body = (json.loads(body) for body in simkl_library())
    mirror, plan = build_and_plan(movie_body, show_body, kodi_library())
    assert mirror.episode_count() == SHOWS * EPISODES_PER_SHOW
    assert len(plan.writes) == MOVIES // 2 + SHOWS * EPISODES_PER_SHOW // 2
    assert all(write.fields["playcount"] == 1 for write in plan.writes)


def test_big_library_mirror_index_and_plan_stay_under_100_mb():
    movie_text, show_text = simkl_library()
    kodi = kodi_library()
    tracemalloc.start()
    try:
        mirror, plan = build_and_plan(json.loads(movie_text), json.loads(show_text), kodi)
        saved = json.dumps(mirror.to_dict())
        Mirror.from_dict(json.loads(saved))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(plan.writes) == MOVIES // 2 + SHOWS * EPISODES_PER_SHOW // 2
    assert peak < 100 * 1024 * 1024, peak
    assert len(saved) < 5 * 1024 * 1024
