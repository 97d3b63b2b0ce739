"""One watched/unwatched mark made in Kodi as its /sync/history outbox entry."""
from .bodies import episodes_body, item_key, item_label, movie_body
from .outbox import make_entry


def mark_entry(action, media, block, now, season=None, episode=None, watched_at=None, label=""):
    """The outbox entry for one user mark (action "add") or unmark ("remove") in Kodi."""
    sent_at = watched_at if action == "add" else None
    if media == "movie":
        body = movie_body(block, sent_at)
    else:
        body = episodes_body(block, [(season, episode, sent_at)])
    key = item_key(media, block["ids"], season, episode)
    label = label or item_label(media, block.get("title"), block.get("year"), season, episode)
    return make_entry("history", action, key, body, label, now, watched_at=sent_at)
