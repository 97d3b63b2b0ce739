"""The rows Kodi announced as removed, as the ratings looks read them: only movies and TV shows, in either of
Kodi's payload shapes, kept until a look that saw them has been saved."""
import pytest
from simklsync.core.rating_identity.removed_rows import NoRemovedRows, RemovedRows, removed_row


@pytest.mark.parametrize("payload, row", [
    ({"id": 4, "type": "movie"}, ("movie", 4)),
    ({"id": 1, "type": "tvshow", "transaction": True}, ("tvshow", 1)),
    ({"item": {"id": 7, "type": "movie"}}, ("movie", 7)),
    ({"id": 3, "type": "episode"}, None),
    ({"id": "4", "type": "movie"}, None),
    ({"id": True, "type": "movie"}, None),
    ({"type": "movie"}, None),
    (None, None),
    ("not a dict", None),
])
def test_a_notification_names_a_rated_row_or_nothing(payload, row):
    assert removed_row(payload) == row


def test_a_look_settles_only_the_rows_it_saw():
    rows = RemovedRows()
    assert rows.announced({"id": 4, "type": "movie"})
    assert not rows.announced({"id": 9, "type": "episode"})
    seen = rows.pending()
    rows.announced({"id": 1, "type": "tvshow"})  # during the look
    rows.settled(seen)
    assert rows.pending() == {("tvshow", 1)}


def test_without_notifications_nothing_is_pending():
    rows = NoRemovedRows()
    rows.settled({("movie", 1)})
    assert rows.pending() == frozenset()
