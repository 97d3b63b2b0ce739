"""Remove from list on a widget row not in the library (core/item_actions/simkl_item.py): one history removal
of the whole title, anime in shows[], never an episode, and marked for a sync to read the lists back."""
from simklsync.core.item_actions.simkl_item import RESYNC, SimklItems, parse_simkl_action, simkl_action_data
from simklsync.core.outbox.queue import Outbox

from tests.unit.outbox.conftest import MemoryStore

NOW = 1_780_000_000


def _row(**changes):
    row = {"type": "movies", "kind": "movie", "ids": {"simkl": 700001, "tmdb": "700001"}, "title": "Elsewhere",
           "year": 2021}
    row.update(changes)
    return row


def _queued(row, dated=None):
    outbox, said = Outbox(MemoryStore()), []
    items = SimklItems(outbox, lambda string_id, **values: said.append((string_id, values)), lambda: NOW, dated)
    assert items.run(parse_simkl_action(simkl_action_data("remove", row)))
    [entry] = outbox.entries()
    return entry, said


def test_a_movie_leaves_the_lists_by_one_history_removal_of_the_whole_title():
    entry, said = _queued(_row())
    assert (entry["kind"], entry["action"]) == ("history", "remove")
    assert entry["body"] == {"movies": [{"ids": {"simkl": 700001, "tmdb": "700001"}, "title": "Elsewhere",
                                         "year": 2021}]}
    assert entry[RESYNC] is True
    assert said == [(32902, {"title": "Elsewhere (2021)"})]


def test_a_show_and_an_anime_movie_go_in_shows_the_only_place_the_removal_reads_anime():
    show, _ = _queued(_row(type="shows", kind="tvshow", title="Stranger Things", year=2016))
    anime_movie, _ = _queued(_row(type="anime", kind="movie", title="Your Name", year=2016))
    assert [block["title"] for block in show["body"]["shows"]] == ["Stranger Things"]
    assert [block["title"] for block in anime_movie["body"]["shows"]] == ["Your Name"]
    assert "seasons" not in show["body"]["shows"][0]


def test_an_episode_is_never_removed_from_a_list():
    assert parse_simkl_action(simkl_action_data("remove", _row(type="shows", kind="episode", season=1,
                                                                episode=2))) is None


def test_the_removal_carries_the_dates_it_deletes_for_the_journal():
    entry, _ = _queued(_row(), dated=lambda entries: [dict(e, restore={"movies": []}) for e in entries])
    assert entry["restore"] == {"movies": []}
