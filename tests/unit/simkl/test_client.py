"""SimklClient against a scripted transport: identifiers, errors, retries, pacing, validation, secrecy."""
import logging

import pytest
import requests
from scripted_http import TOKEN, FakeTime, Reply, make_client
from simklsync.simkl import errors
from simklsync.simkl.client import SimklClient

ACTIVITIES = {"all": "2026-05-14T06:50:38Z", "movies": {"all": "2026-05-14T06:50:38Z"}, "settings": None}


def test_every_request_carries_the_four_identifiers_and_the_token():
    client, adapter, _ = make_client([Reply(body=ACTIVITIES), Reply(201, {"added": {}}), Reply(body=[])])
    client.get_activities()
    client.add_history({"movies": []})
    client.get_playback()
    assert len(adapter.sent) == 3
    for sent in adapter.sent:
        assert sent.query["client_id"] == "cid-123"
        assert sent.query["app-name"] == "script.simkl.sync"
        assert sent.query["app-version"] == "0.1.0"
        assert sent.headers["User-Agent"] == "script.simkl.sync/0.1.0"
        assert sent.headers["Authorization"] == "Bearer " + TOKEN
    assert client.request_count == 3


def test_pin_calls_send_the_identifiers_but_no_token():
    code = {"user_code": "AB12C", "expires_in": 900, "interval": 5, "device_code": "DEVICE_CODE"}
    client, adapter, _ = make_client([Reply(body=code), Reply(body={"result": "KO"})])
    client.pin_request()
    client.pin_poll("AB12C")
    assert [s.path for s in adapter.sent] == ["/oauth/pin", "/oauth/pin/AB12C"]
    assert all("Authorization" not in s.headers for s in adapter.sent)
    assert all(s.query["client_id"] == "cid-123" for s in adapter.sent)


def test_tls_verification_is_on_even_when_the_session_turns_it_off():
    client, adapter, _ = make_client([Reply(body=ACTIVITIES)])
    client.session.verify = False
    client.get_activities()
    # requests may swap True for the CA bundle named in the environment: verification either way.
    verify = adapter.sent[0].verify
    assert verify is True or (isinstance(verify, str) and verify.endswith((".crt", ".pem")))


def test_every_request_has_a_timeout():
    client, adapter, _ = make_client([Reply(body=ACTIVITIES)], timeout=(3, 20))
    client.get_activities()
    assert adapter.sent[0].timeout == (3, 20)


def test_base_url_comes_from_the_environment_when_set(monkeypatch):
    monkeypatch.setenv("SIMKL_API_URL", "http://127.0.0.1:8765/")
    assert SimklClient("cid", "1.0").base_url == "http://127.0.0.1:8765"
    monkeypatch.delenv("SIMKL_API_URL")
    assert SimklClient("cid", "1.0").base_url == "https://api.simkl.com"


def test_all_items_sends_the_sync_parameters_and_date_from():
    client, adapter, _ = make_client([Reply(body={"shows": [{"show": {}}]})])
    answer = client.get_all_items("shows", date_from="2026-01-01T00:00:00Z")
    assert answer == {"shows": [{"show": {}}]}
    sent = adapter.sent[0]
    assert sent.path == "/sync/all-items/shows"
    assert sent.query["extended"] == "full"
    assert sent.query["episode_watched_at"] == "yes"
    assert sent.query["include_all_episodes"] == "yes"
    assert sent.query["date_from"] == "2026-01-01T00:00:00Z"


@pytest.mark.parametrize("body", [None, {}])
def test_all_items_null_or_empty_body_is_an_empty_library(body):
    client, _, _ = make_client([Reply(body=body)])
    assert client.get_all_items("movies") == {}


def test_empty_body_with_204_reads_as_no_content():
    client, _, _ = make_client([Reply(204, text="")])
    assert client.get_playback() == []


@pytest.mark.parametrize("status, error_class", [
    (401, errors.LoginRequired),
    (412, errors.ClientIdRejected),
    (404, errors.NotFound),
    (400, errors.BadRequest),
    (403, errors.RequestRejected),
])
def test_error_statuses_become_typed_errors_without_retry(status, error_class):
    client, adapter, _ = make_client([Reply(status, {"error": "some_error"})])
    with pytest.raises(error_class) as raised:
        client.get_activities()
    assert raised.value.status == status
    assert "some_error" in str(raised.value)
    assert len(adapter.sent) == 1


