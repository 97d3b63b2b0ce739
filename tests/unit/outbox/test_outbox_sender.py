"""flush() against a scripted client that raises the real client's typed errors."""
import pytest
from simklsync.core.anime_ids import AnimeEpisode
from simklsync.core.outbox import outcome as outbox_codes
from simklsync.core.outbox.bodies import media_block
from simklsync.core.outbox.marks import mark_entry
from simklsync.core.outbox.push import push_entries
from simklsync.core.outbox.queue import Outbox
from simklsync.core.playing.scrobble import (
    NOT_FOUND_EITHER_WAY,
    SCROBBLE_NOT_FOUND,
    Playback,
    PlayingItem,
    scrobble_entry,
)
from simklsync.core.reasons import with_detail
from simklsync.core.times import epoch_to_iso
from simklsync.simkl import errors
from simklsync.simkl.outbox_sender import flush

MOVIE = PlayingItem("movie", {"imdb": "tt0133093"}, "The Matrix", 1999, duration=1000.0)


class ScriptedClient:
    """Answers each call with the next scripted outcome (an exception instance or an answer dict)."""

    def __init__(self, *script):
        self.script = list(script)
        self.calls = []

    def _answer(self, call):
        self.calls.append(call)
        outcome = self.script.pop(0) if self.script else {"added": {}, "not_found": {}}
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def add_history(self, body):
        return self._answer(("add_history", body))

    def remove_history(self, body):
        return self._answer(("remove_history", body))

    def scrobble(self, action, body):
        return self._answer(("scrobble", action, body))


class Clock:
    def __init__(self, start=1_000_000.0):
        self.now = start
        self.waits = []

    def __call__(self):
        return self.now

    def wait(self, seconds):
        self.waits.append(seconds)
        self.now += seconds
        return False


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def outbox(store, jitter):
    return Outbox(store)


def mark(number, action="add", now=1_000_000.0):
    block = media_block(f"Movie {number}", 2000, {"imdb": f"tt{number:07d}"})
    return mark_entry(action, "movie", block, now, watched_at="2024-01-01T00:00:00Z")


def run(outbox, client, clock, jitter):
    return flush(outbox, client, clock, clock.wait, jitter)


def test_due_entries_are_sent_in_order_one_per_second(outbox, clock, jitter):
    outbox.add(mark(1))
    outbox.add(mark(2, "remove"))
    client = ScriptedClient()
    result = run(outbox, client, clock, jitter)
    assert [c[0] for c in client.calls] == ["add_history", "remove_history"]
    assert clock.waits == [1.0]
    assert result == (2, 0, 0, 0, None)
    assert len(outbox) == 0


def test_entries_not_yet_due_are_not_sent(outbox, clock, jitter):
    outbox.add(mark(1, now=clock.now + 100))
    client = ScriptedClient()
    result = run(outbox, client, clock, jitter)
    assert client.calls == [] and result.next_due == clock.now + 100


def test_scrobble_409_already_recorded_removes_the_entry_and_queues_a_history_add_of_the_view(
        outbox, clock, jitter):
    playback = Playback(1000.0)
    playback.started(0.0)
    playback.observe(900.0)
    stop = outbox.add(scrobble_entry(MOVIE, playback.stopped(), clock.now))
    result = run(outbox, ScriptedClient({"already_recorded": True}), clock, jitter)
    assert result.sent == 1
    [confirmation] = outbox.entries()
    assert (confirmation["kind"], confirmation["action"]) == ("history", "add")
    assert confirmation["body"]["movies"][0]["watched_at"] == epoch_to_iso(stop["created"])  # the same view


def test_server_down_keeps_the_entry_and_pauses_the_round(outbox, clock, jitter):
    outbox.add(mark(1))
    outbox.add(mark(2))
    client = ScriptedClient(errors.TransientError("timed out"))
    result = run(outbox, client, clock, jitter)
    assert len(client.calls) == 1
    assert result.retried == 1 and len(outbox) == 2
    assert result.next_due == clock.now + 15.0
    assert run(outbox, client, clock, jitter).sent == 0
    clock.now += 15.0
    assert run(outbox, client, clock, jitter).sent == 2


def test_rate_limited_waits_for_retry_after(outbox, clock, jitter):
    outbox.add(mark(1))
    result = run(outbox, ScriptedClient(errors.RateLimited("429", retry_after=120)), clock, jitter)
    assert result.retried == 1 and result.next_due == clock.now + 120.0


