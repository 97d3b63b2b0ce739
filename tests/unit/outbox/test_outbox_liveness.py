"""The queue stays live: per-entry back-off, order within an item, giving up, capped due times, the size bound."""
import logging

from simklsync.core.outbox import liveness
from simklsync.core.outbox.outcome import (
    BAD_ANSWER,
    DONE,
    DROP,
    ENTRY,
    NOT_DELIVERED,
    QUEUE_FULL,
    RETRY,
    SERVICE,
    UNSURE,
    Outcome,
    Reply,
    failure_scope,
)
from simklsync.core.outbox.queue import Outbox, make_entry
from simklsync.core.reasons import split

DAY = 24 * 3600.0


def history(number, action="add", now=100.0, label=None):
    body = {"movies": [{"ids": {"imdb": f"tt{number}"}}]}
    return make_entry("history", action, f"movie:imdb=tt{number}", body, label or f"Movie {number}", now)


def watched_stop(number, now=100.0):
    body = {"progress": 95.0, "movie": {"ids": {"imdb": f"tt{number}"}}}
    item = f"movie:imdb=tt{number}"
    return make_entry("scrobble", "stop", item, body, f"Movie {number}", now, watched_at=f"t{now}",
                      group=f"scrobble-watched:{item}:{now}", replaces=f"scrobble:{item}")


def server_error(delay=15.0):
    return Outcome(RETRY, delay, "server error 500")


def keys(entries):
    return [e["key"] for e in entries]


# -- whose failure ----------------------------------------------------------------------------------------

def test_no_answer_a_portal_page_the_app_id_and_429_are_failures_of_simkl_as_a_whole():
    for status in (None, BAD_ANSWER, 412, 429):
        assert failure_scope(Reply(status), False) == SERVICE


def test_a_first_server_error_is_unsure_and_a_second_one_on_another_entry_is_simkl():
    assert failure_scope(Reply(500), False) == UNSURE
    assert failure_scope(Reply(503), True) == SERVICE


def test_the_scrobble_lock_is_the_entrys_own_wait():
    assert failure_scope(Reply(400, "RATE_LIMIT"), False) == ENTRY


def test_two_different_entries_failing_in_a_row_is_simkl_the_same_one_twice_is_not(store):
    outbox = Outbox(store)
    first, second = outbox.add(history(1)), outbox.add(history(2))
    assert outbox.server_error(first) is False
    assert outbox.server_error(first) is False
    assert outbox.server_error(second) is True


def test_a_success_in_between_breaks_the_streak(store):
    outbox = Outbox(store)
    first, second, third = outbox.add(history(1)), outbox.add(history(2)), outbox.add(history(3))
    outbox.server_error(first)
    outbox.apply(second, Outcome(DONE, None, ""), 100.0)
    assert outbox.server_error(third) is False


# -- per-entry back-off, order within an item -------------------------------------------------------------

def test_an_entry_failing_on_its_own_backs_off_and_the_others_stay_due(store):
    outbox = Outbox(store)
    poison = outbox.add(history(1))
    outbox.add(history(2))
    outbox.apply(poison, server_error(), 100.0)
    assert keys(outbox.due(100.0)) == [history(2)["key"]]
    assert outbox.next_due() == 100.0
    assert outbox.entries()[0]["attempts"] == 1 and outbox.entries()[0]["due"] == 115.0


def test_a_later_write_of_an_item_waits_for_its_earlier_failing_one(store):
    outbox = Outbox(store)
    view = outbox.add(watched_stop(1))
    outbox.add(history(1, "remove"))  # the user unmarked it after watching: must not reach Simkl first
    outbox.add(history(2))
    outbox.apply(view, server_error(), 100.0)
    assert keys(outbox.due(100.0)) == [history(2)["key"]]
    # Due again: the round may send the view and then, once it is done, the unmark behind it (the sender skips
    # the unmark when the view fails again: test_outbox_sender's order-within-an-item case).
    assert keys(outbox.due(115.0)) == [view["key"], history(1, "remove")["key"], history(2)["key"]]
    outbox.apply(view, Outcome(DONE, None, ""), 115.0)
    assert history(1, "remove")["key"] in keys(outbox.due(115.0))


