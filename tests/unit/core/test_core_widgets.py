"""The widgets' rules on JSON fixtures shaped like Simkl's all-items and playback answers."""
import json

from simklsync.core.match import KodiIndex
from simklsync.core.model import episode_code
from simklsync.core.widgets import widget_file
from simklsync.core.widgets.in_progress import continue_watching
from simklsync.core.widgets.library_match import kodi_code
from simklsync.core.widgets.lists import status_list
from simklsync.core.widgets.up_next import up_next
from simklsync.core.widgets.widget_file import WidgetOptions
from widgets_data import NOW, fixture_mirror


def _up_next():
    return {row["title"]: (row["season"], row["episode"]) for row in up_next(fixture_mirror(read_back=True), NOW)}


def test_up_next_takes_simkls_next_to_watch_after_a_gap():
    assert _up_next()["Gap Show"] == (1, 5)


def test_up_next_computes_the_episode_after_the_latest_regular_one_when_simkl_names_none():
    assert _up_next()["Computed Show"] == (2, 5)  # the special watched since does not lead it astray


def test_up_next_lists_a_special_simkl_names_next():
    assert _up_next()["Special Show"] == (0, 2)


def test_up_next_leaves_out_shows_whose_next_episode_has_not_aired():
    shown = _up_next()
    assert "Waiting Show" not in shown  # every aired episode watched, the rest not aired
    assert "Dated Show" not in shown  # next_watch_info dates the next one tomorrow
    assert "Finished Show" not in shown  # Simkl: nothing next


def test_up_next_follows_simkls_pointer_on_a_rewatch():
    assert _up_next()["Rewatch Show"] == (1, 2)


def test_up_next_has_only_watching_titles_newest_activity_first():
    titles = [row["title"] for row in up_next(fixture_mirror(read_back=True), NOW)]
    assert titles == ["Special Show", "Cour Two Anime", "Computed Show", "Gap Show", "Rewatch Show"]


def test_an_anime_next_episode_is_found_in_kodi_by_counting_on_from_the_tvdb_mapping():
    anime = fixture_mirror(read_back=True).get("anime", 201)
    assert kodi_code(anime, episode_code(1, 13)) == episode_code(2, 1)
    assert kodi_code(anime, episode_code(1, 14)) == episode_code(2, 2)


def test_continue_watching_lists_paused_sessions_newest_first_with_their_position():
    mirror = fixture_mirror(read_back=True)
    mirror.set_playback([
        {"id": 1, "progress": 30.5, "paused_at": "2026-12-01T10:00:00Z", "type": "movie",
         "movie": {"title": "Elsewhere Movie", "year": 2002, "ids": {"simkl": 302}}},
        {"id": 2, "progress": 60, "paused_at": "2026-12-05T10:00:00Z", "type": "episode",
         "episode": {"season": 1, "episode": 5}, "show": {"title": "Gap Show", "year": 2020, "ids": {"simkl": 101}}},
        {"id": 3, "progress": "bad", "paused_at": "2026-12-06T10:00:00Z", "type": "movie",
         "movie": {"title": "Broken", "ids": {"simkl": 9}}},
    ])
    rows = continue_watching(mirror)
    assert [(row["title"], row["progress"]) for row in rows] == [("Gap Show", 60.0), ("Elsewhere Movie", 30.5)]
    assert (rows[0]["season"], rows[0]["episode"]) == (1, 5)
    assert rows[1]["art"]["poster"] == "https://simkl.in/posters/32/332_m.jpg"


def test_completed_is_most_recent_first_and_plan_to_watch_holds_titles_not_in_the_library():
    mirror = fixture_mirror(read_back=True)
    assert [row["title"] for row in status_list(mirror, "movies", "completed")] == ["New Watch", "Old Watch"]
    planned = status_list(mirror, "movies", "plantowatch")
    assert [row["title"] for row in planned] == ["Elsewhere Movie", "Library Movie"]
    assert planned[0]["link"] == "https://simkl.com/movies/302"
    assert [row["kind"] for row in status_list(mirror, "anime", "completed")] == ["movie"]
    assert [row["kind"] for row in status_list(mirror, "shows", "plantowatch")] == ["tvshow"]


