"""The journal's rules: record shapes, the bounds, a torn last line, cycles, undo planning, removal dates."""
import json
import os

from core_builders import simkl_movie, simkl_show
from simklsync.core.journal.cycles import summarize
from simklsync.core.journal.dates import with_dates
from simklsync.core.journal.file import JournalFile
from simklsync.core.journal.journal import Journal
from simklsync.core.journal.records import before_fields, is_record, kodi_record, simkl_record
from simklsync.core.journal.undo import plan_undo
from simklsync.core.plan.writes import Write
from simklsync.core.ratings import RatingWrite
from simklsync.core.state.mirror import Mirror

DAY = 86400
NOW = 1_800_000_000


class Clock:
    def __init__(self, now=NOW):
        self.now = now

    def __call__(self):
        return self.now


def journal_at(tmp_path, clock=None, **bounds):
    return Journal(JournalFile(str(tmp_path / "journal.jsonl"), durable=False, **bounds), clock or Clock())


def watched_write(media, kodi_id, key, when="2026-01-02 10:00:00"):
    return Write(media, kodi_id, key, {"playcount": 1, "lastplayed": when, "resume": {"position": 0, "total": 0}})


KODI_BEFORE = {("movie", 1): {"title": "Heat", "playcount": 0, "lastplayed": "", "resume": {"position": 300,
                                                                                              "total": 6000}},
               ("episode", 7): {"showtitle": "Lost", "season": 1, "episode": 2, "playcount": 2,
                                "lastplayed": "2020-05-05 20:00:00", "resume": {"position": 0, "total": 0}}}


def before(media, kodi_id):
    return KODI_BEFORE.get((media, kodi_id))


# ---- records -------------------------------------------------------------------------------------------

def test_a_kodi_record_keeps_only_the_written_fields_before_and_after():
    record = kodi_record(NOW, "c1", "timer", "movie", 1, "m:10", {"playcount": 1}, KODI_BEFORE[("movie", 1)], "Heat")
    assert record["b"] == {"playcount": 0} and record["a"] == {"playcount": 1}
    assert is_record(json.loads(json.dumps(record)))


def test_a_value_before_kodi_never_reported_is_left_out_so_undo_leaves_it_alone():
    assert before_fields({"playcount": 3}, {"playcount": 0, "lastplayed": ""}) == {"playcount": 3}
    assert before_fields(None, {"playcount": 0}) == {}


def test_foreign_or_half_records_are_not_records():
    assert not is_record({"t": NOW, "c": "c1", "k": "kodi", "m": "movie"})
    assert not is_record(["t", NOW])
    assert is_record(simkl_record(NOW, "c1", "", "history", "remove", {"movies": []}))


# ---- the file: bounds and a torn last line ------------------------------------------------------------------

def test_a_torn_last_line_is_skipped_and_the_next_append_starts_on_its_own_line(tmp_path):
    journal = journal_at(tmp_path)
    journal.begin_cycle("timer")
    journal.kodi_writes([watched_write("movie", 1, "m:10")], before)
    with open(journal.file.path, "a", encoding="utf-8") as handle:
        handle.write('{"t": 1800000000, "c": "c18000')  # a crash in the middle of an append
    assert len(JournalFile(journal.file.path).read()) == 1
    journal.kodi_writes([watched_write("episode", 7, "e:20:1:2")], before)
    records = JournalFile(journal.file.path).read()
    assert [(r["m"], r["i"]) for r in records] == [("movie", 1), ("episode", 7)]


def test_the_count_bound_drops_the_oldest_first_and_never_exceeds_it(tmp_path):
    clock = Clock()
    journal = journal_at(tmp_path, clock, max_entries=100)
    journal.begin_cycle("timer")
    for number in range(250):
        clock.now += 1
        journal.history_write("history", "add", {"movies": [{"ids": {"simkl": number}}]})
        assert len(journal.records()) <= 100
    records = journal.records()
    assert records[-1]["body"]["movies"][0]["ids"]["simkl"] == 249
    numbers = [r["body"]["movies"][0]["ids"]["simkl"] for r in records]
    assert numbers == sorted(numbers) and numbers[0] > 150


def test_records_older_than_90_days_are_dropped_at_the_next_append(tmp_path):
    clock = Clock()
    journal = journal_at(tmp_path, clock)
    journal.begin_cycle("timer")
    journal.history_write("history", "add", {"movies": [{"ids": {"simkl": 1}}]})
    clock.now += 91 * DAY
    journal.history_write("history", "add", {"movies": [{"ids": {"simkl": 2}}]})
    assert [r["body"]["movies"][0]["ids"]["simkl"] for r in journal.records()] == [2]


