"""SimklClient over real HTTP against the project's Simkl emulator."""
import pytest
from scripted_http import FakeTime
from simklsync.simkl import errors
from simklsync.simkl.client import SimklClient

from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

TOKEN = "emu-token-0011223344556677"


@pytest.fixture
def emulator():
    emu = SimklEmulator(Options(enforce_app_params=True))
    emu.start()
    emu.add_user(token=TOKEN, name="jane_doe")
    yield emu
    emu.stop()


def client_for(emu, token=TOKEN, client_id=TEST_CLIENT_ID, **kwargs):
    fake = kwargs.pop("time_", None) or FakeTime()
    return SimklClient(client_id, "0.1.0", token=token, base_url=emu.url, wait=fake.wait, clock=fake.clock,
                       rng=lambda: 0.5, **kwargs)


def test_the_emulator_sees_the_four_identifiers_on_every_request(emulator):
    client = client_for(emulator)
    client.get_activities()
    client.get_user_settings()
    client.get_all_items("movies")
    assert len(emulator.requests) == 3
    for record in emulator.requests:
        assert record.status == 200
        assert record.client_id == TEST_CLIENT_ID
        assert record.app_name == "script.simkl.sync"
        assert record.app_version == "0.1.0"
        assert record.user_agent == "script.simkl.sync/0.1.0"

def test_scrobbles_carry_client_id_and_app_identifiers_in_the_query_as_the_live_service_requires(emulator):
    # Live, /scrobble/* answers 404 unless client_id, app-name and app-version are query parameters.
    assert emulator.options.scrobble_requires_query_ids
    emulator.catalog.add_movie(53992, "The Matrix", 1999, imdb="tt0133093")
    answer = client_for(emulator).scrobble("start", {"progress": 1, "movie": {"ids": {"imdb": "tt0133093"}}})
    assert answer["action"] == "start"
    record = emulator.requests[-1]
    assert (record.path, record.status) == ("/scrobble/start", 201)
    assert record.query["client_id"] == TEST_CLIENT_ID and record.query["app-name"] == "script.simkl.sync"
    assert record.query["app-version"] == "0.1.0"


def test_user_settings_names_the_account(emulator):
    assert client_for(emulator).get_user_settings()["user"]["name"] == "jane_doe"


def test_a_revoked_token_means_login_required(emulator):
    emulator.revoke(TOKEN)
    with pytest.raises(errors.LoginRequired):
        client_for(emulator).get_activities()


def test_a_wrong_client_id_is_rejected(emulator):
    with pytest.raises(errors.ClientIdRejected):
        client_for(emulator, client_id="not-our-app").get_activities()


def test_server_errors_and_resets_are_retried_until_an_answer_comes(emulator):
    emulator.inject(status=503, count=1, path="/sync/activities")
    emulator.inject(kind="reset", count=1, path="/sync/activities")
    answer = client_for(emulator).get_activities()
    assert "all" in answer
    assert [record.status for record in emulator.requests] == [503, None, 200]


def test_a_slow_answer_times_out_and_is_retried(emulator):
    emulator.inject(kind="delay", seconds=1.0, count=1, path="/sync/activities")
    client = client_for(emulator, timeout=(2, 0.2))
    assert "all" in client.get_activities()
    assert client.request_count == 2


def test_rate_limit_retry_after_from_the_emulator_is_honoured(emulator):
    emulator.inject(status=429, count=1, path="/sync/activities", retry_after=3)
    fake = FakeTime()
    client_for(emulator, time_=fake).get_activities()
    assert 3.0 in fake.waits


@pytest.mark.parametrize("kind, words", [("malformed", "malformed JSON"), ("html", "HTML page"),
                                          ("null", "null"), ("empty_object", "empty object")])
def test_broken_activities_answers_are_bad_responses(emulator, kind, words):
    emulator.inject(kind=kind, status=200, count=1, path="/sync/activities")
    with pytest.raises(errors.BadResponse) as raised:
        client_for(emulator).get_activities()
    assert words in str(raised.value)


def test_null_all_items_is_an_empty_library(emulator):
    emulator.inject(kind="null", count=1, path="/sync/all-items")
    assert client_for(emulator).get_all_items("shows") == {}


def test_scrobble_conflict_from_the_server_is_success(emulator):
    emulator.inject(status=409, count=1, path="/scrobble/stop")
    answer = client_for(emulator).scrobble("stop", {"progress": 90, "movie": {"ids": {"imdb": "tt0133093"}}})
    assert answer["already_recorded"] is True


def test_pin_codes_come_from_the_emulator_without_a_token(emulator):
    client = client_for(emulator, token=None)
    code = client.pin_request()
    assert code["user_code"] and code["interval"] == 5
    assert client.pin_poll(code["user_code"])["result"] == "KO"
    assert all("authorization" not in record.headers for record in emulator.requests)


def test_writes_spaced_by_the_client_pass_the_emulators_rate_limit():
    """On the emulator's clock, frozen: the client's pacing reads it and its waits move it on."""
    emu = SimklEmulator(Options(rate_limits=True))
    emu.start()
    try:
        emu.add_user(token=TOKEN, name="jane_doe")
        emu.clock.set(emu.clock.precise_now())

        def wait(seconds):
            emu.clock.advance(seconds)
            return False

        client = SimklClient(TEST_CLIENT_ID, "0.1.0", token=TOKEN, base_url=emu.url, max_retries=0, wait=wait,
                             clock=lambda: emu.clock.precise_now().timestamp())
        for _ in range(3):
            client.add_history({"movies": []})
        assert [record.status for record in emu.requests] == [201, 201, 201]
    finally:
        emu.stop()