KODI_MOVIES = [{"movieid": 7, "title": "Library Movie", "year": 2001, "imdbnumber": "tt0000301",
                "uniqueid": {"imdb": "tt0000301"}, "file": "/m/library.mkv", "playcount": 0,
                "resume": {"position": 600.0, "total": 6000.0}}]
KODI_SHOWS = [{"tvshowid": 40, "title": "Gap Show", "year": 2020, "uniqueid": {"tvdb": "9101"}},
              {"tvshowid": 41, "title": "Cour Two Anime", "year": 2023, "uniqueid": {"tvdb": "9201"}}]


def _episode(episodeid, show, season, number, playcount=0):
    return {"episodeid": episodeid, "tvshowid": show, "season": season, "episode": number, "playcount": playcount,
            "file": f"/tv/{show}/{season}x{number}.mkv", "resume": {"position": 0, "total": 0}, "showtitle": "x"}


def _file(episodes):
    options = WidgetOptions()
    mirror = fixture_mirror(read_back=True)
    rows = widget_file.simkl_rows(mirror, NOW, options)
    return widget_file.build(rows, KodiIndex(KODI_MOVIES, KODI_SHOWS, episodes), mirror, options)


def test_the_widget_file_carries_the_library_match_of_each_row():
    made = _file([_episode(1, 40, 1, 5), _episode(2, 41, 2, 2)])
    planned = {row["title"]: row for row in made["lists"]["movies.plantowatch"]}
    assert planned["Library Movie"]["library"] == {"dbid": 7, "mediatype": "movie", "file": "/m/library.mkv",
                                                   "playcount": 0, "resume": {"position": 600.0, "total": 6000.0}}
    assert "library" not in planned["Elsewhere Movie"]
    nexts = {row["title"]: row for row in made["lists"]["upnext"]}
    assert nexts["Gap Show"]["library"]["dbid"] == 1
    assert nexts["Cour Two Anime"]["library"]["dbid"] == 2
    assert (nexts["Cour Two Anime"]["season"], nexts["Cour Two Anime"]["episode"]) == (2, 2)
    assert "library" not in nexts["Special Show"]


def test_up_next_moves_past_an_episode_just_watched_in_kodi():
    made = _file([_episode(1, 40, 1, 5, playcount=1), _episode(3, 40, 1, 6)])
    gap = next(row for row in made["lists"]["upnext"] if row["title"] == "Gap Show")
    assert (gap["season"], gap["episode"], gap["library"]["dbid"]) == (1, 6, 3)


def test_the_widget_file_has_only_the_chosen_lists_cut_to_the_limit_and_hides_watched():
    watched = [dict(KODI_MOVIES[0], playcount=2)]
    mirror = fixture_mirror(read_back=True)
    options = WidgetOptions(lists=("movies.plantowatch", "movies.completed"), limit=1, hide_watched=True)
    rows = widget_file.simkl_rows(mirror, NOW, options)
    made = widget_file.build(rows, KodiIndex(watched, [], []), mirror, options)
    assert sorted(made["lists"]) == ["movies.completed", "movies.plantowatch"]
    assert [row["title"] for row in made["lists"]["movies.plantowatch"]] == ["Elsewhere Movie"]
    assert [row["title"] for row in made["lists"]["movies.completed"]] == ["New Watch"]


def test_the_reload_is_due_only_for_the_lists_whose_rows_changed():
    made = _file([])
    saved = json.loads(json.dumps(widget_file.index(made, [])))
    assert widget_file.changed_lists(saved, widget_file.index(_file([]), [])) == []
    changed = widget_file.changed_lists(saved, widget_file.index(_file([_episode(1, 40, 1, 5)]), []))
    assert changed == ["upnext"]  # Gap Show's S01E05 is now a library item
    assert widget_file.changed_lists(None, widget_file.index(made, [])) == sorted(made["lists"])


def test_an_unreadable_widget_file_lists_nothing():
    for saved in (None, [], {"version": 99, "lists": {"upnext": "x"}}, {"version": 1, "lists": "x"}):
        assert widget_file.list_names_of(saved) == []
    assert widget_file.list_names_of({"version": 1, "lists": {"upnext": "a", "inprogress": "b"}}) == [
        "upnext", "inprogress"]
    assert widget_file.rows_of([1, {"title": "a"}]) == [{"title": "a"}]
    assert widget_file.rows_of({"title": "a"}) == []
