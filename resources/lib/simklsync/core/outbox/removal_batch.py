"""A held batch of Kodi-side unwatches the user chose to remove from Simkl: a few /sync/history/remove writes
of up to BATCH_ITEMS items each instead of one per episode, each carrying its items' Kodi keys (the sync leaves
them alone until sent) and the dates they had on Simkl ("restore", see removal_dates)."""
import json

from .queue import make_entry
from .removal_dates import items

BATCH_ITEMS = 100


def merged_removals(entries, now, label):
    """The removal entries (each a history "remove" with its "kodi" key) as few outbox entries. label(count)
    names one ("30 items unwatched in Kodi")."""
    chunks, chunk, size = [], [], 0
    for entry in entries:
        count = max(1, len(items(entry.get("body"))))
        if chunk and size + count > BATCH_ITEMS:
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(entry)
        size += count
    if chunk:
        chunks.append(chunk)
    return [_merged(part, now, label, number) for number, part in enumerate(chunks)]


def _merged(entries, now, label, number):
    body = merge_bodies([e["body"] for e in entries])
    item = f"unmarks:{int(now)}:{number}"
    entry = make_entry("history", "remove", item, body, label(len(entries)), now)
    entry["kodi_keys"] = [e["kodi"] for e in entries if e.get("kodi")]
    restores = [e["restore"] for e in entries if e.get("restore")]
    if restores:
        entry["restore"] = merge_bodies(restores)
    return entry


def merge_bodies(bodies):
    """History bodies as one: movies listed once each, a show's seasons and episodes under one show item (a
    show named differently, e.g. by Simkl id rather than with the TVDB flag, stays an item of its own)."""
    movies, shows = {}, {}
    for body in bodies:
        for movie in body.get("movies") or ():
            movies.setdefault(_identity(movie), movie)
        for show in body.get("shows") or ():
            merged = shows.setdefault(_identity(show), dict(show, seasons=[]))
            for season in show.get("seasons") or ():
                _add_season(merged, season)
    merged_body = {}
    if movies:
        merged_body["movies"] = list(movies.values())
    if shows:
        merged_body["shows"] = list(shows.values())
    return merged_body


def _add_season(show, season):
    for existing in show["seasons"]:
        if existing.get("number") == season.get("number"):
            numbers = {row.get("number") for row in existing["episodes"]}
            existing["episodes"].extend(row for row in season.get("episodes") or () if row.get("number") not in numbers)
            return
    show["seasons"].append(dict(season, episodes=list(season.get("episodes") or ())))


def _identity(item):
    return json.dumps({name: value for name, value in item.items() if name not in ("seasons", "watched_at")},
                      sort_keys=True)
