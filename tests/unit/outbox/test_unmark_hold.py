"""UnmarkHold: Kodi-side unwatches held in their window, a burst of more than 5 asked about once, the answer
applied once, a watched mark cancelling a held removal, kept-apart items, and the hold surviving a restart."""
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.unmark_hold import (
    ASK_AGAIN_SECONDS,
    BURST,
    SETTLE_SECONDS,
    WINDOW_SECONDS,
    UnmarkHold,
)

T0 = 1_800_000_000


def unwatch(number, now=T0):
    block = {"title": f"Movie {number}", "year": 2000, "ids": {"tmdb": 1000 + number}}
    entry = mark_entry("remove", "movie", block, now)
    entry["kodi"] = f"kodi:movie:{number}"
    return entry


def hold_with(store, times):
    hold = UnmarkHold(store)
    for number, at in enumerate(times, start=1):
        hold.unwatched(unwatch(number, at), at)
    return hold


def test_five_unwatches_in_two_minutes_go_on_singly_once_their_window_passed(store):
    hold = hold_with(store, [T0 + second for second in range(BURST)])
    assert hold.question(T0 + 60) is None
    assert hold.release_due(T0 + WINDOW_SECONDS - 1) == []
    released = hold.release_due(T0 + WINDOW_SECONDS + BURST)
    assert [entry["kodi"] for entry in released] == [f"kodi:movie:{n}" for n in range(1, 6)]
    assert all("noted" not in entry and entry["action"] == "remove" for entry in released)
    assert hold.pending() == {}


def test_a_sixth_within_two_minutes_holds_all_six_for_one_question(store):
    hold = hold_with(store, [T0 + second for second in range(BURST + 1)])
    assert hold.release_due(T0 + 10 * WINDOW_SECONDS) == []  # held: nothing reaches the outbox unasked
    assert hold.question(T0 + BURST) is None  # still growing
    question = hold.question(T0 + BURST + SETTLE_SECONDS)
    assert question.count == 6
    assert question.titles == ["Movie 1 (2000)", "Movie 2 (2000)", "Movie 3 (2000)"]
    assert hold.pending() == {f"kodi:movie:{n}": False for n in range(1, 7)}


def test_the_window_slides_five_spread_out_then_one_more_is_not_a_burst(store):
    # 0, 30, 60, 90, 110, then 125: the first left the window at 120, five remain with the new one.
    hold = hold_with(store, [T0, T0 + 30, T0 + 60, T0 + 90, T0 + 110])
    assert [e["kodi"] for e in hold.release_due(T0 + 120)] == ["kodi:movie:1"]
    hold.unwatched(unwatch(6, T0 + 125), T0 + 125)
    assert hold.question(T0 + 200) is None and hold.held() == (5, 0)
    # at 140 a seventh: 30, 60, 90, 110, 125, 140 are six within two minutes
    hold.unwatched(unwatch(7, T0 + 140), T0 + 140)
    assert hold.held() == (0, 6)
    assert hold.question(T0 + 140 + SETTLE_SECONDS).count == 6


def test_the_first_of_the_window_left_before_the_worker_released_it_does_not_count(store):
    hold = hold_with(store, [T0, T0 + 100, T0 + 101, T0 + 102, T0 + 103])
    hold.unwatched(unwatch(6, T0 + 130), T0 + 130)  # the one at T0 is out of the window, not yet released
    assert hold.held() == (6, 0)
    assert [e["kodi"] for e in hold.release_due(T0 + 130)] == ["kodi:movie:1"]


def test_unwatches_after_the_burst_join_it_and_the_question_waits_for_them(store):
    hold = hold_with(store, [T0 + second for second in range(6)])
    hold.unwatched(unwatch(7, T0 + 300), T0 + 300)
    assert hold.question(T0 + 300 + SETTLE_SECONDS - 1) is None
    assert hold.question(T0 + 300 + SETTLE_SECONDS).count == 7


def test_remove_answer_returns_the_removals_once(store):
    hold = hold_with(store, [T0 + second for second in range(8)])
    question = hold.question(T0 + 60)
    removals = hold.answer(question, True)
    assert len(removals) == 8 and {e["action"] for e in removals} == {"remove"}
    assert hold.answer(question, True) == []
    assert hold.answer(question, False) == [] and hold.kept() == []
    assert hold.question(T0 + 3600) is None and hold.pending() == {}


def test_an_answer_covers_only_the_items_it_asked_about(store):
    hold = hold_with(store, [T0 + second for second in range(6)])
    question = hold.question(T0 + 60)
    hold.unwatched(unwatch(9, T0 + 61), T0 + 61)  # joined while the dialog was up
    assert len(hold.answer(question, True)) == 6
    assert hold.pending() == {"kodi:movie:9": False}
    assert hold.question(T0 + 61 + SETTLE_SECONDS).count == 1


