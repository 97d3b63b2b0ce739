"""Shared by the login and sync e2e tests: the demo account on the emulator, the Kodi library a
TVDB/TMDB-scraped Kodi would hold for it, and reading back what the add-on left in the rig."""
import contextlib
import datetime
import json
import re
import xml.etree.ElementTree as ElementTree

from tests.support.kodi_rig import ADDON_ID, EpisodeSpec, LoggedError, MovieSpec, ShowSpec, wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

LOG_PREFIX = r"\[script\.simkl\.sync\] "
SERVICE_STARTED = LOG_PREFIX + r"simklsync\.service: service started"
SYNC_TIMEOUT = 240  # login + first sync on a shared 2-core box running other Kodis
KODI_TIME = "%Y-%m-%d %H:%M:%S"
SIMKL_TIME = "%Y-%m-%dT%H:%M:%SZ"
ITEM_PROPERTIES = ["playcount", "lastplayed", "resume", "runtime"]

# A TVDB-scraped Kodi names the whole series; Simkl files this cour as its own anime title.
KODI_SERIES = {demo.ANIME_AOT_S3: ("Attack on Titan", 2013)}
SHOW_ID_TYPES = ("tvdb", "tmdb", "imdb")  # what Kodi's TV scrapers store; never mal/anidb

@contextlib.contextmanager
def demo_emulator():
    """The emulator on 127.0.0.1 with the demo account; the PIN is approved after one pending poll."""
    with SimklEmulator(Options(pin_auto_approve_after=1, pin_interval=1)) as emu:
        demo.seed_demo(emu)
        yield emu


def emulator_rig_options(emulator, **options):
    """kodi_rig_options for a Kodi whose add-on talks to `emulator`, with the demo library unless `options`
    name another (tests/e2e/conftest.py's simkl_emulator is the demo account's emulator)."""
    return dict({"env": {"SIMKL_API_URL": emulator.url}, "library": demo_library()}, **options)


def sync_done_pattern(reason):
    """The service's log line about a finished cycle: groups outcome, requests, movies, episodes."""
    return (LOG_PREFIX + r"simklsync\.service: sync \(" + re.escape(reason) + r"\): (?P<outcome>[^,]+), "
            r"(?P<requests>\d+) requests, (?P<movies>\d+) movies and (?P<episodes>\d+) episodes written")


# -- the Kodi library ---------------------------------------------------------------------------------

def demo_library():
    """write_library() arguments: every demo title, numbered the way Kodi's scrapers number them."""
    movies = [MovieSpec(t["title"], t["year"], runtime=t["runtime"], uniqueids=dict(t["ids"]))
              for t in demo.TITLES if t["kind"] == "movie"]
    shows = [_show_spec(t) for t in demo.TITLES if t["kind"] in ("show", "anime")]
    return {"movies": movies, "shows": shows}


def kodi_show_title(simkl):
    title = next(t for t in demo.TITLES if t["simkl"] == simkl)
    return KODI_SERIES.get(simkl, (title["title"], title["year"]))[0]


def kodi_episode_number(simkl, season, episode):
    """Where a Simkl episode sits in Kodi: anime through their TVDB map, shows as they are."""
    title = next(t for t in demo.TITLES if t["simkl"] == simkl)
    if title["kind"] == "anime":
        return title["tvdb_map"][episode]
    return season, episode


def _show_spec(title):
    name, year = KODI_SERIES.get(title["simkl"], (title["title"], title["year"]))
    ids = {kind: title["ids"][kind] for kind in SHOW_ID_TYPES if kind in title["ids"]}
    if title["kind"] == "anime":
        numbers = [title["tvdb_map"][number] for number in range(1, title["episodes"] + 1)]
    else:
        numbers = [(season, number) for season, count in sorted(title["seasons"].items())
                   for number in range(1, count + 1)]
    episodes = [EpisodeSpec(season, number, runtime=title["runtime"]) for season, number in numbers]
    return ShowSpec(name, year, uniqueids=ids, episodes=episodes)


def library_state(kodi):
    """{("movie", title) or ("episode", show, season, episode): {playcount, lastplayed, resume, runtime}}."""
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title"] + ITEM_PROPERTIES}).get("movies") or []
    episodes = kodi.rpc("VideoLibrary.GetEpisodes",
                        {"properties": ["showtitle", "season", "episode"] + ITEM_PROPERTIES}).get("episodes") or []
    state = {("movie", movie["title"]): _item_state(movie) for movie in movies}
    for episode in episodes:
        state[("episode", episode["showtitle"], episode["season"], episode["episode"])] = _item_state(episode)
    return state


