"""GET /search/id and POST /search/file over the emulator's catalog."""

import re
from typing import Any, Dict, Optional

from .catalog import Title, slugify
from .context import Answer, Ctx
from .errors import empty_field
from .render import episode_block, ids_of

SEARCH_KEYS = ("simkl", "imdb", "tmdb", "tvdb", "mal", "anidb", "slug")
EPISODE_PATTERN = re.compile(r"s(\d{1,2})[ ._-]?e(\d{1,3})", re.IGNORECASE)
TYPE_NAMES = {"movie": "movie", "show": "tv", "anime": "anime"}


def search_id(ctx: Ctx) -> Answer:
    given = {key: ctx.query[key] for key in SEARCH_KEYS if ctx.query.get(key)}
    if not given:
        raise empty_field("An id parameter is required")
    hint = {"movie": "movie", "show": "show", "tv": "show", "anime": "show"}.get(ctx.query.get("type", ""))
    title = ctx.catalog.resolve(given, hint)
    return 200, [_search_result(title)] if title else []


def search_file(ctx: Ctx) -> Answer:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    name = body.get("file") or body.get("File")
    if not name:
        raise empty_field("file is required")
    return 200, _match_file(ctx, str(name))


def _search_result(title: Title) -> Dict[str, Any]:
    result = {"type": TYPE_NAMES[title.kind], "title": title.title, "poster": "", "year": title.year,
              "status": title.status, "ids": {"simkl": title.simkl, "slug": title.slug}}
    if title.kind != "movie":
        result["total_episodes"] = title.episode_count
    return result


def _match_file(ctx: Ctx, path: str) -> Optional[Dict[str, Any]]:
    stem = re.sub(r"\.[a-z0-9]{2,4}$", "", path.replace("\\", "/").split("/")[-1], flags=re.IGNORECASE)
    episode = EPISODE_PATTERN.search(stem)
    name_part = stem[:episode.start()] if episode else stem
    title = _best_title(ctx, slugify(name_part), "show" if episode else None)
    if title is None:
        return None
    media = {"title": title.title, "year": title.year, "ids": ids_of(title)}
    if title.kind == "movie":
        return {"type": "movie", "movie": media}
    if not episode:
        return {"type": "show", "show": media}
    key = (int(episode.group(1)), int(episode.group(2)))
    block = episode_block(title, key, number_key="episode")
    block.update({"multipart": False, "ids": {"simkl": title.simkl * 1000 + key[1]}})
    return {"type": "episode", "episode": block, "show": media}


def _best_title(ctx: Ctx, name_slug: str, kind_hint: Optional[str]) -> Optional[Title]:
    best = None
    for title in ctx.catalog.all():
        if kind_hint == "show" and title.kind == "movie":
            continue
        slug = slugify(title.title)
        if slug and name_slug.startswith(slug) and (best is None or len(slug) > len(slugify(best.title))):
            best = title
    return best
