"""One watched/unwatched mark made in Kodi as its /sync/history outbox entry."""
from .bodies import episodes_body, item_key, item_label, media_block, movie_body
from .outcome import body_item_count, not_found_count
from .queue import make_entry


def mark_entry(action, media, block, now, season=None, episode=None, watched_at=None, label="", anime=None):
    """The outbox entry for one user mark (action "add") or unmark ("remove") in Kodi. anime: the episode's
    core.anime_ids.AnimeEpisode when the mirror knows it as a Simkl anime's. A mark goes in Kodi's numbering
    with the TVDB flag (what live clients use on /sync/history) and keeps the Simkl identity as its
    alternate, sent when Simkl does not find the first; an unmark of an episode the mirror maps exactly
    goes by Simkl identity, since whether removals honour the flag is unknown and a removal Simkl does
    not find says nothing."""
    sent_at = watched_at if action == "add" else None
    if media == "movie":
        body = movie_body(block, sent_at)
    else:
        body = episodes_body(block, [(season, episode, sent_at)])
    key = item_key(media, block["ids"], season, episode)
    label = label or item_label(media, block.get("title"), block.get("year"), season, episode)
    if anime is None or media == "movie" or (action == "remove" and not anime.exact):
        return make_entry("history", action, key, body, label, now, watched_at=sent_at)
    simkl_form = anime_history_body(anime, sent_at)
    if action == "remove":
        return make_entry("history", action, key, simkl_form, label, now)
    entry = make_entry("history", action, key, body, label, now, watched_at=sent_at)
    entry["alternate"] = simkl_form
    return entry


def anime_history_body(anime, watched_at=None):
    """A /sync/history body naming one anime episode the way Simkl files it: the cour's Simkl id and its
    own numbering, without the TVDB flag (which would misread that numbering)."""
    row = {"number": int(anime.number)}
    if watched_at:
        row["watched_at"] = watched_at
    show = media_block(anime.title, anime.year, {"simkl": anime.simkl})
    show["seasons"] = [{"number": int(anime.season), "episodes": [row]}]
    return {"shows": [show]}


def mark_after_not_found(entry, status, answer):
    """A mark Simkl did not find in Kodi's numbering (404, or every item under not_found) goes once more by
    the Simkl identity it kept; it replaces the first form in the outbox (same group). None otherwise."""
    if entry.get("kind") != "history" or entry.get("action") != "add" or not entry.get("alternate"):
        return None
    answered = status is not None and 200 <= status < 300
    missing = not_found_count(answer) if answered else 0
    if status != 404 and not (missing and missing >= body_item_count(entry["body"])):
        return None
    retry = {name: value for name, value in entry.items() if name not in ("seq", "alternate")}
    retry.update(key=entry["key"] + ":simkl", body=entry["alternate"], attempts=0, last_try=True)
    return retry


def with_anime_alternates(entry, anime_index):
    """A first-sync push entry with, for each show of its batch that the mirror knows as anime in full, the
    same episodes by Simkl identity (one show item per cour), sent for the shows Simkl lists as not found."""
    if anime_index is None:
        return entry
    alternates = []
    for show in entry["body"].get("shows", []):
        simkl_form = _show_by_simkl_identity(show, anime_index)
        if simkl_form:
            alternates.append({"ids": show.get("ids"), "shows": simkl_form})
    if alternates:
        entry = dict(entry, alternates=alternates)
    return entry


def _show_by_simkl_identity(show, anime_index):
    cours = {}
    for season in show.get("seasons", []):
        for row in season.get("episodes", []):
            anime = anime_index.identify(show.get("ids") or {}, season.get("number"), row.get("number"))
            if anime is None:
                return None  # all or nothing: half a show by one numbering and half by the other is a guess
            episode = dict(row, number=int(anime.number))
            cour = cours.setdefault(anime.simkl, (anime, {}))
            cour[1].setdefault(int(anime.season), []).append(episode)
    items = []
    for anime, seasons in cours.values():
        item = media_block(anime.title, anime.year, {"simkl": anime.simkl})
        item["seasons"] = [{"number": number, "episodes": rows} for number, rows in sorted(seasons.items())]
        items.append(item)
    return items


def push_after_not_found(entry, status, answer):
    """(retry, covered): the Simkl-identity form of the anime shows of a push batch that Simkl listed as not
    found, as one last history write, and how many of the not-found items it covers; (None, 0) when none."""
    if entry.get("kind") != "history" or not entry.get("alternates") or not 200 <= (status or 0) < 300:
        return None, 0
    not_found = answer.get("not_found") if isinstance(answer, dict) else None
    missing = not_found.get("shows") if isinstance(not_found, dict) else None
    missing_ids = [item.get("ids") for item in missing if isinstance(item, dict)] if isinstance(missing, list) else []
    covered = [alternate for alternate in entry["alternates"] if alternate["ids"] in missing_ids]
    shows = [show for alternate in covered for show in alternate["shows"]]
    if not shows:
        return None, 0
    retry = {name: value for name, value in entry.items() if name not in ("seq", "alternates")}
    retry.update(key=entry["key"] + ":simkl", group=entry["group"] + ":simkl", body={"shows": shows},
                 attempts=0, last_try=True, label=entry.get("label", "") + " (anime by Simkl id)")
    return retry, len(covered)
