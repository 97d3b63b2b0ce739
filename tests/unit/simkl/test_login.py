"""The PIN login flow over a scripted Simkl, a fake clock and a recording UI."""
from scripted_http import FakeTime, Reply, make_client
from simklsync.simkl import errors
from simklsync.simkl.login import PinLogin

TOKEN = "fresh-token-9f8e7d6c5b4a"


def pin(code="AB12C", expires_in=900, interval=5):
    return Reply(body={"result": "OK", "device_code": "DEVICE_CODE", "user_code": code,
                       "verification_url": "https://simkl.com/pin", "expires_in": expires_in,
                       "interval": interval})


PENDING = Reply(body={"result": "KO", "message": "Authorization pending"})
APPROVED = Reply(body={"result": "OK", "access_token": TOKEN})
ACCOUNT = Reply(body={"user": {"name": "jane_doe"}, "account": {"id": 12345, "type": "free"}})


class RecordingUI:
    def __init__(self, cancel_after_updates=None, retry_answers=()):
        self.events = []
        self.cancel_after_updates = cancel_after_updates
        self.retry_answers = list(retry_answers)
        self.updates = 0

    def show(self, user_code, url, expires_in):
        self.events.append(("show", user_code, url, expires_in))

    def update(self, seconds_left):
        self.updates += 1
        self.events.append(("update", seconds_left))

    def cancelled(self):
        return self.cancel_after_updates is not None and self.updates >= self.cancel_after_updates

    def close(self):
        self.events.append(("close",))

    def ask_retry(self):
        answer = self.retry_answers.pop(0) if self.retry_answers else False
        self.events.append(("ask_retry", answer))
        return answer

    def logged_in(self, name):
        self.events.append(("logged_in", name))

    def failed(self, error):
        self.events.append(("failed", type(error).__name__))

    def kinds(self):
        return [event[0] for event in self.events if event[0] != "update"]


class MemoryAccount:
    """The stored login; `calls` records what was stored when (the token only with a confirmed account)."""

    def __init__(self):
        self.token = ""
        self.name = ""
        self.account_id = None
        self.calls = []

    def save_account(self, account_id, name, answer, token):
        self.calls.append("save_account")
        self.account_id, self.name, self.answer, self.token = account_id, name, answer, token

    def clear(self):
        self.calls.append("clear")
        self.token = ""
        self.name = ""
        self.account_id = None


def login_with(replies, ui=None, time_=None):
    client, adapter, fake = make_client(replies, token=None, time_=time_)
    ui = ui or RecordingUI()
    account = MemoryAccount()
    result = PinLogin(client, ui, account, wait=fake.wait, clock=fake.clock).run()
    return result, ui, account, adapter, client


def polls(adapter):
    return [sent for sent in adapter.sent if sent.path.startswith("/oauth/pin/")]


def test_approved_code_stores_token_and_confirmed_account_name():
    result, ui, account, adapter, client = login_with([pin(), PENDING, PENDING, APPROVED, ACCOUNT])
    assert result == "jane_doe"
    assert ui.events[0] == ("show", "AB12C", "https://simkl.com/pin", 900)
    assert ui.kinds() == ["show", "close", "logged_in"]
    assert ui.events[-1] == ("logged_in", "jane_doe")
    assert (account.token, account.name, account.account_id) == (TOKEN, "jane_doe", "12345")
    confirm = adapter.sent[-1]
    assert (confirm.method, confirm.path) == ("POST", "/users/settings")
    assert confirm.headers["Authorization"] == "Bearer " + TOKEN
    assert client.token == TOKEN


def test_polls_are_never_faster_than_the_server_interval():
    _, ui, _, adapter, _ = login_with([pin(interval=7), PENDING, PENDING, PENDING, APPROVED, ACCOUNT])
    times = [sent.at for sent in adapter.sent]
    poll_times = [sent.at for sent in polls(adapter)]
    assert len(poll_times) == 4
    assert poll_times[0] - times[0] >= 7
    assert all(later - earlier >= 7 for earlier, later in zip(poll_times, poll_times[1:]))
    assert all(later - earlier < 9 for earlier, later in zip(poll_times, poll_times[1:]))


def test_countdown_updates_show_the_time_left():
    _, ui, _, _, _ = login_with([pin(expires_in=600), PENDING, APPROVED, ACCOUNT])
    seconds = [event[1] for event in ui.events if event[0] == "update"]
    assert seconds[0] == 600
    assert seconds == sorted(seconds, reverse=True)
    assert seconds[-1] < 600