def test_keep_answer_remembers_the_items_as_kept_apart_with_their_simkl_dates(store):
    hold = hold_with(store, [T0 + second for second in range(6)])
    assert hold.answer(hold.question(T0 + 60), False, was=lambda entry: [T0 - 86400]) == []
    kept = hold.kept()
    assert len(kept) == 6 and kept[0]["was"] == [T0 - 86400] and kept[0]["label"] == "Movie 1 (2000)"
    assert hold.pending() == {f"kodi:movie:{n}": False for n in range(1, 7)}  # the sync leaves them unwatched
    assert hold.prune_kept(lambda record: record["kodi"] != "kodi:movie:2") == 1  # changed on Simkl
    assert "kodi:movie:2" not in hold.pending()


def test_a_watched_mark_of_a_held_item_cancels_its_removal(store):
    hold = hold_with(store, [T0 + second for second in range(6)])
    assert hold.watched("kodi:movie:3") is True
    question = hold.question(T0 + 60)
    assert question.count == 5 and "kodi:movie:3" not in question.keys
    assert [e["kodi"] for e in hold.answer(question, True)] == [f"kodi:movie:{n}" for n in (1, 2, 4, 5, 6)]
    assert hold.watched("kodi:movie:42") is False


def test_a_watched_mark_cancels_a_single_unwatch_in_its_window_and_a_kept_item(store):
    hold = hold_with(store, [T0])
    assert hold.watched("kodi:movie:1") is True
    assert hold.release_due(T0 + WINDOW_SECONDS) == []
    kept = hold_with(store, [T0 + second for second in range(6)])
    kept.answer(kept.question(T0 + 60), False)
    assert kept.watched("kodi:movie:4") is True and len(kept.kept()) == 5


def test_a_question_closed_unanswered_comes_back_later(store):
    hold = hold_with(store, [T0 + second for second in range(6)])
    hold.later(T0 + 60)
    assert hold.question(T0 + 61) is None
    assert hold.next_due(T0 + 61) == T0 + 60 + ASK_AGAIN_SECONDS
    assert hold.question(T0 + 60 + ASK_AGAIN_SECONDS).count == 6


def test_next_due_is_the_end_of_a_window_or_the_settled_batch_and_none_when_idle(store):
    assert UnmarkHold(store).next_due(T0) is None
    hold = hold_with(store, [T0 + 5])
    assert hold.next_due(T0 + 6) == T0 + 5 + WINDOW_SECONDS
    burst = hold_with(store, [T0 + second for second in range(6)])
    assert burst.next_due(T0 + 5) == T0 + 5 + SETTLE_SECONDS
    assert burst.next_due(T0 + 5, asking=False) is None  # waiting for playback to stop


def test_the_held_batch_and_kept_items_survive_a_restart(make_store):
    store = make_store()
    hold_with(store, [T0 + second for second in range(7)])
    restarted = UnmarkHold(store)
    assert restarted.question(T0 + 60).count == 7
    restarted.answer(restarted.question(T0 + 60), False, was=lambda entry: [1])
    assert len(UnmarkHold(store).kept()) == 7


def test_a_clock_set_back_releases_rather_than_holding_forever(store):
    hold = hold_with(store, [T0])
    assert [e["kodi"] for e in hold.release_due(T0 - 3600)] == ["kodi:movie:1"]


def test_a_damaged_file_starts_empty_and_logout_clears_everything(make_store):
    assert UnmarkHold(make_store({"recent": "x", "batch": [1, {"kodi": 2}], "kept": None})).pending() == {}
    store = make_store()
    hold = hold_with(store, [T0 + second for second in range(6)])
    hold.clear()
    assert UnmarkHold(store).pending() == {} and UnmarkHold(store).question(T0 + 60) is None


def test_a_second_unwatch_of_the_same_item_replaces_the_first(store):
    hold = hold_with(store, [T0])
    hold.unwatched(unwatch(1, T0 + 5), T0 + 5)
    assert hold.held() == (1, 0)


def test_a_clock_set_back_does_not_keep_the_question_waiting(store):
    hold = hold_with(store, [T0 + second for second in range(6)])
    assert hold.question(T0 - 86400).count == 6  # the batch's times lie a day ahead of the corrected clock
    hold.later(T0 + 60)
    assert hold.question(T0 - 86400).count == 6
    assert hold.next_due(T0 - 86400) == T0 - 86400


def test_a_time_read_just_before_an_unwatch_neither_releases_nor_asks_early(store):
    # The worker reads the clock, then Kodi's callback adds an unwatch stamped a moment later.
    hold = hold_with(store, [T0 + second for second in range(6)])
    assert hold.release_due(T0 - 0.5) == [] and hold.question(T0 + 5 - 0.5) is None
    single = hold_with(type(store)(), [T0])
    assert single.release_due(T0 - 0.5) == []
