"""client_id, bearer tokens, app identifiers and rate limits."""

from tests.emulator.helpers import TOKEN, Api
from tests.support.simkl_emulator import Options


def test_missing_client_id_is_rejected_with_412_client_id_failed(api):
    answer = api.get("/sync/activities", client_id=None)
    assert answer.status_code == 412
    assert answer.json()["error"] == "client_id_failed"


def test_unknown_client_id_is_rejected_even_on_pin_requests(api):
    assert api.get("/oauth/pin", client_id="nope", token=None).status_code == 412


def test_client_id_in_the_simkl_api_key_header_is_accepted(api):
    answer = api.get("/sync/activities", client_id=None, headers={"simkl-api-key": api_client_id()})
    assert answer.status_code == 200


def test_configured_client_ids_replace_the_addon_constant(emu_with):
    emu = emu_with(Options(client_ids=["mine"]))
    api = Api(emu)
    assert api.get("/sync/activities", client_id="mine").status_code == 200
    assert api.get("/sync/activities").status_code == 412


def test_missing_or_unknown_token_is_401_user_token_failed(api):
    for token in (None, "wrong"):
        answer = api.get("/sync/activities", token=token)
        assert answer.status_code == 401
        assert answer.json()["error"] == "user_token_failed"


def test_revoked_token_stops_working(emu, api):
    assert api.get("/sync/activities").status_code == 200
    emu.revoke(TOKEN)
    assert api.get("/sync/activities").status_code == 401


def test_each_request_is_recorded_with_identifiers_body_and_status(emu, api):
    api.post("/sync/history", {"movies": [{"ids": {"imdb": "tt0133093"}}]})
    record = emu.requests[-1]
    assert (record.method, record.path, record.status) == ("POST", "/sync/history", 201)
    assert record.body == {"movies": [{"ids": {"imdb": "tt0133093"}}]}
    assert record.app_name == "script.simkl.sync" and record.app_version == "0.1.0"
    assert record.user_agent == "script.simkl.sync/0.1.0"
    assert record.headers["authorization"] == "Bearer " + TOKEN
    emu.clear_requests()
    assert emu.requests == []


def test_enforced_app_params_reject_a_request_without_app_name(emu_with):
    api = Api(emu_with(Options(enforce_app_params=True)))
    assert api.get("/sync/activities").status_code == 200
    answer = api.get("/sync/activities", params={"app-name": ""})
    assert answer.status_code == 400
    assert "app-name" in answer.json()["message"]


def test_rate_limits_allow_ten_gets_then_429_within_one_second(emu_with):
    emu = emu_with(Options(rate_limits=True))
    api = Api(emu)
    statuses = [api.get("/sync/activities").status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    assert api.get("/sync/activities").headers["Retry-After"] == "1"
    emu.clock.advance(1)
    assert api.get("/sync/activities").status_code == 200


def test_rate_limits_allow_one_post_per_second(emu_with):
    emu = emu_with(Options(rate_limits=True))
    api = Api(emu)
    assert api.post("/sync/history", {}).status_code == 201
    assert api.post("/sync/history", {}).status_code == 429
    emu.clock.advance(1)
    assert api.post("/sync/history", {}).status_code == 201


def test_unknown_endpoint_is_404_url_failed(api):
    answer = api.get("/sync/nothing-here")
    assert answer.status_code == 404 and answer.json()["error"] == "url_failed"


def api_client_id():
    from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

    return TEST_CLIENT_ID


def test_post_limit_forgives_a_little_arrival_jitter_but_not_a_short_gap(emu_with):
    emu = emu_with(Options(rate_limits=True))
    api = Api(emu)
    assert api.post("/sync/history", {}).status_code == 201
    emu.clock.advance(0.97)
    assert api.post("/sync/history", {}).status_code == 201
    emu.clock.advance(0.5)
    assert api.post("/sync/history", {}).status_code == 429
