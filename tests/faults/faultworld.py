"""The world a fault session runs in: the emulator's account and the matching fake-Kodi library, a virtual
clock shared by the add-on and the emulator, and the two pools of items (changed in Kodi / changed on Simkl).

Items are named by a key: ("movie", simkl) or ("episode", show simkl, simkl season, simkl episode).
"""
import os

from tests.support.simkl_emulator import Options, SimklEmulator, demo

TOKEN = "tok-SECRET-c0ffee-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
USER_NAME = "fault_user"

EXTRA_MOVIES = [
    {"kind": "movie", "simkl": 9100000 + n, "title": f"Fault Movie {n}", "year": 2000 + n, "runtime": 90 + n,
     "ids": {"imdb": f"tt91000{n:02d}", "tmdb": str(910000 + n)}}
    for n in range(1, 9)
]
EXTRA_SHOW = {"kind": "show", "simkl": 9200001, "title": "Fault Show", "year": 2019, "runtime": 30,
              "ids": {"imdb": "tt9200001", "tvdb": "920001", "tmdb": "92001"}, "seasons": {1: 6, 2: 6}}
TITLES = list(demo.TITLES) + EXTRA_MOVIES + [EXTRA_SHOW]

# Simkl-side changes touch only these; Kodi-side changes (marks, playbacks) only the others.
SIMKL_SIDE_MOVIES = (demo.MOVIE_MATRIX, demo.MOVIE_INCEPTION, 9100001, 9100002, 9100003)
SIMKL_SIDE_SHOW_SEASONS = ((demo.SHOW_STRANGER_THINGS, 1), (EXTRA_SHOW["simkl"], 1))


class VirtualClock:
    """One clock for the add-on (wall and monotonic), its waits and the emulator: waits pass instantly.
    abort_in(n) makes the n-th wait from now answer True (Kodi is closing)."""

    def __init__(self, emu, start):
        self.emu = emu
        self.now = float(start)
        self.waits = 0
        self._abort_at = None
        emu.clock.set(_iso(self.now))

    def time(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds
        self.emu.clock.advance(seconds)

    def wait(self, seconds):
        self.waits += 1
        if self._abort_at is not None and self.waits >= self._abort_at:
            self._abort_at = None
            return True
        self.advance(max(0.0, seconds))
        return False

    def abort_in(self, waits):
        self._abort_at = self.waits + waits

    def cancel_abort(self):
        self._abort_at = None


def _iso(epoch):
    import datetime

    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def start_emulator():
    emu = SimklEmulator(Options(rate_limits=True, scrobble_lock_seconds=20))
    emu.start()
    return emu


def seed_account(emu):
    """The demo account plus extra titles; returns the user handle."""
    demo.seed_demo(emu)
    for title in TITLES[len(demo.TITLES):]:
        demo.add_title(emu, title)
    user = emu.add_user(TOKEN, USER_NAME, "free")
    for simkl, at in demo.WATCHED_MOVIES.items():
        user.watch_movie(simkl, at=at)
    for simkl, marks in demo.WATCHED_EPISODES.items():
        user.watch_episodes(simkl, marks["episodes"], at=marks["at"])
    user.watch_movie(9100001, at="2026-02-02T20:00:00Z")
    user.watch_episodes(EXTRA_SHOW["simkl"], [(1, 1), (1, 2)], at="2026-02-03T20:00:00Z")
    return user


def build_kodi_library(library):
    """Every title in the fake Kodi library, unwatched. Returns {item key: (media, kodi id)}."""
    items = {}
    for title in TITLES:
        uniqueid = dict(title["ids"])
        if title["kind"] == "movie":
            kodi_id = library.add_movie(title["title"], title["year"], uniqueid=uniqueid,
                                        runtime=title["runtime"] * 60)
            items[("movie", title["simkl"])] = ("movie", kodi_id)
            continue
        show = library.add_show(title["title"], title["year"], uniqueid=uniqueid)
        for simkl_code, kodi_code in _episode_numbers(title):
            kodi_id = library.add_episode(show, kodi_code[0], kodi_code[1], runtime=title["runtime"] * 60)
            items[("episode", title["simkl"]) + simkl_code] = ("episode", kodi_id)
    return items


def _episode_numbers(title):
    if title["kind"] == "anime":
        return [((1, number), title["tvdb_map"][number]) for number in range(1, title["episodes"] + 1)]
    return [((season, episode), (season, episode))
            for season, count in sorted(title["seasons"].items()) for episode in range(1, count + 1)]


def is_simkl_side(key):
    if key[0] == "movie":
        return key[1] in SIMKL_SIDE_MOVIES
    return (key[1], key[2]) in SIMKL_SIDE_SHOW_SEASONS


def simkl_watched(user, key):
    if key[0] == "movie":
        return key[1] in user.watched_movies()
    return (key[2], key[3]) in user.watched_episodes(key[1])


def profile_files(profile):
    """Every file under the profile (the widget lists have a folder of their own), relative to it."""
    found = []
    for folder, _folders, names in os.walk(profile):
        found.extend(os.path.relpath(os.path.join(folder, name), profile) for name in names)
    return sorted(found)
