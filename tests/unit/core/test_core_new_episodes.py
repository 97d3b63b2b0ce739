"""New episodes: the Watching titles' episodes from Simkl's calendar files (fixtures shaped like tv.json and
anime.json), in the window around now, newest first; whatever else a calendar file holds is skipped."""
from simklsync.core.times import to_epoch
from simklsync.core.widgets.new_episodes import compact, new_episodes
from widgets_data import NOW, fixture, fixture_mirror


def _calendars():
    return {"shows": compact(fixture("calendar_tv.json")), "anime": compact(fixture("calendar_anime.json"))}


def _listed(rows):
    return [(row["title"], row["season"], row["episode"]) for row in rows]


def test_new_episodes_lists_watching_titles_in_the_window_latest_air_date_first():
    assert _listed(new_episodes(fixture_mirror(), _calendars(), NOW)) == [
        ("Gap Show", 1, 12),  # in five days
        ("Computed Show", 2, 9),  # tomorrow
        ("Cour Two Anime", 1, 14),  # this morning (an anime's episode without a season is season 1)
        ("Rewatch Show", 1, 3),
        ("Special Show", 0, 3),  # ids and numbers as digit strings
        ("Gap Show", 1, 11),  # two days ago
    ]


def test_new_episodes_leaves_out_titles_not_in_watching_and_episodes_outside_the_window():
    titles = _listed(new_episodes(fixture_mirror(), _calendars(), NOW))
    assert ("Planned Show", 1, 2) not in titles  # Plan to watch
    assert ("Anime Film", 1, 1) not in titles  # Completed
    assert ("Computed Show", 2, 6) not in titles  # 17 days ago
    assert ("Computed Show", 2, 12) not in titles  # in 23 days


def test_new_episodes_window_is_adjustable():
    rows = new_episodes(fixture_mirror(), _calendars(), NOW, days_back=30, days_ahead=30)
    assert ("Computed Show", 2, 6) in _listed(rows) and ("Computed Show", 2, 12) in _listed(rows)


def test_new_episodes_rows_carry_air_time_link_and_calendar_poster():
    rows = {(row["title"], row["episode"]): row for row in new_episodes(fixture_mirror(), _calendars(), NOW)}
    gap = rows[("Gap Show", 11)]
    assert gap["aired"] == to_epoch("2026-12-05T06:00:00Z")
    assert gap["link"] == "https://simkl.com/tv/101" and gap["kind"] == "episode"
    assert rows[("Computed Show", 9)]["art"]["poster"].startswith("https://simkl.in/posters/")


def test_compact_skips_entries_without_an_id_a_date_or_an_episode():
    kept = compact(fixture("calendar_tv.json"))
    assert len(kept) == 9  # of 15: no date, a text id, no episode, null, 7 and a string skipped
    assert all(isinstance(entry[0], int) and isinstance(entry[3], int) for entry in kept)


def test_compact_of_any_other_answer_is_empty():
    for answer in (None, {}, [], "garbage", 5, {"error": "x"}):
        assert compact(answer) == []


def test_a_cut_off_calendar_file_lists_what_was_read():
    assert _listed(new_episodes(fixture_mirror(), {"shows": compact(fixture("calendar_tv.json")[:1])}, NOW)) == [
        ("Gap Show", 1, 11)]


def test_unreadable_cached_calendars_list_nothing():
    for calendars in ({}, {"shows": None}, {"shows": [None, [1], "x", [101, 1, 2, "when", None]]}):
        assert new_episodes(fixture_mirror(), calendars, NOW) == []


def test_the_same_episode_twice_in_a_file_is_listed_once():
    entries = compact(fixture("calendar_tv.json")[:1] * 2)
    assert len(new_episodes(fixture_mirror(), {"shows": entries}, NOW)) == 1