def test_the_file_is_readable_by_the_user_only(tmp_path):
    journal = journal_at(tmp_path)
    journal.history_write("history", "add", {})
    assert os.stat(journal.file.path).st_mode & 0o077 == 0


# ---- cycles ---------------------------------------------------------------------------------------------------

def test_cycles_are_listed_newest_first_with_their_counts(tmp_path):
    clock = Clock()
    journal = journal_at(tmp_path, clock)
    first = journal.begin_cycle("startup")
    journal.kodi_writes([watched_write("movie", 1, "m:10"), watched_write("episode", 7, "e:20:1:2")], before)
    journal.end_cycle()
    clock.now += 600
    journal.simkl_sent({"kind": "history", "action": "remove", "body": {}, "label": "Heat (1995)",
                        "created": clock.now - 10})
    journal.simkl_sent({"kind": "scrobble", "action": "start", "body": {}})  # not a library write: not journaled
    cycles = journal.cycles()
    assert [(c.kodi, c.simkl, c.reason) for c in cycles] == [(0, 1, "send"), (2, 0, "startup")]
    assert cycles[1].cycle == first and cycles[1].names == ["Heat", "Lost S01E02"]


def test_a_simkl_write_belongs_to_the_cycle_its_entry_was_made_in(tmp_path):
    clock = Clock()
    journal = journal_at(tmp_path, clock)
    sync = journal.begin_cycle("timer")
    queued_by_the_sync = clock.now + 1
    clock.now += 5
    journal.end_cycle()
    clock.now += 100
    journal.simkl_sent({"kind": "rating", "action": "add", "body": {}, "created": queued_by_the_sync})
    journal.simkl_sent({"kind": "history", "action": "add", "body": {}, "created": clock.now - 1})
    journal.simkl_sent({"kind": "history", "action": "remove", "body": {}, "created": clock.now})
    journal.simkl_sent({"kind": "history", "action": "add", "body": {}, "cycle": "c1"})
    records = journal.records()
    assert records[0]["c"] == sync and records[0]["r"] == "timer"
    assert records[1]["c"] == records[2]["c"] != sync and records[1]["r"] == "send"  # user marks between syncs
    assert records[3]["c"] == "c1"
    journal.begin_cycle("timer")
    journal.simkl_sent({"kind": "history", "action": "add", "body": {}})
    assert journal.records()[-1]["c"] != records[1]["c"]  # a new cycle began: later sends are another round


def test_two_cycles_begun_in_the_same_second_get_distinct_ids(tmp_path):
    journal = journal_at(tmp_path)
    assert journal.begin_cycle("a") != journal.begin_cycle("b")


def test_a_send_before_any_cycle_gets_a_cycle_of_its_own(tmp_path):
    journal = journal_at(tmp_path)
    journal.simkl_sent({"kind": "history", "action": "add", "body": {"movies": []}})
    assert summarize(journal.records())[0].reason == "send"


# ---- undo -----------------------------------------------------------------------------------------------------

def test_undo_puts_back_each_field_as_it_was_before_the_cycles_first_write(tmp_path):
    journal = journal_at(tmp_path)
    cycle = journal.begin_cycle("timer")
    journal.kodi_writes([watched_write("movie", 1, "m:10")], before)
    later = {("movie", 1): {"playcount": 1, "lastplayed": "2026-01-02 10:00:00", "resume": {"position": 0,
                                                                                           "total": 0}}}
    journal.kodi_writes([Write("movie", 1, "m:10", {"playcount": 0})], lambda m, i: later.get((m, i)))
    journal.kodi_writes([Write("episode", 7, "e:20:1:2", {"playcount": 0})], before)
    plan = plan_undo(journal.records(), cycle)
    restored = {(w.media, w.kodi_id): dict(w.fields) for w in plan.kodi}
    assert restored == {("movie", 1): {"playcount": 0, "lastplayed": "", "resume": {"position": 300, "total": 6000}},
                        ("episode", 7): {"playcount": 2}}
    assert plan.names[("episode", 7)] == "Lost S01E02"


def test_a_rating_write_is_undone_apart_as_a_rating_write_with_kodis_value_before(tmp_path):
    journal = journal_at(tmp_path)
    cycle = journal.begin_cycle("timer")
    journal.kodi_writes([watched_write("movie", 1, "m:10")], before)
    rated = {("movie", 1): {"title": "Heat", "userrating": 6}, ("tvshow", 3): {"title": "Lost", "userrating": 0}}
    journal.kodi_writes([RatingWrite("movie", 1, 9), RatingWrite("tvshow", 3, 8)], lambda m, i: rated.get((m, i)))
    records = [r for r in journal.records() if "userrating" in r["a"]]
    assert [(r["m"], r["b"], r["a"]) for r in records] == [("movie", {"userrating": 6}, {"userrating": 9}),
                                                           ("tvshow", {"userrating": 0}, {"userrating": 8})]
    plan = plan_undo(journal.records(), cycle)
    assert plan.ratings == [RatingWrite("movie", 1, 6), RatingWrite("tvshow", 3, 0)]
    assert [set(w.fields) for w in plan.kodi] == [{"playcount", "lastplayed", "resume"}]  # no userrating in a Write