def test_scrobble_lock_delays_only_scrobbles(outbox, clock, jitter):
    outbox.add(scrobble_entry(MOVIE, Playback(1000.0).started(0.0), clock.now))
    other = MOVIE._replace(ids={"imdb": "tt0000002"})
    outbox.add(scrobble_entry(other, Playback(1000.0).started(0.0), clock.now))
    outbox.add(mark(3))
    client = ScriptedClient(errors.BadRequest("locked", code="RATE_LIMIT"))
    result = run(outbox, client, clock, jitter)
    assert [c[0] for c in client.calls] == ["scrobble", "add_history"]
    assert (result.sent, result.retried) == (1, 1)
    assert len(outbox) == 2


def test_permanent_refusals_are_dropped_with_reasons(outbox, clock, jitter):
    outbox.add(mark(1))
    outbox.add(scrobble_entry(MOVIE, Playback(1000.0).started(0.0), clock.now))
    outbox.add(mark(3))
    client = ScriptedClient(
        {"added": {"movies": 0}, "not_found": {"movies": [{"ids": {"imdb": "tt0000001"}}]}},
        errors.NotFound("404", code="id_err"),
        errors.BadRequest("400", code="empty_field"),
    )
    result = run(outbox, client, clock, jitter)
    assert result.dropped == 3 and len(outbox) == 0
    assert [d["reason"] for d in outbox.dropped()] == [
        outbox_codes.NOT_FOUND_ON_SIMKL, SCROBBLE_NOT_FOUND, with_detail(outbox_codes.REFUSED, "400, empty_field")]


def test_login_required_holds_everything_until_login(outbox, clock, jitter):
    outbox.add(mark(1))
    outbox.add(mark(2))
    client = ScriptedClient(errors.LoginRequired("401"))
    result = run(outbox, client, clock, jitter)
    assert result.held == 1 and result.next_due is None and len(client.calls) == 1
    assert outbox.summary()["held"] == 2
    outbox.release_holds(clock.now)
    assert run(outbox, client, clock, jitter).sent == 2


def test_abort_stops_without_counting_an_attempt(outbox, clock, jitter):
    outbox.add(mark(1))
    result = run(outbox, ScriptedClient(errors.Aborted("closing")), clock, jitter)
    assert result == (0, 0, 0, 0, clock.now)
    assert outbox.entries()[0]["attempts"] == 0


def test_kodi_closing_between_sends_stops_the_round(outbox, store, jitter):
    outbox.add(mark(1))
    outbox.add(mark(2))
    client = ScriptedClient()
    result = flush(outbox, client, lambda: 1_000_000.0, lambda seconds: True, jitter)
    assert result.sent == 1 and len(outbox) == 1


def test_stale_start_is_dropped_without_a_request(outbox, clock, jitter):
    outbox.add(scrobble_entry(MOVIE, Playback(1000.0).started(0.0), clock.now - 3600))
    client = ScriptedClient()
    result = run(outbox, client, clock, jitter)
    assert client.calls == [] and result.dropped == 1


def test_watched_stop_queued_over_an_hour_ago_goes_as_history(outbox, clock, jitter):
    playback = Playback(1000.0)
    playback.started(0.0)
    playback.observe(950.0)
    outbox.add(scrobble_entry(MOVIE, playback.stopped(), clock.now - 2 * 3600))
    client = ScriptedClient()
    assert run(outbox, client, clock, jitter).sent == 1
    [(method, body)] = client.calls
    assert method == "add_history"
    assert body["movies"][0]["watched_at"] == "1970-01-12T11:46:40Z"


AOT_S3E5 = PlayingItem("episode", {"tvdb": 267440}, "Attack on Titan", 2013, 3, 5, duration=1440.0,
                       anime=AnimeEpisode(776433, 1, 5, "Attack on Titan Season 3", 2018, False))


def watched_stop(outbox, item, clock):
    playback = Playback(item.duration)
    playback.started(0.0)
    playback.observe(item.duration)
    return outbox.add(scrobble_entry(item, playback.stopped(), clock.now))


