"""Undo this sync in a real Kodi: after the first sync, the undo the script hands to the service (JSON-RPC
NotifyAll, as RunScript(script.simkl.sync,undo) sends it once confirmed) puts back every field of every item as
it was before (read back from Kodi), its ratings too, sends nothing to Simkl (the ratings check takes none of the
ratings put back for the user's), and undoing the undo puts the sync back."""
import json
import re

import pytest
from scrobble_helpers import wait_for_empty_outbox
from sync_helpers import (
    LOG_PREFIX,
    SERVICE_STARTED,
    SYNC_TIMEOUT,
    addon_data_file,
    emulator_rig_options,
    library_state,
    log_in_and_wait_for_sync,
    wait_for_addon_log,
    wait_for_notification_barrier,
)

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

pytestmark = pytest.mark.e2e

UNDO_TIMEOUT = 120
UNDONE = LOG_PREFIX + r"simklsync\.undo: undo of (?P<cycle>\S+): (?P<kodi>\d+) Kodi items put back \((?P<refused>\d+)"


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def synced(kodi, user):
    """The library before the first sync, after it, and Simkl's history then."""
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    # The user's own rating in Kodi, which the sync replaces by Simkl's 9: the undo puts it back.
    kodi.rpc("VideoLibrary.SetMovieDetails", {"movieid": movie_id(kodi, "The Matrix"), "userrating": 5})
    before, ratings = library_state(kodi), kodi_ratings(kodi)
    log_in_and_wait_for_sync(kodi)
    wait_for_notification_barrier(kodi)
    return {"before": before, "after": library_state(kodi), "history": user.history_events(),
            "ratings_before": ratings, "ratings_after": kodi_ratings(kodi)}


def movie_id(kodi, title):
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title"]}).get("movies") or []
    return next(movie["movieid"] for movie in movies if movie["title"] == title)


def kodi_ratings(kodi):
    """{("movie" or "tvshow", title): userrating} of the whole library."""
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title", "userrating"]}).get("movies") or []
    shows = kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["title", "userrating"]}).get("tvshows") or []
    ratings = {("movie", m["title"]): m.get("userrating") or 0 for m in movies}
    ratings.update((("tvshow", s["title"]), s.get("userrating") or 0) for s in shows)
    return ratings


def rating_writes(emulator):
    return [r.body for r in emulator.requests if r.method == "POST" and r.path.startswith("/sync/ratings")]


def ask_undo(kodi, cycle=""):
    """What the script sends once the user confirmed: undo the last sync (or `cycle`), Kodi's side only."""
    mark = kodi.log_mark()
    kodi.rpc("JSONRPC.NotifyAll", {"sender": "script.simkl.sync", "message": "undo",
                                   "data": {"cycle": cycle, "simkl": False}})
    done = wait_for_addon_log(kodi, UNDONE, UNDO_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)
    return done


def last_undo_cycle(kodi):
    """The cycle id of the newest undo, read from the journal file (one JSON record a line)."""
    path = addon_data_file(kodi, "journal.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [record["c"] for record in records if record.get("r") == "undo"][-1]


def rate_in_kodi_and_wait_for_simkl(kodi, user, title, simkl, rating):
    """The user's own rating, set over JSON-RPC: its OnUpdate asks for a ratings check, which sends it."""
    kodi.rpc("VideoLibrary.SetMovieDetails", {"movieid": movie_id(kodi, title), "userrating": rating})
    wait_until(lambda: user.rating(simkl) == rating, SYNC_TIMEOUT, message=f"{title}'s rating on Simkl")
    wait_for_empty_outbox(kodi)  # whatever the same check queued with it has gone too (one write a second)


def rated_titles(emulator):
    return [[m["title"] for m in body.get("movies", [])] + [s["title"] for s in body.get("shows", [])]
            for body in rating_writes(emulator)]


def test_undo_after_the_first_sync_restores_every_field_and_sends_nothing(kodi, user, simkl_emulator, synced):
    assert synced["after"] != synced["before"]
    done = ask_undo(kodi)

    assert int(done.group("kodi")) > 0 and done.group("refused") == "0"
    assert library_state(kodi) == synced["before"]
    assert synced["ratings_before"][("movie", "The Matrix")] == 5
    assert synced["ratings_after"][("movie", "The Matrix")] == 9  # the sync rated The Matrix and Stranger Things
    assert synced["ratings_after"][("tvshow", "Stranger Things")] == 8
    assert kodi_ratings(kodi) == synced["ratings_before"]
    assert user.history_events() == synced["history"]


def test_the_ratings_check_takes_none_of_the_ratings_the_undo_put_back_for_the_users(kodi, user, simkl_emulator,
                                                                                      synced):
    # The check that sends the user's rating of Inception would have sent The Matrix's 5 and Stranger Things'
    # removal with it (or before it) had it taken the undo's values for the user's changes.
    rate_in_kodi_and_wait_for_simkl(kodi, user, "Inception", demo.MOVIE_INCEPTION, 7)

    assert rated_titles(simkl_emulator) == [["Inception"]]
    assert (user.rating(demo.MOVIE_MATRIX), user.rating(demo.SHOW_STRANGER_THINGS)) == (9, 8)


def test_undoing_the_undo_puts_the_sync_back(kodi, user, synced):
    done = ask_undo(kodi, last_undo_cycle(kodi))

    assert re.match(r"c\d+", done.group("cycle"))
    assert library_state(kodi) == synced["after"]
    assert kodi_ratings(kodi) == {**synced["ratings_after"], ("movie", "Inception"): 7}
    assert user.history_events() == synced["history"]