def test_an_unreadable_userrating_before_is_put_back_as_unrated_and_one_never_read_not_at_all(tmp_path):
    journal = journal_at(tmp_path)
    cycle = journal.begin_cycle("timer")
    journal.kodi_writes([RatingWrite("movie", 1, 9)], lambda m, i: {"title": "Heat", "userrating": "odd"})
    journal.kodi_writes([RatingWrite("movie", 2, 9)], None)
    plan = plan_undo(journal.records(), cycle)
    assert plan.ratings == [RatingWrite("movie", 1, 0)] and plan.kodi == []


def test_undo_of_an_undo_puts_back_what_the_undo_changed(tmp_path):
    journal = journal_at(tmp_path)
    library = {("movie", 1): dict(KODI_BEFORE[("movie", 1)])}

    def apply(writes, reason):
        journal.kodi_writes(writes, lambda m, i: library.get((m, i)), reason)
        for write in writes:
            library[(write.media, write.kodi_id)].update(write.fields)

    sync = journal.begin_cycle("timer")
    apply([watched_write("movie", 1, "m:10")], "timer")
    after_sync = dict(library[("movie", 1)])
    undo = journal.begin_cycle("undo")
    apply(plan_undo(journal.records(), sync).kodi, "undo")
    assert library[("movie", 1)] == KODI_BEFORE[("movie", 1)]
    journal.begin_cycle("undo")
    apply(plan_undo(journal.records(), undo).kodi, "undo")
    assert library[("movie", 1)] == after_sync


def test_simkl_writes_are_reversed_newest_first_and_a_removal_comes_back_with_its_dates(tmp_path):
    journal = journal_at(tmp_path)
    cycle = journal.begin_cycle("timer")
    added = {"movies": [{"ids": {"simkl": 1}, "watched_at": "2026-01-01T10:00:00Z"}]}
    removed = {"shows": [{"ids": {"simkl": 2}, "seasons": [{"number": 1, "episodes": [
        {"number": 1, "watched_at": "2019-03-03T20:00:00Z"}]}]}]}
    journal.history_write("history", "add", added, "Heat (1995)", cycle)
    journal.history_write("history", "remove", removed, "Lost S01E01", cycle)
    journal.history_write("rating", "add", {"movies": [{"ids": {"simkl": 1}, "rating": 8}]}, cycle=cycle)
    journal.history_write("list", "add", {"movies": [{"ids": {"simkl": 1}, "to": "plantowatch"}]}, cycle=cycle)
    plan = plan_undo(journal.records(), cycle)
    assert [(r.kind, r.action) for r in plan.simkl] == [("rating", "remove"), ("history", "add"),
                                                          ("history", "remove")]
    assert plan.simkl[0].body == {"movies": [{"ids": {"simkl": 1}}]}
    assert plan.simkl[1].body == removed
    assert plan.simkl[2].body == {"movies": [{"ids": {"simkl": 1}}]} and plan.simkl[2].dated == added
    assert plan.not_reversible == 1


def test_an_undo_of_another_cycle_or_of_nothing_is_empty(tmp_path):
    journal = journal_at(tmp_path)
    journal.begin_cycle("timer")
    journal.kodi_writes([watched_write("movie", 1, "m:10")], before)
    assert plan_undo(journal.records(), "c0").is_empty
    assert plan_undo([], "c0").is_empty


# ---- a removal's dates from the mirror ----------------------------------------------------------------------------

def mirror_with(type_, *entries):
    mirror = Mirror()
    mirror.apply_all_items(type_, {type_: list(entries)}, full=True)
    return mirror


def test_a_movie_removal_gets_the_date_the_mirror_holds_found_by_any_id():
    mirror = mirror_with("movies", simkl_movie(1, watched_at="2019-02-03T04:05:06Z", imdb="tt0113277"))
    dated = with_dates({"movies": [{"ids": {"imdb": "tt0113277"}, "title": "Heat"}]}, mirror)
    assert dated["movies"][0]["watched_at"] == "2019-02-03T04:05:06Z"


