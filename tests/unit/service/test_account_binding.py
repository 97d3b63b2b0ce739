"""The service's Account binds its memory to the stored login's Simkl account (service/account.py): by id,
never by name; an id and a token of two accounts are never paired; a switch parks the old account's queue."""
from simklsync.core.outbox.queue import Outbox, make_entry
from simklsync.service.account import Account

from tests.unit.outbox.conftest import MemoryStore
from tests.unit.service.fake_clock import FakeClock


class Clock(FakeClock):
    def wait(self, seconds):
        self.advance(seconds)
        return False


class FakeClient:
    def __init__(self, answer=None):
        self.token = None
        self.answer = answer
        self.asked = 0

    def get_user_settings(self):
        self.asked += 1
        return self.answer


class Budget:
    def __init__(self):
        self.reloads = 0

    def reload(self):
        self.reloads += 1


def account_for(outbox, client, switches=None):
    budget = Budget()
    account = Account(outbox, Clock(), lambda *args: client, budget,
                      on_switch=(lambda: switches.append(1)) if switches is not None else None)
    return account, budget


def entry(item):
    return make_entry("history", "add", item, {"movies": []}, item, 100.0)


def logged_in(kodi, account_id, token, name="jane_doe"):
    kodi.settings["access_token"] = token
    kodi.settings["account_id"] = account_id
    kodi.settings["account_name"] = name


def test_the_account_is_told_by_id_not_by_name(fake_kodi):
    outbox, switches = Outbox(MemoryStore()), []
    account, budget = account_for(outbox, FakeClient(), switches)
    logged_in(fake_kodi, "1001", "token-a")
    assert account.client().token == "token-a" and account.id == "1001"
    outbox.add(entry("movie:1"))
    logged_in(fake_kodi, "1002", "token-b")  # the same display name
    assert account.client().token == "token-b" and account.id == "1002"
    assert len(outbox) == 0 and outbox.summary()["parked"] == 1
    assert budget.reloads == 2 and len(switches) == 2


def test_an_id_and_a_token_of_two_accounts_are_never_paired(fake_kodi):
    outbox = Outbox(MemoryStore())
    account, _ = account_for(outbox, FakeClient())
    logged_in(fake_kodi, "1001", "token-a")
    account.client()
    reads = iter(["1002", "1001"])  # the login script stored another id between the two reads

    class Torn:
        access_token = "token-a"
        client_id, version = "app", "1"

        @property
        def account_id(self):
            return next(reads)

    assert account.bind(Torn()) == ""
    assert account.id == "1001"


def test_a_login_being_stored_has_no_token_to_send_with(fake_kodi):
    outbox = Outbox(MemoryStore())
    account, _ = account_for(outbox, FakeClient())
    logged_in(fake_kodi, "1001", "token-a")
    account.client()
    logged_in(fake_kodi, "1002", "")  # the script's order: empty token, the id, then the token
    assert account.client().token == "" and not account.ready(None) and account.id == "1002"


def test_can_send_only_for_the_bound_account(fake_kodi):
    account, _ = account_for(Outbox(MemoryStore()), FakeClient())
    logged_in(fake_kodi, "1001", "token-a")
    assert not account.can_send()  # not bound yet
    account.client()
    assert account.can_send()
    fake_kodi.settings["account_id"] = "1002"
    assert not account.can_send()


def test_logout_parks_the_queue_and_the_same_account_logging_in_again_gets_it_back(fake_kodi):
    outbox = Outbox(MemoryStore())
    account, _ = account_for(outbox, FakeClient())
    logged_in(fake_kodi, "1001", "token-a")
    account.client()
    outbox.add(entry("movie:1"))
    account.lose()
    logged_in(fake_kodi, "", "", name="")
    account.logged_out()
    assert account.id is None and len(outbox) == 0 and outbox.summary()["parked"] == 1
    logged_in(fake_kodi, "1001", "token-a2")
    account.found()
    assert [e["account"] for e in outbox.due(1000.0)] == ["1001"]


def test_an_older_versions_login_is_confirmed_once_and_its_unstamped_entries_adopted(fake_kodi):
    outbox = Outbox(MemoryStore())
    outbox.add(entry("movie:1"))  # queued before any account was known
    client = FakeClient({"user": {"name": "jane_doe"}, "account": {"id": 1001}})
    account, _ = account_for(outbox, client)
    logged_in(fake_kodi, "", "token-a")
    assert account.ready(None) and account.ready(None)
    assert client.asked == 1 and fake_kodi.settings["account_id"] == "1001"
    assert [e["account"] for e in outbox.entries()] == ["1001"]


def test_an_older_versions_login_simkl_does_not_identify_sends_nothing(fake_kodi):
    outbox = Outbox(MemoryStore())
    client = FakeClient({"user": {"name": "jane_doe"}})
    account, _ = account_for(outbox, client)
    logged_in(fake_kodi, "", "token-a")
    assert not account.ready(None) and account.id is None and fake_kodi.settings["account_id"] == ""


class CuttableClient(FakeClient):
    def __init__(self):
        super().__init__()
        self.aborted = False

    def abort(self):
        self.aborted = True


def test_a_stopping_service_cuts_its_client_and_any_client_made_after(fake_kodi):
    made = []
    account = Account(Outbox(MemoryStore()), Clock(), lambda *args: made.append(CuttableClient()) or made[-1])
    logged_in(fake_kodi, "1001", "token-a")
    first = account.client()

    account.cut()
    fake_kodi.settings["client_id_override"] = "another-app-id"  # a new client for the new id
    second = account.client()

    assert second is not first and [client.aborted for client in made] == [True, True]
