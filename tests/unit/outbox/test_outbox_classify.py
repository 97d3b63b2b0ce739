from simklsync.core.outbox import outcome as outbox_codes
from simklsync.core.outbox.outcome import BAD_ANSWER, DONE, DROP, HOLD, MAX_DELAY, RETRY, Reply, classify, retry_delay
from simklsync.core.outbox.queue import make_entry
from simklsync.core.reasons import with_detail


def entry(kind="history", attempts=0, body=None):
    made = make_entry(kind, "add" if kind == "history" else "stop", "movie:imdb=tt1",
                      body or {"movies": [{"ids": {"imdb": "tt1"}}]}, "Movie", 0.0)
    made["attempts"] = attempts
    return made


def zero():
    return 0.0


def full():
    return 0.999


def test_created_answer_without_not_found_is_done():
    outcome = classify(entry(), Reply(201, None, {"added": {"movies": 1}, "not_found": {"movies": []}}), zero)
    assert outcome.verdict == DONE


def test_readd_of_already_watched_item_counts_zero_but_is_done():
    answer = {"added": {"movies": 0}, "not_found": {"movies": [], "shows": []}}
    assert classify(entry(), Reply(201, None, answer), zero).verdict == DONE


def test_item_listed_in_not_found_is_dropped_with_a_reason():
    answer = {"added": {"movies": 0}, "not_found": {"movies": [{"ids": {"imdb": "tt1"}}]}}
    outcome = classify(entry(), Reply(201, None, answer), zero)
    assert outcome == (DROP, None, outbox_codes.NOT_FOUND_ON_SIMKL)


def test_batch_with_some_items_not_found_is_still_done():
    body = {"movies": [{"ids": {"imdb": "tt1"}}, {"ids": {"imdb": "tt2"}}]}
    answer = {"not_found": {"movies": [{"ids": {"imdb": "tt2"}}]}}
    outcome = classify(entry(body=body), Reply(201, None, answer), zero)
    assert outcome.verdict == DONE and outcome.reason == "partly not found"


def test_scrobble_409_already_recorded_is_success():
    assert classify(entry("scrobble"), Reply(409, "already_watched"), zero).verdict == DONE


def test_history_409_is_not_mistaken_for_success():
    assert classify(entry(), Reply(409), zero).verdict == DROP


def test_timeouts_and_5xx_are_retried_with_growing_capped_delays():
    delays = [classify(entry(attempts=n), Reply(None), zero).delay for n in range(12)]
    assert delays[:4] == [15.0, 30.0, 60.0, 120.0]
    assert delays[-1] == MAX_DELAY
    assert classify(entry(), Reply(503, "internal"), zero).verdict == RETRY


def test_jitter_stretches_the_delay_by_at_most_a_quarter():
    assert 15.0 < retry_delay(1, full) < 15.0 * 1.25


def test_429_waits_at_least_retry_after():
    outcome = classify(entry(), Reply(429, "rate_limit", None, 90), zero)
    assert outcome.verdict == RETRY and outcome.delay == 90.0


def test_429_without_retry_after_uses_backoff():
    assert classify(entry(attempts=2), Reply(429, "rate_limit"), zero).delay == 60.0


def test_scrobble_lock_collision_is_retried_after_the_lock():
    outcome = classify(entry("scrobble"), Reply(400, "RATE_LIMIT"), zero)
    assert outcome.verdict == RETRY and 20.0 < outcome.delay < 30.0


def test_other_400_and_404_are_dropped():
    refused = with_detail(outbox_codes.REFUSED, "400, empty_field")
    assert classify(entry(), Reply(400, "empty_field"), zero) == (DROP, None, refused)
    assert classify(entry("scrobble"), Reply(404, "id_err"), zero).verdict == DROP


def test_401_holds_the_entry():
    assert classify(entry(), Reply(401, "user_token_failed"), zero).verdict == HOLD


def test_unreadable_answer_is_retried_and_never_dropped():
    assert classify(entry(attempts=0), Reply(BAD_ANSWER), zero).verdict == RETRY
    assert classify(entry(attempts=40), Reply(BAD_ANSWER), zero).verdict == RETRY


def test_412_throttle_block_is_retried_not_dropped():
    assert classify(entry(), Reply(412, "client_id_failed"), zero).verdict == RETRY
