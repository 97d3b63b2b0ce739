"""Kodi-side marks of anime episodes: Kodi's numbering with the TVDB flag first, the Simkl identity kept as
the alternate; unmarks of exactly mapped episodes by Simkl identity; the first-sync push stays consistent."""
from simklsync.core.anime_ids import AnimeEpisode, AnimeIndex
from simklsync.core.outbox.bodies import media_block
from simklsync.core.outbox.marks import mark_after_not_found, mark_entry, push_after_not_found, with_anime_alternates
from simklsync.core.outbox.push import push_batches, push_entries
from simklsync.core.playing.scrobble import resume_entries
from simklsync.core.state.mirror import Mirror
from simklsync.core.state.sync_state import SyncState

BLOCK = media_block("Attack on Titan", 2013, {"tvdb": 267440, "tmdb": 1429})
MAPPED = AnimeEpisode(776433, 1, 4, "Attack on Titan Season 3", 2018, True)
PLACED = MAPPED._replace(number=5, exact=False)
WHEN = "2026-05-10T18:00:00Z"
TVDB_FORM = {"shows": [dict(BLOCK, use_tvdb_anime_seasons=True,
                            seasons=[{"number": 3, "episodes": [{"number": 4, "watched_at": WHEN}]}])]}
SIMKL_FORM = {"shows": [{"title": "Attack on Titan Season 3", "year": 2018, "ids": {"simkl": 776433},
                         "seasons": [{"number": 1, "episodes": [{"number": 4, "watched_at": WHEN}]}]}]}


def test_a_mark_goes_in_kodis_numbering_with_the_flag_and_keeps_the_simkl_identity_as_alternate():
    entry = mark_entry("add", "episode", BLOCK, 1.0, 3, 4, WHEN, anime=MAPPED)
    assert entry["body"] == TVDB_FORM
    assert entry["alternate"] == SIMKL_FORM
    assert "use_tvdb_anime_seasons" not in entry["alternate"]["shows"][0]


def test_an_unmark_of_an_exactly_mapped_episode_goes_by_simkl_identity_without_the_flag():
    entry = mark_entry("remove", "episode", BLOCK, 1.0, 3, 4, WHEN, anime=MAPPED)
    show = SIMKL_FORM["shows"][0]
    assert entry["body"] == {"shows": [dict(show, seasons=[{"number": 1, "episodes": [{"number": 4}]}])]}
    assert "alternate" not in entry
    placed = mark_entry("remove", "episode", BLOCK, 1.0, 3, 5, WHEN, anime=PLACED)
    assert placed["body"]["shows"][0]["ids"] == {"tvdb": 267440, "tmdb": 1429}  # a guess removes nothing


def test_the_alternate_goes_only_when_simkl_found_nothing_of_the_first_form():
    entry = dict(mark_entry("add", "episode", BLOCK, 1.0, 3, 4, WHEN, anime=MAPPED), seq=7)
    nothing = {"added": {"episodes": 0}, "not_found": {"shows": [TVDB_FORM["shows"][0]]}}
    for status, answer in ((404, None), (201, nothing)):
        retry = mark_after_not_found(entry, status, answer)
        assert retry["body"] == SIMKL_FORM and retry["last_try"] is True and "seq" not in retry
        assert retry["group"] == entry["group"] and retry["key"] != entry["key"]
    assert mark_after_not_found(entry, 201, {"added": {"episodes": 1}, "not_found": {}}) is None
    assert mark_after_not_found(entry, 500, None) is None
    assert mark_after_not_found(mark_entry("add", "episode", BLOCK, 1.0, 3, 4, WHEN), 404, None) is None


def test_first_sync_push_of_anime_is_kodis_ids_and_numbering_with_the_flag():
    shows = [{"tvshowid": 1, "title": "Attack on Titan", "year": 2013, "uniqueid": {"tvdb": "267440"}}]
    episodes = [{"episodeid": 9, "tvshowid": 1, "season": 3, "episode": 5, "playcount": 1,
                 "lastplayed": "2026-05-10 20:00:00"}]
    [body] = push_batches([], episodes, shows, lambda *ids: False, tz=None)
    [show] = body["shows"]
    assert show["ids"] == {"tvdb": 267440} and show["use_tvdb_anime_seasons"] is True
    assert [(s["number"], [e["number"] for e in s["episodes"]]) for s in show["seasons"]] == [(3, [5])]


