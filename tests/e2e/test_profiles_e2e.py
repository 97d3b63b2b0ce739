"""Kodi profiles in a real Kodi: the master profile logged in to account A, a "Kids" profile (its own
add-on data and settings, the master's library) logged in to account B. A mark in A reaches A only; after
Profiles.LoadProfile A's service stops and B's starts with B's login and files; a switch in the middle of B's
sync loses nothing: B's queued mark reaches B when B is loaded again."""
import json
import re
import shutil

import pytest
from scrobble_helpers import SEND_TIMEOUT, SERVICE_TIMEOUT, kodi_movie_ids, kodi_playcount, mark_watched_in_kodi
from sync_helpers import LOG_PREFIX, SERVICE_STARTED, addon_errors, sync_done_pattern, wait_for_addon_log

from tests.support.kodi_rig import ADDON_ID, KodiRig, MovieSpec, wait_until
from tests.support.kodi_rig.profile import settings_xml
from tests.support.simkl_emulator import Options, SimklEmulator, demo

pytestmark = pytest.mark.e2e

A_TOKEN = "e2e-profile-a-token-0123456789"
B_TOKEN = "e2e-profile-b-token-9876543210"
KIDS = "Kids"
KIDS_FOLDER = "profiles/kids"
SERVICE_STOPPED = LOG_PREFIX + r"simklsync\.service: service stopped"
# Two titles of our own besides the demo's movies: every mark needs a movie nobody has watched yet.
EXTRA = [{"kind": "movie", "simkl": 990001 + n, "title": f"Profile Test {n}", "year": 2020 + n, "runtime": 90,
          "ids": {"imdb": f"tt99900{n:02d}", "tmdb": f"99900{n:02d}"}} for n in range(1, 3)]
MOVIES = [t for t in demo.TITLES if t["kind"] == "movie"] + EXTRA
SETTINGS = {"scrobble_min_minutes": "0", "initial_push": "2", "notify_sync": "false", "debug_logging": "true",
            "sync_interval": "720"}


@pytest.fixture(scope="module")
def simkl():
    emu = SimklEmulator(Options())
    for title in MOVIES:
        demo.add_title(emu, title)
    emu.add_user(A_TOKEN, "parent", "free").watch_movie(demo.MOVIE_MATRIX)
    emu.add_user(B_TOKEN, "kid", "free").watch_movie(demo.MOVIE_INTERSTELLAR)
    emu.start()
    yield emu
    emu.stop()


def profiles_xml():
    """The master profile and Kids (its own userdata folder, the master's databases and sources)."""
    def profile(number, name, folder, own):
        flags = "".join(f"<{key}>{'true' if own else 'false'}</{key}>" for key in ("hasdatabases", "hassources"))
        return (f"<profile><id>{number}</id><name>{name}</name>"
                f'<directory pathversion="1">{folder}</directory>{flags}'
                "<canwritedatabases>true</canwritedatabases><canwritesources>true</canwritesources>"
                "<lockmode>0</lockmode><lockcode>-</lockcode></profile>")
    return ("<profiles><lastloaded>0</lastloaded><useloginscreen>false</useloginscreen><autologin>-1</autologin>"
            f"<nextIdProfile>2</nextIdProfile>{profile(0, 'Master user', 'special://masterprofile/', True)}"
            f"{profile(1, KIDS, KIDS_FOLDER + '/', False)}</profiles>\n")


@pytest.fixture(scope="module")
def kodi(addon_zip, kodi_tools_present, simkl):
    """A Kodi with two profiles: the master (logged in to A) and Kids (its own userdata folder with the
    master's web server settings, which the rig drives it over, and B's login), the add-on enabled, the
    library scanned; the master profile loaded and its startup sync done."""
    movies = [MovieSpec(t["title"], t["year"], runtime=t["runtime"], uniqueids=dict(t["ids"])) for t in MOVIES]
    with KodiRig(env={"SIMKL_API_URL": simkl.url}, addon_settings=dict(SETTINGS, access_token=A_TOKEN),
                 debug_log=True) as rig:
        kids = rig.userdata / KIDS_FOLDER
        (kids / "addon_data" / ADDON_ID).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(str(rig.userdata / "guisettings.xml"), str(kids / "guisettings.xml"))
        (kids / "addon_data" / ADDON_ID / "settings.xml").write_text(
            settings_xml(dict(SETTINGS, access_token=B_TOKEN)))
        (rig.userdata / "profiles.xml").write_text(profiles_xml())
        rig.write_library(movies=movies)
        rig.install_addon(addon_zip)
        rig.start()
        rig.scan()
        rig.enable_addon()
        wait_for_addon_log(rig, sync_done_pattern("startup"), SERVICE_TIMEOUT, 0)
        yield rig


def current_profile(kodi):
    return kodi.rpc("Profiles.GetCurrentProfile", {"properties": []})["label"]


ABORT_ASKED = r"CPythonInvoker\(\d+, [^)]*" + re.escape(ADDON_ID) + r"[^)]*service\.py\): trigger Monitor abort request"