def test_the_next_due_time_ignores_a_write_waiting_behind_its_items_earlier_one(store):
    outbox = Outbox(store)
    view = outbox.add(watched_stop(1))
    outbox.add(history(1, "remove"))
    outbox.apply(view, server_error(600.0), 100.0)
    assert outbox.next_due() == 700.0  # not 100: the worker would spin on a write it may not send


def test_a_failure_of_simkl_pauses_everything_with_a_growing_back_off_and_charges_no_entry(store):
    outbox = Outbox(store)
    outbox.add(history(1))
    delays = [outbox.service_failed(100.0, lambda: 0.0) for _ in range(3)]
    assert delays == [15.0, 30.0, 60.0]
    assert outbox.due(159.0) == [] and len(outbox.due(160.0)) == 1
    assert outbox.entries()[0]["attempts"] == 0
    outbox.apply(outbox.entries()[0], Outcome(DONE, None, ""), 160.0)
    assert outbox.service_failed(200.0, lambda: 0.0) == 15.0


def test_429_pauses_for_simkls_retry_after(store):
    outbox = Outbox(store)
    outbox.add(history(1))
    assert outbox.service_failed(100.0, lambda: 0.0, retry_after=3600) == 3600.0
    assert outbox.due(3699.0) == [] and len(outbox.due(3700.0)) == 1


# -- giving up, trying again ------------------------------------------------------------------------------

def test_an_entry_failing_20_times_leaves_the_queue_for_not_delivered_with_its_reason(store, caplog):
    outbox = Outbox(store)
    outbox.add(history(1, label="Heat (1995)"))
    now = 100.0
    for _ in range(19):
        outbox.apply(outbox.entries()[0], server_error(), now)
        now += 60
    assert len(outbox) == 1
    with caplog.at_level(logging.WARNING, logger="simklsync.outbox"):
        outbox.apply(outbox.entries()[0], server_error(), now)
    assert len(outbox) == 0
    [record] = outbox.dropped()
    assert record["label"] == "Heat (1995)" and record["retry"] is True
    assert split(record["reason"]) == (NOT_DELIVERED, "server error 500")
    assert "Heat (1995)" in caplog.text


def test_an_entry_failing_for_7_days_gives_up_before_20_attempts():
    entry = history(1)
    for now in (0.0, DAY, 3 * DAY, 5 * DAY):
        liveness.note_failure(entry, now, 15.0, "server error 500")
    assert not liveness.gives_up(entry, 5 * DAY)
    liveness.note_failure(entry, 7 * DAY, 15.0, "server error 500")
    assert liveness.gives_up(entry, 7 * DAY)


def test_a_clock_set_right_from_1970_does_not_make_a_first_failure_seven_days_old():
    entry = history(1)
    liveness.note_failure(entry, 1000.0, 15.0, "no answer")  # the box booted at 1970
    liveness.note_failure(entry, 1_765_000_000.0, 15.0, "no answer")  # NTP set it right
    assert not liveness.gives_up(entry, 1_765_000_000.0)


def test_a_clock_set_back_starts_the_failing_time_again():
    entry = history(1)
    liveness.note_failure(entry, 10 * DAY, 15.0, "no answer")
    liveness.note_failure(entry, 2 * DAY, 15.0, "no answer")
    assert entry["failing_since"] == 2 * DAY


def give_up(outbox, entry, now=100.0):
    for _ in range(liveness.GIVE_UP_ATTEMPTS):
        outbox.apply(entry, server_error(), now)


def test_try_again_puts_the_write_back_due_now_with_its_failures_forgotten(store):
    outbox = Outbox(store)
    give_up(outbox, outbox.add(history(1)))
    assert Outbox(store).dropped()[0]["retry"] is True  # the kept write survives a restart
    reborn = Outbox(store)
    assert reborn.retry_undelivered(5000.0) == 1
    [entry] = reborn.due(5000.0)
    assert (entry["key"], entry["attempts"], entry["due"]) == (history(1)["key"], 0, 5000.0)
    assert "failing_since" not in entry and reborn.dropped() == []
    assert reborn.retry_undelivered(5000.0) == 0


