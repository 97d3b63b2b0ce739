"""Which handler answers which method + path, and whether it needs a user token."""

import re
from typing import Callable, Dict, List, NamedTuple, Tuple

from . import api_auth, api_history, api_lists, api_read, api_scrobble, api_search
from .errors import ApiError


class Route(NamedTuple):
    methods: Tuple[str, ...]
    pattern: "re.Pattern"
    handler: Callable
    needs_token: bool


def _route(methods: str, pattern: str, handler: Callable, needs_token: bool = True) -> Route:
    return Route(tuple(methods.split(",")), re.compile("^" + pattern + "/?$"), handler, needs_token)


SEG = r"[^/]+"
ROUTES: List[Route] = [
    _route("GET", "/oauth/pin", api_auth.pin_request, needs_token=False),
    _route("GET", f"/oauth/pin/(?P<code>{SEG})", api_auth.pin_poll, needs_token=False),
    _route("GET,POST", "/sync/activities", api_read.activities),
    _route("GET", f"/sync/all-items(?:/(?P<type>{SEG})(?:/(?P<status>{SEG}))?)?", api_read.all_items),
    _route("POST", "/sync/ratings", api_lists.ratings_add),
    _route("POST", "/sync/ratings/remove", api_lists.ratings_remove),
    _route("GET,POST", f"/sync/ratings(?:/(?P<type>{SEG})(?:/(?P<rating>{SEG}))?)?", api_read.ratings),
    _route("GET,POST", "/sync/playback(?:/(?P<type>movies|episodes))?", api_read.playback_list),
    _route("GET,POST,DELETE", "/sync/playback/(?P<id>[^/]*)", api_read.playback_by_id),
    _route("POST", "/sync/history", api_history.history_add),
    _route("POST", "/sync/history/remove", api_history.history_remove),
    _route("POST", "/sync/add-to-list", api_lists.add_to_list),
    _route("POST", "/scrobble/(?P<action>start|pause|stop)", api_scrobble.scrobble),
    _route("GET,POST", "/users/settings", api_read.user_settings),
    _route("GET", "/search/id", api_search.search_id, needs_token=False),
    _route("POST", "/search/file", api_search.search_file, needs_token=False),
]


def match(method: str, path: str) -> Tuple[Route, Dict[str, str]]:
    for route in ROUTES:
        found = route.pattern.match(path)
        if found and method in route.methods:
            return route, {k: v for k, v in found.groupdict().items() if v is not None}
    raise ApiError(404, "url_failed", "Unknown endpoint")