def test_first_sync_resume_points_of_anime_go_by_simkl_identity():
    shows = [{"tvshowid": 1, "title": "Attack on Titan", "year": 2013, "uniqueid": {"tvdb": "267440"}}]
    episodes = [{"episodeid": 9, "tvshowid": 1, "season": 3, "episode": 4,
                 "resume": {"position": 720, "total": 1440}}]
    index = _index_with_part_1()
    [entry] = resume_entries([], episodes, shows, 1.0, anime=index)
    assert entry["body"] == {"progress": 50.0, "show": {"title": "Attack on Titan Season 3", "year": 2018,
                                                        "ids": {"simkl": 776433}},
                             "episode": {"season": 1, "number": 4}}
    [plain] = resume_entries([], episodes, shows, 1.0)
    assert plain["body"]["show"]["ids"] == {"tvdb": 267440} and plain["body"]["episode"]["season"] == 3


def _index_with_part_1():
    mirror = Mirror()
    mirror.apply_all_items("anime", {"anime": [{
        "status": "watching", "anime_type": "tv",
        "show": {"title": "Attack on Titan Season 3", "year": 2018, "ids": {"simkl": 776433, "tvdb": "267440"}},
        "seasons": [{"number": 1, "episodes": [{"number": 4, "tvdb": {"season": 3, "episode": 4}}]}]}]},
        full=True)
    return AnimeIndex.from_state(SyncState(mirror=mirror.to_dict()))


PUSH_SHOWS = [{"tvshowid": 1, "title": "Attack on Titan", "year": 2013, "uniqueid": {"tvdb": "267440"}},
              {"tvshowid": 2, "title": "Breaking Bad", "year": 2008, "uniqueid": {"tvdb": "81189"}}]
PUSH_EPISODES = [{"episodeid": 9, "tvshowid": 1, "season": 3, "episode": 4, "playcount": 1, "lastplayed": ""},
                 {"episodeid": 10, "tvshowid": 1, "season": 3, "episode": 5, "playcount": 1, "lastplayed": ""},
                 {"episodeid": 11, "tvshowid": 2, "season": 1, "episode": 1, "playcount": 1, "lastplayed": ""}]


def _push_entry():
    [entry] = push_entries(push_batches([], PUSH_EPISODES, PUSH_SHOWS, lambda *ids: False), 1.0)
    return dict(with_anime_alternates(entry, _index_with_part_1()), seq=3)


def test_a_push_batch_keeps_the_simkl_identity_of_the_anime_it_carries():
    entry = _push_entry()
    assert [show["ids"] for show in entry["body"]["shows"]] == [{"tvdb": 267440}, {"tvdb": 81189}]
    [alternate] = entry["alternates"]
    assert alternate["ids"] == {"tvdb": 267440}
    assert alternate["shows"] == [{"title": "Attack on Titan Season 3", "year": 2018, "ids": {"simkl": 776433},
                                   "seasons": [{"number": 1, "episodes": [
                                       {"number": 4, "watched_at": "1970-01-01T00:00:01Z"},
                                       {"number": 5, "watched_at": "1970-01-01T00:00:01Z"}]}]}]


def test_the_anime_of_a_push_batch_simkl_did_not_find_go_once_more_by_simkl_id():
    entry = _push_entry()
    answer = {"added": {"episodes": 1}, "not_found": {"shows": [entry["body"]["shows"][0]], "movies": []}}
    retry, covered = push_after_not_found(entry, 201, answer)
    assert covered == 1 and retry["last_try"] is True and "seq" not in retry and "alternates" not in retry
    assert retry["body"] == {"shows": entry["alternates"][0]["shows"]}
    assert push_after_not_found(entry, 201, {"added": {"episodes": 3}, "not_found": {"shows": []}}) == (None, 0)
    assert push_after_not_found(entry, 500, None) == (None, 0)
    plain = {"shows": [{"ids": {"tvdb": 81189}}]}
    assert push_after_not_found(entry, 201, {"not_found": plain}) == (None, 0)
