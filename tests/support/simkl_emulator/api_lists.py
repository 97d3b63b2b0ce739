"""POST /sync/ratings, /sync/ratings/remove and /sync/add-to-list."""

from typing import Any, Dict, List

from .context import Answer, Ctx
from .errors import empty_field, wrong_parameter
from .library import SHOW_STATUSES
from .resolve import resolve_item, when
from .timefmt import parse_iso

ARRAYS = (("movies", "movie"), ("shows", "show"), ("anime", "show"))


def ratings_add(ctx: Ctx) -> Answer:
    added: Dict[str, Any] = {"movies": 0, "shows": 0, "statuses": []}
    not_found: Dict[str, List[Any]] = {"movies": [], "shows": []}
    for _key, hint, item in _each_item(ctx):
        title = resolve_item(ctx.catalog, item, hint)
        rating = item.get("rating")
        out_key = "movies" if hint == "movie" else "shows"
        if title is None or not isinstance(rating, int) or not 1 <= rating <= 10:
            not_found[out_key].append(item)
            continue
        entry = ctx.account.rate(title, rating, ctx.now, parse_iso(item.get("rated_at")))
        added[out_key] += 1
        added["statuses"].append({"request": item, "response": {"status": entry.status}})
    return 201, {"added": added, "not_found": not_found}


def ratings_remove(ctx: Ctx) -> Answer:
    deleted = {"movies": 0, "shows": 0}
    not_found: Dict[str, List[Any]] = {"movies": [], "shows": []}
    for _key, hint, item in _each_item(ctx):
        title = resolve_item(ctx.catalog, item, hint)
        out_key = "movies" if hint == "movie" else "shows"
        if title is None:
            not_found[out_key].append(item)
        elif ctx.account.unrate(title, ctx.now):
            deleted[out_key] += 1
    return 201, {"deleted": deleted, "not_found": not_found}


def add_to_list(ctx: Ctx) -> Answer:
    items = list(_each_item(ctx))
    if any(not item.get("to") for _, _, item in items):
        raise empty_field('Missed "to" parameter')
    added: Dict[str, List[Any]] = {"movies": [], "shows": []}
    not_found: Dict[str, List[Any]] = {"movies": [], "shows": []}
    for _key, hint, item in items:
        title = resolve_item(ctx.catalog, item, hint)
        out_key = "movies" if hint == "movie" else "shows"
        target = _target_status(item["to"], hint)
        if title is None or target is None:
            not_found[out_key].append(item)
            continue
        _move(ctx, title, target, item)
        added[out_key].append(dict(item, to=target, type=title.kind if hint == "movie" else "show"))
    return 201, {"added": added, "not_found": not_found}


def _move(ctx: Ctx, title: Any, target: str, item: Dict[str, Any]) -> None:
    account = ctx.account
    added_at = parse_iso(item.get("added_at"))
    if title.kind == "movie" and target == "completed":
        account.watch_movie(title, when(item, ctx.now), ctx.now, "api")
    else:
        account.set_status(title, target, ctx.now, added_at)


def _target_status(to: str, hint: str) -> Any:
    if to not in SHOW_STATUSES:
        raise wrong_parameter(f"Unknown list {to}")
    if hint != "movie":
        return to
    # Movies are atomic: watching means completed; hold does not apply.
    return {"watching": "completed", "hold": None}.get(to, to)


def _each_item(ctx: Ctx) -> Any:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    for key, hint in ARRAYS:
        for item in body.get(key) or []:
            if isinstance(item, dict):
                yield key, hint, item
