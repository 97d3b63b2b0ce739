"""Kodi items as Simkl /sync/history bodies: one user mark, or the first-sync push in batches.

Kodi items are the dicts JSON-RPC returns: movies {movieid, title, year, uniqueid, imdbnumber, playcount,
lastplayed}, episodes {episodeid, tvshowid, season, episode, playcount, lastplayed}, shows {tvshowid, title,
year, uniqueid, imdbnumber}.
"""
import hashlib
import json
import time

from . import times
from .outbox import make_entry

BATCH_SIZE = 100
# Simkl's "watched, date unknown".
UNKNOWN_DATE = "1970-01-01T00:00:01Z"

_NUMERIC_IDS = ("tmdb", "tvdb", "anidb", "mal", "anilist", "kitsu", "simkl")
_TEXT_IDS = ("imdb",)


def simkl_ids(uniqueid, imdbnumber="", bare_number="tvdb"):
    """The ids Simkl understands from Kodi's uniqueid map; imdbnumber fills in when the map is empty. A bare
    number there is the default scraper's id: TMDB for movies (bare_number="tmdb"), TVDB for shows."""
    ids = {}
    for name, value in (uniqueid or {}).items():
        _put_id(ids, str(name).lower(), str(value or "").strip())
    if not ids and imdbnumber:
        value = str(imdbnumber).strip()
        _put_id(ids, "imdb" if value.startswith("tt") else bare_number, value)
    return ids


def _put_id(ids, name, value):
    if name in _TEXT_IDS and value.startswith("tt") and len(value) > 2:
        ids[name] = value
    elif name in _NUMERIC_IDS and value.isdigit() and int(value) > 0:
        ids[name] = int(value)


def item_key(media, ids, season=None, episode=None):
    """A stable text naming one Simkl item; the outbox keys and collapses entries by it."""
    text = "|".join(f"{name}={ids[name]}" for name in sorted(ids))
    if media == "episode":
        return f"episode:{text}:s{season}e{episode}"
    return f"{media}:{text}"


def lastplayed_to_utc(lastplayed, tz=None):
    """Kodi's local 'YYYY-MM-DD HH:MM:SS' as Simkl's UTC ISO time; UNKNOWN_DATE when empty or unreadable.
    tz: Kodi's zone (None: this machine's)."""
    instant = times.kodi_to_utc(lastplayed, tz)
    return times.iso_z(instant) if instant is not None else UNKNOWN_DATE


