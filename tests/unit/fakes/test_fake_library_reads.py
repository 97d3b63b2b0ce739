"""VideoLibrary.Get* on the fake library answer like Kodi: properties, paging, filters, sort, details."""
from fake_rpc_helpers import result, rpc


def _three_movies(kodi):
    kodi.library.add_movie("Heat", 1995, {"imdb": "tt0113277", "tmdb": "949"}, runtime=10200, playcount=2,
                           lastplayed="2024-05-01 20:00:00")
    kodi.library.add_movie("Alien", 1979, {"imdb": "tt0078748"}, runtime=7020)
    kodi.library.add_movie("Brazil", 1985, {"tmdb": "68"}, runtime=8520,
                           resume={"position": 600, "total": 8520})


def test_get_movies_returns_only_requested_properties_plus_id_and_label(fake_kodi):
    _three_movies(fake_kodi)
    movies = result("VideoLibrary.GetMovies", properties=["uniqueid", "playcount"])["movies"]
    assert movies[0] == {"movieid": 1, "label": "Heat", "uniqueid": {"imdb": "tt0113277", "tmdb": "949"},
                         "playcount": 2}
    assert [set(movie) for movie in movies] == [{"movieid", "label", "uniqueid", "playcount"}] * 3


def test_get_movies_reports_resume_runtime_and_default_unique_id(fake_kodi):
    _three_movies(fake_kodi)
    brazil = result("VideoLibrary.GetMovieDetails", movieid=3,
                    properties=["resume", "runtime", "imdbnumber", "lastplayed"])["moviedetails"]
    assert brazil["resume"] == {"position": 600.0, "total": 8520.0}
    assert brazil["runtime"] == 8520
    assert brazil["imdbnumber"] == "68"
    assert brazil["lastplayed"] == ""


def test_empty_library_answers_limits_without_the_list_key(fake_kodi):
    answer = result("VideoLibrary.GetMovies", properties=["title"])
    assert answer == {"limits": {"start": 0, "end": 0, "total": 0}}


def test_limits_page_through_the_list_and_report_the_total(fake_kodi):
    for number in range(5):
        fake_kodi.library.add_movie(f"Movie {number}", 2000 + number)
    first = result("VideoLibrary.GetMovies", properties=["year"], limits={"start": 0, "end": 2})
    last = result("VideoLibrary.GetMovies", properties=["year"], limits={"start": 4, "end": 6})
    beyond = result("VideoLibrary.GetMovies", properties=["year"], limits={"start": 5, "end": 7})
    assert first["limits"] == {"start": 0, "end": 2, "total": 5}
    assert [movie["year"] for movie in first["movies"]] == [2000, 2001]
    assert last["limits"] == {"start": 4, "end": 5, "total": 5}
    assert [movie["movieid"] for movie in last["movies"]] == [5]
    assert "movies" not in beyond and beyond["limits"]["total"] == 5


def test_playcount_filter_selects_watched_and_unwatched(fake_kodi):
    _three_movies(fake_kodi)
    watched = result("VideoLibrary.GetMovies",
                     filter={"field": "playcount", "operator": "greaterthan", "value": "0"})
    unwatched = result("VideoLibrary.GetMovies",
                       filter={"field": "playcount", "operator": "is", "value": "0"})
    assert [movie["label"] for movie in watched["movies"]] == ["Heat"]
    assert [movie["label"] for movie in unwatched["movies"]] == ["Alien", "Brazil"]
    assert unwatched["limits"]["total"] == 2


def test_and_or_filters_combine_rules(fake_kodi):
    _three_movies(fake_kodi)
    either = {"or": [{"field": "year", "operator": "lessthan", "value": "1980"},
                     {"field": "playcount", "operator": "greaterthan", "value": "0"}]}
    both = {"and": [{"field": "year", "operator": "greaterthan", "value": "1980"},
                    {"field": "title", "operator": "contains", "value": "RAZ"}]}
    either_titles = [m["label"] for m in result("VideoLibrary.GetMovies", filter=either)["movies"]]
    both_titles = [m["label"] for m in result("VideoLibrary.GetMovies", filter=both)["movies"]]
    assert either_titles == ["Heat", "Alien"]
    assert both_titles == ["Brazil"]


