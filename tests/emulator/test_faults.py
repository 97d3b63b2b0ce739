"""Fault injection: statuses, broken bodies, resets, delays, dropped keys."""

import pytest
import requests

from tests.emulator.helpers import INCEPTION, MATRIX, SHOW


def test_status_fault_hits_the_next_n_matching_requests_with_retry_after(emu, api):
    emu.inject(status=503, count=2, path="/sync/all-items", retry_after=7)
    first = api.get("/sync/all-items/movies")
    assert first.status_code == 503 and first.headers["Retry-After"] == "7"
    assert first.json()["error"] == "internal"
    assert api.get("/sync/activities").status_code == 200
    assert api.get("/sync/all-items").status_code == 503
    assert api.get("/sync/all-items").status_code == 200
    assert [r.status for r in emu.requests] == [503, 200, 503, 200]


def test_method_filter_leaves_other_methods_alone(emu, api):
    emu.inject(status=500, method="POST")
    assert api.get("/sync/activities").status_code == 200
    assert api.post("/sync/activities").status_code == 500


def test_an_unprocessed_fault_changes_no_state_but_process_true_does(emu, api, user):
    body = {"movies": [{"ids": {"simkl": MATRIX}}]}
    emu.inject(status=502, path="/sync/history")
    api.post("/sync/history", body)
    assert user.watched_movies() == {}
    emu.inject(kind="reset", path="/sync/history", process=True)
    with pytest.raises(requests.ConnectionError):
        api.post("/sync/history", body)
    assert MATRIX in user.watched_movies() and emu.requests[-1].status is None


@pytest.mark.parametrize("kind, text", [("null", "null"), ("empty_object", "{}")])
def test_null_and_empty_object_bodies(emu, api, kind, text):
    emu.inject(kind=kind, path="/sync/activities")
    answer = api.get("/sync/activities")
    assert answer.status_code == 200 and answer.text == text


def test_malformed_json_and_html_error_pages(emu, api):
    emu.inject(kind="malformed")
    with pytest.raises(ValueError):
        api.get("/sync/activities").json()
    emu.inject(kind="html")
    answer = api.get("/sync/activities")
    assert answer.status_code == 502 and answer.headers["Content-Type"].startswith("text/html")


def test_delay_fault_makes_a_client_timeout_fire(emu, api):
    emu.inject(kind="delay", seconds=0.3)
    with pytest.raises(requests.Timeout):
        api.get("/sync/activities", timeout=0.1)


def test_drop_keys_removes_named_keys_from_the_answer(emu, api):
    emu.inject(kind="drop_keys", keys=["movies", "all"], path="/sync/activities")
    body = api.get("/sync/activities").json()
    assert "movies" not in body and "all" not in body and "tv_shows" in body


def test_unlimited_faults_last_until_cleared(emu, api):
    emu.inject(status=429, count=None, retry_after=1)
    assert [api.get("/sync/activities").status_code for _ in range(3)] == [429, 429, 429]
    emu.clear_faults()
    assert api.get("/sync/activities").status_code == 200


def test_cut_off_keeps_a_share_of_each_list_valid_and_bumps_the_stamps(emu, api, user):
    user.watch_movie(MATRIX, at="2026-05-01T20:00:00Z")
    user.watch_movie(INCEPTION, at="2026-05-01T21:00:00Z")
    before = api.activities()
    emu.clock.advance(60)
    emu.inject(kind="cut_off", path="/sync/all-items/movies", count=2, share=0.5)
    after = api.activities()
    assert after["movies"]["removed_from_list"] != before["movies"]["removed_from_list"]
    assert after["tv_shows"] == before["tv_shows"]  # only the types the path names
    assert len(api.get("/sync/all-items/movies").json()["movies"]) == 1
    assert len(api.get("/sync/all-items/movies", params={"extended": "simkl_ids_only"}).json()["movies"]) == 1
    assert len(api.get("/sync/all-items/movies").json()["movies"]) == 2


def test_cut_off_seasons_keeps_every_show_and_its_counter_but_only_its_first_season(emu, api, user):
    user.watch_episodes(SHOW, [(1, 1), (2, 1)], at="2026-05-01T20:00:00Z")
    emu.inject(kind="cut_off", path="/sync/all-items/shows", cut="seasons", bump=False)
    entry = api.get("/sync/all-items/shows", params={"extended": "full"}).json()["shows"][0]
    assert [season["number"] for season in entry["seasons"]] == [1]
    assert entry["watched_episodes_count"] == 2


def test_cut_off_can_leave_deltas_whole(emu, api, user):
    user.watch_movie(MATRIX, at="2026-05-01T20:00:00Z")
    user.watch_movie(INCEPTION, at="2026-05-01T21:00:00Z")
    emu.inject(kind="cut_off", path="/sync/all-items/movies", count=2, share=0.0, deltas=False)
    assert len(api.get("/sync/all-items/movies", params={"date_from": "2020-01-01T00:00:00Z"}).json()["movies"]) == 2
    assert api.get("/sync/all-items/movies").json().get("movies", []) == []
