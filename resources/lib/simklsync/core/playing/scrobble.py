"""Scrobbling, pure: which playbacks to scrobble, the per-playback state machine, and its outbox entries."""
from collections import namedtuple
from typing import Optional

from ..model import simkl_ids
from ..outbox.bodies import episodes_body, item_key, item_label, media_block, movie_body
from ..outbox.queue import make_entry
from ..reasons import with_detail
from ..times import epoch_to_iso

WATCHED_PERCENT = 80.0  # Simkl marks watched at or above
KODI_WATCHED_PERCENT = 90.0  # Kodi's default playcountminimumpercent: it bumps playcount itself
STALE_START_SECONDS = 15 * 60
# Simkl answers 409 to a repeated watched stop for 1 h; later retries go out as a history write instead.
STOP_TO_HISTORY_SECONDS = 50 * 60
# Kodi announces a seek at once but reports the old time until the seek lands (about a second).
SEEK_LANDED_WITHIN_SECONDS = 5.0  # a polled position this close to the target: the seek has landed
SEEK_STALE_POLLS_MAX = 5  # this many polls far from the target: it landed elsewhere, believe the player
# The reason a watched view is dropped when Simkl found it neither as a scrobble nor as a history write
# (the status dialog says it in words).
NOT_FOUND_EITHER_WAY = "not_found_as_scrobble_or_history"
# ... and a start or pause Simkl did not know (nothing watched is lost with it).
SCROBBLE_NOT_FOUND = "scrobble_not_found"
# ... and a start that waited too long in the outbox to mean anything.
START_TOO_OLD = "start_too_old"
# Why a playback is not scrobbled (core/reasons.py; script/status_text.py says them in words).
SCROBBLING_OFF = "scrobbling_off"
EXCLUDED_BY_ADDON = "excluded_by_addon"
LIVE_TV_EXCLUDED = "live_tv_excluded"
STREAMS_EXCLUDED = "streams_excluded"
IN_EXCLUDED_FOLDER = "in_excluded_folder"
NOT_MOVIE_OR_EPISODE = "not_movie_or_episode"
MOVIES_OFF = "movie_scrobbling_off"
EPISODES_OFF = "episode_scrobbling_off"
NO_EPISODE_NUMBERS = "no_episode_numbers"
TOO_SHORT = "too_short"  # with the minimum minutes as its detail
PLUGIN_WITHOUT_IDS = "plugin_without_ids"
NO_IDS = "no_ids"

ScrobbleSettings = namedtuple(
    "ScrobbleSettings",
    "enabled movies episodes min_minutes exclude_livetv exclude_http exclude_plugin exclude_paths "
    "search_file_fallback",
)

# media "movie" | "episode"; ids: the movie's ids, or the show's for an episode; title: the movie's or show's.
# anime: core.anime_ids.AnimeEpisode when the mirror knows the episode as a Simkl anime's, else None.
PlayingItem = namedtuple("PlayingItem", "media ids title year season episode kodi_id playcount path duration anime")
PlayingItem.__new__.__defaults__ = ("", {}, "", 0, None, None, -1, 0, "", 0.0, None)

Intent = namedtuple("Intent", "action progress")

IDLE, PLAYING, PAUSED, STOPPED = "idle", "playing", "paused", "stopped"


def skip_reason(item, settings, opted_out=False) -> Optional[str]:
    """Why this playback must not be scrobbled (a reason code below, TOO_SHORT with the minutes), or None."""
    path = item.path or ""
    rules = (
        (not settings.enabled, SCROBBLING_OFF),
        (opted_out, EXCLUDED_BY_ADDON),
        (settings.exclude_livetv and path.startswith("pvr://"), LIVE_TV_EXCLUDED),
        (settings.exclude_http and path.lower().startswith(("http://", "https://")), STREAMS_EXCLUDED),
        (_in_excluded_folder(path, settings.exclude_paths), IN_EXCLUDED_FOLDER),
        (item.media not in ("movie", "episode"), NOT_MOVIE_OR_EPISODE),
        (item.media == "movie" and not settings.movies, MOVIES_OFF),
        (item.media == "episode" and not settings.episodes, EPISODES_OFF),
        (item.media == "episode" and not _has_episode_numbers(item), NO_EPISODE_NUMBERS),
        (_too_short(item, settings.min_minutes), with_detail(TOO_SHORT, settings.min_minutes)),
    )
    for applies, reason in rules:
        if applies:
            return reason
    if not item.ids:
        if path.startswith("plugin://") and settings.exclude_plugin:
            return PLUGIN_WITHOUT_IDS
        return NO_IDS
    return None


