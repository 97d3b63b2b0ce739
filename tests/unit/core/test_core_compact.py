"""The compact shapes a first sync of a big library keeps (issue 18): they read exactly as the plain ones."""
import copy
import json
import pickle

import pytest
from core_builders import kodi_episode, kodi_movie, kodi_show, mirror_of, plan_for, simkl_movie, simkl_show
from simklsync.core.match import KodiIndex
from simklsync.core.model import episode_code
from simklsync.core.plan.planner import NO_RESUME


def test_two_versions_of_one_episode_are_both_indexed_and_a_repeat_is_not():
    kodi = KodiIndex([], [kodi_show(7, tvdb="1")],
                     [kodi_episode(70, 7, 1, 1), kodi_episode(71, 7, 1, 1), kodi_episode(71, 7, 1, 1),
                      kodi_episode(72, 7, 1, 2)])
    assert kodi.show_episodes(7) == {episode_code(1, 1): [70, 71], episode_code(1, 2): [72]}
    assert kodi.episode_ids(7, episode_code(1, 1)) == [70, 71]
    assert kodi.episode_ids(7, episode_code(1, 2)) == [72]
    assert kodi.episode_ids(7, episode_code(1, 3)) == [] and kodi.episode_ids(8, episode_code(1, 1)) == []


def test_show_episodes_hands_out_a_copy_the_index_does_not_share():
    kodi = KodiIndex([], [kodi_show(7, tvdb="1")], [kodi_episode(70, 7, 1, 1)])
    kodi.show_episodes(7)[episode_code(1, 1)].append(99)
    assert kodi.show_episodes(7) == {episode_code(1, 1): [70]}


def test_the_watched_marks_share_one_read_only_cleared_resume():
    watched = {(1, 1): "2026-05-01T20:00:00Z", (1, 2): "2026-05-01T21:00:00Z"}
    mirror = mirror_of(shows=[simkl_show(5, watched, tvdb="1")])
    plan = plan_for(mirror, shows=[kodi_show(7, tvdb="1")],
                    episodes=[kodi_episode(70, 7, 1, 1), kodi_episode(71, 7, 1, 2)])
    resumes = [write.fields["resume"] for write in plan.writes]
    assert len(resumes) == 2 and resumes[0] is resumes[1] is NO_RESUME
    assert resumes[0] == {"position": 0, "total": 0}
    with pytest.raises(TypeError):
        resumes[0]["position"] = 10
    with pytest.raises(TypeError):
        resumes[0].update(total=5)
    assert NO_RESUME == {"position": 0, "total": 0}


def test_the_shared_resume_encodes_and_copies_as_a_plain_dict():
    assert json.loads(json.dumps({"resume": NO_RESUME})) == {"resume": {"position": 0, "total": 0}}
    for copied in (copy.copy(NO_RESUME), copy.deepcopy(NO_RESUME), NO_RESUME.copy(),
                   pickle.loads(pickle.dumps(NO_RESUME))):
        assert type(copied) is dict and copied == {"position": 0, "total": 0}
        copied["position"] = 3  # a copy is the caller's own
    assert NO_RESUME == {"position": 0, "total": 0}


def test_the_plan_names_the_simkl_key_of_each_claimed_kodi_item_by_media_and_id():
    watched = {(1, 1): "2026-05-01T20:00:00Z"}
    mirror = mirror_of([simkl_movie(1, imdb="tt0133093")], shows=[simkl_show(5, watched, tvdb="1")])
    plan = plan_for(mirror, [kodi_movie(7, imdb="tt0133093")], [kodi_show(7, tvdb="1")],
                    [kodi_episode(7, 7, 1, 1), kodi_episode(8, 7, 1, 2)])
    keys = plan.keys_by_kodi
    assert keys[("movie", 7)] == "m:1" and keys.get(("episode", 7)) == "e:5:1:1"
    assert keys.get(("episode", 8)) == "e:5:1:2"  # claimed, not watched on Simkl
    assert keys.get(("episode", 9)) is None and keys.get(("tvshow", 7), "none") == "none"
    assert ("movie", 7) in keys and ("movie", 8) not in keys and "movie" not in keys
    assert len(keys) == 3
    assert dict(keys.items()) == {("movie", 7): "m:1", ("episode", 7): "e:5:1:1", ("episode", 8): "e:5:1:2"}
    assert sorted((w.media, w.kodi_id) for w in plan.writes) == [("episode", 7), ("movie", 7)]


def test_equal_episode_codes_are_one_shared_int_and_the_sharing_is_bounded(monkeypatch):
    from simklsync.core import model

    assert model.episode_code(3, 12) == 300012 and model.split_code(model.episode_code(3, 12)) == (3, 12)
    assert model.episode_code(3, 12) is model.episode_code(int("3"), int("12"))
    monkeypatch.setattr(model, "_SHARED_CODES", {})
    monkeypatch.setattr(model, "_SHARED_CODES_LIMIT", 2)
    codes = [model.episode_code(1, number) for number in range(1, 6)]
    assert codes == [100001, 100002, 100003, 100004, 100005]
    assert len(model._SHARED_CODES) == 2


def test_a_planned_watch_keeps_the_mirrors_instant_and_makes_kodis_text_when_read():
    mirror = mirror_of([simkl_movie(1, imdb="tt0133093")])
    plan = plan_for(mirror, [kodi_movie(7, imdb="tt0133093")])
    write = plan.writes[0]
    assert write.played_at is mirror.get("movies", 1).watched_at
    assert write.lastplayed == "2026-05-01 20:00:00" and write.fields["lastplayed"] == "2026-05-01 20:00:00"
    assert write.to_rpc()["params"]["lastplayed"] == "2026-05-01 20:00:00"
    write.lastplayed = "2026-05-02 08:00:00"  # a text given replaces the instant
    assert write.played_at is None and write.to_rpc()["params"]["lastplayed"] == "2026-05-02 08:00:00"
    with pytest.raises(TypeError):
        write.lastplayed = 1777665600


def test_the_keys_by_kodi_id_read_the_same_whatever_order_they_were_set_in():
    from simklsync.core.plan.planner import KeysByKodi

    keys = KeysByKodi()
    for kodi_id, key in ((5, "e:1:1:5"), (2, "e:1:1:2"), (9, "e:1:1:9"), (2, "e:1:1:22"), (7, "e:1:1:7")):
        keys[("episode", kodi_id)] = key
    keys[("movie", 2)] = "m:2"
    assert dict(keys.items()) == {("episode", 2): "e:1:1:22", ("episode", 5): "e:1:1:5", ("episode", 7): "e:1:1:7",
                                  ("episode", 9): "e:1:1:9", ("movie", 2): "m:2"}
    assert len(keys) == 5 and keys[("episode", 7)] == "e:1:1:7" and keys.get(("episode", 6)) is None
    assert ("episode", 10) not in keys and ("episode", "7") not in keys and keys.get(("movie", 1)) is None
    with pytest.raises(KeyError):
        keys[("episode", 1)]
