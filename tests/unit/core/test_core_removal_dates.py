"""The dates a history removal deletes, read from the mirror (removal_dates), and a held batch as few removals
(removal_batch)."""
from core_builders import mirror_of, simkl_movie, simkl_show
from simklsync.core.outbox.marks import anime_history_body, mark_entry
from simklsync.core.outbox.removal_batch import BATCH_ITEMS, merge_bodies, merged_removals
from simklsync.core.outbox.removal_dates import MirrorDates, items, with_restore
from simklsync.core.times import to_epoch

MATRIX_AT = "2024-03-01T20:00:00Z"
NOW = 1_800_000_000


def matrix_removal():
    return mark_entry("remove", "movie", {"title": "The Matrix", "year": 1999, "ids": {"imdb": "tt0133093"}}, NOW)


def episode_removal(season, number, ids=None, title="Breaking Bad"):
    block = {"title": title, "year": 2008, "ids": ids or {"tvdb": 81189}}
    entry = mark_entry("remove", "episode", block, NOW, season, number)
    entry["kodi"] = f"kodi:episode:{season * 100 + number}"
    return entry


def library():
    return mirror_of(
        movies=[simkl_movie(1, watched_at=MATRIX_AT, title="The Matrix", imdb="tt0133093"),
                simkl_movie(2, status="plantowatch", imdb="tt0113277")],
        shows=[simkl_show(10, {(1, 1): "2024-01-01T10:00:00Z", (1, 2): "1970-01-01T00:00:01Z"}, tvdb="81189")],
        anime=[simkl_show(20, {(1, 3): ("2026-05-10T18:00:00Z", (3, 3))}, anime_type="tv", tvdb="267440")])


def test_a_movie_removal_carries_the_date_it_deletes():
    entry = with_restore(matrix_removal(), MirrorDates(library()))
    assert entry["restore"] == {"movies": [{"title": "The Matrix", "year": 1999, "ids": {"imdb": "tt0133093"},
                                            "watched_at": MATRIX_AT}]}
    assert entry["body"] == matrix_removal()["body"]  # what is sent is unchanged


def test_episode_dates_known_unknown_and_absent():
    dates = MirrorDates(library())
    body = merge_bodies([episode_removal(1, 1)["body"], episode_removal(1, 2)["body"], episode_removal(1, 5)["body"]])
    assert dates.watched(body) == [to_epoch("2024-01-01T10:00:00Z"), 0, None]
    restored = with_restore({"kind": "history", "action": "remove", "body": body}, dates)["restore"]
    rows = restored["shows"][0]["seasons"][0]["episodes"]
    assert rows == [{"number": 1, "watched_at": "2024-01-01T10:00:00Z"}, {"number": 2}]  # 5 was not watched


def test_an_anime_episode_in_kodi_numbering_finds_its_simkl_date_through_the_tvdb_map():
    dates = MirrorDates(library())
    tvdb_form = episode_removal(3, 3, ids={"tvdb": 267440})["body"]
    assert dates.watched(tvdb_form) == [to_epoch("2026-05-10T18:00:00Z")]


def test_an_anime_episode_by_simkl_identity_finds_its_date():
    class Anime:
        title, year, simkl, season, number = "AoT S3", 2018, 20, 1, 3

    assert MirrorDates(library()).watched(anime_history_body(Anime())) == [to_epoch("2026-05-10T18:00:00Z")]


def test_no_mirror_or_an_unknown_item_leaves_the_entry_as_it_was():
    unknown = mark_entry("remove", "movie", {"title": "Heat", "ids": {"imdb": "tt0113277"}}, NOW)
    assert "restore" not in with_restore(unknown, MirrorDates(library()))  # on Simkl but not watched
    assert with_restore(matrix_removal(), None) == matrix_removal()
    adding = mark_entry("add", "movie", {"title": "The Matrix", "ids": {"imdb": "tt0133093"}}, NOW)
    assert "restore" not in with_restore(adding, MirrorDates(library()))


def test_malformed_bodies_name_no_items():
    assert items(None) == [] and items({"movies": "x", "shows": [{"seasons": [{"number": "1"}]}]}) == []


def test_a_held_batch_becomes_one_removal_naming_every_item_and_its_kodi_keys():
    entries = [with_restore(episode_removal(1, n), MirrorDates(library())) for n in (1, 2, 3)]
    [merged] = merged_removals(entries, NOW, lambda count: f"{count} unwatched")
    assert merged["action"] == "remove" and merged["label"] == "3 unwatched"
    [show] = merged["body"]["shows"]
    assert [row["number"] for row in show["seasons"][0]["episodes"]] == [1, 2, 3]
    assert merged["kodi_keys"] == ["kodi:episode:101", "kodi:episode:102", "kodi:episode:103"]
    assert [row["number"] for row in merged["restore"]["shows"][0]["seasons"][0]["episodes"]] == [1, 2]


def test_a_large_batch_is_cut_into_removals_of_at_most_batch_items():
    entries = [episode_removal(1 + n // 50, n % 50 + 1) for n in range(BATCH_ITEMS * 2 + 1)]
    merged = merged_removals(entries, NOW, str)
    assert len(merged) == 3 and len({entry["key"] for entry in merged}) == 3
    assert sum(len(items(entry["body"])) for entry in merged) == BATCH_ITEMS * 2 + 1


def test_movies_and_differently_named_shows_stay_apart_when_merged():
    simkl_form = {"shows": [{"ids": {"simkl": 20}, "seasons": [{"number": 1, "episodes": [{"number": 3}]}]}]}
    body = merge_bodies([matrix_removal()["body"], episode_removal(1, 1)["body"], simkl_form, matrix_removal()["body"]])
    assert len(body["movies"]) == 1 and len(body["shows"]) == 2
