"""Fake of Kodi's xbmc module, backed by fakekodi.KODI. Names and signatures follow Kodistubs 21."""
import time as _time

import fakekodi as _fakekodi

LOGDEBUG = 0
LOGINFO = 1
LOGWARNING = 2
LOGERROR = 3
LOGFATAL = 4
LOGNONE = 5
PLAYLIST_MUSIC = 0
PLAYLIST_VIDEO = 1


def _kodi():
    return _fakekodi.KODI


def log(msg, level=LOGDEBUG):
    _kodi().log(level, msg)


def sleep(timemillis):
    _time.sleep(timemillis / 1000.0)


def executeJSONRPC(jsonrpccommand):
    return _kodi().rpc.execute(jsonrpccommand)


def executebuiltin(function, wait=False):
    _kodi().builtins.append(function)


def getGlobalIdleTime():
    return int(_kodi().idle_seconds)


def getCondVisibility(condition):
    return bool(_kodi().conditions.get(condition, False))


def getInfoLabel(cLine):
    return str(_kodi().info_labels.get(cLine, ""))


def getLocalizedString(id):
    return ""


class Monitor:
    """Registered at creation (even when a subclass skips __init__); callbacks arrive on Kodi's thread."""

    def __new__(cls, *args, **kwargs):
        monitor = super().__new__(cls)
        kodi = _kodi()
        monitor._abort_event = kodi.abort_event
        kodi.monitors.add(monitor)
        return monitor

    def __init__(self):
        pass

    def onSettingsChanged(self):
        pass

    def onScreensaverActivated(self):
        pass

    def onScreensaverDeactivated(self):
        pass

    def onDPMSActivated(self):
        pass

    def onDPMSDeactivated(self):
        pass

    def onScanStarted(self, library):
        pass

    def onScanFinished(self, library):
        pass

    def onCleanStarted(self, library):
        pass

    def onCleanFinished(self, library):
        pass

    def onNotification(self, sender, method, data):
        pass

    def waitForAbort(self, timeout=-1):
        """Blocks up to timeout seconds (forever when negative) or until the test requests abort."""
        if timeout is None or timeout < 0:
            self._abort_event.wait()
        else:
            self._abort_event.wait(timeout)
        return self._abort_event.is_set()

    def abortRequested(self):
        return self._abort_event.is_set()


class InfoTagVideo:
    """The tag of the playing item (fields filled by the fake player)."""

    def __init__(self, offscreen=False):
        self._item = {}

    def getDbId(self):
        return self._item.get("dbid", -1)

    def getMediaType(self):
        return self._item.get("mediatype", "")

    def getUniqueID(self, key):
        return self._item.get("uniqueids", {}).get(key, "")

    def getIMDBNumber(self):
        uniqueids = self._item.get("uniqueids", {})
        return uniqueids.get("imdb") or next(iter(uniqueids.values()), "")

    def getTitle(self):
        return self._item.get("title", "")

    def getYear(self):
        return self._item.get("year", 0)

    def getTVShowTitle(self):
        return self._item.get("showtitle", "")

    def getSeason(self):
        return self._item.get("season", -1)

    def getEpisode(self):
        return self._item.get("episode", -1)

    def getDuration(self):
        return int(self._item.get("duration", 0))

    def getFilenameAndPath(self):
        return self._item.get("file", "")

    def getPath(self):
        return self._item.get("file", "")

    def getTrailer(self):
        return self._item.get("trailer", "")

    def getPlayCount(self):
        return self._item.get("playcount", 0)

    def getUserRating(self):
        return self._item.get("userrating", 0)

    # Setters, as a plugin or a context menu's ListItem fills its tag.
    def setDbId(self, dbid):
        self._item["dbid"] = dbid

    def setMediaType(self, mediatype):
        self._item["mediatype"] = mediatype

    def setTitle(self, title):
        self._item["title"] = title

    def setTvShowTitle(self, tvshowtitle):
        self._item["showtitle"] = tvshowtitle

    def setSeason(self, season):
        self._item["season"] = season

    def setUserRating(self, userrating):
        self._item["userrating"] = userrating

    def setYear(self, year):
        self._item["year"] = year

    def setEpisode(self, episode):
        self._item["episode"] = episode

    def setPlaycount(self, playcount):
        self._item["playcount"] = playcount

    def setPlot(self, plot):
        self._item["plot"] = plot

    def getPlot(self):
        return self._item.get("plot", "")

    def setResumePoint(self, time, totaltime=0.0):
        self._item["resume"], self._item["resume_total"] = time, totaltime

    def getResumeTimeTotal(self):
        return self._item.get("resume_total", 0.0)

    def getResumeTime(self):
        return self._item.get("resume", 0.0)


class Player:
    """Registered at creation; gets onPlayBackStarted, onAVStarted, ... when the test drives kodi.player."""

    def __new__(cls, *args, **kwargs):
        player = super().__new__(cls)
        _kodi().players.add(player)
        return player

    def __init__(self):
        pass

    def play(self, item="", listitem=None, windowed=False, startpos=-1):
        _kodi().player.play(file=item if isinstance(item, str) else "")

    def stop(self):
        if _kodi().player.is_playing():
            _kodi().player.stop()

    def pause(self):
        state = _kodi().player
        if state.is_playing() and state.paused:
            state.resume()
        elif state.is_playing():
            state.pause()

    def seekTime(self, seekTime):
        _kodi().player.seek(seekTime)

    def isPlaying(self):
        return _kodi().player.is_playing()

    def isPlayingVideo(self):
        return _kodi().player.is_playing()

    def isPlayingAudio(self):
        return False

    def getPlayingFile(self):
        return _kodi().player.playing_item()["file"]

    def getTime(self):
        state = _kodi().player
        state.playing_item()
        return state.time

    def getTotalTime(self):
        return _kodi().player.playing_item()["duration"]

    def getVideoInfoTag(self):
        tag = InfoTagVideo()
        tag._item = dict(_kodi().player.playing_item())
        return tag

    def onPlayBackStarted(self):
        pass

    def onAVStarted(self):
        pass

    def onAVChange(self):
        pass

    def onPlayBackEnded(self):
        pass

    def onPlayBackStopped(self):
        pass

    def onPlayBackError(self):
        pass

    def onPlayBackPaused(self):
        pass

    def onPlayBackResumed(self):
        pass

    def onQueueNextItem(self):
        pass

    def onPlayBackSpeedChanged(self, speed):
        pass

    def onPlayBackSeek(self, time, seekOffset):
        pass