def _in_excluded_folder(path, folders):
    for folder in folders or ():
        folder = (folder or "").strip()
        if not folder:
            continue
        if not folder.endswith(("/", "\\")):
            folder += "/"
        if path.startswith(folder):
            return True
    return False


def _has_episode_numbers(item):
    return item.season is not None and item.episode is not None and item.episode > 0


def _too_short(item, min_minutes):
    return bool(item.duration) and bool(min_minutes) and item.duration < min_minutes * 60


class Playback:
    """One playback: turns player events into scrobble intents. Sends on real events only."""

    def __init__(self, duration=0.0):
        self.state = IDLE
        self.position = 0.0
        self.duration = float(duration or 0.0)
        self._seek_target = None
        self._stale_polls = 0

    def started(self, position=0.0):
        return self._move((IDLE,), PLAYING, "start", position)

    def paused(self, position=None):
        return self._move((PLAYING,), PAUSED, "pause", position)

    def resumed(self, position=None):
        return self._move((PAUSED,), PLAYING, "start", position)

    def seeked(self, position):
        self._seek_target = None
        self.observe(position)
        if position is not None and position > 0:
            self._seek_target, self._stale_polls = float(position), 0

    def observe(self, position, duration=None):
        """The position polled while playing; it is all there is to go on once the player has stopped."""
        if duration and duration > 0:
            self.duration = float(duration)
        if position is not None and position > 0 and not self._read_before_seek_landed(position):
            self.position = float(position)

    def _read_before_seek_landed(self, position):
        if self._seek_target is None:
            return False
        landed = abs(position - self._seek_target) <= SEEK_LANDED_WITHIN_SECONDS
        if landed or self._stale_polls >= SEEK_STALE_POLLS_MAX:
            self._seek_target = None
            return False
        self._stale_polls += 1
        return True

    def stopped(self, ended=False):
        """Stop or end of the file. ended means Kodi reached the end: the progress is 100."""
        if ended:
            self.position = max(self.position, self.duration)
        return self._move((PLAYING, PAUSED), STOPPED, "stop", None)

    def progress(self):
        if self.duration <= 0:
            return 0.0
        return round(min(100.0, max(0.0, 100.0 * self.position / self.duration)), 2)

    def kodi_counts_it_watched(self):
        """Kodi bumps the playcount itself after this playback (so its OnUpdate is our echo)."""
        return self.state == STOPPED and self.progress() >= KODI_WATCHED_PERCENT

    def _move(self, sources, target, action, position):
        if self.state not in sources:
            return None
        self.observe(position)
        self.state = target
        return Intent(action, self.progress())


def scrobble_body(item, progress):
    if item.media == "movie":
        return {"progress": progress, "movie": media_block(item.title, item.year, item.ids)}
    anime = item.anime
    if anime is not None:
        # The way Simkl resolves anime: the cour's Simkl id and its own numbering (no TVDB flag).
        show = media_block(anime.title, anime.year, {"simkl": anime.simkl})
        return {"progress": progress, "show": show, "episode": {"season": anime.season, "number": anime.number}}
    show = media_block(item.title, item.year, item.ids)
    if "simkl" not in item.ids:
        # Kodi's numbering is TVDB's; where Simkl honours the flag on scrobbles it maps anime by it. A Simkl
        # id (handed by a plugin) comes with Simkl's own numbering, which the flag would misread.
        show["use_tvdb_anime_seasons"] = True
    return {"progress": progress, "show": show, "episode": {"season": int(item.season),
                                                            "number": int(item.episode)}}


def scrobble_entry(item, intent, now):
    """The outbox entry for one intent. A watched stop is a finished view: nothing later replaces it. It
    keeps its history form too (Kodi's ids and numbering, TVDB flag): sent instead when the stop is too old
    for a scrobble, to confirm a 409, or when Simkl answers 404 to the scrobble."""
    key = item_key(item.media, item.ids, item.season, item.episode)
    body = scrobble_body(item, intent.progress)
    watched = intent.action == "stop" and intent.progress >= WATCHED_PERCENT
    watched_at = epoch_to_iso(now) if watched else None
    if not watched:
        return make_entry("scrobble", intent.action, key, body, _label(item), now)
    entry = make_entry("scrobble", intent.action, key, body, _label(item), now, watched_at=watched_at,
                       group=f"scrobble-watched:{key}:{watched_at}", replaces=f"scrobble:{key}")
    entry["view"] = key
    entry["history"] = _history_form(item, watched_at)
    return entry


def _history_form(item, watched_at):
    block = media_block(item.title, item.year, item.ids)
    if item.media == "movie":
        return movie_body(block, watched_at)
    return episodes_body(block, [(item.season, item.episode, watched_at)])


