"""UnmarkGuard, the worker's side of held unwatches, on a fake clock: releases with the dates they delete (and
without them when the state file cannot be read), waits for playback to stop before asking, and records a
question closed unanswered."""
from fake_clock import FakeClock
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.queue import Outbox
from simklsync.core.outbox.unmark_hold import SETTLE_SECONDS, WINDOW_SECONDS, UnmarkHold
from simklsync.core.state.store import JsonStore
from simklsync.service.unmark_guard import UnmarkGuard


class BrokenStateStore:
    def load(self):
        raise ValueError("state file damaged")


class Asked:
    def __init__(self, answer):
        self.answer = answer
        self.questions = []

    def __call__(self, question):
        self.questions.append(question)
        return self.answer


def guard_with(tmp_path, answer=None, playing=False):
    clock = FakeClock(1_800_000_000)
    hold = UnmarkHold(JsonStore(str(tmp_path / "unmarks.json")))
    outbox = Outbox(JsonStore(str(tmp_path / "outbox.json")))
    asked = Asked(answer)
    guard = UnmarkGuard(hold, outbox, BrokenStateStore(), clock, playing=lambda: playing, ask=asked)
    return guard, clock, asked


def unwatch(guard, clock, count):
    for number in range(1, count + 1):
        entry = mark_entry("remove", "movie", {"title": f"M{number}", "ids": {"tmdb": number}}, clock.time())
        guard.hold.unwatched(dict(entry, kodi=f"kodi:movie:{number}"), clock.time())


def test_a_damaged_state_file_does_not_stop_a_removal_it_only_loses_its_dates(fake_kodi, tmp_path):
    guard, clock, _ = guard_with(tmp_path)
    unwatch(guard, clock, 2)
    clock.advance(WINDOW_SECONDS)
    guard.release()
    assert [("restore" in e, e["action"]) for e in guard.outbox.entries()] == [(False, "remove")] * 2


def test_no_question_during_playback_and_no_busy_wake_for_it(fake_kodi, tmp_path):
    guard, clock, asked = guard_with(tmp_path, answer=True, playing=True)
    unwatch(guard, clock, 6)
    clock.advance(SETTLE_SECONDS)
    assert guard.ask() is False and asked.questions == []
    assert guard.next_due() is None  # the end of playback wakes the worker
    assert guard.status() == {"held": 6, "kept": 0}


def test_a_question_closed_unanswered_is_held_and_asked_later(fake_kodi, tmp_path):
    guard, clock, asked = guard_with(tmp_path, answer=None)
    unwatch(guard, clock, 6)
    clock.advance(SETTLE_SECONDS)
    assert guard.ask() is False and len(asked.questions) == 1
    assert guard.ask() is False and len(asked.questions) == 1
    assert len(guard.outbox) == 0 and guard.status()["held"] == 6


def test_the_answer_remove_queues_one_removal_for_the_batch(fake_kodi, tmp_path):
    guard, clock, _ = guard_with(tmp_path, answer=True)
    unwatch(guard, clock, 7)
    clock.advance(SETTLE_SECONDS)
    assert guard.ask() is True
    [entry] = guard.outbox.entries()
    assert entry["label"] == "7 unwatched in Kodi" and len(entry["body"]["movies"]) == 7
    assert guard.status() == {"held": 0, "kept": 0}
