"""The other direction: watch a movie to the end in Kodi, then read what the Simkl account recorded."""
from tests.support.kodi_rig import wait_until

from .kodi_view import movie_id
from .library import PLAYED_MOVIE, VIDEO_SECONDS, demo_title


def simkl_side(user, moment):
    """One row of the Simkl table for the played movie: (moment, list status, watched at, recorded by)."""
    events = [event for event in user.history_events() if event["simkl"] == PLAYED_MOVIE]
    source = events[-1]["source"] if events else None
    return moment, user.status(PLAYED_MOVIE), user.watched_movies().get(PLAYED_MOVIE), source


SETTLE_SECONDS = 2  # time for a wrong echo of Kodi's own playcount bump to reach Simkl, if there were one


def watch_to_the_end(stage, timeout=60):
    """Play the movie in Kodi until it ends by itself; wait until Kodi counted it and Simkl has it."""
    kodi = stage.kodi
    mark = kodi.notification_mark()
    movieid = movie_id(kodi, demo_title(PLAYED_MOVIE)["title"])
    kodi.play_movie(movieid)
    kodi.wait_for_notification("Player.OnAVStart", timeout=30, since=mark)
    stop = kodi.wait_for_notification("Player.OnStop", timeout=VIDEO_SECONDS + 30, since=mark)
    if not stop.get("data", {}).get("end"):
        raise RuntimeError("the movie stopped before its end")
    wait_until(lambda: _kodi_counted(kodi, movieid, mark), timeout, message="Kodi to count the movie watched")
    wait_until(lambda: PLAYED_MOVIE in stage.user.watched_movies(), timeout, interval=0.5,
               message="Simkl to have the movie as watched")
    kodi.wait(SETTLE_SECONDS)


def _kodi_counted(kodi, movieid, since):
    return any(params.get("data", {}).get("item") == {"id": movieid, "type": "movie"}
               and params.get("data", {}).get("playcount")
               for _, params in kodi.notifications("VideoLibrary.OnUpdate", since))
