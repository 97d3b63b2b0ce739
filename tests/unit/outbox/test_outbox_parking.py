"""The queue's entries by account (core/outbox/parking.py): only the current account's entries are sent,
counted, held, released or replaced; another account's stay parked until that account logs in again."""
from simklsync.core.outbox.queue import HOLD, Outbox, Outcome, make_entry


def history(action, item="movie:imdb=tt1", now=100.0, label="Movie (2001)"):
    return make_entry("history", action, item, {"movies": [{"ids": {"imdb": "tt1"}}]}, label, now)


def test_new_entries_carry_the_current_account(store):
    outbox = Outbox(store)
    outbox.set_account("1001")
    outbox.add(history("add"))
    assert [e["account"] for e in store.saved["entries"]] == ["1001"]


def test_another_accounts_entries_are_parked_not_sent_not_counted_and_kept_in_the_file(store):
    outbox = Outbox(store)
    outbox.set_account("1001")
    outbox.add(history("add", item="movie:imdb=tt1"))
    outbox.add(history("add", item="movie:imdb=tt2"))
    outbox.set_account("1002")
    assert outbox.due(10_000.0) == [] and outbox.next_due() is None and len(outbox) == 0
    assert outbox.entries() == [] and outbox.pending_marks() == {}
    assert outbox.summary() == {"pending": 0, "held": 0, "dropped": 0, "parked": 2}
    assert len(store.saved["entries"]) == 2
    reborn = Outbox(store)
    reborn.set_account("1001")
    assert len(reborn.due(10_000.0)) == 2 and reborn.summary() == {"pending": 2, "held": 0, "dropped": 0}


def test_a_held_queue_released_by_another_accounts_login_stays_parked(store):
    outbox = Outbox(store)
    outbox.set_account("1001")
    outbox.add(history("add"))
    outbox.hold_all()  # 1001's token refused
    outbox.set_account("1002")
    outbox.release_holds(500.0)
    outbox.retry_now(500.0)
    assert outbox.due(10_000.0) == []
    outbox.set_account("1001")
    assert outbox.due(10_000.0) == []  # still held: it waits for 1001's own login
    outbox.release_holds(600.0)
    assert [e["account"] for e in outbox.due(600.0)] == ["1001"]


def test_one_accounts_intent_never_replaces_anothers(store):
    outbox = Outbox(store)
    outbox.set_account("1001")
    outbox.add(history("add"))
    outbox.set_account("1002")
    outbox.add(history("remove"))
    assert [e["action"] for e in outbox.entries()] == ["remove"]
    outbox.set_account("1001")
    assert [e["action"] for e in outbox.entries()] == ["add"]


def test_unstamped_entries_are_adopted_by_the_first_account_that_confirms(make_store):
    older = make_store({"entries": [dict(history("add"), seq=1)], "dropped": [], "seq": 1})
    outbox = Outbox(older)
    outbox.add(history("add", item="movie:imdb=tt2"))  # queued while no account was known
    assert len(outbox) == 2
    outbox.set_account("1002")
    assert [e["account"] for e in older.saved["entries"]] == ["1002", "1002"]
    outbox.set_account("1001")
    assert len(outbox) == 0


def test_an_entry_of_an_account_switched_away_mid_flush_is_no_longer_current(store):
    outbox = Outbox(store)
    outbox.set_account("1001")
    entry = outbox.add(history("add"))
    assert outbox.is_current(entry)
    outbox.set_account("1002")
    assert not outbox.is_current(entry)


def test_dropped_writes_are_shown_to_their_own_account_only(store):
    outbox = Outbox(store)
    outbox.set_account("1001")
    outbox.drop(outbox.add(history("add", label="Mine")), "not found on Simkl", 200.0)
    outbox.set_account("1002")
    assert outbox.dropped() == [] and outbox.summary()["dropped"] == 0
    outbox.set_account("1001")
    assert [d["label"] for d in outbox.dropped()] == ["Mine"]


def test_a_hold_reply_holds_only_the_current_accounts_entries(store):
    outbox = Outbox(store)
    outbox.set_account("1002")
    outbox.add(history("add", item="movie:imdb=tt9"))
    outbox.set_account("1001")
    entry = outbox.add(history("add"))
    outbox.apply(entry, Outcome(HOLD, None, "login required"), 200.0)
    outbox.hold_all()
    outbox.set_account("1002")
    assert len(outbox.due(200.0)) == 1