def load_profile(kodi, name, when_asked=None):
    """Profiles.LoadProfile; returns the log mark from before it, once `name` is loaded and its service runs.
    when_asked() runs as soon as Kodi has asked the old profile's service to stop."""
    mark = kodi.log_mark()
    kodi.rpc("Profiles.LoadProfile", {"profile": name})
    if when_asked is not None:
        kodi.wait_for_log(ABORT_ASKED, SERVICE_TIMEOUT, since=mark)
        when_asked()
    wait_until(lambda: _answers_as(kodi, name), SERVICE_TIMEOUT, interval=0.5, message=f"profile {name} loaded")
    wait_for_addon_log(kodi, SERVICE_STARTED, SERVICE_TIMEOUT, mark)
    return mark


def _answers_as(kodi, name):
    try:
        return current_profile(kodi) == name
    except Exception:  # noqa: BLE001 - the web server restarts with the profile's network services
        return False


def stop_seconds(kodi, since):
    """Seconds from Kodi's abort request to our service to its "service stopped" line (Kodi logs both)."""
    text = kodi.log.text(since)
    stamp = r"(\d\d:\d\d:\d\d\.\d\d\d)"
    asked = re.search(stamp + r".*" + ABORT_ASKED, text)
    stopped = re.search(stamp + r".*" + SERVICE_STOPPED, text)
    assert asked and stopped, "Kodi's abort request and the service's stop are both logged"
    return _seconds(stopped.group(1)) - _seconds(asked.group(1))


def _seconds(clock):
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def history(emu, token, simkl):
    return [event for event in emu.user(token).history_events() if event["simkl"] == simkl]


def data_file(kodi, name, profile_folder=""):
    return kodi.userdata / profile_folder / "addon_data" / ADDON_ID / name


def queued(kodi, profile_folder):
    path = data_file(kodi, "outbox.json", profile_folder)
    return json.loads(path.read_text(encoding="utf-8"))["data"]["entries"] if path.exists() else []


def test_a_mark_in_the_master_profile_reaches_its_account_only(kodi, simkl):
    assert current_profile(kodi) == "Master user"
    mark_watched_in_kodi(kodi, kodi_movie_ids(kodi)["Arrival"])

    wait_until(lambda: history(simkl, A_TOKEN, demo.MOVIE_ARRIVAL), SEND_TIMEOUT, interval=0.5,
               message="Arrival in A's history")
    assert history(simkl, B_TOKEN, demo.MOVIE_ARRIVAL) == []
    assert not data_file(kodi, "state.json", KIDS_FOLDER).exists()


def test_loading_kids_stops_the_masters_service_and_starts_one_with_b_login_and_files(kodi, simkl):
    mark = load_profile(kodi, KIDS)

    assert stop_seconds(kodi, mark) < 2.0  # about one second; Kodi would kill it at five
    wait_for_addon_log(kodi, sync_done_pattern("startup"), SERVICE_TIMEOUT, mark)
    state = json.loads(data_file(kodi, "state.json", KIDS_FOLDER).read_text(encoding="utf-8"))
    assert state["data"]["simkl_account"] == str(simkl.user(B_TOKEN).account.user_id)
    masters = json.loads(data_file(kodi, "state.json").read_text(encoding="utf-8"))
    assert masters["data"]["simkl_account"] == str(simkl.user(A_TOKEN).account.user_id)  # A's, untouched
    assert kodi_playcount(kodi, kodi_movie_ids(kodi)["Interstellar"]) == 1  # B's history, in B's library
    mark_watched_in_kodi(kodi, kodi_movie_ids(kodi)["Inception"])
    wait_until(lambda: history(simkl, B_TOKEN, demo.MOVIE_INCEPTION), SEND_TIMEOUT, interval=0.5,
               message="Inception in B's history")
    assert history(simkl, A_TOKEN, demo.MOVIE_INCEPTION) == []
    assert addon_errors(kodi, mark) == []


def test_a_switch_in_the_middle_of_a_sync_loses_nothing(kodi, simkl):
    assert current_profile(kodi) == KIDS
    simkl.inject(kind="delay", seconds=60.0, path="/sync/activities", count=1)  # until released
    kodi.execute_addon(["sync"])
    wait_until(lambda: not simkl.faults.pending(), SERVICE_TIMEOUT, message="B's sync waiting for Simkl")
    extra = EXTRA[0]
    mark_watched_in_kodi(kodi, kodi_movie_ids(kodi)[extra["title"]])
    wait_until(lambda: queued(kodi, KIDS_FOLDER), SERVICE_TIMEOUT, interval=0.5, message="B's mark queued")

    # Simkl still holds its answer when Kodi asks B's service to stop: the service cuts that request.
    mark = load_profile(kodi, "Master user")
    assert stop_seconds(kodi, mark) < 2.0
    simkl.release_delays()
    assert queued(kodi, KIDS_FOLDER)  # on disk in B's folder, waiting for B
    wait_for_addon_log(kodi, sync_done_pattern("startup"), SERVICE_TIMEOUT, mark)

    load_profile(kodi, KIDS)
    wait_until(lambda: history(simkl, B_TOKEN, extra["simkl"]), SEND_TIMEOUT, interval=0.5,
               message="B's mark in B's history")
    assert history(simkl, A_TOKEN, extra["simkl"]) == []
    assert addon_errors(kodi, mark) == []  # no "script didn't stop in 5 seconds"