def test_watched_stop_refused_with_404_goes_out_again_as_a_tvdb_history_write_of_the_same_view(
        outbox, clock, jitter):
    stop = watched_stop(outbox, AOT_S3E5, clock)
    client = ScriptedClient(errors.NotFound("404", 404, "id_err"), {"added": {"episodes": 1}, "not_found": {}})
    first = run(outbox, client, clock, jitter)
    assert first.next_due == clock.now  # the history write is due at once, in the next round
    result = run(outbox, client, clock, jitter)
    assert [c[0] for c in client.calls] == ["scrobble", "add_history"]
    assert client.calls[0][2]["show"] == {"title": "Attack on Titan Season 3", "year": 2018,
                                          "ids": {"simkl": 776433}}
    assert client.calls[1][1] == {"shows": [{
        "title": "Attack on Titan", "year": 2013, "ids": {"tvdb": 267440}, "use_tvdb_anime_seasons": True,
        "seasons": [{"number": 3, "episodes": [{"number": 5, "watched_at": epoch_to_iso(stop["created"])}]}]}]}
    assert (first.sent, result.sent, result.dropped, len(outbox)) == (1, 1, 0, 0)
    assert outbox.dropped() == []


def test_view_found_neither_as_scrobble_nor_as_history_is_dropped_with_its_own_reason(outbox, clock, jitter):
    watched_stop(outbox, AOT_S3E5, clock)
    missing = {"added": {"episodes": 0}, "not_found": {"shows": [{"ids": {"tvdb": 267440}}]}}
    client = ScriptedClient(errors.NotFound("404", 404, "id_err"), missing)
    run(outbox, client, clock, jitter)
    result = run(outbox, client, clock, jitter)
    assert result.dropped == 1 and len(outbox) == 0
    assert [(d["label"], d["reason"]) for d in outbox.dropped()] == [
        ("Attack on Titan S03E05", NOT_FOUND_EITHER_WAY)]


def test_a_404_on_a_pause_or_on_a_history_write_is_not_retried_another_way(outbox, clock, jitter):
    playback = Playback(1000.0)
    playback.started(0.0)
    outbox.add(scrobble_entry(MOVIE, playback.paused(400.0), clock.now))
    outbox.add(mark(1))
    client = ScriptedClient(errors.NotFound("404", 404, "id_err"), errors.NotFound("404", 404, "id_err"))
    result = run(outbox, client, clock, jitter)
    assert [c[0] for c in client.calls] == ["scrobble", "add_history"]
    assert result.dropped == 2 and len(outbox) == 0
    refused = with_detail(outbox_codes.REFUSED, "404, id_err")
    assert [d["reason"] for d in outbox.dropped()] == [SCROBBLE_NOT_FOUND, refused]


def test_the_history_write_is_queued_before_the_refused_stop_leaves_the_outbox(store, clock, jitter):
    """A crash right after the 404 must not lose the view: the fallback is on disk first."""
    saved = []

    class Recording:
        def __init__(self):
            self.data = None

        def load(self):
            return self.data

        def save(self, data):
            saved.append([(e["kind"], e["action"]) for e in data["entries"]])
            self.data = data

    outbox = Outbox(Recording())
    watched_stop(outbox, AOT_S3E5, clock)
    run(outbox, ScriptedClient(errors.NotFound("404", 404, "id_err")), clock, jitter)
    assert [("scrobble", "stop"), ("history", "add")] in saved


def anime_mark(clock):
    block = media_block("Attack on Titan", 2013, {"tvdb": 267440})
    anime = AnimeEpisode(776433, 1, 4, "Attack on Titan Season 3", 2018, True)
    entry = mark_entry("add", "episode", block, clock.now, 3, 4, "2026-05-10T18:00:00Z", anime=anime)
    entry["kodi"] = "kodi:episode:12"
    return entry


def test_a_mark_simkl_did_not_find_goes_again_by_simkl_id_and_stays_a_pending_mark(outbox, clock, jitter):
    outbox.add(anime_mark(clock))
    missing = {"added": {"episodes": 0}, "not_found": {"shows": [{"ids": {"tvdb": 267440}}]}}
    client = ScriptedClient(missing, {"added": {"episodes": 1}, "not_found": {}})
    run(outbox, client, clock, jitter)
    assert outbox.pending_marks() == {"kodi:episode:12": True}  # the planner still leaves it alone
    result = run(outbox, client, clock, jitter)
    assert [c[1]["shows"][0]["ids"] for c in client.calls] == [{"tvdb": 267440}, {"simkl": 776433}]
    assert result.sent == 1 and len(outbox) == 0 and outbox.dropped() == []


