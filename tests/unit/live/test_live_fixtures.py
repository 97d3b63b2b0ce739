"""The add-on's parsers on response shapes from the live service (tests/fixtures/live, sources in its README):
the client's validation, the mirror (all-items, ids only, playback), activities, the PIN login and the
outbox's reading of history answers."""
import json
from pathlib import Path

import pytest
from simklsync.core.activities import plan_fetches
from simklsync.core.model import episode_code
from simklsync.core.outbox.outcome import DONE, DROP, Reply, classify
from simklsync.core.state.mirror import UNKNOWN_DATE, Mirror
from simklsync.core.times import to_epoch
from simklsync.simkl import errors
from simklsync.simkl.login import PinLogin

from tests.unit.simkl.scripted_http import Reply as HttpReply
from tests.unit.simkl.scripted_http import make_client

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "live"


def text(name):
    return (FIXTURES / name).read_text(encoding="utf-8")


def load(name):
    return json.loads(text(name))


def client_answering(*names, status=200):
    client, adapter, _ = make_client([HttpReply(status, text=text(name)) for name in names])
    return client


def test_every_fixture_is_named_with_its_source_in_the_readme():
    readme = text("README.md")
    for path in FIXTURES.glob("*.json"):
        assert f"`{path.name}`" in readme, path.name


def test_live_activities_pass_the_client_and_plan_only_the_lists_that_moved():
    answer = client_answering("activities.json").get_activities()
    saved = json.loads(json.dumps(answer))
    saved["all"] = "2026-05-13T00:00:00Z"
    saved["tv_shows"]["watching"] = "2026-05-13T00:00:00Z"
    saved["tv_shows"]["playback"] = "2026-05-13T00:00:00Z"
    plan = plan_fetches(saved, answer, ("movies", "shows", "anime"))
    assert [type_ for type_, _ in plan.lists] == ["shows"]
    assert plan.lists[0][1] == "2026-05-12T23:59:59Z"
    assert plan.playback and plan.removals == []
    first = plan_fetches(None, answer, ("movies", "shows", "anime"))
    assert first.first_sync and [t for t, since in first.lists if since is None] == ["movies", "shows", "anime"]


def test_live_movies_read_with_string_ids_placeholder_dates_and_dateless_plays():
    body = client_answering("all_items_movies.json").get_all_items("movies")
    mirror = Mirror()
    assert sorted(mirror.apply_all_items("movies", body, full=True)) == [50210, 51110, 53992, 230143]
    assert mirror.skipped == 0
    matrix = mirror.get("movies", 53992)
    assert matrix.ids["imdb"] == "tt0133093" and str(matrix.ids["tmdb"]) == "603"
    assert matrix.movie_watched and matrix.watched_at == to_epoch("2026-05-13T22:40:00Z")
    assert mirror.get("movies", 50210).watched_at == UNKNOWN_DATE  # the 1970 placeholder
    assert mirror.get("movies", 51110).movie_watched and mirror.get("movies", 51110).watched_at == UNKNOWN_DATE
    assert not mirror.get("movies", 230143).movie_watched


def test_live_shows_read_including_a_completed_show_without_episodes():
    body = client_answering("all_items_shows.json").get_all_items("shows")
    mirror = Mirror()
    mirror.apply_all_items("shows", body, full=True)
    assert mirror.skipped == 0
    stranger = mirror.get("shows", 548312)
    assert set(stranger.episodes) == {episode_code(1, 1), episode_code(1, 2)}
    avatar = mirror.get("shows", 11281)
    assert avatar.status == "completed" and avatar.episodes == {}


def test_live_anime_read_with_the_tvdb_mapping_and_anime_movies():
    body = client_answering("all_items_anime.json").get_all_items("anime", extended="full_anime_seasons")
    mirror = Mirror()
    mirror.apply_all_items("anime", body, full=True)
    assert mirror.skipped == 0
    aot = mirror.get("anime", 776433)
    assert aot.anime_type == "tv" and set(aot.episodes) == {episode_code(1, 1), episode_code(1, 2)}
    assert aot.tvdb_map[episode_code(1, 2)] == episode_code(3, 2)
    assert mirror.get("anime", 465390).movie_watched


