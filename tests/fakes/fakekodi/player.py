"""The scriptable player: tests play, pause, seek and stop; live xbmc.Player objects get Kodi's callbacks."""


class NothingPlaying(RuntimeError):
    """Kodi raises when a Player getter is called with nothing playing."""


class PlayerState:
    """kodi.player: what plays, where it is, and the callbacks and notifications each action causes.

    Callbacks run on Kodi's callback thread. With settle True (default) each action returns only after
    its callbacks ran, as when a person acts with seconds in between; False leaves them racing the test.
    """

    def __init__(self, kodi):
        self._kodi = kodi
        self.item = None
        self.time = 0.0
        self.paused = False
        self.settle = True

    # -- test actions ---------------------------------------------------------------------------------
    def play(self, file="", dbid=-1, mediatype="video", duration=0, uniqueids=None, title="", year=0,
             showtitle="", season=-1, episode=-1, playcount=0, resume=0.0, start=0.0, trailer=""):
        if self.item is not None:
            self.stop()
        self.item = {
            "file": file, "dbid": dbid, "mediatype": mediatype, "duration": float(duration),
            "uniqueids": dict(uniqueids or {}), "title": title, "year": year, "showtitle": showtitle,
            "season": season, "episode": episode, "playcount": playcount, "resume": float(resume),
            "trailer": trailer,
        }
        self.time = float(start)
        self.paused = False
        self._callback("onPlayBackStarted")
        self._announce("Player.OnPlay", {"item": self._notification_item(), "player": _PLAYER})
        self._callback("onAVStarted")
        self._announce("Player.OnAVStart", {"item": self._notification_item(), "player": _PLAYER})
        self._settle()

    def play_library_movie(self, movieid, start=0.0):
        movie = self._kodi.library.get("movie", movieid)
        self.play(file=movie["file"], dbid=movieid, mediatype="movie", duration=movie["runtime"],
                  uniqueids=movie["uniqueid"], title=movie["title"], year=movie["year"],
                  playcount=movie["playcount"], resume=movie["resume"]["position"], start=start)

    def play_library_episode(self, episodeid, start=0.0):
        library = self._kodi.library
        episode = library.get("episode", episodeid)
        self.play(file=episode["file"], dbid=episodeid, mediatype="episode", duration=episode["runtime"],
                  uniqueids=episode["uniqueid"], title=episode["title"],
                  showtitle=library.show_of(episode).get("title", ""), season=episode["season"],
                  episode=episode["episode"], playcount=episode["playcount"],
                  resume=episode["resume"]["position"], start=start)

    def pause(self):
        self._require_playing()
        self.paused = True
        self._callback("onPlayBackPaused")
        self._announce("Player.OnPause", {"item": self._notification_item(), "player": _PLAYER})
        self._settle()

    def resume(self):
        self._require_playing()
        self.paused = False
        self._callback("onPlayBackResumed")
        self._announce("Player.OnResume", {"item": self._notification_item(), "player": _PLAYER})
        self._settle()

    def seek(self, seconds):
        self._require_playing()
        offset = float(seconds) - self.time
        self.time = self._clamped(seconds)
        self._callback("onPlayBackSeek", int(self.time * 1000), int(offset * 1000))
        self._announce("Player.OnSeek", {"item": self._notification_item(), "player": _PLAYER})
        self._settle()

    def advance(self, seconds):
        """Time passes while playing: the position moves, no callback (like Kodi)."""
        self._require_playing()
        if not self.paused:
            self.time = self._clamped(self.time + seconds)

    def stop(self):
        self._finish("onPlayBackStopped", ended=False)

    def end(self):
        self._require_playing()
        self.time = self.item["duration"]
        self._finish("onPlayBackEnded", ended=True)

    # -- what xbmc.Player and JSON-RPC ask -----------------------------------------------------------------
    def is_playing(self):
        return self.item is not None

    def playing_item(self):
        self._require_playing()
        return self.item

    def active_players(self):
        if self.item is None:
            return []
        return [{"playerid": 1, "playertype": "internal", "type": "video"}]

    def rpc_item(self, properties):
        if self.item is None:
            return {"label": "", "type": "unknown"}
        item = self.item
        answer = {"label": item["title"], "type": item["mediatype"] if item["dbid"] > 0 else "unknown"}
        if item["dbid"] > 0:
            answer["id"] = item["dbid"]
        values = {"title": item["title"], "file": item["file"], "year": item["year"],
                  "showtitle": item["showtitle"], "season": item["season"], "episode": item["episode"],
                  "uniqueid": item["uniqueids"], "runtime": int(item["duration"]),
                  "playcount": item["playcount"], "imdbnumber": item["uniqueids"].get("imdb", "")}
        for name in properties:
            answer[name] = values.get(name, "")
        return answer

    def rpc_properties(self, properties):
        self._require_playing()
        duration = self.item["duration"]
        values = {"time": _rpc_time(self.time), "totaltime": _rpc_time(duration),
                  "percentage": 100.0 * self.time / duration if duration else 0.0,
                  "speed": 0 if self.paused else 1, "type": "video", "playlistid": 1}
        return {name: values.get(name) for name in properties}

    # -- internals -----------------------------------------------------------------------------------
    def _finish(self, callback, ended):
        self._require_playing()
        item, position = self.item, self.time
        notification_item = self._notification_item()
        self.item = None
        self.paused = False
        if item["dbid"] > 0 and item["mediatype"] in ("movie", "episode"):
            with self._kodi.lock:
                self._kodi.library.finish_playback(item["mediatype"], item["dbid"], position,
                                                   item["duration"])
        self._callback(callback)
        self._announce("Player.OnStop", {"item": notification_item, "end": ended})
        self._settle()

    def _notification_item(self):
        item = self.item
        if item["dbid"] > 0:
            return {"id": item["dbid"], "type": item["mediatype"]}
        fields = {"title": item["title"], "type": item["mediatype"], "file": item["file"]}
        if item["mediatype"] == "episode":
            fields.update(showtitle=item["showtitle"], season=item["season"], episode=item["episode"])
        return fields

    def _clamped(self, seconds):
        duration = self.item["duration"]
        seconds = max(0.0, float(seconds))
        return min(seconds, duration) if duration > 0 else seconds

    def _require_playing(self):
        if self.item is None:
            raise NothingPlaying("Kodi is not playing any media file")

    def _settle(self):
        if self.settle and not self._kodi.on_callback_thread():
            self._kodi.wait_idle()

    def _callback(self, name, *args):
        self._kodi.post_to_players(name, *args)

    def _announce(self, method, data):
        self._kodi.announce("xbmc", method, data)


_PLAYER = {"playerid": 1, "speed": 1}


def _rpc_time(seconds):
    whole = int(seconds)
    return {"hours": whole // 3600, "minutes": whole % 3600 // 60, "seconds": whole % 60,
            "milliseconds": int(round((seconds - whole) * 1000))}