def test_a_mark_found_neither_way_is_dropped_with_its_own_reason(outbox, clock, jitter):
    outbox.add(anime_mark(clock))
    client = ScriptedClient(errors.NotFound("404", 404, "id_err"), errors.NotFound("404", 404, "id_err"))
    run(outbox, client, clock, jitter)
    run(outbox, client, clock, jitter)
    assert len(client.calls) == 2 and len(outbox) == 0
    assert [d["reason"] for d in outbox.dropped()] == [NOT_FOUND_EITHER_WAY]


def test_a_push_batch_whose_anime_simkl_did_not_find_sends_them_again_by_simkl_id(outbox, clock, jitter):
    batch = {"shows": [{"title": "Attack on Titan", "ids": {"tvdb": 267440}, "use_tvdb_anime_seasons": True,
                        "seasons": [{"number": 3, "episodes": [{"number": 4}]}]}]}
    [entry] = push_entries([batch], clock.now)
    simkl_form = [{"ids": {"simkl": 776433}, "seasons": [{"number": 1, "episodes": [{"number": 4}]}]}]
    outbox.add(dict(entry, alternates=[{"ids": {"tvdb": 267440}, "shows": simkl_form}]))
    missing = {"added": {"episodes": 0}, "not_found": {"shows": [batch["shows"][0]]}}
    client = ScriptedClient(missing, {"added": {"episodes": 1}, "not_found": {}})
    first = run(outbox, client, clock, jitter)
    second = run(outbox, client, clock, jitter)
    assert [c[1] for c in client.calls] == [batch, {"shows": simkl_form}]
    assert (first.dropped, second.sent, len(outbox)) == (0, 1, 0) and outbox.dropped() == []


def server_error():
    return errors.TransientError("500", 500)


def test_one_entry_failing_on_its_own_does_not_hold_up_the_ones_behind_it(outbox, clock, jitter):
    for number in (1, 2, 3):
        outbox.add(mark(number))
    client = ScriptedClient(server_error())
    result = run(outbox, client, clock, jitter)
    assert (result.sent, result.retried) == (2, 1) and len(client.calls) == 3
    assert result.next_due == pytest.approx(clock.now - 2.0 + 15.0)  # the failing one, after its own back-off
    assert outbox.entries()[0]["attempts"] == 1


def test_server_errors_on_two_different_entries_in_a_row_pause_the_queue_and_charge_only_the_first(
        outbox, clock, jitter):
    for number in (1, 2, 3):
        outbox.add(mark(number))
    client = ScriptedClient(server_error(), server_error())
    result = run(outbox, client, clock, jitter)
    assert len(client.calls) == 2 and result.sent == 0 and result.retried == 2
    assert [e.get("attempts", 0) for e in outbox.entries()] == [1, 0, 0]
    assert run(outbox, client, clock, jitter).sent == 0  # paused: nothing goes, no request
    assert len(client.calls) == 2


def test_a_server_error_with_a_failing_read_too_pauses_the_queue(outbox, clock, jitter):
    outbox.add(mark(1))
    outbox.add(mark(2))
    client = ScriptedClient(server_error())
    result = flush(outbox, client, clock, clock.wait, jitter, probe=lambda: False)
    assert len(client.calls) == 1 and result.next_due == clock.now + 15.0
    assert outbox.entries()[0].get("attempts", 0) == 0


def test_a_server_error_while_reads_answer_is_the_entrys_own(outbox, clock, jitter):
    outbox.add(mark(1))
    outbox.add(mark(2))
    probes = []
    client = ScriptedClient(server_error())
    result = flush(outbox, client, clock, clock.wait, jitter, probe=lambda: probes.append(1) or True)
    assert probes == [1] and result.sent == 1 and outbox.entries()[0]["attempts"] == 1


def test_a_later_mark_of_an_item_is_not_sent_before_its_earlier_failing_view(outbox, clock, jitter):
    playback = Playback(1000.0)
    playback.started(0.0)
    playback.observe(950.0)
    outbox.add(scrobble_entry(MOVIE, playback.stopped(), clock.now))
    unmark = mark_entry("remove", "movie", media_block("The Matrix", 1999, {"imdb": "tt0133093"}), clock.now)
    outbox.add(unmark)
    client = ScriptedClient(server_error())
    run(outbox, client, clock, jitter)
    assert [c[0] for c in client.calls] == ["scrobble"]  # the unmark waits for the view it undoes
    clock.now += 20.0
    run(outbox, client, clock, jitter)
    run(outbox, client, clock, jitter)
    assert [c[0] for c in client.calls] == ["scrobble", "scrobble", "remove_history"]
