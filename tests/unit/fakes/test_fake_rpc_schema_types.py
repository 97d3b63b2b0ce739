"""The fake refuses a JSON-RPC value whose type is not exactly the schema's, as Kodi 22 does, and
remembers it so that the test which caused it fails (tests/conftest.py)."""
import pytest
from fake_rpc_helpers import rpc
from fakekodi import rpc_schema


def _movie(kodi):
    return kodi.library.add_movie("Heat", 1995, {"imdb": "tt0113277"}, runtime=10200)


@pytest.mark.parametrize("params", [
    {"playcount": 1.0},  # a float where the schema says integer
    {"playcount": True},  # a boolean is not an integer either
    {"playcount": "1"},
    {"userrating": 7.5},  # the cast an add-on had to add for Kodi 22
    {"lastplayed": 20250101},
    {"resume": {"position": "60", "total": 5400}},
    {"resume": {"position": -1, "total": 5400}},
    {"resume": {"position": 60, "total": 5400, "percent": 1}},
])
def test_a_set_details_value_of_the_wrong_type_is_invalid_params_and_recorded(fake_kodi, params):
    fake_kodi.allow_type_errors = True
    movieid = _movie(fake_kodi)

    answer = rpc("VideoLibrary.SetMovieDetails", movieid=movieid, **params)

    assert answer["error"]["code"] == -32602
    assert [method for method, _ in fake_kodi.rpc.type_errors] == ["VideoLibrary.SetMovieDetails"]
    assert fake_kodi.library.snapshot("movie", movieid)["playcount"] == 0


@pytest.mark.parametrize("movieid", [1.0, "1", True, 0])
def test_an_id_must_be_an_integer_of_at_least_one(fake_kodi, movieid):
    fake_kodi.allow_type_errors = True
    _movie(fake_kodi)

    assert rpc("VideoLibrary.GetMovieDetails", movieid=movieid)["error"]["code"] == -32602


def test_values_of_the_exact_types_pass(fake_kodi):
    movieid = _movie(fake_kodi)

    answer = rpc("VideoLibrary.SetMovieDetails", movieid=movieid, playcount=1, lastplayed="2025-01-02 03:04:05",
                 resume={"position": 12.5, "total": 5400}, userrating=7)

    assert answer["result"] == "OK"
    assert fake_kodi.rpc.type_errors == []


def test_null_clears_an_optional_value_and_is_allowed():
    assert rpc_schema.problems("VideoLibrary.SetEpisodeDetails", {"episodeid": 3, "lastplayed": None}) == []


def test_every_declared_type_name_has_a_json_type_for_the_comparison_with_kodi():
    for method, params in rpc_schema.SCHEMA.items():
        for name, kind in params.items():
            assert kind in rpc_schema.JSON_TYPES, f"{method} {name}"


def test_a_shows_playcount_is_accepted_and_changes_nothing_as_in_kodi(fake_kodi):
    show = fake_kodi.library.add_show("Fargo", 2014, {"tvdb": "269613"})
    episode = fake_kodi.library.add_episode(show, 1, 1)

    assert rpc("VideoLibrary.SetTVShowDetails", tvshowid=show, playcount=1)["result"] == "OK"

    assert fake_kodi.library.snapshot("episode", episode)["playcount"] == 0


def test_a_write_to_one_item_of_a_shared_file_changes_the_other_without_an_onupdate(fake_kodi):
    show = fake_kodi.library.add_show("Fargo", 2014, {"tvdb": "269613"})
    first = fake_kodi.library.add_episode(show, 1, 1, file="/tv/Fargo/S01E01E02.mkv")
    second = fake_kodi.library.add_episode(show, 1, 2, file="/tv/Fargo/S01E01E02.mkv")

    rpc("VideoLibrary.SetEpisodeDetails", episodeid=first, playcount=1, lastplayed="2025-01-01 10:00:00")

    assert fake_kodi.library.snapshot("episode", second)["playcount"] == 1
    assert fake_kodi.library.snapshot("episode", second)["lastplayed"] == "2025-01-01 10:00:00"
    updated = [data["item"]["id"] for _, method, data in fake_kodi.notifications if method == "VideoLibrary.OnUpdate"]
    assert updated == [first]