def _label(item):
    return item_label(item.media, item.title, item.year, item.season, item.episode)


def due_form(entry, now, age=None):
    """What to send for a queued entry now: (entry, None), or (None, reason) when it is too old to matter.
    A watched stop older than Simkl's 409 window goes as a history write dated when it happened. age: seconds
    since the user acted (core.outbox.dates.age, on Simkl's clock); None: now minus the entry's created."""
    if entry["kind"] != "scrobble":
        return entry, None
    if age is None:
        age = now - entry.get("created", now)
    if entry["action"] == "start" and age > STALE_START_SECONDS:
        return None, START_TOO_OLD
    if is_watched_stop(entry) and age > STOP_TO_HISTORY_SECONDS:
        return dict(entry, kind="history", action="add", body=_stop_as_history(entry)), None
    return entry, None


def is_watched_stop(entry):
    """A scrobble stop at or past the watched threshold: a finished view."""
    return (entry.get("kind") == "scrobble" and entry.get("action") == "stop"
            and (entry.get("body") or {}).get("progress", 0) >= WATCHED_PERCENT)


def _stop_as_history(entry):
    if isinstance(entry.get("history"), dict):
        return entry["history"]
    body = entry["body"]
    watched_at = epoch_to_iso(entry["created"])
    if "movie" in body:
        return movie_body(body["movie"], watched_at)
    episode = body["episode"]
    return episodes_body(body["show"], [(episode["season"], episode["number"], watched_at)])


def history_after_duplicate(entry):
    """A watched stop Simkl answered with 409 ("already recorded within the hour") may still be missing from
    the history: the user can have unmarked the first view and watched again. A history add of the same view
    settles it either way, since re-adding an already watched item is a no-op on Simkl."""
    if entry.get("kind") != "scrobble" or not is_watched_stop(entry):
        return None
    return _view_as_history(entry)


def history_after_not_found(entry, status):
    """A watched stop Simkl answered with 404 (live: anime it could not place, or a scrobble without the
    identifying query) is not lost: the same view goes out as a history write in Kodi's numbering with the
    TVDB flag, which /sync/history documents. None for anything else."""
    if status != 404 or entry.get("kind") != "scrobble" or not is_watched_stop(entry):
        return None
    history = _view_as_history(entry)
    history["last_try"] = True
    return history


def _view_as_history(entry):
    item = entry.get("view")
    if not item:
        body = entry["body"]
        if "movie" in body:
            item = item_key("movie", body["movie"].get("ids") or {})
        else:
            episode = body["episode"]
            item = item_key("episode", body["show"].get("ids") or {}, episode["season"], episode["number"])
    history = make_entry("history", "add", item, _stop_as_history(entry), entry.get("label", ""),
                         entry["created"], watched_at=epoch_to_iso(entry["created"]))
    if "clock" in entry:
        history["clock"] = entry["clock"]  # its dates are the view's, put on Simkl's clock when sent
    return history


def resume_entries(movies, episodes, shows, now, anime=None):
    """/scrobble/pause outbox entries for Kodi resume points (first sync, opt-in): the movies and episodes
    given are the ones whose Kodi resume point is newer than anything Simkl has for them. anime: a
    core.anime_ids.AnimeIndex, so anime episodes go by Simkl identity like any scrobble."""
    shows_by_id = {show.get("tvshowid"): show for show in shows}
    entries = []
    for media, kodi in [("movie", m) for m in movies] + [("episode", e) for e in episodes]:
        progress = _resume_percent(kodi.get("resume"))
        owner = kodi if media == "movie" else shows_by_id.get(kodi.get("tvshowid"), {})
        ids = simkl_ids(owner.get("uniqueid"), owner.get("imdbnumber", ""), "tmdb" if media == "movie" else "tvdb")
        if progress is None or not ids:
            continue
        item = PlayingItem(media=media, ids=ids, title=owner.get("title", ""), year=owner.get("year") or 0,
                           season=kodi.get("season"), episode=kodi.get("episode"))
        if anime is not None and media == "episode" and "simkl" not in ids:
            item = item._replace(anime=anime.identify(ids, item.season, item.episode))
        entries.append(scrobble_entry(item, Intent("pause", progress), now))
    return entries


def _resume_percent(resume):
    """Kodi's resume point as Simkl's percent (two decimals), or None when there is none to send."""
    if not isinstance(resume, dict):
        return None
    position, total = resume.get("position") or 0, resume.get("total") or 0
    if position <= 0 or total <= 0 or position >= total:
        return None
    return round(min(99.0, position * 100.0 / total), 2)