def test_bad_request_carries_simkl_error_code():
    client, _, _ = make_client([Reply(400, {"error": "RATE_LIMIT"})])
    with pytest.raises(errors.BadRequest) as raised:
        client.scrobble("pause", {"progress": 10})
    assert raised.value.code == "RATE_LIMIT"


def test_every_error_class_has_a_user_message_and_string_id():
    for error_class in (errors.SimklError, errors.LoginRequired, errors.ClientIdRejected, errors.RateLimited,
                        errors.TransientError, errors.BadResponse, errors.NotFound, errors.BadRequest,
                        errors.RequestRejected, errors.Conflict, errors.PinCodeGone, errors.Aborted):
        error = error_class()
        assert isinstance(error, errors.SimklError)
        assert error.user_message and str(error) == error.user_message
        assert 32000 <= error.string_id <= 32099


@pytest.mark.parametrize("reply, words", [
    (Reply(text="{not json"), "malformed JSON"),
    (Reply(text="<html><body>Bad gateway</body></html>", headers={"Content-Type": "text/html"}), "HTML page"),
    (Reply(body=None), "null"),
    (Reply(body={}), "empty object"),
    (Reply(body=[1, 2]), "list"),
    (Reply(body={"all": 5}), "'all' is int"),
    (Reply(body={"all": "2026-01-01T00:00:00Z", "movies": "yes"}), "'movies' is str"),
])
def test_invalid_activities_answers_become_bad_response(reply, words):
    client, _, _ = make_client([reply])
    with pytest.raises(errors.BadResponse) as raised:
        client.get_activities()
    assert words in str(raised.value)


@pytest.mark.parametrize("body", [{"shows": "many"}, {"movies": [1]}, ["not", "an", "object"]])
def test_all_items_with_wrong_types_becomes_bad_response(body):
    client, _, _ = make_client([Reply(body=body)])
    with pytest.raises(errors.BadResponse):
        client.get_all_items("shows")


@pytest.mark.parametrize("text", ["null", "{}", "[]", "", '{"movies": null}', '{"movies": []}'])
def test_every_empty_all_items_shape_reads_as_nothing(text):
    # Live Simkl says "nothing" as null (older apps) or {} (newer ones); [] and blank bodies read the same.
    client, _, _ = make_client([Reply(text=text), Reply(text=text)])
    for body in (client.get_all_items("movies"), client.get_all_items("movies", extended="simkl_ids_only")):
        assert body.get("movies") in (None, [])
        assert not body.get("shows") and not body.get("anime")


@pytest.mark.parametrize("text", ["null", "{}", "[]", ""])
def test_every_empty_playback_shape_reads_as_no_sessions(text):
    client, _, _ = make_client([Reply(text=text)])
    assert client.get_playback() == []


def test_playback_that_is_not_a_list_becomes_bad_response():
    client, _, _ = make_client([Reply(body={"id": 1})])
    with pytest.raises(errors.BadResponse):
        client.get_playback()


@pytest.mark.parametrize("body", [{"result": "OK"}, {"user_code": ""}, {"user_code": "AB", "interval": "5"}])
def test_pin_request_without_a_usable_code_becomes_bad_response(body):
    client, _, _ = make_client([Reply(body=body)])
    with pytest.raises(errors.BadResponse):
        client.pin_request()


def test_server_errors_are_retried_with_capped_growing_backoff():
    replies = [Reply(503), Reply(502), Reply(500), Reply(body=ACTIVITIES)]
    client, adapter, fake = make_client(replies, rng=lambda: 1.0)
    assert client.get_activities() == ACTIVITIES
    assert len(adapter.sent) == 4
    backoffs = [w for w in fake.waits if w >= 0.5]
    assert backoffs == [1.0, 2.0, 4.0]


def test_backoff_has_jitter_within_half_to_full_step():
    low, _, fake_low = make_client([Reply(503), Reply(body=ACTIVITIES)], rng=lambda: 0.0)
    low.get_activities()
    high, _, fake_high = make_client([Reply(503), Reply(body=ACTIVITIES)], rng=lambda: 0.999)
    high.get_activities()
    assert max(fake_low.waits) == pytest.approx(0.5)
    assert 0.99 < max(fake_high.waits) <= 1.0


def test_retries_are_bounded_then_the_transient_error_is_raised():
    client, adapter, _ = make_client(default=Reply(503, {"error": "internal"}), max_retries=2)
    with pytest.raises(errors.TransientError) as raised:
        client.get_activities()
    assert raised.value.status == 503
    assert len(adapter.sent) == 3


