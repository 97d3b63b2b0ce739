from simklsync.core.outbox.queue import DONE, DROP, HOLD, RETRY, Outbox, Outcome, make_entry


def history(action, item="movie:imdb=tt1", watched_at=None, now=100.0, label="Movie (2001)"):
    body = {"movies": [{"ids": {"imdb": "tt1"}}]}
    return make_entry("history", action, item, body, label, now, watched_at=watched_at)


def scrobble(action, item="movie:imdb=tt1", now=100.0, progress=10.0):
    body = {"progress": progress, "movie": {"ids": {"imdb": "tt1"}}}
    return make_entry("scrobble", action, item, body, "Movie", now)


def test_added_entry_is_persisted_before_add_returns(store, jitter):
    outbox = Outbox(store)
    outbox.add(history("add", watched_at="2024-01-01T00:00:00Z"))
    assert [e["action"] for e in store.saved["entries"]] == ["add"]


def test_restart_with_non_empty_outbox_keeps_entries_and_order(store, jitter):
    first = Outbox(store)
    first.add(history("add", item="movie:imdb=tt1"))
    first.add(history("add", item="movie:imdb=tt2"))
    reborn = Outbox(store)
    assert [e["key"].split(":")[3] for e in reborn.due(1000.0)] == ["imdb=tt1", "imdb=tt2"]
    added = reborn.add(history("add", item="movie:imdb=tt3"))
    assert added["seq"] > max(e["seq"] for e in first.entries())


def test_mark_then_unmark_before_sending_keeps_only_the_unmark(store, jitter):
    outbox = Outbox(store)
    outbox.add(history("add", watched_at="2024-01-01T00:00:00Z"))
    outbox.add(history("remove"))
    assert [e["action"] for e in outbox.entries()] == ["remove"]


def test_identical_write_queued_twice_is_sent_once(store, jitter):
    outbox = Outbox(store)
    outbox.add(history("add", watched_at="2024-01-01T00:00:00Z"))
    outbox.add(history("add", watched_at="2024-01-01T00:00:00Z"))
    assert len(outbox.due(200.0)) == 1


def test_writes_for_different_items_do_not_collapse(store, jitter):
    outbox = Outbox(store)
    outbox.add(history("add", item="movie:imdb=tt1"))
    outbox.add(history("remove", item="movie:imdb=tt2"))
    assert len(outbox.entries()) == 2


def test_newer_scrobble_replaces_the_pending_one_of_the_same_item(store, jitter):
    outbox = Outbox(store)
    outbox.add(scrobble("start"))
    outbox.add(scrobble("pause", progress=30.0))
    assert [(e["action"], e["body"]["progress"]) for e in outbox.entries()] == [("pause", 30.0)]


def test_done_removes_the_sent_entry(store, jitter):
    outbox = Outbox(store)
    outbox.add(history("add"))
    sent = outbox.due(200.0)[0]
    outbox.apply(sent, Outcome(DONE, None, ""), 200.0)
    assert len(outbox) == 0 and store.saved["entries"] == []


def test_replacement_queued_while_sending_survives_the_done_of_the_old_one(store, jitter):
    outbox = Outbox(store)
    outbox.add(scrobble("pause", progress=20.0))
    in_flight = outbox.due(200.0)[0]
    outbox.add(scrobble("pause", progress=35.0))
    outbox.apply(in_flight, Outcome(DONE, None, ""), 201.0)
    assert [e["body"]["progress"] for e in outbox.entries()] == [35.0]


def test_retry_counts_the_attempt_and_delays_the_entry(store, jitter):
    outbox = Outbox(store)
    outbox.add(history("add"))
    sent = outbox.due(200.0)[0]
    outbox.apply(sent, Outcome(RETRY, 60.0, "server error"), 200.0)
    assert outbox.due(259.0) == []
    again = outbox.due(260.0)
    assert again[0]["attempts"] == 1
    assert outbox.next_due() == 260.0


def test_drop_keeps_a_short_reasoned_dropped_list(store, jitter):
    outbox = Outbox(store)
    for number in range(25):
        outbox.add(history("add", item=f"movie:imdb=tt{number}", label=f"Movie {number}"))
    for entry in outbox.due(200.0):
        outbox.apply(entry, Outcome(DROP, None, "not found on Simkl"), 200.0)
    dropped = outbox.dropped()
    assert len(dropped) == 20
    assert dropped[-1] == {"label": "Movie 24", "action": "add", "reason": "not found on Simkl", "at": 200.0}
    assert Outbox(store).dropped() == dropped


def test_hold_keeps_entries_until_the_next_login(store, jitter):
    outbox = Outbox(store)
    outbox.add(history("add", item="movie:imdb=tt1"))
    outbox.add(history("add", item="movie:imdb=tt2"))
    outbox.apply(outbox.due(200.0)[0], Outcome(HOLD, None, "login required"), 200.0)
    outbox.hold_all()
    assert outbox.due(10_000.0) == [] and outbox.next_due() is None
    assert Outbox(store).summary() == {"pending": 0, "held": 2, "dropped": 0}
    outbox.release_holds(500.0)
    assert len(outbox.due(500.0)) == 2


def test_pause_until_holds_back_every_entry(store, jitter):
    outbox = Outbox(store)
    outbox.add(history("add"))
    outbox.pause_until(400.0)
    assert outbox.due(399.0) == []
    assert outbox.next_due() == 400.0
    assert len(outbox.due(400.0)) == 1


def test_damaged_outbox_file_keeps_only_valid_entries(make_store, jitter):
    store = make_store({"entries": [{"junk": 1}, history("add")], "dropped": [], "seq": 3})
    outbox = Outbox(store)
    assert [e["action"] for e in outbox.entries()] == ["add"]


def test_unreadable_store_starts_empty(jitter):
    class BrokenStore:
        def load(self):
            raise ValueError("bad json")

        def save(self, obj):
            self.obj = obj

    outbox = Outbox(BrokenStore())
    assert len(outbox) == 0


def test_entry_replaces_a_named_group_but_that_group_cannot_replace_it(store, jitter):
    outbox = Outbox(store)
    outbox.add(scrobble("start"))
    finished = make_entry("scrobble", "stop", "movie:imdb=tt1", {"progress": 95.0}, "Movie", 110.0,
                          watched_at="t", group="watched:movie:imdb=tt1:t",
                          replaces="scrobble:movie:imdb=tt1")
    outbox.add(finished)
    outbox.add(scrobble("start", now=120.0))
    assert [e["action"] for e in outbox.entries()] == ["stop", "start"]


def test_retry_now_makes_what_waits_for_a_retry_due_but_leaves_held_entries_waiting(store, jitter):
    # Simkl's daily cap lifted (a user's Sync now got through): the queue need not wait out its back-off.
    outbox = Outbox(store)
    outbox.add(history("add", item="movie:imdb=tt1"))
    outbox.add(history("add", item="movie:imdb=tt2"))
    first, second = outbox.due(200.0)
    outbox.apply(first, Outcome(RETRY, 5000.0, "rate limited"), 200.0)
    outbox.apply(second, Outcome(HOLD, None, "login required"), 200.0)
    outbox.pause_until(5200.0)
    outbox.retry_now(300.0)
    assert [e["body"] for e in outbox.due(300.0)] == [first["body"]]
