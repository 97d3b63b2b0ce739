"""POST /scrobble/start|pause|stop: the 80 % rule, the 1 h duplicate window, the per-user lock."""

from datetime import timedelta
from typing import Any, Dict, Optional, Tuple

from .account import next_playback_id
from .catalog import EpisodeKey, Title
from .context import Answer, Ctx
from .errors import ApiError, empty_field
from .library import item_key, normalise_progress
from .render import episode_block, ids_of
from .resolve import resolve_item, to_simkl_numbering
from .timefmt import to_iso_ms

WATCHED_PERCENT = 80.0
Target = Tuple[Title, Optional[EpisodeKey], str]


def scrobble(ctx: Ctx) -> Answer:
    action = ctx.params["action"]
    body = ctx.body if isinstance(ctx.body, dict) else {}
    progress = _progress(body)
    target = _resolve_target(ctx, body)
    _take_lock(ctx)
    if action == "start":
        return 201, _start(ctx, target, progress)
    if progress >= WATCHED_PERCENT:
        _refuse_duplicate(ctx, target)
    if action == "stop" and progress >= WATCHED_PERCENT:
        return 201, _finish(ctx, target, progress)
    playback = ctx.account.save_playback(target[0], target[1], progress, ctx.now)
    return 201, _answer(playback.id, "pause", progress, target)


def _start(ctx: Ctx, target: Target, progress: float) -> Dict[str, Any]:
    if ctx.options.start_clears_playback:
        ctx.account.clear_playback(target[0], target[1], ctx.now)
    return _answer(0, "start", progress, target)


def _finish(ctx: Ctx, target: Target, progress: float) -> Dict[str, Any]:
    title, key, _ = target
    account = ctx.account
    if account.is_watched(title, key):
        account.rewatch(title, key, ctx.now, "scrobble")
    elif key is None:
        account.watch_movie(title, ctx.now, ctx.now, "scrobble")
    else:
        account.watch_episodes(title, {key: ctx.now}, ctx.now, "scrobble")
    account.clear_playback(title, key, ctx.now)
    account.scrobbled_at[item_key(title, key)] = ctx.now
    return _answer(next_playback_id(), "scrobble", progress, target)


def _refuse_duplicate(ctx: Ctx, target: Target) -> None:
    marked = ctx.account.scrobbled_at.get(item_key(target[0], target[1]))
    if marked is None:
        return
    expires = marked + timedelta(seconds=ctx.options.scrobble_duplicate_window)
    if ctx.now < expires:
        raise ApiError(409, "already_watched",
                       body={"watched_at": to_iso_ms(marked), "expires_at": to_iso_ms(expires)})


def _take_lock(ctx: Ctx) -> None:
    seconds = ctx.options.scrobble_lock_seconds
    account = ctx.account
    last = account.last_scrobble_at
    if seconds and last is not None and (ctx.now - last).total_seconds() < seconds:
        raise ApiError(400, "RATE_LIMIT", "Another scrobble for this user is in progress")
    account.last_scrobble_at = ctx.now


def _progress(body: Dict[str, Any]) -> float:
    value = body.get("progress")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise empty_field("progress is required")
    try:
        progress = float(value)
    except ValueError:
        raise empty_field("progress must be a number") from None
    return max(0.0, min(100.0, progress))


def _resolve_target(ctx: Ctx, body: Dict[str, Any]) -> Target:
    if isinstance(body.get("movie"), dict):
        title = resolve_item(ctx.catalog, body["movie"], "movie")
        if title is None:
            raise ApiError(404, "id_err", "Item not found")
        return title, None, "movie"
    container = "anime" if isinstance(body.get("anime"), dict) else "show"
    if not isinstance(body.get(container), dict):
        raise empty_field("movie, show or anime is required")
    title = resolve_item(ctx.catalog, body[container], "show")
    episode = body.get("episode")
    if title is None:
        raise ApiError(404, "id_err", "Item not found")
    if not isinstance(episode, dict):
        raise empty_field("episode is required")
    key = _episode_key(ctx, title, episode, body, container)
    if key is None:
        raise ApiError(404, "id_err", "Episode not found")
    return title, key, container


def _episode_key(ctx: Ctx, title: Title, episode: Dict[str, Any], body: Dict[str, Any],
                 container: str) -> Optional[EpisodeKey]:
    try:
        season = int(episode.get("season", 1))
        number = int(episode.get("number", episode.get("episode")))
    except (TypeError, ValueError):
        return None
    tvdb_numbering = any(bool(part.get("use_tvdb_anime_seasons")) for part in (body, episode, body[container]))
    if title.kind == "anime" and ctx.options.anime_scrobble_strict:
        # Live: Simkl's own numbering of the resolved title, or 404 (the watch of a client that sent the
        # library's TVDB numbering past the first cour was lost).
        if tvdb_numbering and ctx.options.scrobble_honours_tvdb_flag:
            return title.from_tvdb((season, number))
        return (season, number) if title.has_episode((season, number)) else None
    return to_simkl_numbering(title, (season, number), tvdb_numbering)


def _answer(answer_id: int, action: str, progress: float, target: Target) -> Dict[str, Any]:
    title, key, container = target
    body: Dict[str, Any] = {"id": answer_id, "action": action, "progress": normalise_progress(progress)}
    media = {"title": title.title, "year": title.year, "ids": ids_of(title)}
    if key is None:
        body["movie"] = media
        body["anime_type"] = None
        return body
    body[container] = media
    body["episode"] = episode_block(title, key)
    return body
