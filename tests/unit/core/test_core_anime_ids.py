"""Kodi's TVDB-numbered anime episodes back to Simkl's own titles and numbers, from the mirror's mapping."""
from simklsync.core.anime_ids import AnimeEpisode, AnimeIndex
from simklsync.core.state.mirror import Mirror
from simklsync.core.state.sync_state import SyncState

AOT_TVDB = "267440"
PART_1, PART_2, FIRST_COUR, FILM = 776433, 1092834, 39687, 55001


def anime_entry(simkl, title, tvdb_pairs, ids=None, anime_type="tv"):
    """An /sync/all-items/anime entry as `extended=full_anime_seasons` gives it (simkl-api.md §4: episodes
    under season 1, each with its TVDB season/episode; the title's TVDB season list)."""
    episodes = [{"number": number, "watched_at": "2026-05-10T18:00:00Z",
                 "tvdb": {"season": season, "episode": episode}}
                for number, (season, episode) in tvdb_pairs.items()]
    entry = {"status": "watching", "anime_type": anime_type, "last_watched_at": "2026-05-10T18:00:00Z",
             "watched_episodes_count": len(episodes),
             "show": {"title": title, "year": 2018,
                      "ids": dict({"simkl": simkl, "tvdb": AOT_TVDB, "mal": str(simkl)}, **(ids or {}))},
             "tvdb_seasons": sorted({season for season, _ in tvdb_pairs.values()})}
    if episodes:
        entry["seasons"] = [{"number": 1, "episodes": episodes}]
    return entry


def index_of(*entries):
    mirror = Mirror()
    mirror.apply_all_items("anime", {"anime": list(entries)}, full=True)
    return AnimeIndex.from_state(SyncState(mirror=mirror.to_dict()))


KODI_AOT = {"tvdb": 267440, "tmdb": 1429}
# The user watched episodes 1-4 of Season 3 Part 1 (TVDB S03E01-04) and 1-2 of Part 2 (TVDB S03E13-14).
WATCHED = index_of(
    anime_entry(FIRST_COUR, "Attack on Titan", {n: (1, n) for n in range(1, 4)}),
    anime_entry(PART_1, "Attack on Titan Season 3", {n: (3, n) for n in range(1, 5)}),
    anime_entry(PART_2, "Attack on Titan Season 3 Part 2", {n: (3, 12 + n) for n in range(1, 3)}),
)


def test_a_mapped_episode_is_the_simkl_title_and_number_the_mapping_names():
    assert WATCHED.identify(KODI_AOT, 3, 4) == AnimeEpisode(PART_1, 1, 4, "Attack on Titan Season 3", 2018, True)
    assert WATCHED.identify(KODI_AOT, 3, 14) == AnimeEpisode(PART_2, 1, 2, "Attack on Titan Season 3 Part 2",
                                                             2018, True)
    assert WATCHED.identify(KODI_AOT, 1, 2).simkl == FIRST_COUR


def test_the_next_unwatched_episode_of_a_cour_is_placed_by_the_offset_its_tvdb_season_shares():
    assert WATCHED.identify(KODI_AOT, 3, 5) == AnimeEpisode(PART_1, 1, 5, "Attack on Titan Season 3", 2018, False)
    assert WATCHED.identify(KODI_AOT, 3, 12)[:3] == (PART_1, 1, 12)
    assert WATCHED.identify(KODI_AOT, 3, 16)[:3] == (PART_2, 1, 4)


def test_an_offset_cour_maps_back_to_its_own_numbering():
    index = index_of(anime_entry(PART_2, "Part 2", {1: (3, 13), 2: (3, 14)}))
    assert index.identify(KODI_AOT, 3, 20)[:3] == (PART_2, 1, 8)
    assert index.identify(KODI_AOT, 3, 12) is None  # would be Part 2's episode 0: not this title's


def test_a_tvdb_season_the_mirror_has_no_mapping_for_is_left_to_kodis_numbering():
    assert WATCHED.knows(KODI_AOT)
    assert WATCHED.identify(KODI_AOT, 4, 1) is None


def test_a_show_the_mirror_does_not_know_as_anime_is_not_identified():
    assert not WATCHED.knows({"tvdb": 81189})
    assert WATCHED.identify({"tvdb": 81189}, 3, 4) is None
    assert WATCHED.identify({}, 3, 4) is None
    assert WATCHED.identify(KODI_AOT, None, 4) is None and WATCHED.identify(KODI_AOT, 3, 0) is None


def test_a_tvdb_match_wins_over_other_shared_ids():
    elsewhere = anime_entry(900, "Same TMDB id, other TVDB", {1: (3, 4)}, ids={"tvdb": "1", "tmdb": "1429"})
    index = index_of(elsewhere, anime_entry(PART_1, "AoT S3", {1: (3, 1)}, ids={"tmdb": "1429"}))
    assert index.identify(KODI_AOT, 3, 4)[:3] == (PART_1, 1, 4)
    assert index.identify({"tmdb": 1429}, 3, 4)[:3] == (900, 1, 1)


def test_mapped_episodes_that_disagree_on_the_offset_place_nothing():
    index = index_of(anime_entry(PART_1, "Odd", {1: (3, 1), 2: (3, 5)}))
    assert index.identify(KODI_AOT, 3, 5)[:3] == (PART_1, 1, 2)  # exact still works
    assert index.identify(KODI_AOT, 3, 3) is None


def test_anime_films_and_titles_removed_on_simkl():
    mirror = Mirror()
    mirror.apply_all_items("anime", {"anime": [anime_entry(FILM, "Film", {1: (0, 1)}, anime_type="movie"),
                                                anime_entry(PART_1, "AoT S3", {1: (3, 1)})]}, full=True)
    mirror.apply_removals("anime", {"anime": [{"show": {"ids": {"simkl": FILM}}}]})
    index = AnimeIndex.from_state(SyncState(mirror=mirror.to_dict()))
    assert len(index) == 1  # the film is not a series; the removed title keeps its mapping
    assert index.identify(KODI_AOT, 3, 2)[:3] == (PART_1, 1, 2)


def test_a_state_without_a_readable_mirror_gives_an_empty_index():
    for state in (None, {}, {"mirror": None}, {"mirror": {"items": {"anime": {"x": 1, "5": "bad"}}}}, []):
        assert len(AnimeIndex.from_state(SyncState.from_dict(state))) == 0
