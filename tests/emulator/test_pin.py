"""The PIN (device) flow: issue, pending polls, approval, consumed and expired codes."""

from tests.emulator.helpers import TOKEN, Api
from tests.support.simkl_emulator import Options


def pin_api(emu):
    return Api(emu, token=None)


def test_a_pin_request_returns_the_documented_init_body(emu):
    body = pin_api(emu).get("/oauth/pin").json()
    assert body["result"] == "OK" and body["device_code"] == "DEVICE_CODE"
    assert body["verification_url"] == body["verification_uri"] == "https://simkl.com/pin"
    assert (body["expires_in"], body["interval"]) == (900, 5) and len(body["user_code"]) == 5


def test_polls_stay_pending_until_approved_then_hand_out_the_token_once(emu):
    api = pin_api(emu)
    code = api.get("/oauth/pin").json()["user_code"]
    assert api.get("/oauth/pin/" + code).json() == {"result": "KO", "message": "Authorization pending"}
    emu.approve_pin(code)
    assert api.get("/oauth/pin/" + code).json() == {"result": "OK", "access_token": TOKEN}
    after = api.get("/oauth/pin/" + code).json()
    assert "device_code" in after and after["user_code"] != code


def test_auto_approve_after_n_pending_polls(emu_with):
    emu = emu_with(Options(pin_auto_approve_after=2, pin_token="fresh"))
    api = pin_api(emu)
    code = api.get("/oauth/pin").json()["user_code"]
    replies = [api.get("/oauth/pin/" + code).json() for _ in range(3)]
    assert [r["result"] for r in replies] == ["KO", "KO", "OK"] and replies[2]["access_token"] == "fresh"


def test_an_expired_code_is_replaced_by_a_new_one(emu):
    api = pin_api(emu)
    code = api.get("/oauth/pin").json()["user_code"]
    emu.clock.advance(899)
    assert api.get("/oauth/pin/" + code).json()["result"] == "KO"
    emu.clock.advance(1)
    renewed = api.get("/oauth/pin/" + code).json()
    assert renewed["result"] == "OK" and renewed["user_code"] != code and "access_token" not in renewed


def test_slow_down_reply_when_polling_faster_than_the_interval(emu_with):
    emu = emu_with(Options(pin_slow_down=True))
    api = pin_api(emu)
    code = api.get("/oauth/pin").json()["user_code"]
    assert api.get("/oauth/pin/" + code).json()["message"] == "Authorization pending"
    assert api.get("/oauth/pin/" + code).json()["message"] == "Slow down"
    emu.clock.advance(5)
    assert api.get("/oauth/pin/" + code).json()["message"] == "Authorization pending"