def test_backoff_never_exceeds_the_cap():
    client, _, fake = make_client(default=Reply(500), max_retries=8, rng=lambda: 0.999)
    with pytest.raises(errors.TransientError):
        client.get_activities()
    assert max(fake.waits) <= 30.0
    assert len(fake.waits) >= 8


@pytest.mark.parametrize("failure", [requests.ConnectTimeout("slow"), requests.ReadTimeout("slow"),
                                     requests.ConnectionError("reset by peer")])
def test_timeouts_and_connection_errors_are_transient_and_retried(failure):
    client, adapter, _ = make_client([failure, Reply(body=ACTIVITIES)])
    assert client.get_activities() == ACTIVITIES
    assert len(adapter.sent) == 2


def test_rate_limit_honours_retry_after():
    client, _, fake = make_client([Reply(429, {"error": "rate_limit"}, headers={"Retry-After": "7"}),
                                   Reply(body=ACTIVITIES)])
    client.get_activities()
    assert 7.0 in fake.waits


def test_rate_limit_without_retry_after_is_not_retried_in_quick_succession():
    # Live Simkl's 429s carry no Retry-After and mean its daily cap: retrying within seconds only feeds a storm.
    client, adapter, fake = make_client([Reply(429), Reply(body=ACTIVITIES)], rng=lambda: 1.0)
    with pytest.raises(errors.DailyLimitReached) as raised:
        client.get_activities()
    assert len(adapter.sent) == 1 and fake.waits == []
    assert raised.value.retry_after >= 15 * 60


def test_a_long_retry_after_is_left_to_the_caller():
    client, adapter, _ = make_client([Reply(429, headers={"Retry-After": "3600"})])
    with pytest.raises(errors.RateLimited) as raised:
        client.get_activities()
    assert raised.value.retry_after == 3600
    assert len(adapter.sent) == 1


def test_abort_during_backoff_stops_with_aborted():
    client, adapter, _ = make_client(default=Reply(503), time_=FakeTime(abort_after=1))
    with pytest.raises(errors.Aborted):
        client.get_activities()
    assert len(adapter.sent) == 1


def test_writes_are_spaced_one_second_apart():
    client, adapter, fake = make_client(default=Reply(201, {"added": {}}))
    started = fake.now
    for _ in range(3):
        client.add_history({"movies": []})
    assert len(adapter.sent) == 3
    assert fake.now - started == pytest.approx(2.0)


def test_reads_are_spaced_to_ten_per_second():
    client, _, fake = make_client(default=Reply(body=[]))
    started = fake.now
    for _ in range(11):
        client.get_playback()
    assert fake.now - started == pytest.approx(1.0)