def test_cancel_stops_polling_and_stores_nothing():
    result, ui, account, adapter, _ = login_with([pin()], ui=RecordingUI(cancel_after_updates=3))
    assert result is None
    assert polls(adapter) == []
    assert ui.kinds() == ["show", "close"]
    assert account.token == ""


def test_expired_code_offers_a_new_one_and_the_new_one_works():
    replies = [pin("OLD11", expires_in=12), PENDING, PENDING, pin("NEW22"), APPROVED, ACCOUNT]
    result, ui, account, adapter, _ = login_with(replies, ui=RecordingUI(retry_answers=[True]))
    assert result == "jane_doe"
    assert ui.kinds() == ["show", "close", "ask_retry", "show", "close", "logged_in"]
    polled = [sent.path for sent in polls(adapter)]
    assert polled == ["/oauth/pin/OLD11", "/oauth/pin/OLD11", "/oauth/pin/NEW22"]
    assert account.token == TOKEN


def test_expired_code_declined_ends_the_login():
    result, ui, account, adapter, _ = login_with([pin(expires_in=12), PENDING, PENDING])
    assert result is None
    assert ui.kinds() == ["show", "close", "ask_retry"]
    assert len(polls(adapter)) == 2
    assert account.token == ""


def test_a_poll_answered_with_a_new_code_stops_cleanly():
    result, ui, account, adapter, _ = login_with([pin(), PENDING, pin("XYZ99")])
    assert result is None
    assert ui.kinds() == ["show", "close", "failed"]
    assert ui.events[-1] == ("failed", "PinCodeGone")
    assert len(polls(adapter)) == 2
    assert account.token == ""


def test_kodi_abort_while_waiting_ends_silently():
    result, ui, account, adapter, _ = login_with([pin(), PENDING], time_=FakeTime(abort_after=8))
    assert result is None
    assert ui.kinds() == ["show", "close"]
    assert len(polls(adapter)) == 1
    assert account.token == ""


def test_a_failing_poll_is_retried_at_the_next_interval():
    replies = [pin(), Reply(503), Reply(503), Reply(503), Reply(503), APPROVED, ACCOUNT]
    result, _, account, _, _ = login_with(replies)
    assert result == "jane_doe"
    assert account.token == TOKEN


def test_slow_down_makes_polling_slower():
    slow = Reply(body={"result": "KO", "message": "Slow down"})
    _, _, _, adapter, _ = login_with([pin(interval=5), slow, PENDING, APPROVED, ACCOUNT])
    poll_times = [sent.at for sent in polls(adapter)]
    assert poll_times[1] - poll_times[0] >= 10


def test_rejected_client_id_is_reported():
    result, ui, _, _, _ = login_with([Reply(412, {"error": "client_id_failed"})])
    assert result is None
    assert ui.kinds() == ["failed"]
    assert ui.events[-1] == ("failed", "ClientIdRejected")


def test_token_that_simkl_will_not_confirm_is_forgotten():
    result, ui, account, _, client = login_with([pin(), APPROVED, Reply(401, {"error": "user_token_failed"})])
    assert result is None
    assert ui.events[-1] == ("failed", "LoginRequired")
    assert account.token == "" and account.name == ""
    assert client.token is None


def test_an_account_simkl_does_not_identify_is_not_logged_in_and_no_token_is_stored():
    for answer in ({"user": {"name": "jane_doe"}}, {"user": {"name": "jane_doe"}, "account": {"id": "x"}},
                   {"user": {"name": "jane_doe"}, "account": None}):
        result, ui, account, _, client = login_with([pin(), APPROVED, Reply(body=answer)])
        assert result is None and ui.events[-1] == ("failed", "BadResponse")
        assert account.calls == ["clear"] and account.token == "" and client.token is None


def test_the_token_is_stored_only_after_simkl_confirmed_the_account():
    _, _, account, _, _ = login_with([pin(), APPROVED, ACCOUNT])
    assert account.calls == ["save_account"]
    _, _, account, _, _ = login_with([pin(), APPROVED, Reply(503, {})] + [Reply(503, {})] * 5)
    assert "save_account" not in account.calls and account.token == ""


def test_account_without_a_name_falls_back_to_the_account_id():
    replies = [pin(), APPROVED, Reply(body={"user": {}, "account": {"id": 77}})]
    result, _, account, _, _ = login_with(replies)
    assert result == "#77"
    assert account.name == "#77"


def test_pin_errors_are_simkl_errors_with_a_message():
    assert issubclass(errors.PinCodeGone, errors.SimklError)
    assert "login" in errors.PinCodeGone().user_message.lower()
