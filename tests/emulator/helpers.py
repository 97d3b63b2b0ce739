"""Shared by the emulator tests: a catalog, a started emulator with a frozen clock, an HTTP helper."""

from typing import Any, Dict, Optional

import requests

from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

START = "2026-05-15T12:00:00Z"
TOKEN = "t0k"
MATRIX, INCEPTION, UPCOMING = 53992, 67890, 99001
SHOW, AIRING = 548312, 548400
ANIME = 776433


class Api:
    """requests with the add-on's identifiers filled in."""

    def __init__(self, emu: SimklEmulator, token: Optional[str] = TOKEN) -> None:
        self.emu = emu
        self.token = token
        self.session = requests.Session()

    def call(self, method: str, path: str, params: Optional[Dict[str, Any]] = None, json: Any = None,
             token: Any = "default", client_id: Optional[str] = TEST_CLIENT_ID,
             **kwargs: Any) -> requests.Response:
        query = {"app-name": "script.simkl.sync", "app-version": "0.1.0"}
        if client_id:
            query["client_id"] = client_id
        query.update(params or {})
        headers = dict({"User-Agent": "script.simkl.sync/0.1.0"}, **kwargs.pop("headers", {}))
        token = self.token if token == "default" else token
        if token:
            headers["Authorization"] = "Bearer " + token
        return self.session.request(method, self.emu.url + path, params=query, json=json, headers=headers,
                                    timeout=kwargs.pop("timeout", 10), **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, json=body if body is not None else {}, **kwargs)

    def activities(self) -> Dict[str, Any]:
        return self.get("/sync/activities").json()


def fill_catalog(emu: SimklEmulator) -> None:
    emu.catalog.add_movie(MATRIX, "The Matrix", 1999, imdb="tt0133093", tmdb=603, runtime=136)
    emu.catalog.add_movie(INCEPTION, "Inception", 2010, imdb="tt1375666", tmdb="27205", runtime=148)
    emu.catalog.add_movie(UPCOMING, "Future Film", 2030, imdb="tt9990001", status="upcoming")
    emu.catalog.add_show(SHOW, "Stranger Things", 2016, imdb="tt4574334", tmdb=66732, tvdb=305288,
                         seasons={1: 8, 2: 9}, runtime=50)
    emu.catalog.add_show(AIRING, "Still Airing", 2025, tvdb=400400, seasons={1: 3}, status="airing")
    emu.catalog.add_anime(ANIME, "Attack on Titan Season 3", 2018, mal=35760, anidb=13241, tvdb=267440,
                          episodes=12, tvdb_map={ep: (3, ep) for ep in range(1, 13)})


def make_emulator(options: Optional[Options] = None) -> SimklEmulator:
    emu = SimklEmulator(options)
    emu.clock.set(START)
    fill_catalog(emu)
    emu.add_user(TOKEN, "tester")
    emu.start()
    return emu


