"""POST /sync/history and /sync/history/remove."""

from typing import Any, Dict, List, Tuple

from .account import Account
from .catalog import Title
from .context import Answer, Ctx
from .errors import wrong_parameter
from .library import SHOW_STATUSES
from .resolve import episode_times, resolve_item, when

SIMKL_TYPES = {"movie": "movie", "show": "tv", "anime": "anime"}


def history_add(ctx: Ctx) -> Answer:
    body = _object_body(ctx)
    added: Dict[str, Any] = {"movies": 0, "shows": 0, "episodes": 0, "statuses": []}
    not_found: Dict[str, List[Any]] = {"movies": [], "shows": [], "episodes": []}
    for item in _items(body, "movies"):
        title = resolve_item(ctx.catalog, item, "movie")
        if title is None:
            not_found["movies"].append(item)
            continue
        added["movies"] += _add_movie(ctx, title, item)
        added["statuses"].append(_status_echo(ctx.account, title, item))
    for item in _items(body, "shows") + _items(body, "anime"):
        title = resolve_item(ctx.catalog, item, "show")
        if title is None:
            not_found["shows"].append(item)
            continue
        for cour, part in _by_cour(ctx, title, item):
            shows, episodes = _add_show(ctx, cour, part)
            added["shows"] += shows
            added["episodes"] += episodes
            added["statuses"].append(_status_echo(ctx.account, cour, part))
    # Bare episode ids are not in this catalog: every top-level episode is reported unmatched.
    not_found["episodes"].extend(_items(body, "episodes"))
    return 201, {"added": added, "not_found": not_found}


def history_remove(ctx: Ctx) -> Answer:
    body = _object_body(ctx)
    deleted = {"movies": 0, "shows": 0, "episodes": 0}
    not_found: Dict[str, List[Any]] = {"movies": [], "shows": []}
    for item in _items(body, "movies"):
        title = resolve_item(ctx.catalog, item, "movie")
        if title is None:
            not_found["movies"].append(item)
        elif ctx.account.remove(title, ctx.now):
            deleted["movies"] += 1
    # Anime must come under shows[]; an anime[] array is ignored like the live API does.
    for item in _items(body, "shows"):
        title = resolve_item(ctx.catalog, item, "show")
        if title is None:
            not_found["shows"].append(item)
        elif item.get("seasons") or item.get("episodes"):
            keys = episode_times(title, item, ctx.now)
            deleted["episodes"] += ctx.account.unwatch_episodes(title, keys, ctx.now)
        elif ctx.account.remove(title, ctx.now):
            deleted["shows"] += 1
    return 201, {"deleted": deleted, "not_found": not_found}


def _by_cour(ctx: Ctx, title: Title, item: Dict[str, Any]) -> List[Tuple[Title, Dict[str, Any]]]:
    """With use_tvdb_anime_seasons, TVDB-numbered episodes of an anime series land on the cour (the Simkl
    title) that holds each of them, whichever cour the ids resolved to; whole seasons go to every cour."""
    if title.kind != "anime" or not item.get("use_tvdb_anime_seasons") or not isinstance(item.get("seasons"), list):
        return [(title, item)]
    cours = ctx.catalog.cours_of(title)
    rows_by_cour: Dict[int, List[Dict[str, Any]]] = {}
    for season in item["seasons"]:
        if not isinstance(season, dict):
            continue
        if "episodes" not in season:
            for cour in cours:
                rows_by_cour.setdefault(cour.simkl, []).append(season)
            continue
        split: Dict[int, List[Any]] = {}
        for episode in season.get("episodes") or []:
            owner = next((cour for cour in cours if _holds(cour, season.get("number"), episode)), title)
            split.setdefault(owner.simkl, []).append(episode)
        for simkl, episodes in split.items():
            rows_by_cour.setdefault(simkl, []).append(dict(season, episodes=episodes))
    by_simkl = {cour.simkl: cour for cour in cours + [title]}
    return [(by_simkl[simkl], dict(item, seasons=rows)) for simkl, rows in rows_by_cour.items()] or [(title, item)]


def _holds(cour: Title, season: Any, episode: Any) -> bool:
    number = episode.get("number", episode.get("episode")) if isinstance(episode, dict) else episode
    try:
        return cour.from_tvdb((int(season), int(number))) is not None
    except (TypeError, ValueError):
        return False


def _add_movie(ctx: Ctx, title: Title, item: Dict[str, Any]) -> int:
    account = ctx.account
    status = item.get("status")
    if status in ("plantowatch", "dropped"):
        account.set_status(title, status, ctx.now)
        count = 0
    else:
        count = int(account.watch_movie(title, when(item, ctx.now), ctx.now, "api"))
    _apply_rating(ctx, title, item)
    return count


def _add_show(ctx: Ctx, title: Title, item: Dict[str, Any]) -> tuple:
    account = ctx.account
    was_listed = title.simkl in account.entries
    before = account.entries[title.simkl].status if was_listed else None
    status = item.get("status")
    if item.get("seasons") or item.get("episodes"):
        episodes = account.watch_episodes(title, episode_times(title, item, ctx.now), ctx.now, "api")
        if status in SHOW_STATUSES:
            account.set_status(title, _allowed_status(title, status), ctx.now)
    elif status in SHOW_STATUSES and status != "completed":
        episodes = 0
        account.set_status(title, status, ctx.now)
    else:
        episodes = _add_whole_show(ctx, title, item)
    _apply_rating(ctx, title, item)
    after = account.entries[title.simkl].status if title.simkl in account.entries else None
    return int(after is not None and (not was_listed or after != before)), episodes


def _add_whole_show(ctx: Ctx, title: Title, item: Dict[str, Any]) -> int:
    """Ended → every episode, Completed; airing → aired episodes, Watching; upcoming → Watching."""
    account = ctx.account
    if title.status == "upcoming":
        account.set_status(title, "watching", ctx.now)
        return 0
    at = when(item, ctx.now)
    count = account.watch_episodes(title, {k: at for k in title.episode_keys()}, ctx.now, "api")
    if title.simkl not in account.entries:
        account.set_status(title, "watching", ctx.now)
    return count


def _allowed_status(title: Title, status: str) -> str:
    # A completed status on an airing show is downgraded to watching.
    return "watching" if status == "completed" and title.status != "ended" else status


def _apply_rating(ctx: Ctx, title: Title, item: Dict[str, Any]) -> None:
    rating = item.get("rating")
    if isinstance(rating, int) and 1 <= rating <= 10:
        ctx.account.rate(title, rating, ctx.now)


def _status_echo(account: Account, title: Title, item: Dict[str, Any]) -> Dict[str, Any]:
    entry = account.entries.get(title.simkl)
    request = dict(item, type=title.kind if title.kind == "movie" else "show", rating=item.get("rating"))
    return {"request": request,
            "response": {"status": entry.status if entry else None, "simkl_type": SIMKL_TYPES[title.kind],
                         "anime_type": title.anime_type if title.kind == "anime" else None}}


def _object_body(ctx: Ctx) -> Dict[str, Any]:
    if ctx.body is None:
        return {}
    if not isinstance(ctx.body, dict):
        raise wrong_parameter("Body must be an object")
    return ctx.body


def _items(body: Dict[str, Any], key: str) -> List[Any]:
    value = body.get(key)
    return list(value) if isinstance(value, list) else []


