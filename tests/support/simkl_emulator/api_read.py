"""Read endpoints: activities, all-items, ratings, playback list/delete, user settings."""

from typing import Any, Dict, List, Optional, Tuple

from .context import Answer, Ctx
from .errors import ApiError, wrong_parameter
from .library import SHOW_STATUSES, Entry
from .render import EXTENDED_MODES, RenderParams, render_entry, render_playback
from .timefmt import parse_iso, to_iso_ms

TYPE_KINDS = {"movies": "movie", "shows": "show", "anime": "anime"}
KIND_KEYS = {"movie": "movies", "show": "shows", "anime": "anime"}


def activities(ctx: Ctx) -> Answer:
    return 200, ctx.account.activities.render()


def all_items(ctx: Ctx) -> Answer:
    kinds = _kinds(ctx.params.get("type"))
    status = _status(ctx.params.get("status"))
    since = _date_from(ctx)
    params = _render_params(ctx)
    picked = [e for e in _entries(ctx, kinds)
              if (status is None or e.status == status) and _changed_since(ctx, e.changed_at, since)]
    return 200, _grouped(ctx, picked, params)


def ratings(ctx: Ctx) -> Answer:
    # Unlike all-items, an unknown type answers every type, and a rating outside 1-10 answers 200 {} (D:ratings-get,
    # R:simklcli); rated stamps carry milliseconds as in the documented example.
    type_segment = ctx.params.get("type")
    kinds = _kinds(type_segment if type_segment in TYPE_KINDS else None)
    wanted = _rating_values(ctx.params.get("rating"))
    if wanted is not None and not wanted & set(range(1, 11)):
        return 200, {}
    since = _date_from(ctx)
    params = _render_params(ctx)
    picked = [e for e in _entries(ctx, kinds) if e.rating is not None
              and (wanted is None or e.rating in wanted) and _changed_since(ctx, e.rated_at, since)]
    return 200, _with_ms_rated_at(_grouped(ctx, picked, params))


def _with_ms_rated_at(body: Any) -> Any:
    if not isinstance(body, dict):
        return body
    for entries in body.values():
        for entry in entries:
            stamp = parse_iso(entry.get("user_rated_at"))
            if stamp is not None:
                entry["user_rated_at"] = to_iso_ms(stamp)
    return body


def playback_list(ctx: Ctx) -> Answer:
    kind_filter = _playback_kinds(ctx.params.get("type"))
    since, until = parse_iso(ctx.query.get("date_from")), parse_iso(ctx.query.get("date_to"))
    hide_watched = ctx.query.get("hide_watched", "true").lower() not in ("false", "no", "0")
    limit = _int(ctx.query.get("limit"), 10000)
    account = ctx.account
    sessions = []
    for playback in account.live_playbacks(ctx.now):
        if kind_filter is not None and (playback.title.kind == "movie") != (kind_filter == "movie"):
            continue
        if (since and playback.paused_at < since) or (until and playback.paused_at >= until):
            continue
        watched_at = account.watched_at(playback.title, playback.key)
        if hide_watched and watched_at is not None and watched_at > playback.paused_at:
            continue
        sessions.append(render_playback(playback, ctx.options.playback_anime_key))
    sessions = sessions[:max(1, min(limit, 10000))]
    return 200, sessions if sessions else ctx.empty_playback()


def playback_delete(ctx: Ctx) -> Answer:
    raw = ctx.params.get("id") or ""
    if not raw.isdigit() or int(raw) == 0:
        raise ApiError(404, "url_failed", "Wrong playback id")
    if not ctx.account.delete_playback(int(raw), ctx.now):
        raise ApiError(404, "empty", "Playback not found")
    return 204, None


def playback_by_id(ctx: Ctx) -> Answer:
    if ctx.method == "DELETE":
        return playback_delete(ctx)
    return playback_list(ctx)


def user_settings(ctx: Ctx) -> Answer:
    account = ctx.account
    return 200, {
        "user": {"name": account.name, "joined_at": to_iso_ms(account.joined_at), "gender": "",
                 "avatar": f"https://simkl.in/avatars/{account.user_id}/user_100.jpg",
                 "bio": "", "loc": "", "age": ""},
        "account": {"id": account.user_id, "timezone": "UTC", "type": account.account_type},
        "connections": {},
    }


def _kinds(type_segment: Optional[str]) -> Tuple[str, ...]:
    if type_segment in (None, "", "all"):
        return ("show", "anime", "movie")
    if type_segment not in TYPE_KINDS:
        raise wrong_parameter(f"Unknown type {type_segment}")
    return (TYPE_KINDS[type_segment],)


def _status(segment: Optional[str]) -> Optional[str]:
    if segment in (None, "", "all"):
        return None
    if segment not in SHOW_STATUSES:
        raise wrong_parameter(f"Unknown status {segment}")
    return segment


def _date_from(ctx: Ctx) -> Any:
    raw = ctx.query.get("date_from")
    if raw is None:
        return None
    parsed = parse_iso(raw)
    if parsed is None:
        raise wrong_parameter("date_from is not a date")
    return parsed


def _changed_since(ctx: Ctx, changed_at: Any, since: Any) -> bool:
    if since is None:
        return True
    if changed_at is None:
        return False
    return changed_at >= since if ctx.options.date_from_inclusive else changed_at > since


def _render_params(ctx: Ctx) -> RenderParams:
    extended = ctx.query.get("extended", "")
    if extended not in EXTENDED_MODES:
        extended = ""
    return RenderParams(extended, ctx.flag("episode_watched_at"), ctx.flag("include_all_episodes"))


def _entries(ctx: Ctx, kinds: Tuple[str, ...]) -> List[Entry]:
    entries = ctx.account.entries
    return [entries[k] for k in sorted(entries) if entries[k].title.kind in kinds]


def _grouped(ctx: Ctx, entries: List[Entry], params: RenderParams) -> Any:
    body: Dict[str, List[Dict[str, Any]]] = {}
    for entry in entries:
        body.setdefault(KIND_KEYS[entry.title.kind], []).append(render_entry(entry, params))
    return body if body else ctx.empty_body()


def _rating_values(segment: Optional[str]) -> Any:
    if segment in (None, "", "all"):
        return None
    values = set()
    for part in segment.split(","):
        if not part.strip().isdigit():
            raise wrong_parameter("Rating must be 1-10")
        values.add(int(part))
    return values


def _playback_kinds(segment: Optional[str]) -> Optional[str]:
    if segment in (None, ""):
        return None
    if segment in ("movies", "movie"):
        return "movie"
    if segment in ("episodes", "episode", "shows", "anime"):
        return "episode"
    raise wrong_parameter(f"Unknown type {segment}")


def _int(raw: Optional[str], default: int) -> int:
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default

