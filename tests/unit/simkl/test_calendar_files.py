"""The calendar files: fetched with no query string and no token, at most every 3 hours (an injected clock),
kept on the device, the last good copy kept through any failure."""
import os

import pytest
import requests
from scripted_http import BASE, Reply, make_client
from simklsync.constants import CALENDAR_URL, CALENDAR_URL_ENV
from simklsync.core.state.store import JsonStore
from simklsync.simkl import errors
from simklsync.simkl.calendar_files import REFRESH_SECONDS, RETRY_SECONDS, CalendarFiles, calendar_base

T0 = 1_800_000_000
ANIME = [{"title": "A", "date": "2026-12-07T10:00:00Z", "ids": {"simkl_id": 7}, "episode": {"episode": 3}}]
TV = [{"title": "S", "date": "2026-12-06T10:00:00Z", "ids": {"simkl_id": 9}, "episode": {"season": 2, "episode": 4}}]
TV_LATER = TV + [{"title": "S", "date": "2026-12-13T10:00:00Z", "ids": {"simkl_id": 9},
                  "episode": {"season": 2, "episode": 5}}]


class Clock:
    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
def _no_calendar_env(monkeypatch):
    monkeypatch.delenv(CALENDAR_URL_ENV, raising=False)


def _files(tmp_path, replies):
    client, adapter, _ = make_client(replies)
    clock = Clock()
    store = JsonStore(os.path.join(str(tmp_path), "calendar.json"), schema=1, durable=False)
    return CalendarFiles(store, lambda: client, clock), adapter, clock


def _ok(anime=ANIME, tv=TV):
    return [Reply(body=anime), Reply(body=tv)]  # fetched in type order: anime, shows


def test_the_files_are_fetched_with_no_query_string_and_no_token(tmp_path):
    files, adapter, _ = _files(tmp_path, _ok())
    assert files.refresh() is True
    assert [sent.path for sent in adapter.sent] == ["/calendar/anime.json", "/calendar/tv.json"]
    assert all(sent.query == {} and "Authorization" not in sent.headers for sent in adapter.sent)
    assert all(sent.verify not in (False, None) and sent.timeout for sent in adapter.sent)
    assert files.entries()["shows"] == [[9, 2, 4, 1796551200, None]]


def test_a_second_refresh_within_three_hours_makes_no_request(tmp_path):
    files, adapter, clock = _files(tmp_path, _ok())
    files.refresh()
    clock.now += REFRESH_SECONDS - 1
    assert files.refresh() is False
    assert len(adapter.sent) == 2


def test_after_three_hours_the_files_are_fetched_again_and_a_change_is_reported(tmp_path):
    files, adapter, clock = _files(tmp_path, _ok() + _ok() + _ok(tv=TV_LATER))
    files.refresh()
    clock.now += REFRESH_SECONDS
    assert files.refresh() is False  # the same content
    clock.now += REFRESH_SECONDS
    assert files.refresh() is True
    assert len(adapter.sent) == 6 and len(files.entries()["shows"]) == 2


@pytest.mark.parametrize("bad", [Reply(body=None), Reply(body={}), Reply(text='[{"title": "cut'),
                                 Reply(500, {}), Reply(429, {}), requests.ConnectionError("down")])
def test_a_failed_fetch_keeps_the_last_good_copy_and_is_retried_after_half_an_hour(tmp_path, bad):
    files, adapter, clock = _files(tmp_path, _ok() + [Reply(body=ANIME), bad] + _ok(tv=TV_LATER))
    files.refresh()
    clock.now += REFRESH_SECONDS
    assert files.refresh() is False
    assert files.entries()["shows"] == [[9, 2, 4, 1796551200, None]]
    clock.now += RETRY_SECONDS - 1
    files.refresh()
    assert len(adapter.sent) == 4
    clock.now += 1
    assert files.refresh() is True
    assert len(files.entries()["shows"]) == 2


def test_a_first_fetch_that_fails_leaves_no_entries_and_nothing_raised(tmp_path):
    files, _, _ = _files(tmp_path, [Reply(503, {}), Reply(body="oops")])
    assert files.refresh() is False
    assert files.entries() == {}


def test_an_unreadable_cache_file_means_a_fetch(tmp_path):
    files, adapter, _ = _files(tmp_path, _ok())
    with open(files.store.path, "w", encoding="utf-8") as handle:
        handle.write('{"version": 1, "data": [')
    assert files.refresh() is True and len(adapter.sent) == 2


def test_a_clock_set_back_means_a_fetch(tmp_path):
    files, adapter, clock = _files(tmp_path, _ok() + _ok())
    files.refresh()
    clock.now -= 60
    files.refresh()
    assert len(adapter.sent) == 4


def test_a_stopping_service_cuts_the_fetch(tmp_path):
    files, _, _ = _files(tmp_path, _ok())
    files.client().abort()
    with pytest.raises(errors.Aborted):
        files.refresh()


def test_calendar_base_is_the_cdn_the_emulator_or_the_environment(monkeypatch):
    assert calendar_base("https://api.simkl.com") == CALENDAR_URL == "https://data.simkl.in/calendar"
    assert calendar_base(BASE + "/") == BASE + "/calendar"
    monkeypatch.setenv(CALENDAR_URL_ENV, "http://127.0.0.1:9/cal/")
    assert calendar_base(BASE) == "http://127.0.0.1:9/cal"


def test_checking_whether_a_fetch_is_due_reads_the_cache_file_once(tmp_path):
    files, _, clock = _files(tmp_path, _ok())
    files.refresh()
    reads = []
    load = files.store.load
    files.store.load = lambda: reads.append(1) or load()
    for _ in range(5):
        clock.now += 1800
        files.due()
    assert reads == []
    fresh = CalendarFiles(files.store, files.client, clock)  # a restarted service reads it once
    assert fresh.due() is False and fresh.due() is False
    assert reads == [1]
