"""The in-memory Kodi video library: movies, shows, episodes, and the watched-state rules Kodi applies."""
import copy

KINDS = ("movie", "tvshow", "episode")


class UnknownItem(LookupError):
    """No library item with that id."""


class VideoLibrary:
    """Builders for tests, the write rules of VideoLibrary.Set*Details, and Kodi's own playback updates.

    announce(method, data) sends a VideoLibrary.* notification; now() gives "YYYY-MM-DD HH:MM:SS" local time.
    """

    def __init__(self, announce, now):
        self._announce = announce
        self._now = now
        self.items = {kind: {} for kind in KINDS}
        self.writes = []
        self.offline = set()  # media files Kodi cannot stat (an offline share): Files.SetFileDetails refuses them
        self._top_id = {kind: 0 for kind in KINDS}  # each table's highest row id now

    # -- builders ---------------------------------------------------------------------------------------
    def add_movie(self, title, year=0, uniqueid=None, runtime=0, file=None, playcount=0, lastplayed="",
                  resume=None, dateadded="2024-01-01 12:00:00", announce=False, tag=()):
        movie = _base_item(title, uniqueid, runtime, file or f"/media/movies/{title}.mkv",
                           playcount, lastplayed, resume, dateadded)
        movie["year"] = year
        movie["tag"] = list(tag)
        return self._insert("movie", movie, announce)

    def add_show(self, title, year=0, uniqueid=None, file=None, dateadded="2024-01-01 12:00:00", tag=()):
        show = {"title": title, "year": year, "uniqueid": dict(uniqueid or {}), "dateadded": dateadded,
                "file": file or f"/media/tv/{title}/", "userrating": 0, "tag": list(tag)}
        show["imdbnumber"] = _default_uniqueid(show["uniqueid"])
        return self._insert("tvshow", show, False)

    def add_episode(self, tvshowid, season, episode, title="", runtime=0, file=None, playcount=0,
                    lastplayed="", uniqueid=None, resume=None, firstaired="", dateadded="2024-01-01 12:00:00",
                    announce=False):
        show = self.get("tvshow", tvshowid)
        title = title or f"Episode {episode}"
        path = file or "{}Season {:02d}/S{:02d}E{:02d}.mkv".format(show["file"], season, season, episode)
        item = _base_item(title, uniqueid, runtime, path, playcount, lastplayed, resume, dateadded)
        item.update({"tvshowid": tvshowid, "season": season, "episode": episode, "firstaired": firstaired})
        return self._insert("episode", item, announce)

    def remove_movie(self, movieid):
        self._remove("movie", movieid)

    def remove_episode(self, episodeid):
        self._remove("episode", episodeid)

    def remove_show(self, tvshowid):
        for episodeid in [e for e, item in self.items["episode"].items() if item["tvshowid"] == tvshowid]:
            self._remove("episode", episodeid)
        self._remove("tvshow", tvshowid)

    def wipe(self):
        """The video database deleted (or emptied): every item gone, no notification, and ids start again at 1
        as SQLite's do once a table is empty."""
        self.items = {kind: {} for kind in KINDS}
        self._top_id = {kind: 0 for kind in KINDS}

    # -- reads --------------------------------------------------------------------------------------------
    def get(self, kind, itemid):
        try:
            return self.items[kind][itemid]
        except (KeyError, TypeError):
            raise UnknownItem(f"{kind} {itemid} not in the library") from None

    def snapshot(self, kind, itemid):
        """A copy of one item's stored fields, for assertions."""
        return copy.deepcopy(self.get(kind, itemid))

    def show_of(self, episode):
        return self.items["tvshow"].get(episode["tvshowid"], {})

    def episodes_of(self, tvshowid):
        return [item for item in self.items["episode"].values() if item["tvshowid"] == tvshowid]

    # -- writes ---------------------------------------------------------------------------------------------
    def set_details(self, kind, itemid, changes):
        """Apply validated Set*Details fields; OnUpdate only when playcount or lastplayed really changed
        (a tag-only write announces nothing in Kodi 20.1: seen in the real-Kodi rig)."""
        item = self.get(kind, itemid)
        if "tag" in changes:
            item["tag"] = list(changes["tag"])  # the whole array, as Kodi replaces it
        before = (item["playcount"], item["lastplayed"])
        if "playcount" in changes:
            self._set_playcount(item, changes["playcount"], changes.get("lastplayed") or "")
        elif changes.get("lastplayed"):
            item["lastplayed"] = changes["lastplayed"]
        if "resume" in changes:
            self._set_resume(item, changes["resume"])
        for field in ("userrating", "title", "dateadded"):
            if field in changes:
                item[field] = changes[field]
        self._share_file_state(kind, itemid)
        if (item["playcount"], item["lastplayed"]) != before:
            self._announce_update(kind, itemid)

    def set_file_details(self, path, changes):
        """Files.SetFileDetails as Kodi 20-22 run it: the file's rows only, no OnUpdate; a lastplayed without a
        playcount marks the file watched; a resume point without a total gets no duration (the file lookup
        loads no stream details). A file Kodi cannot stat is refused; a path no item has gets a row of its own
        (the fake keeps none: nothing in the library changes)."""
        if path in self.offline:
            raise UnknownItem(f"cannot stat {path}")
        for kind in ("movie", "episode"):
            for item in self.items[kind].values():
                if item.get("file") == path:
                    self._file_details(item, changes)

    def _file_details(self, item, changes):
        playcount, lastplayed = item["playcount"], item["lastplayed"]
        if "lastplayed" in changes:
            lastplayed = changes["lastplayed"] or ""
            playcount = max(1, playcount) if lastplayed else 0
        playcount = changes.get("playcount", playcount)
        if (playcount, lastplayed) != (item["playcount"], item["lastplayed"]):
            self._set_playcount(item, playcount, lastplayed)
        resume = changes.get("resume")
        if resume is not None:
            position, total = float(resume.get("position", 0)), float(resume.get("total", 0))
            if position <= 0:
                item["resume"] = _no_resume()
            else:
                item["resume"] = {"position": position, "total": max(total, 0.0)}

    def finish_playback(self, kind, itemid, position, total):
        """What Kodi itself saves when a library item stops: watched at >= 90 %, else a resume point."""
        item = self.get(kind, itemid)
        if total > 0 and position >= 0.9 * total:
            self.user_marks_watched(kind, itemid)
        elif position > 0:
            item["resume"] = {"position": float(position), "total": float(total)}
            self._share_file_state(kind, itemid)

    def user_marks_watched(self, kind, itemid):
        """The GUI's "Mark as watched": playcount + 1, lastplayed now, resume cleared, OnUpdate."""
        item = self.get(kind, itemid)
        self._set_playcount(item, item["playcount"] + 1, "")
        item["resume"] = _no_resume()
        self._share_file_state(kind, itemid)
        self._announce_update(kind, itemid)

    def user_marks_unwatched(self, kind, itemid):
        item = self.get(kind, itemid)
        self._set_playcount(item, 0, "")
        self._share_file_state(kind, itemid)
        self._announce_update(kind, itemid)

    def _share_file_state(self, kind, itemid):
        """Kodi keeps playcount, lastplayed and the resume point per media file: the other items of a
        multi-episode file (or of one file listed twice) change with it, without an OnUpdate of their
        own (measured on Kodi 20.1 and 21.2)."""
        item = self.get(kind, itemid)
        for otherid, other in self.items[kind].items():
            if otherid != itemid and other.get("file") == item.get("file"):
                other.update(playcount=item["playcount"], lastplayed=item["lastplayed"], resume=dict(item["resume"]))

    def _set_playcount(self, item, playcount, lastplayed):
        # Kodi's SetPlayCount: a watched count without a date stamps now; zero without a date clears it.
        item["playcount"] = playcount
        item["lastplayed"] = lastplayed or (self._now() if playcount > 0 else "")

    def _set_resume(self, item, resume):
        position = float(resume.get("position", 0))
        if position <= 0:
            item["resume"] = _no_resume()
            return
        total = float(resume.get("total", 0))
        if total <= 0:
            total = item["resume"]["total"] or float(item.get("runtime", 0))
        item["resume"] = {"position": position, "total": total}

    def _announce_update(self, kind, itemid):
        item = self.get(kind, itemid)
        self._announce("OnUpdate", {"item": {"id": itemid, "type": kind}, "playcount": item["playcount"]})

    def _insert(self, kind, item, announce):
        # SQLite's rowid rule (Kodi's tables have no AUTOINCREMENT): one past the highest row now, so a title
        # removed from the end of a table and scanned back gets its old id (seen in the real-Kodi rig).
        itemid = self._top_id[kind] + 1
        self._top_id[kind] = itemid
        self.items[kind][itemid] = item
        if announce:
            self._announce("OnUpdate", {"item": {"id": itemid, "type": kind}, "added": True})
        return itemid

    def _remove(self, kind, itemid):
        self.get(kind, itemid)
        del self.items[kind][itemid]
        if itemid == self._top_id[kind]:  # the highest row gone: looked up again (only then, not per insert)
            self._top_id[kind] = max(self.items[kind], default=0)
        self._announce("OnRemove", {"id": itemid, "type": kind})


def _base_item(title, uniqueid, runtime, file, playcount, lastplayed, resume, dateadded):
    uniqueid = dict(uniqueid or {})
    return {
        "title": title,
        "uniqueid": uniqueid,
        "imdbnumber": _default_uniqueid(uniqueid),
        "runtime": int(runtime),
        "file": file,
        "playcount": int(playcount),
        "lastplayed": lastplayed,
        "resume": _resume_from(resume, runtime),
        "dateadded": dateadded,
        "userrating": 0,
    }


def _resume_from(resume, runtime):
    if resume is None:
        return _no_resume()
    if isinstance(resume, dict):
        return {"position": float(resume.get("position", 0)), "total": float(resume.get("total", runtime))}
    return {"position": float(resume), "total": float(runtime)}


def _no_resume():
    return {"position": 0.0, "total": 0.0}


def _default_uniqueid(uniqueid):
    for key in ("imdb", "tmdb", "tvdb"):
        if uniqueid.get(key):
            return uniqueid[key]
    return next(iter(uniqueid.values()), "")
