"""Issue 28 in a real Kodi: a first sync whose bulk writes go by Files.SetFileDetails leaves every movie and
episode, field for field as JSON-RPC reads them back, as a first sync of the same library by Set*Details only
(the hidden setting file_writes off); an episode whose file is gone (an offline share) is refused by
SetFileDetails and written by Set*Details all the same; a small delta afterwards still gives one OnUpdate per
changed item. The tests run in file order on one Kodi."""
import re
import sqlite3
from pathlib import Path

import pytest
from sync_helpers import (
    LOG_PREFIX,
    SERVICE_STARTED,
    SYNC_TIMEOUT,
    demo_emulator,
    demo_library,
    kodi_local_time,
    wait_for_addon_log,
    wait_for_notification_barrier,
)

from tests.support.kodi_rig import ADDON_ID, EpisodeSpec, ShowSpec
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

# Enough watched episodes for bulk work (core/plan/write_path.py BULK_WRITES), five left for the delta.
LONG = {"simkl": 990101, "title": "The Bulk Show", "year": 2003, "tvdb": 990101, "seasons": {1: 130}}
WATCHED = [(1, number) for number in range(1, 126)]
DELTA = [(1, number) for number in range(126, 129)]
GONE = (1, 7)  # its media file deleted after the scan: Kodi cannot stat it
WATCHED_AT = "2026-06-01T20:00:00Z"
DELTA_AT = "2026-06-10T20:00:00Z"
COMMON = ["title", "file", "playcount", "lastplayed", "resume", "dateadded", "art", "userrating", "ratings"]
READS = {"movie": ("VideoLibrary.GetMovies", "movies", "movieid", COMMON + ["tag", "year"]),
         "episode": ("VideoLibrary.GetEpisodes", "episodes", "episodeid", COMMON + ["showtitle", "season", "episode"])}
SYNC_LINE = (LOG_PREFIX + r"simklsync\.service: sync \((?P<reason>\w+)\): (?P<outcome>[^,]+), (?P<requests>\d+) "
             r"requests, (?P<movies>\d+) movies and (?P<episodes>\d+) episodes written")
REFUSED_LINE = LOG_PREFIX + r"simklsync\.library: (\d+) files refused by Kodi"
SETTINGS = {"sync_on_startup": "true", "initial_push": "2", "access_token": demo.DEMO_TOKEN,
            "account_name": "demo"}


@pytest.fixture(scope="module")
def simkl_emulator():
    with demo_emulator() as emu:
        emu.catalog.add_show(simkl=LONG["simkl"], title=LONG["title"], year=LONG["year"], tvdb=LONG["tvdb"],
                             seasons=LONG["seasons"])
        emu.user(demo.DEMO_TOKEN).watch_episodes(LONG["simkl"], WATCHED, at=WATCHED_AT)
        yield emu


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    library = demo_library()
    episodes = [EpisodeSpec(season, number) for season, count in LONG["seasons"].items()
                for number in range(1, count + 1)]
    library["shows"] = library["shows"] + [
        ShowSpec(LONG["title"], LONG["year"], uniqueids={"tvdb": str(LONG["tvdb"])}, episodes=episodes)]
    return {"env": {"SIMKL_API_URL": simkl_emulator.url}, "library": library}


def read_all(kodi):
    items = {}
    for media, (method, key, id_field, properties) in READS.items():
        for item in kodi.rpc(method, {"properties": properties}).get(key) or []:
            items[(media, item[id_field])] = {name: item.get(name) for name in properties}
    return items


def set_service(kodi, enabled):
    mark = kodi.log_mark()
    kodi.rpc("Addons.SetAddonEnabled", {"addonid": ADDON_ID, "enabled": enabled})
    if not enabled:
        wait_for_addon_log(kodi, LOG_PREFIX + r"simklsync\.service: service stopped", 60, since=mark)


def first_sync(kodi, file_writes):
    """Kodi's watched state and the add-on's state cleared, then the service's first sync with file_writes on
    or off; returns (its sync line, its log text, its OnUpdate count, the library read back field for field)."""
    set_service(kodi, False)
    kodi.stop()
    kodi.set_addon_settings(dict(SETTINGS, file_writes="true" if file_writes else "false"))
    for path in (kodi.userdata / "addon_data" / ADDON_ID).glob("*"):
        if path.is_file() and path.name != "settings.xml":
            path.unlink()
    connection = sqlite3.connect(str(kodi.video_db()), timeout=30)
    try:
        with connection:
            connection.execute("UPDATE files SET playCount = NULL, lastPlayed = NULL")
            connection.execute("DELETE FROM bookmark")
            connection.execute("DELETE FROM tag_link")
    finally:
        connection.close()
    kodi.start()
    notifications, mark = kodi.notification_mark(), kodi.log_mark()
    set_service(kodi, True)
    line = wait_for_addon_log(kodi, SYNC_LINE, SYNC_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)
    return line, kodi.log.text(mark), kodi.onupdate_count(since=notifications), read_all(kodi)


@pytest.fixture(scope="module")
def runs(kodi):
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    gone = next(e for e in kodi.rpc("VideoLibrary.GetEpisodes", {"properties": ["showtitle", "season", "episode",
                                                                              "file"]})["episodes"]
                if (e["showtitle"], e["season"], e["episode"]) == (LONG["title"],) + GONE)
    Path(gone["file"]).unlink()
    old = first_sync(kodi, file_writes=False)
    light = first_sync(kodi, file_writes=True)
    return {"old": old, "light": light, "gone": gone["episodeid"]}


def test_the_light_first_sync_leaves_every_field_as_the_set_details_one(runs):
    (old_line, _, old_updates, old_items), (line, _, updates, items) = runs["old"], runs["light"]
    written = int(line.group("movies")) + int(line.group("episodes"))

    assert (old_line.group("outcome"), line.group("outcome")) == ("ok", "ok")
    assert written > 100 and written == int(old_line.group("movies")) + int(old_line.group("episodes"))
    assert items == old_items
    assert sum(1 for item in items.values() if item["playcount"]) >= len(WATCHED) + len(demo.WATCHED_MOVIES)
    assert old_updates >= written - 1 and updates < written / 2  # the light writes announce nothing


def test_a_file_kodi_cannot_stat_is_written_by_set_details(runs):
    _, text, _, items = runs["light"]
    episode = items[("episode", runs["gone"])]

    assert re.search(REFUSED_LINE, text)
    assert (episode["playcount"], episode["lastplayed"]) == (1, kodi_local_time(WATCHED_AT))


def test_a_small_delta_still_gives_one_on_update_per_changed_item(kodi, user, runs):
    user.watch_episodes(LONG["simkl"], DELTA, at=DELTA_AT)
    notifications, mark = kodi.notification_mark(), kodi.log_mark()
    assert kodi.execute_addon(["sync"]) == "OK"
    line = wait_for_addon_log(kodi, SYNC_LINE, SYNC_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)

    updated = [params["data"]["item"]["id"]
               for _, params in kodi.notifications("VideoLibrary.OnUpdate", since=notifications)]
    assert line.group("episodes") == str(len(DELTA))
    assert len(updated) == len(set(updated)) == len(DELTA)
