"""A cycle's reads from Simkl into the mirror: the all-items lists that moved (deltas, or whole when asked),
the removal id lists, the playback sessions. Returns what it read, what it changed and what looked broken."""
import logging

from ..core.plan.planner import playback_ids

LOG = logging.getLogger("simklsync.sync")


class Fetched:
    """read: {type or "playback": entries read}; changed: the Simkl ids the answers added, changed or removed
    (with the playback's); suspect: the answers to distrust ("movies", "shows ids", ...); stopped: Kodi is
    closing and the reads ended early."""

    def __init__(self):
        self.read = {}
        self.changed = set()
        self.suspect = []
        self.stopped = False
        self.whole = set()  # the types pulled whole (all-items without date_from)
        self.removed = set()  # the Simkl ids the id lists removed


def fetch(client, fetches, mirror, should_stop, full_pull=()):
    """Apply the answers of core.activities' `fetches` to `mirror`; types in full_pull are pulled whole."""
    fetched = Fetched()
    lists = [(type_, None if type_ in full_pull else date_from) for type_, date_from in fetches.lists]
    lists += [(type_, None) for type_ in full_pull if type_ not in dict(lists)]
    for type_, date_from in lists:
        if should_stop():
            fetched.stopped = True
            return fetched
        _fetch_list(client, type_, date_from, mirror, fetched)
        if date_from is None:
            fetched.whole.add(type_)
    for type_ in fetches.removals:
        if should_stop():
            fetched.stopped = True
            return fetched
        _fetch_removals(client, type_, mirror, fetched)
    if fetches.playback or fetches.first_sync:
        sessions = client.get_playback()
        mirror.set_playback(sessions)
        fetched.read["playback"] = len(sessions)
        fetched.changed |= playback_ids(mirror)
    return fetched


def _fetch_list(client, type_, date_from, mirror, fetched):
    extended = "full_anime_seasons" if type_ == "anime" else "full"
    body = client.get_all_items(type_, date_from=date_from, extended=extended)
    fetched.changed.update(mirror.apply_all_items(type_, body, full=date_from is None))
    entries = body.get(type_) if isinstance(body, dict) else None
    fetched.read[type_] = len(entries) if isinstance(entries, list) else 0
    if mirror.shrank or _suspect(entries, mirror.skipped, delta=date_from is not None):
        fetched.suspect.append(type_)


def _fetch_removals(client, type_, mirror, fetched):
    """Diff the id list of a type whose removed_from_list moved."""
    body = client.get_all_items(type_, extended="simkl_ids_only")
    removed = mirror.apply_removals(type_, body)
    if mirror.skipped or mirror.shrank:
        fetched.suspect.append(type_ + " ids")  # the removal it may hide is asked again next cycle
    fetched.changed.update(removed)
    fetched.removed.update(removed)
    if removed:
        LOG.info("%d %s removed on Simkl", len(removed), type_)


def _suspect(entries, skipped, delta):
    """An answer to distrust: unreadable entries, or a delta that brings nothing although activities said the
    list moved. Every empty shape (null, {}, [], a body without the type's key) is the same "nothing": live
    Simkl answers an empty list with {} or null depending on the app's age, so the shape tells nothing apart,
    and no removal in the same cycle excuses it either. Asked again a few times, then pulled whole."""
    if skipped:
        return True
    return delta and not entries
