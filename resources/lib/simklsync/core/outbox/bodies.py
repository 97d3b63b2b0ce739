"""Simkl write bodies and the texts naming items: the leaf every outbox writer builds on."""


def item_key(media, ids, season=None, episode=None):
    """A stable text naming one Simkl item; the outbox keys and collapses entries by it."""
    text = "|".join(f"{name}={ids[name]}" for name in sorted(ids))
    if media == "episode":
        return f"episode:{text}:s{season}e{episode}"
    return f"{media}:{text}"


def item_label(media, title, year, season=None, episode=None):
    """A short human name for logs and the status file: "Title (2001)" or "Show S01E02"."""
    title = title or "?"
    if media == "episode":
        return f"{title} S{int(season):02d}E{int(episode):02d}"
    return f"{title} ({year})" if year else title


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