def epoch_to_iso(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def media_block(title, year, ids):
    """{"title", "year", "ids"} without empty parts."""
    block = {"ids": dict(ids)}
    if title:
        block["title"] = title
    if year:
        block["year"] = int(year)
    return block


def movie_body(movie_block, watched_at=None):
    item = dict(movie_block)
    if watched_at:
        item["watched_at"] = watched_at
    return {"movies": [item]}


def episodes_body(show_block, episodes):
    """One show with the given (season, episode, watched_at) tuples; watched_at None leaves it out."""
    seasons = {}
    for season, number, watched_at in episodes:
        row = {"number": int(number)}
        if watched_at:
            row["watched_at"] = watched_at
        seasons.setdefault(int(season), []).append(row)
    show = dict(show_block)
    # Kodi numbers anime by TVDB seasons; Simkl maps them onto its AniDB-style entries with this flag.
    show["use_tvdb_anime_seasons"] = True
    show["seasons"] = [{"number": number, "episodes": rows} for number, rows in sorted(seasons.items())]
    return {"shows": [show]}


def mark_entry(action, media, block, now, season=None, episode=None, watched_at=None, label=""):
    """The outbox entry for one user mark (action "add") or unmark ("remove") in Kodi."""
    sent_at = watched_at if action == "add" else None
    if media == "movie":
        body = movie_body(block, sent_at)
    else:
        body = episodes_body(block, [(season, episode, sent_at)])
    key = item_key(media, block["ids"], season, episode)
    return make_entry("history", action, key, body, label or _label(media, block, season, episode), now,
                      watched_at=sent_at)


def _label(media, block, season, episode):
    title = block.get("title") or "?"
    if media == "episode":
        return f"{title} S{int(season):02d}E{int(episode):02d}"
    return f"{title} ({block['year']})" if block.get("year") else title


def push_batches(movies, episodes, shows, is_watched_on_simkl, batch_size=BATCH_SIZE, tz=None):
    """History bodies for items watched in Kodi but not on Simkl, at most batch_size items (movies and
    episodes) per body. is_watched_on_simkl(media, ids, season=None, episode=None) -> bool."""
    items = list(_movies_to_push(movies, is_watched_on_simkl, tz))
    items.extend(_episodes_to_push(episodes, shows, is_watched_on_simkl, tz))
    return [_batch_body(items[start:start + batch_size]) for start in range(0, len(items), batch_size)]


def push_count(batches):
    """How many movies and episodes the batches carry (the number shown to the user before asking)."""
    total = 0
    for body in batches:
        total += len(body.get("movies", []))
        for show in body.get("shows", []):
            total += sum(len(season["episodes"]) for season in show["seasons"])
    return total


def push_entries(batches, now):
    """Outbox entries for the push batches; identical batches share a key, so a repeated push collapses."""
    entries = []
    for index, body in enumerate(batches):
        digest = hashlib.sha1(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()[:16]
        entries.append(make_entry("history", "add", f"push:{digest}", body,
                                  f"first sync batch {index + 1}/{len(batches)}", now))
    return entries


def _movies_to_push(movies, is_watched_on_simkl, tz):
    for movie in movies:
        if not movie.get("playcount"):
            continue
        ids = simkl_ids(movie.get("uniqueid"), movie.get("imdbnumber", ""), "tmdb")
        if not ids or is_watched_on_simkl("movie", ids):
            continue
        block = media_block(movie.get("title"), movie.get("year"), ids)
        block["watched_at"] = lastplayed_to_utc(movie.get("lastplayed"), tz)
        yield ("movie", block)


def _episodes_to_push(episodes, shows, is_watched_on_simkl, tz):
    shows_by_id = {show.get("tvshowid"): show for show in shows}
    for episode in episodes:
        show = shows_by_id.get(episode.get("tvshowid"))
        if not episode.get("playcount") or show is None:
            continue
        ids = simkl_ids(show.get("uniqueid"), show.get("imdbnumber", ""))
        season, number = episode.get("season"), episode.get("episode")
        if not ids or season is None or number is None:
            continue
        if is_watched_on_simkl("episode", ids, season, number):
            continue
        block = media_block(show.get("title"), show.get("year"), ids)
        yield ("episode", (block, season, number, lastplayed_to_utc(episode.get("lastplayed"), tz)))


def _batch_body(items):
    body = {}
    shows = {}
    for media, data in items:
        if media == "movie":
            body.setdefault("movies", []).append(data)
            continue
        block, season, number, watched_at = data
        key = item_key("show", block["ids"])
        if key not in shows:
            shows[key] = (block, [])
        shows[key][1].append((season, number, watched_at))
    if shows:
        body["shows"] = [episodes_body(block, rows)["shows"][0] for block, rows in shows.values()]
    return body


def resume_entries(movies, episodes, shows, now):
    """/scrobble/pause outbox entries for Kodi resume points (first sync, opt-in): the movies and episodes
    given are the ones whose Kodi resume point is newer than anything Simkl has for them."""
    from .scrobble import Intent, PlayingItem, scrobble_entry  # scrobble imports this module

    shows_by_id = {show.get("tvshowid"): show for show in shows}
    entries = []
    for media, kodi in [("movie", m) for m in movies] + [("episode", e) for e in episodes]:
        progress = _resume_percent(kodi.get("resume"))
        owner = kodi if media == "movie" else shows_by_id.get(kodi.get("tvshowid"), {})
        ids = simkl_ids(owner.get("uniqueid"), owner.get("imdbnumber", ""), "tmdb" if media == "movie" else "tvdb")
        if progress is None or not ids:
            continue
        item = PlayingItem(media=media, ids=ids, title=owner.get("title", ""), year=owner.get("year") or 0,
                           season=kodi.get("season"), episode=kodi.get("episode"))
        entries.append(scrobble_entry(item, Intent("pause", progress), now))
    return entries


def _resume_percent(resume):
    """Kodi's resume point as Simkl's percent (two decimals), or None when there is none to send."""
    if not isinstance(resume, dict):
        return None
    position, total = resume.get("position") or 0, resume.get("total") or 0
    if position <= 0 or total <= 0 or position >= total:
        return None
    return round(min(99.0, position * 100.0 / total), 2)