def _item_state(item):
    resume = item.get("resume") or {}
    return {"playcount": item.get("playcount") or 0, "lastplayed": item.get("lastplayed") or "",
            "resume": (resume.get("position") or 0, resume.get("total") or 0), "runtime": item.get("runtime") or 0}


def simkl_watched_in_kodi_terms(user):
    """What the Simkl account has watched, keyed like library_state(), valued with Kodi's lastplayed text."""
    watched = {}
    titles = {t["simkl"]: t for t in demo.TITLES}
    for simkl, at in user.watched_movies().items():
        watched[("movie", titles[simkl]["title"])] = kodi_local_time(at)
    for simkl, title in titles.items():
        if title["kind"] == "movie":
            continue
        for (season, episode), at in user.watched_episodes(simkl).items():
            kodi_season, kodi_episode = kodi_episode_number(simkl, season, episode)
            watched[("episode", kodi_show_title(simkl), kodi_season, kodi_episode)] = kodi_local_time(at)
    return watched


def kodi_local_time(simkl_time):
    """Kodi keeps lastplayed as local wall-clock text; Kodi and the tests share the machine's zone."""
    utc = datetime.datetime.strptime(simkl_time, SIMKL_TIME).replace(tzinfo=datetime.timezone.utc)
    return utc.astimezone().strftime(KODI_TIME)


# -- the add-on's files in the rig's profile -----------------------------------------------------------

def addon_data_file(kodi, name):
    return kodi.userdata / "addon_data" / ADDON_ID / name


def stored_settings(kodi):
    """The add-on's settings as Kodi saved them (userdata/addon_data/<id>/settings.xml), id -> text."""
    path = addon_data_file(kodi, "settings.xml")
    if not path.exists():
        return {}
    try:
        root = ElementTree.parse(str(path)).getroot()
    except ElementTree.ParseError:  # caught while Kodi rewrites it
        return {}
    return {node.get("id"): node.text or "" for node in root.iter("setting")}


def sync_status(kodi):
    """The data of the service's status file, or None before the first cycle wrote it."""
    path = addon_data_file(kodi, "status.json")
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))["data"]
    except ValueError:  # caught mid-write
        return None


# -- driving the add-on --------------------------------------------------------------------------------

def addon_errors(kodi, since=0):
    """ERROR/FATAL entries about the add-on (Python tracebacks included). Kodi's "failed to load addon
    settings" belongs here too: the service used to re-read settings.xml while the login was still saving."""
    return kodi.log_errors(ADDON_ID, since=since)


def wait_for_addon_log(kodi, pattern, timeout, since):
    """The first match of `pattern` after `since`; fails at once when the add-on logs an error instead."""
    regex = re.compile(pattern)

    def found():
        errors = addon_errors(kodi, since)
        if errors:
            raise LoggedError(f"waiting for {pattern!r}, Kodi logged instead:\n" + "\n".join(errors))
        return regex.search(kodi.log.text(since))
    return wait_until(found, timeout, interval=0.25, message=pattern)


def log_in_and_wait_for_sync(kodi, timeout=SYNC_TIMEOUT):
    """Run the login action (as the settings button does) and wait until the service's sync after the
    login has finished; returns (log mark taken before, the sync's log line match)."""
    mark = kodi.log_mark()
    assert kodi.execute_addon(["login"]) == "OK"
    done = wait_for_addon_log(kodi, sync_done_pattern("login"), timeout, since=mark)
    return mark, done


def manual_sync(kodi, timeout=SYNC_TIMEOUT):
    """Run the sync action (RunScript(script.simkl.sync,sync)) and wait for its cycle's log line."""
    mark = kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    return wait_for_addon_log(kodi, sync_done_pattern("manual"), timeout, since=mark)


def wait_for_notification_barrier(kodi, timeout=60):
    """Kodi announces in order: once a NotifyAll sent now has come back, every earlier notification
    (e.g. VideoLibrary.OnUpdate of a finished sync) has been received too."""
    mark = kodi.notification_mark()
    kodi.rpc("JSONRPC.NotifyAll", {"sender": "e2e.barrier", "message": "barrier"})
    kodi.wait_for_notification("Other.barrier", timeout=timeout, since=mark)


DIALOG_OK_WINDOW = 12002  # Kodi's DialogConfirm, what xbmcgui.Dialog().ok() opens
DIALOG_TEXT = "Control.GetLabel(9)"  # its text box (GUIDialogBoxBase CONTROL_TEXTBOX)


def dialog_text(kodi):
    """The text of the OK dialog on screen, "" when none is (or Kodi is busy answering)."""
    with contextlib.suppress(Exception):
        if kodi.current_window_id() == DIALOG_OK_WINDOW:
            return kodi.rpc("XBMC.GetInfoLabels", {"labels": [DIALOG_TEXT]}).get(DIALOG_TEXT) or ""
    return ""
