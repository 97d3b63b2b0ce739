"""A real Kodi's library taken apart in two steps, each seen by a sync: first the rated movie is removed, then the
TV shows are removed and everything is scanned back. SQLite gives a re-added title the row id it had when it
was the table's last, so Stranger Things comes back in its old row, with its old ids and no rating, in a
library whose oldest rows did not change: exactly what the user clearing its rating looks like, except that
Kodi announced the row's removal. No rating removal may reach Simkl, and Kodi gets Simkl's ratings back."""
import pytest
from sync_helpers import (
    emulator_rig_options,
    manual_sync,
    wait_for_notification_barrier,
)
from test_ratings_rebuild_e2e import assert_nothing_sent_and_ratings_back, logged_in_with_ratings, ratings

from tests.support.kodi_rig import wait_until

pytestmark = pytest.mark.e2e

SYNC_TIMEOUT = 180


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


def remove(kodi, method, key, id_field, titles):
    items = [item for item in kodi.rpc(method, {"properties": ["title"]}).get(key) or []
             if item["title"] in titles]
    assert {item["title"] for item in items} == set(titles)
    remover = {"movies": "VideoLibrary.RemoveMovie", "tvshows": "VideoLibrary.RemoveTVShow"}[key]
    kodi.rpc_batch([(remover, {id_field: item[id_field]}) for item in items])
    wait_until(lambda: not set(titles) & set(ratings(kodi)), 30, message=f"{titles} removed")
    return {item["title"]: item[id_field] for item in items}


def test_a_library_removed_and_rescanned_in_steps_sends_no_rating_removal(kodi, user, simkl_emulator):
    before = logged_in_with_ratings(kodi, simkl_emulator)
    remove(kodi, "VideoLibrary.GetMovies", "movies", "movieid", ["The Matrix"])
    manual_sync(kodi)  # sees The Matrix's row gone: a deletion, nothing sent

    shows = kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["title"]}).get("tvshows") or []
    old_rows = remove(kodi, "VideoLibrary.GetTVShows", "tvshows", "tvshowid", [s["title"] for s in shows])
    wait_for_notification_barrier(kodi)  # Kodi's OnRemove announcements have reached the add-on
    kodi.scan()
    listed = kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["title"]}).get("tvshows") or []
    back = {s["title"]: s["tvshowid"] for s in listed}
    assert back["Stranger Things"] == old_rows["Stranger Things"]  # the case this test is about: the same row

    wait_until(lambda: ratings(kodi) == before, SYNC_TIMEOUT, message="Simkl's ratings back in Kodi")
    manual_sync(kodi)
    assert_nothing_sent_and_ratings_back(kodi, user, simkl_emulator, before)
