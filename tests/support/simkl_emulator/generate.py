"""A big, deterministic account for scale tests and benchmarks (written straight into state)."""

import random
from datetime import timedelta
from typing import Any, Dict, List, Tuple

from .catalog import Title
from .library import Entry
from .timefmt import parse_iso

MOVIE_BASE, SHOW_BASE = 1_000_000, 2_000_000
EPISODES_PER_SEASON = 10
FIRST_WATCH = parse_iso("2020-01-01T00:00:00Z")


def big_account(emu: Any, movies: int = 5000, shows: int = 1000, episodes_per_show: int = 50,
                watched_fraction: float = 1.0, seed: int = 1,
                token: str = "big-token") -> Tuple[str, List[Dict[str, Any]]]:
    """Seed `movies` movies and `shows` shows; returns (token, titles in demo.TITLES format).

    A fraction `watched_fraction` of the movies is watched, and of each show's episodes; shows with
    every episode watched are Completed, others Watching. Activities are bumped once per bucket.
    """
    rng = random.Random(seed)
    titles = [_movie(i) for i in range(movies)] + [_show(i, episodes_per_show) for i in range(shows)]
    with emu.lock:
        account = emu.add_user(token, "big_user", "vip").account
        now = emu.clock.now()
        for description in titles:
            title = emu.catalog.put(Title(description["kind"], description["simkl"], description["title"],
                                          description["year"], description["ids"], description["runtime"],
                                          description.get("seasons")))
            entry = _entry(title, rng, watched_fraction, now)
            account.entries[title.simkl] = entry
        for entry in account.entries.values():
            account.activities.bump(entry.title.kind, entry.status, now)
    return token, titles


def _movie(index: int) -> Dict[str, Any]:
    return {"kind": "movie", "simkl": MOVIE_BASE + index, "title": f"Generated Movie {index:05d}",
            "year": 1950 + index % 75, "runtime": 80 + index % 70,
            "ids": {"imdb": f"tt9{index:07d}", "tmdb": str(500000 + index)}}


def _show(index: int, episodes: int) -> Dict[str, Any]:
    seasons: Dict[int, int] = {}
    for number in range(1, episodes + 1):
        season = (number - 1) // EPISODES_PER_SEASON + 1
        seasons[season] = seasons.get(season, 0) + 1
    return {"kind": "show", "simkl": SHOW_BASE + index, "title": f"Generated Show {index:04d}",
            "year": 1990 + index % 35, "runtime": 22 + index % 40, "seasons": seasons,
            "ids": {"imdb": f"tt8{index:07d}", "tmdb": str(700000 + index), "tvdb": str(300000 + index)}}


def _entry(title: Title, rng: random.Random, watched_fraction: float, now: Any) -> Entry:
    watched_at = FIRST_WATCH + timedelta(minutes=rng.randrange(0, 3_000_000))
    if title.kind == "movie":
        watched = rng.random() < watched_fraction
        entry = Entry(title, "completed" if watched else "plantowatch", watched_at)
        entry.watched_at = watched_at if watched else None
    else:
        keys = title.episode_keys()
        seen = keys[:int(round(len(keys) * watched_fraction))]
        entry = Entry(title, "completed" if len(seen) == len(keys) else "watching", watched_at)
        entry.episodes = {key: watched_at + timedelta(hours=n) for n, key in enumerate(seen)}
    entry.changed_at = now
    return entry
