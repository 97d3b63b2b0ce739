"""The benchmark's Simkl side: a generated account on the emulator, and its answers as raw text."""
import json
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from typing import Any, Dict, List, Optional

from resources.lib.simklsync.constants import APP_NAME
from tests.support.simkl_emulator import SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID
from tests.support.simkl_emulator.generate import SHOW_BASE, big_account

ALL_ITEMS_TYPES = ("movies", "shows", "anime")


class TimedEmulator:
    """The emulator, plus the wall-clock arrival and end of every request (time.time()), so request
    times can be lined up with Kodi's log."""

    def __init__(self):
        self.emu = SimklEmulator()
        self.arrivals: List[Dict[str, Any]] = []
        serve = self.emu.serve

        def timed_serve(request):
            started = time.time()
            response = serve(request)
            self.arrivals.append({"method": request.method, "path": request.path, "start": started,
                                  "end": time.time()})
            return response

        self.emu.serve = timed_serve  # LoopbackServer takes the bound attribute at start()

    def start(self) -> str:
        return self.emu.start()

    def stop(self) -> None:
        self.emu.stop()

    def mark(self) -> int:
        return len(self.arrivals)

    def requests_since(self, mark: int) -> List[Dict[str, Any]]:
        return list(self.arrivals[mark:])


def seed(emu: SimklEmulator, movies: int, shows: int, episodes_per_show: int, watched_fraction: float):
    """(token, titles) of a generated account (tests/support/simkl_emulator/generate.py), its entries last changed
    over the past days as in a real library: big_account stamps them all with the seeding instant, which
    would put every entry into every later delta (date_from = the last change less a margin)."""
    token, titles = big_account(emu, movies=movies, shows=shows, episodes_per_show=episodes_per_show,
                                watched_fraction=watched_fraction)
    with emu.lock:
        entries = emu.accounts.by_token[token].entries.values()
        for age, entry in enumerate(entries, start=1):
            entry.changed_at = entry.changed_at - timedelta(minutes=age)
    return token, titles


def fetch_text(url: str, token: str, path: str, params: Optional[Dict[str, str]] = None) -> str:
    """One GET to the emulator with the identifiers the add-on sends; the body as text."""
    query = {"client_id": TEST_CLIENT_ID, "app-name": APP_NAME, "app-version": "bench"}
    query.update(params or {})
    request = urllib.request.Request(f"{url}{path}?{urllib.parse.urlencode(query)}",
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read().decode("utf-8")


def all_items_texts(url: str, token: str, date_from: Optional[str] = None) -> Dict[str, str]:
    """The all-items answers as the add-on asks for them (full, or the delta since `date_from`)."""
    texts = {}
    for type_ in ALL_ITEMS_TYPES:
        params = {"extended": "full_anime_seasons" if type_ == "anime" else "full",
                  "episode_watched_at": "yes", "include_all_episodes": "yes"}
        if date_from:
            params["date_from"] = date_from
        texts[type_] = fetch_text(url, token, f"/sync/all-items/{type_}", params)
    return texts


def activities(url: str, token: str) -> Dict[str, Any]:
    return json.loads(fetch_text(url, token, "/sync/activities"))


def unwatched_episode_marks(titles, watched_fraction: float, count: int, skip: int = 0):
    """[(show simkl id, season, episode)] of `count` episodes the generated account has not watched
    (generate.py watches the first fraction of each show), spread over the shows, after `skip` of them."""
    marks = []
    for title in titles:
        if title["kind"] != "show":
            continue
        keys = episode_keys(title)
        marks.extend((title["simkl"], season, number)
                     for season, number in keys[int(round(len(keys) * watched_fraction)):])
    return marks[skip:skip + count]


def episode_keys(title) -> List[tuple]:
    return [(season, number) for season, total in sorted(title["seasons"].items())
            for number in range(1, total + 1)]


def is_show_id(simkl: int) -> bool:
    return simkl >= SHOW_BASE
