"""VideoLibrary.Set*Details on the fake library: Kodi's write rules and the OnUpdate it sends (or not)."""
from datetime import datetime

from fake_rpc_helpers import batch, result, rpc

NOW = datetime(2026, 3, 4, 21, 30, 0)


def _updates(kodi):
    return [data for sender, method, data in kodi.notifications if method == "VideoLibrary.OnUpdate"]


def _movie(kodi, **fields):
    kodi.clock = lambda: NOW
    return kodi.library.add_movie("Heat", 1995, {"imdb": "tt0113277"}, runtime=10200, **fields)


def test_playcount_write_with_lastplayed_stores_both_and_announces_onupdate(fake_kodi):
    movieid = _movie(fake_kodi)
    assert result("VideoLibrary.SetMovieDetails", movieid=movieid, playcount=1,
                  lastplayed="2025-12-24 18:00:00") == "OK"
    stored = fake_kodi.library.snapshot("movie", movieid)
    assert (stored["playcount"], stored["lastplayed"]) == (1, "2025-12-24 18:00:00")
    assert _updates(fake_kodi) == [{"item": {"id": movieid, "type": "movie"}, "playcount": 1}]
    assert fake_kodi.notifications[0][0] == "xbmc"


def test_playcount_without_lastplayed_stamps_now(fake_kodi):
    movieid = _movie(fake_kodi)
    result("VideoLibrary.SetMovieDetails", movieid=movieid, playcount=3)
    assert fake_kodi.library.snapshot("movie", movieid)["lastplayed"] == "2026-03-04 21:30:00"


def test_playcount_zero_without_lastplayed_clears_lastplayed(fake_kodi):
    movieid = _movie(fake_kodi, playcount=1, lastplayed="2024-01-01 10:00:00")
    result("VideoLibrary.SetMovieDetails", movieid=movieid, playcount=0)
    stored = fake_kodi.library.snapshot("movie", movieid)
    assert (stored["playcount"], stored["lastplayed"]) == (0, "")
    assert _updates(fake_kodi) == [{"item": {"id": movieid, "type": "movie"}, "playcount": 0}]


def test_resume_only_write_sends_no_onupdate(fake_kodi):
    movieid = _movie(fake_kodi)
    result("VideoLibrary.SetMovieDetails", movieid=movieid, resume={"position": 1200, "total": 10200})
    assert fake_kodi.library.snapshot("movie", movieid)["resume"] == {"position": 1200.0, "total": 10200.0}
    assert _updates(fake_kodi) == []


def test_resume_position_zero_clears_the_resume_point(fake_kodi):
    movieid = _movie(fake_kodi, resume={"position": 500, "total": 10200})
    result("VideoLibrary.SetMovieDetails", movieid=movieid, resume={"position": 0, "total": 0})
    assert fake_kodi.library.snapshot("movie", movieid)["resume"] == {"position": 0.0, "total": 0.0}


def test_resume_without_total_falls_back_to_the_runtime(fake_kodi):
    movieid = _movie(fake_kodi)
    result("VideoLibrary.SetMovieDetails", movieid=movieid, resume={"position": 60})
    assert fake_kodi.library.snapshot("movie", movieid)["resume"] == {"position": 60.0, "total": 10200.0}


def test_write_that_changes_nothing_sends_no_onupdate(fake_kodi):
    movieid = _movie(fake_kodi, playcount=1, lastplayed="2024-01-01 10:00:00")
    result("VideoLibrary.SetMovieDetails", movieid=movieid, playcount=1, lastplayed="2024-01-01 10:00:00")
    assert _updates(fake_kodi) == []
    assert fake_kodi.library.writes == [("VideoLibrary.SetMovieDetails",
                                         {"movieid": movieid, "playcount": 1,
                                          "lastplayed": "2024-01-01 10:00:00"})]


def test_episode_write_announces_an_episode_update(fake_kodi):
    show = fake_kodi.library.add_show("Lost", 2004, {"tvdb": "73739"})
    episodeid = fake_kodi.library.add_episode(show, 1, 1)
    result("VideoLibrary.SetEpisodeDetails", episodeid=episodeid, playcount=1,
           lastplayed="2025-01-01 08:00:00")
    assert _updates(fake_kodi) == [{"item": {"id": episodeid, "type": "episode"}, "playcount": 1}]


def test_write_to_unknown_id_is_invalid_params_and_not_recorded(fake_kodi):
    answer = rpc("VideoLibrary.SetMovieDetails", movieid=42, playcount=1)
    assert answer["error"]["code"] == -32602
    assert answer["error"]["message"] == "Invalid params."
    assert fake_kodi.library.writes == []


def test_malformed_lastplayed_and_negative_playcount_are_invalid_params(fake_kodi):
    movieid = _movie(fake_kodi)
    bad_date = rpc("VideoLibrary.SetMovieDetails", movieid=movieid, playcount=1,
                   lastplayed="2025-01-01T08:00")
    negative = rpc("VideoLibrary.SetMovieDetails", movieid=movieid, playcount=-1)
    assert bad_date["error"]["code"] == negative["error"]["code"] == -32602
    assert fake_kodi.library.snapshot("movie", movieid)["playcount"] == 0


def test_batch_answers_each_call_by_id_with_errors_in_place(fake_kodi):
    movieid = _movie(fake_kodi)
    answers = batch(("VideoLibrary.SetMovieDetails", {"movieid": movieid, "playcount": 1}),
                    ("VideoLibrary.SetMovieDetails", {"movieid": 999, "playcount": 1}),
                    ("JSONRPC.Ping", {}))
    assert [answer["id"] for answer in answers] == [0, 1, 2]
    assert answers[0]["result"] == "OK"
    assert answers[1]["error"]["code"] == -32602
    assert answers[2]["result"] == "pong"
    assert len(fake_kodi.library.writes) == 1
    assert len(fake_kodi.rpc.requests) == 1


def test_batch_of_writes_sends_one_onupdate_per_changed_item(fake_kodi):
    show = fake_kodi.library.add_show("Lost", 2004, {"tvdb": "73739"})
    ids = [fake_kodi.library.add_episode(show, 1, number) for number in (1, 2, 3)]
    fake_kodi.library.items["episode"][ids[2]]["playcount"] = 1
    fake_kodi.library.items["episode"][ids[2]]["lastplayed"] = "2024-01-01 00:00:00"
    watched = {"playcount": 1, "lastplayed": "2024-01-01 00:00:00"}
    batch(*[("VideoLibrary.SetEpisodeDetails", dict(watched, episodeid=episodeid)) for episodeid in ids])
    assert [update["item"]["id"] for update in _updates(fake_kodi)] == ids[:2]


def test_user_marking_watched_in_the_gui_clears_resume_and_announces(fake_kodi):
    movieid = _movie(fake_kodi, resume={"position": 500, "total": 10200})
    fake_kodi.library.user_marks_watched("movie", movieid)
    stored = fake_kodi.library.snapshot("movie", movieid)
    assert (stored["playcount"], stored["lastplayed"]) == (1, "2026-03-04 21:30:00")
    assert stored["resume"]["position"] == 0.0
    assert _updates(fake_kodi) == [{"item": {"id": movieid, "type": "movie"}, "playcount": 1}]