@pytest.mark.parametrize("name", ["all_items_empty_new_app.json", "all_items_empty_old_app.json"])
def test_live_empty_all_items_reads_as_nothing_and_buries_nothing(name):
    mirror = Mirror()
    mirror.apply_all_items("movies", load("all_items_movies.json"), full=True)
    for type_ in ("movies", "shows", "anime"):
        body = client_answering(name).get_all_items(type_)
        assert mirror.apply_all_items(type_, body, full=True) == [] and mirror.skipped == 0
        ids_body = client_answering(name).get_all_items(type_, extended="simkl_ids_only")
        assert mirror.apply_removals(type_, ids_body) == [] and mirror.skipped == 0
    assert mirror.count("movies") == 4


def test_live_id_lists_remove_what_they_lack():
    mirror = Mirror()
    mirror.apply_all_items("movies", load("all_items_movies.json"), full=True)
    body = client_answering("ids_only.json").get_all_items("movies", extended="simkl_ids_only")
    # Two of four at once: believed when the next cycle's read says the same (issue 25, a cut-off answer).
    assert mirror.apply_removals("movies", body) == [] and mirror.shrank
    mirror = Mirror.from_dict(mirror.to_dict())
    assert mirror.apply_removals("movies", body) == [51110, 230143]
    assert mirror.skipped == 0


def test_live_playback_reads_every_variant():
    sessions = client_answering("playback.json").get_playback()
    mirror = Mirror()
    mirror.apply_all_items("anime", load("all_items_anime.json"), full=True)
    assert mirror.set_playback(sessions) == 3
    episode, movie, anime = mirror.playback
    assert (episode["season"], episode["episode"], episode["progress"]) == (1, 3, 40.5)
    assert episode["paused_at"] == to_epoch("2026-05-14T06:50:38Z")
    assert movie["kind"] == "movie" and movie["simkl"] == 230143
    assert anime["anime"] and (anime["season"], anime["episode"]) == (1, 3)


class _LoginUi:
    def __init__(self):
        self.shown = None
        self.failure = None
        self.name = None

    def show(self, user_code, url, expires_in):
        self.shown = (user_code, url, expires_in)

    def update(self, seconds_left):
        pass

    def cancelled(self):
        return False

    def close(self):
        pass

    def ask_retry(self):
        return False

    def logged_in(self, name):
        self.name = name

    def failed(self, error):
        self.failure = error


class _Store:
    def __init__(self):
        self.token = None
        self.account = None

    def save_account(self, account_id, name, answer, token):
        self.account, self.token = (account_id, name, answer), token

    def clear(self):
        self.token = self.account = None


def test_live_pin_flow_logs_in_through_pending_and_slow_down_answers():
    client, adapter, fake = make_client([HttpReply(text=text(name)) for name in (
        "pin_code.json", "pin_pending.json", "pin_slow_down.json", "pin_ok.json", "users_settings.json")])
    ui, store = _LoginUi(), _Store()
    assert PinLogin(client, ui, store, fake.wait, clock=fake.clock).run() == "jane"
    assert ui.shown == ("A1B2C", "https://simkl.com/pin", 900)
    assert store.token == "fixture-access-token"
    assert store.account[0] == "123456" and store.account[2]["account"]["type"] == "VIP"
    polls = [sent.at for sent in adapter.sent if sent.path == "/oauth/pin/A1B2C"]
    assert polls[2] - polls[1] >= 10  # "Slow down" added to the interval


def test_live_history_answers_are_read_by_the_outbox():
    entry = {"kind": "history", "action": "add", "body": {"movies": [{"ids": {"imdb": "tt0000001"}}]}}
    assert classify(entry, Reply(201, None, load("history_added.json"), None), lambda: 0).verdict == DONE
    assert classify(entry, Reply(201, None, load("history_not_found.json"), None), lambda: 0).verdict == DROP


def test_live_error_bodies_become_typed_errors():
    with pytest.raises(errors.ClientIdRejected):
        client_answering("error_client_id_failed.json", status=412).get_activities()
    with pytest.raises(errors.LoginRequired):
        client_answering("error_user_token_failed.json", status=401).get_activities()
