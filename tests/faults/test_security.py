"""Security promises checked directly (the fault sessions also grep every log line, notification, error
text and profile file for the token, and check the files' permissions)."""
from simklsync.simkl.client import SimklClient

from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID


class RecordingSession:
    verify = False  # a session someone tried to weaken

    def __init__(self):
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append(kwargs)
        raise OSError("offline")

    def close(self):
        pass


def test_tls_verification_is_on_for_every_request_even_on_a_session_with_verify_off(monkeypatch):
    monkeypatch.setenv("CURL_CA_BUNDLE", "")
    session = RecordingSession()
    client = SimklClient(TEST_CLIENT_ID, "0.1.0", token="t", base_url="https://api.simkl.com", session=session,
                         wait=lambda seconds: False, max_retries=1)
    for call in (client.get_activities, lambda: client.add_history({"movies": []})):
        try:
            call()
        except Exception:  # noqa: BLE001 - offline on purpose; only the request's arguments matter here
            pass
    assert session.calls and all(call["verify"] is True for call in session.calls)

