"""When to ask for a rating after watching, pure: the rules the rating dialog follows.

Simkl rates movies and shows, never episodes or seasons: after the last episode of a season the show is rated.
"""
from collections import namedtuple
from typing import Optional

from ..model import MOVIE, TVSHOW
from .scrobble import WATCHED_PERCENT

OFF, MOVIES, EPISODES, BOTH = 0, 1, 2, 3
DEFAULT = MOVIES

# media "movie" | "episode"; kodi_id the movie's or episode's library id (<= 0: not in the library);
# show_id the episode's Kodi show; last_in_season: the highest episode number of its season in the library.
Watched = namedtuple("Watched", "media kodi_id progress season episode show_id last_in_season rating")
Watched.__new__.__defaults__ = (None, None, None, None, 0)

# What to rate: "movie" or "tvshow" and its Kodi id.
RateTarget = namedtuple("RateTarget", "media kodi_id")


def setting_value(raw) -> int:
    """The rate_after_watching setting, with anything unreadable read as the default."""
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and OFF <= raw <= BOTH else DEFAULT


def rate_target(setting, watched: Watched, excluded: bool, other_video_playing: bool) -> Optional[RateTarget]:
    """The item to ask a rating for after this playback ended, or None not to ask."""
    setting = setting_value(setting)
    if setting == OFF or excluded or other_video_playing:
        return None
    if watched.progress is None or watched.progress < WATCHED_PERCENT:
        return None
    if watched.media == MOVIE:
        if setting in (MOVIES, BOTH) and _in_library(watched.kodi_id) and not watched.rating:
            return RateTarget(MOVIE, watched.kodi_id)
        return None
    if watched.media != "episode" or setting not in (EPISODES, BOTH) or not _in_library(watched.show_id):
        return None
    if watched.episode is None or watched.last_in_season is None or watched.episode < watched.last_in_season:
        return None
    if watched.rating:
        return None  # the show already has the user's rating: asking after every season would nag
    return RateTarget(TVSHOW, watched.show_id)


def _in_library(kodi_id) -> bool:
    return isinstance(kodi_id, int) and not isinstance(kodi_id, bool) and kodi_id > 0