def test_requests_never_run_in_parallel():
    import threading

    client, adapter, _ = make_client(default=Reply(body=[]))
    inside = []
    peak = []
    original = adapter.send

    def counting_send(*args, **kwargs):
        inside.append(1)
        peak.append(len(inside))
        try:
            return original(*args, **kwargs)
        finally:
            inside.pop()

    adapter.send = counting_send
    threads = [threading.Thread(target=client.get_playback) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(peak) == 8 and max(peak) == 1


def test_scrobble_conflict_is_already_recorded_success():
    client, _, _ = make_client([Reply(409, {"watched_at": "2026-01-15T10:30:00.000Z"})])
    answer = client.scrobble("stop", {"progress": 95, "movie": {"ids": {"imdb": "tt1"}}})
    assert answer["already_recorded"] is True
    assert answer["watched_at"] == "2026-01-15T10:30:00.000Z"


def test_scrobble_rejects_unknown_actions_before_sending():
    client, adapter, _ = make_client([])
    with pytest.raises(ValueError):
        client.scrobble("checkin", {})
    assert adapter.sent == []


def test_scrobble_posts_the_body_as_json():
    client, adapter, _ = make_client([Reply(201, {"action": "start", "id": 0})])
    assert client.scrobble("start", {"progress": 1.5})["action"] == "start"
    assert adapter.sent[0].method == "POST"
    assert adapter.sent[0].path == "/scrobble/start"
    assert adapter.sent[0].body == {"progress": 1.5}
    assert adapter.sent[0].headers["Content-Type"] == "application/json"


def test_delete_playback_reports_whether_it_was_deleted():
    client, adapter, _ = make_client([Reply(204, text=""), Reply(404, {"error": "empty"})])
    assert client.delete_playback(123) is True
    assert client.delete_playback(124) is False
    assert [(s.method, s.path) for s in adapter.sent] == [("DELETE", "/sync/playback/123"),
                                                          ("DELETE", "/sync/playback/124")]


def test_search_file_without_a_match_is_none():
    client, adapter, _ = make_client([Reply(body=None), Reply(body=[]), Reply(body={"type": "movie"})])
    assert client.search_file("/m/Heat (1995).mkv") is None
    assert client.search_file("x.mkv") is None
    assert client.search_file("y.mkv") == {"type": "movie"}
    assert adapter.sent[0].body == {"file": "/m/Heat (1995).mkv"}


def test_user_settings_is_a_post_and_validated():
    client, adapter, _ = make_client([Reply(body={"user": {"name": "jane"}}), Reply(body={"user": "jane"})])
    assert client.get_user_settings()["user"]["name"] == "jane"
    assert adapter.sent[0].method == "POST"
    with pytest.raises(errors.BadResponse):
        client.get_user_settings()


def test_the_token_never_appears_in_logs_or_error_texts(caplog):
    echoing = {"error": TOKEN, "message": "your token " + TOKEN}
    replies = [Reply(401, echoing), Reply(500, echoing), Reply(500, echoing), Reply(500, echoing),
               Reply(500, echoing), Reply(text="<html>" + TOKEN), Reply(text="{" + TOKEN),
               requests.ConnectionError("Bearer " + TOKEN), requests.ConnectionError("Bearer " + TOKEN),
               requests.ConnectionError("Bearer " + TOKEN), requests.ConnectionError("Bearer " + TOKEN)]
    client, _, _ = make_client(replies)
    texts = [repr(client)]
    caplog.set_level(logging.DEBUG, logger="simklsync")
    for _ in range(5):
        with pytest.raises(errors.SimklError) as raised:
            client.get_activities()
        texts.extend([str(raised.value), repr(raised.value), raised.value.user_message])
        texts.extend(str(c) for c in (raised.value.__cause__, raised.value.__context__) if c)
    texts.extend(record.getMessage() for record in caplog.records)
    assert len(texts) > 15
    assert all(TOKEN not in text for text in texts)


def test_a_client_without_an_app_id_sends_nothing_and_says_so():
    client, adapter, _ = make_client([])
    client.client_id = ""
    with pytest.raises(errors.NoClientId) as raised:
        client.get_activities()
    assert adapter.sent == [] and raised.value.string_id == 32225


@pytest.mark.parametrize("status", [401, 403, 412])
def test_client_id_failed_is_a_refused_app_id_whatever_the_status_and_is_not_sent_again(status):
    client, adapter, _ = make_client([Reply(status, {"error": "client_id_failed"}), Reply(body=ACTIVITIES)])
    for _ in range(2):
        with pytest.raises(errors.ClientIdRejected) as raised:
            client.get_activities()
        assert not isinstance(raised.value, errors.LoginRequired) and raised.value.code == "client_id_failed"
    assert len(adapter.sent) == 1
    client.allow_attempt()
    assert client.get_activities() == ACTIVITIES


def test_every_answer_sets_simkls_clock_and_a_garbled_date_changes_nothing():
    simkl_now = 1796655896.0  # 2026-12-07 15:04:56 UTC
    device = simkl_now - 3 * 86400
    date = {"Content-Type": "application/json", "Date": "Mon, 07 Dec 2026 15:04:56 GMT"}
    garbled = {"Content-Type": "application/json", "Date": "tomorrow-ish"}
    client, _, _ = make_client([Reply(body=ACTIVITIES, headers=garbled), Reply(500, {}, headers=date),
                                Reply(body=ACTIVITIES, headers=garbled)], wall_clock=lambda: device)
    client.get_activities()
    assert not client.simkl_time.known
    client.get_activities()  # a 500 is retried; its Date is a reading all the same
    assert client.simkl_time.offset() == pytest.approx(3 * 86400, abs=2)
    assert client.simkl_time.now() == pytest.approx(simkl_now, abs=2)


def test_an_html_page_does_not_set_simkls_clock():
    portal = {"Content-Type": "text/html", "Date": "Wed, 01 Jan 2025 00:00:00 GMT"}
    client, _, _ = make_client([Reply(200, text="<html>log in to the hotel wifi</html>", headers=portal)])
    with pytest.raises(errors.BadResponse):
        client.get_activities()
    assert not client.simkl_time.known
