"""The first sync's push: Kodi items watched in Kodi but not on Simkl, as /sync/history bodies in batches,
and the Kodi resume points Simkl has nothing newer for.

Kodi items are the dicts JSON-RPC returns: movies {movieid, title, year, uniqueid, imdbnumber, playcount,
lastplayed, resume}, episodes {episodeid, tvshowid, season, episode, playcount, lastplayed, resume}, shows
{tvshowid, title, year, uniqueid, imdbnumber}.
"""
import hashlib
import json

from ..model import simkl_ids
from ..times import lastplayed_to_utc
from .bodies import episodes_body, item_key, media_block
from .queue import make_entry

BATCH_SIZE = 100


def kodi_only(snapshot, plan):
    """(movies, episodes, shows) watched in Kodi that Simkl does not have as watched (the push candidates)."""
    agreed = set(plan.agreed_keys) | set(plan.marked_keys)

    def on_simkl(media, kodi_id):
        return plan.keys_by_kodi.get((media, kodi_id)) in agreed

    movies = [m for m in snapshot.movies if m.get("playcount") and not on_simkl("movie", m["movieid"])]
    episodes = [e for e in snapshot.episodes if e.get("playcount") and not on_simkl("episode", e["episodeid"])]
    return movies, episodes, snapshot.shows


def kodi_resume(snapshot, plan):
    """(movies, episodes, shows): unwatched Kodi items with a resume point the plan leaves alone (Simkl has
    none, or an older one)."""
    replaced = {(w.media, w.kodi_id) for w in plan.writes if w.resume is not None or w.playcount is not None}

    def kept(item, media, id_field):
        resume = item.get("resume") or {}
        return (not item.get("playcount") and (resume.get("position") or 0) > 0
                and (media, item[id_field]) not in replaced)

    movies = [m for m in snapshot.movies if kept(m, "movie", "movieid")]
    episodes = [e for e in snapshot.episodes if kept(e, "episode", "episodeid")]
    return movies, episodes, snapshot.shows


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
