"""core/plan/write_path.py: which writes of bulk work go by Files.SetFileDetails with the rows Set*Details would
leave, and when the open media list is refreshed."""
from simklsync.core.list_tags import TagWrite
from simklsync.core.plan.write_path import BULK_WRITES, RefreshTimer, file_rpc, is_bulk, light_path, plain_path
from simklsync.core.plan.writes import NO_RESUME, Write

MOVIE_FILE = "/media/movies/Heat (1995).mkv"


def mark(media="movie", **fields):
    return Write(media, 7, "m:1", fields or {"playcount": 1, "lastplayed": "2024-05-01 20:00:00",
                                              "resume": NO_RESUME})


def test_bulk_is_more_writes_than_the_threshold_unless_the_caller_says():
    assert not is_bulk(BULK_WRITES) and is_bulk(BULK_WRITES + 1)
    assert is_bulk(1, bulk=True) and not is_bulk(5000, bulk=False)


def test_a_watched_mark_of_a_movie_or_episode_on_a_plain_path_goes_light():
    assert light_path(mark(), MOVIE_FILE, False, 0) == MOVIE_FILE
    assert light_path(mark("episode"), "smb://nas/tv/Show/S01E01.mkv", False, 0) == "smb://nas/tv/Show/S01E01.mkv"
    assert light_path(mark(), "C:\\Movies\\Heat.mkv", False, 0) == "C:\\Movies\\Heat.mkv"


def test_paths_that_may_name_a_row_of_their_own_keep_set_details():
    for path in ("stack:///m/a.avi , /m/b.avi", "rar://%2fm%2fa.rar/a.mkv", "plugin://plugin.video.x/?id=1",
                 "videodb://movies/titles/1", "http://host/a.mkv", "", None, "relative/a.mkv",
                 "smb://nas/zip://inner.mkv"):
        assert not plain_path(path), path
        assert light_path(mark(), path, False, 0) is None, path


def test_a_file_two_items_share_keeps_set_details():
    assert light_path(mark("episode"), "/tv/Show/S01E01E02.mkv", True, 0) is None


def test_writes_of_other_kinds_and_empty_writes_keep_set_details():
    assert light_path(TagWrite("movie", 7, ["Simkl: Plan to watch"]), MOVIE_FILE, False, 0) is None
    assert light_path(Write("movie", 7, "m:1"), MOVIE_FILE, False, 0) is None


def test_tags_and_show_writes_keep_set_details():
    tagged = mark()
    tagged.tag = ["Simkl: Plan to watch"]
    assert light_path(tagged, MOVIE_FILE, False, 0) is None
    assert light_path(Write("tvshow", 3, "s:1", {"playcount": 1}), MOVIE_FILE, False, 0) is None


def test_a_lastplayed_alone_goes_light_only_for_an_item_already_watched():
    newer = Write("movie", 7, "m:1", {"lastplayed": "2024-05-01 20:00:00"})
    assert light_path(newer, MOVIE_FILE, False, 2) == MOVIE_FILE
    assert light_path(newer, MOVIE_FILE, False, 0) is None  # Kodi would set playcount 1
    assert light_path(Write("movie", 7, "m:1", {"lastplayed": ""}), MOVIE_FILE, False, 3) is None  # would clear it


def test_a_resume_point_goes_light_only_with_its_total():
    assert light_path(Write("movie", 7, "m:1", {"resume": {"position": 600, "total": 6000}}), MOVIE_FILE, False,
                      0) == MOVIE_FILE
    assert light_path(Write("movie", 7, "m:1", {"resume": {"position": 600, "total": 0}}), MOVIE_FILE, False,
                      0) is None
    assert light_path(Write("movie", 7, "m:1", {"resume": {"position": 0, "total": 0}}), MOVIE_FILE, False,
                      0) == MOVIE_FILE


def test_an_unmark_goes_light():
    assert light_path(Write("episode", 7, "e:1:1:1", {"playcount": 0}), "/tv/a.mkv", False, 1) == "/tv/a.mkv"


def test_the_file_call_carries_the_write_fields_and_the_path():
    write = mark()
    assert file_rpc(write, MOVIE_FILE) == {"method": "Files.SetFileDetails", "params": {
        "file": MOVIE_FILE, "media": "video", "playcount": 1, "lastplayed": "2024-05-01 20:00:00",
        "resume": {"position": 0, "total": 0}}}


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_list_is_refreshed_every_period_while_writes_go_light_and_once_at_the_end():
    clock = Clock()
    timer = RefreshTimer(clock, every=30)
    seen = []
    for second in range(0, 95, 5):
        clock.now = second
        timer.wrote()
        seen.append(timer.due())
    assert [second for second, due in zip(range(0, 95, 5), seen) if due] == [30, 60, 90]
    assert not timer.due(end=True)  # nothing written since the last refresh
    timer.wrote()
    assert timer.due(end=True)


def test_nothing_written_light_means_no_refresh():
    clock = Clock()
    timer = RefreshTimer(clock)
    clock.now = 100
    assert not timer.due() and not timer.due(end=True)
