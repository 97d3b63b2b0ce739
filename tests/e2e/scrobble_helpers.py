"""Shared by the real-Kodi scrobble and outbox tests: the Simkl emulator account, the matching Kodi
library, and the questions the tests ask of both sides (history, requests, the add-on's outbox file)."""
import json

from tests.support.kodi_rig import ADDON_ID, MovieSpec, wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo

TOKEN = "e2e-scrobble-token-0123456789"
ACCOUNT = "e2e_user"
# Kodi is shared by a module's tests and other engineers run Kodi on the same small machine: be patient.
SERVICE_TIMEOUT = 90
SEND_TIMEOUT = 120

ADDON_SETTINGS = {
    "access_token": TOKEN,
    "account_name": ACCOUNT,
    "scrobble_min_minutes": "0",
    "initial_push": "2",  # never: a first sync must not push the library on its own
    "notify_sync": "false",
    "debug_logging": "true",  # the echo filter's decisions are debug lines: the tests read them
}


def movie_spec(simkl, video_seconds):
    """A Kodi library movie matching a demo catalog movie (same ids), with a real video of that length."""
    title = next(t for t in demo.TITLES if t["simkl"] == simkl)
    return MovieSpec(title["title"], title["year"], runtime=title["runtime"], uniqueids=dict(title["ids"]),
                     video_seconds=video_seconds)


def start_emulator(movie_simkl_ids):
    """A running emulator whose catalog holds those demo movies and whose user has watched nothing."""
    emu = SimklEmulator(Options())
    for title in demo.TITLES:
        if title["simkl"] in movie_simkl_ids:
            demo.add_title(emu, title)
    emu.add_user(TOKEN, ACCOUNT, "free")
    emu.start()
    return emu


def rig_options(emu, movies):
    return {"env": {"SIMKL_API_URL": emu.url}, "addon_settings": dict(ADDON_SETTINGS),
            "library": {"movies": list(movies), "real_videos": True}}


def wait_for_startup_sync(kodi, since=0):
    """The service runs and its startup sync is over, so it cannot interleave with what a test does."""
    kodi.wait_for_log(r"simklsync\.service: sync \(startup\)", SERVICE_TIMEOUT, since=since)


def kodi_movie_ids(kodi):
    """{title: Kodi movieid} of the scanned library."""
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title"]})["movies"]
    return {movie["title"]: movie["movieid"] for movie in movies}


def kodi_playcount(kodi, movieid):
    details = kodi.rpc("VideoLibrary.GetMovieDetails", {"movieid": movieid, "properties": ["playcount"]})
    return details["moviedetails"]["playcount"]


def mark_watched_in_kodi(kodi, movieid):
    """What a user's "mark as watched" amounts to: Kodi writes the playcount and announces it (OnUpdate)."""
    kodi.rpc("VideoLibrary.SetMovieDetails", {"movieid": movieid, "playcount": 1})


def history_of(emu, simkl):
    """Every watch the emulator recorded for this title (one per real view, whatever wrote it)."""
    return [event for event in emu.user(TOKEN).history_events() if event["simkl"] == simkl]


def playback_of(emu, simkl):
    for playback in emu.user(TOKEN).playbacks():
        if playback.get("movie", {}).get("ids", {}).get("simkl") == simkl:
            return playback
    return None


def watched_movies(emu):
    """{simkl id: watched_at} of the emulator user's watched movies."""
    return emu.user(TOKEN).watched_movies()


def wait_until_watched(emu, simkl, timeout=SEND_TIMEOUT):
    wait_until(lambda: simkl in watched_movies(emu), timeout, interval=0.5,
               message=f"simkl {simkl} watched on the emulator")


def requests_about(emu, path, imdb, status=None):
    """The add-on's requests to `path` whose body names the movie with this IMDb id (optionally: answered
    with `status`)."""
    return [record for record in emu.requests
            if record.path == path and imdb in json.dumps(record.body)
            and (status is None or record.status == status)]


def wait_for_request(emu, path, imdb, timeout=SEND_TIMEOUT, status=None):
    return wait_until(lambda: requests_about(emu, path, imdb, status), timeout, interval=0.3,
                      message=f"a request to {path} about {imdb}")


def outbox_path(kodi):
    return kodi.userdata / "addon_data" / ADDON_ID / "outbox.json"


def outbox_entries(kodi):
    """The add-on's durable queue as it is on disk ([] when there is no file yet)."""
    path = outbox_path(kodi)
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["data"]["entries"]


def wait_for_empty_outbox(kodi, timeout=SEND_TIMEOUT):
    wait_until(lambda: outbox_path(kodi).exists() and not outbox_entries(kodi), timeout, interval=0.5,
               message="the add-on's outbox to empty")