def test_episode_rows_get_their_dates_and_a_show_removed_whole_is_spelled_out():
    show = simkl_show(5, {(1, 1): "2019-01-01T10:00:00Z", (1, 2): "2019-01-02T10:00:00Z",
                          (2, 1): "2019-02-01T10:00:00Z"}, tvdb="81189")
    mirror = mirror_with("shows", show)
    episode = {"shows": [{"ids": {"tvdb": "81189"}, "seasons": [{"number": 1, "episodes": [{"number": 2}]}]}]}
    assert with_dates(episode, mirror)["shows"][0]["seasons"][0]["episodes"] == [
        {"number": 2, "watched_at": "2019-01-02T10:00:00Z"}]
    whole = with_dates({"shows": [{"ids": {"simkl": 5}}]}, mirror)["shows"][0]["seasons"]
    assert [(s["number"], [e["number"] for e in s["episodes"]]) for s in whole] == [(1, [1, 2]), (2, [1])]
    season = with_dates({"shows": [{"ids": {"simkl": 5}, "seasons": [{"number": 2}]}]}, mirror)
    assert season["shows"][0]["seasons"][0]["episodes"] == [{"number": 1, "watched_at": "2019-02-01T10:00:00Z"}]


def test_an_anime_removal_in_tvdb_numbering_gets_the_date_of_the_simkl_episode():
    show = simkl_show(9, {(1, 13): ("2021-04-04T12:00:00Z", (2, 1))}, anime_type="tv")
    mirror = mirror_with("anime", show)
    body = {"shows": [{"ids": {"simkl": 9}, "use_tvdb_anime_seasons": True,
                       "seasons": [{"number": 2, "episodes": [{"number": 1}]}]}]}
    assert with_dates(body, mirror)["shows"][0]["seasons"][0]["episodes"][0]["watched_at"] == "2021-04-04T12:00:00Z"


def test_what_the_mirror_does_not_know_stays_undated_and_the_body_is_not_changed():
    body = {"movies": [{"ids": {"imdb": "tt9999999"}}], "shows": "junk"}
    assert with_dates(body, Mirror()) == body
    assert with_dates(None, Mirror()) is None


def test_a_trim_the_disk_refuses_still_appends_the_new_records(tmp_path, monkeypatch):
    clock = Clock()
    journal = journal_at(tmp_path, clock, max_entries=3)
    for number in range(3):
        journal.history_write("history", "add", {"n": number})

    def refuse(*args):
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", refuse)
    journal.history_write("history", "add", {"n": 3})
    assert [r["body"]["n"] for r in journal.records()] == [0, 1, 2, 3]
    assert os.listdir(str(tmp_path)) == ["journal.jsonl"]  # no temporary copy left behind


def test_a_full_disk_costs_the_journal_a_record_never_the_caller(tmp_path):
    journal = Journal(JournalFile(str(tmp_path / "missing-dir" / "file" / "journal.jsonl"), durable=False), Clock())
    (tmp_path / "missing-dir").write_text("a file where a folder should be")
    journal.history_write("history", "add", {})
    assert journal.records() == []


# ---- one account's journal ----------------------------------------------------------------------------------------

def test_each_record_carries_the_account_it_was_made_for_and_another_account_never_sees_it(tmp_path):
    bound = ["111"]
    journal = Journal(JournalFile(str(tmp_path / "journal.jsonl"), durable=False), Clock(), lambda: bound[0])
    first = journal.begin_cycle("login")
    journal.kodi_writes([watched_write("movie", 1, "m:10")], before)
    journal.history_write("history", "add", {"movies": [{"ids": {"simkl": 10}}]}, cycle=first)
    bound[0] = "222"
    assert journal.records() == [] and journal.cycles() == []
    assert plan_undo(journal.records(first), first).is_empty  # B's undo of A's cycle changes nothing
    second = journal.begin_cycle("login")
    journal.kodi_writes([watched_write("episode", 7, "e:20:1:2")], before)
    assert [c.cycle for c in journal.cycles()] == [second]
    bound[0] = "111"
    assert [c.cycle for c in journal.cycles()] == [first]
    assert {r["u"] for r in journal.file.read()} == {"111", "222"}
    assert len(plan_undo(journal.records(first), first).kodi) == 1


def test_records_made_with_no_account_bound_are_no_accounts_to_undo(tmp_path):
    bound = [None]
    journal = Journal(JournalFile(str(tmp_path / "journal.jsonl"), durable=False), Clock(), lambda: bound[0])
    journal.begin_cycle("context")
    journal.kodi_writes([watched_write("movie", 1, "m:10")], before)
    assert "u" not in journal.file.read()[0]
    bound[0] = "111"
    assert journal.cycles() == []