def test_try_again_leaves_out_a_write_a_newer_one_of_the_same_intent_replaced(store):
    outbox = Outbox(store)
    give_up(outbox, outbox.add(history(1)))
    outbox.add(history(1, "remove"))  # the user unmarked it since: the newest state wins
    assert outbox.retry_undelivered(5000.0) == 0
    assert [e["action"] for e in outbox.entries()] == ["remove"]


def test_writes_not_delivered_outlast_the_short_dropped_list(store):
    outbox = Outbox(store)
    give_up(outbox, outbox.add(history(1)))
    for number in range(2, 40):
        outbox.apply(outbox.add(history(number)), Outcome(DROP, None, "not_found_on_simkl"), 100.0)
    assert sum(1 for record in outbox.dropped() if record.get("retry")) == 1
    assert outbox.retry_undelivered(200.0) == 1


# -- a clock set back ---------------------------------------------------------------------------------------

def test_a_saved_due_time_days_ahead_is_capped_to_the_longest_back_off_on_load(make_store):
    now = 1_765_000_000.0
    first = Outbox(make_store())
    entry = first.add(history(1, now=now + 3 * DAY))  # written while the clock was 3 days ahead
    saved = make_store({"entries": [entry], "dropped": [], "seq": 1})
    outbox = Outbox(saved)
    assert outbox.due(now) == []
    assert outbox.next_due() == now + liveness.MAX_WAIT
    assert len(outbox.due(now + liveness.MAX_WAIT)) == 1
    assert saved.saved["entries"][0]["due"] == now + liveness.MAX_WAIT


def test_a_pause_set_before_the_clock_went_back_lasts_no_longer_than_the_longest_back_off(store):
    outbox = Outbox(store)
    outbox.add(history(1))
    outbox.service_failed(10 * DAY, lambda: 0.0)  # 15 s, at a clock 10 days ahead
    assert outbox.due(2 * DAY) == []
    assert len(outbox.due(2 * DAY + liveness.MAX_WAIT)) == 1


# -- the size bound -----------------------------------------------------------------------------------------

def test_over_the_bound_the_newest_write_of_each_item_wins_and_the_rest_go():
    entries = []
    for seq, entry in enumerate([watched_stop(1, now=1.0), watched_stop(1, now=2.0), history(2),
                                 history(1, "remove")], start=1):
        entries.append(dict(entry, seq=seq))
    kept, gone = liveness.compact(entries, limit=3)
    assert [e["seq"] for e in kept] == [3, 4] and [e["seq"] for e in gone] == [1, 2]


def test_over_the_bound_after_compaction_the_oldest_go():
    entries = [dict(history(n), seq=n) for n in range(1, 6)]
    kept, gone = liveness.compact(entries, limit=3)
    assert [e["seq"] for e in kept] == [3, 4, 5] and [e["seq"] for e in gone] == [1, 2]


def test_a_rating_is_not_compacted_away_by_a_newer_watched_write_of_the_item():
    rating = make_entry("rating", "add", "movie:imdb=tt1", {"movies": []}, "Movie 1", 100.0)
    entries = [dict(rating, seq=1), dict(history(1), seq=2), dict(history(2), seq=3)]
    kept, gone = liveness.compact(entries, limit=2)
    assert [e["seq"] for e in kept] == [2, 3] and [e["seq"] for e in gone] == [1]  # oldest, not "newest wins"


def test_a_full_queue_says_what_it_dropped_in_the_log_and_the_dropped_list(store, caplog, monkeypatch):
    monkeypatch.setattr(liveness, "MAX_ENTRIES", 3)
    outbox = Outbox(store)
    with caplog.at_level(logging.WARNING, logger="simklsync.outbox"):
        for number in range(1, 6):
            outbox.add(history(number))
    assert len(outbox) == 3
    reasons = [split(record["reason"]) for record in outbox.dropped()]
    assert reasons == [(QUEUE_FULL, "1"), (QUEUE_FULL, "1")]
    assert "Movie 1" in caplog.text and "Movie 2" in caplog.text


def test_a_logout_forgets_the_writes_kept_for_try_again_too(store):
    outbox = Outbox(store)
    give_up(outbox, outbox.add(history(1)))
    outbox.clear()  # another account may log in next: it must never get this account's writes
    assert outbox.retry_undelivered(5000.0) == 0 and len(Outbox(store)) == 0