def test_inprogress_filter_finds_items_with_a_resume_point(fake_kodi):
    _three_movies(fake_kodi)
    answer = result("VideoLibrary.GetMovies", filter={"field": "inprogress", "operator": "true", "value": ""})
    assert [movie["label"] for movie in answer["movies"]] == ["Brazil"]


def test_sort_by_title_descending(fake_kodi):
    _three_movies(fake_kodi)
    answer = result("VideoLibrary.GetMovies", sort={"method": "title", "order": "descending"})
    assert [movie["label"] for movie in answer["movies"]] == ["Heat", "Brazil", "Alien"]


def test_get_episodes_without_tvshowid_returns_every_episode(fake_kodi):
    lost = fake_kodi.library.add_show("Lost", 2004, {"tvdb": "73739"})
    dark = fake_kodi.library.add_show("Dark", 2017, {"tvdb": "334824"})
    fake_kodi.library.add_episode(lost, 1, 1, title="Pilot", playcount=1)
    fake_kodi.library.add_episode(lost, 1, 2)
    fake_kodi.library.add_episode(dark, 1, 1, title="Secrets", uniqueid={"tvdb": "6253591"})
    every = result("VideoLibrary.GetEpisodes",
                   properties=["tvshowid", "showtitle", "season", "episode", "uniqueid", "playcount"])
    one_show = result("VideoLibrary.GetEpisodes", tvshowid=dark, properties=["title"])
    assert every["limits"]["total"] == 3
    assert every["episodes"][2] == {"episodeid": 3, "label": "1x01. Secrets", "tvshowid": dark,
                                    "showtitle": "Dark", "season": 1, "episode": 1,
                                    "uniqueid": {"tvdb": "6253591"}, "playcount": 0}
    assert one_show["episodes"] == [{"episodeid": 3, "label": "1x01. Secrets", "title": "Secrets"}]


def test_get_tvshows_counts_watched_episodes(fake_kodi):
    lost = fake_kodi.library.add_show("Lost", 2004, {"tvdb": "73739", "imdb": "tt0411008"})
    fake_kodi.library.add_episode(lost, 1, 1, playcount=1)
    fake_kodi.library.add_episode(lost, 2, 1)
    shows = result("VideoLibrary.GetTVShows",
                   properties=["uniqueid", "episode", "watchedepisodes", "season", "imdbnumber"])["tvshows"]
    assert shows == [{"tvshowid": lost, "label": "Lost", "uniqueid": {"tvdb": "73739", "imdb": "tt0411008"},
                      "episode": 2, "watchedepisodes": 1, "season": 2, "imdbnumber": "tt0411008"}]


def test_unknown_property_is_invalid_params(fake_kodi):
    answer = rpc("VideoLibrary.GetMovies", properties=["no_such_property"])
    assert answer["error"]["code"] == -32602
    assert answer["error"]["message"] == "Invalid params."


def test_details_of_a_missing_item_is_invalid_params(fake_kodi):
    answer = rpc("VideoLibrary.GetEpisodeDetails", episodeid=99, properties=["title"])
    assert answer["error"] == {"code": -32602, "message": "Invalid params.",
                               "data": {"method": "VideoLibrary.GetEpisodeDetails",
                                        "message": "episode 99 not in the library"}}


def test_removed_movie_disappears_and_kodi_announces_onremove(fake_kodi):
    _three_movies(fake_kodi)
    fake_kodi.library.remove_movie(2)
    titles = [movie["label"] for movie in result("VideoLibrary.GetMovies")["movies"]]
    assert titles == ["Heat", "Brazil"]
    assert fake_kodi.notifications[-1] == ("xbmc", "VideoLibrary.OnRemove", {"id": 2, "type": "movie"})
