"""A stopping service cuts the request in flight (simkl/cut_off.py): a real socket, plain and TLS, against a
server that reads the request and never answers, as a slow Simkl does."""
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest
from simklsync.simkl import errors
from simklsync.simkl.client import SimklClient
from simklsync.simkl.cut_off import Sockets


class SilentServer:
    """Accepts connections on loopback, reads each request's head, and never answers until closed."""

    def __init__(self, context=None):
        self.context = context
        self.requests = []
        self.got_request = threading.Event()
        self._closing = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self._closing.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._hold, args=(conn,), daemon=True).start()

    def _hold(self, conn):
        try:
            if self.context is not None:
                conn = self.context.wrap_socket(conn, server_side=True)
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            self.requests.append(head.split(b"\r\n", 1)[0])
            self.got_request.set()
            self._closing.wait(30)
        except (OSError, ssl.SSLError):
            pass
        finally:
            conn.close()

    def close(self):
        self._closing.set()
        self._listener.close()


def self_signed(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the TLS test's certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    return cert, context


@pytest.fixture(params=["http", "https"])
def silent(request, tmp_path, monkeypatch):
    """(server, client) over plain HTTP or TLS (the client trusting the test's certificate, verify on)."""
    context = None
    if request.param == "https":
        cert, context = self_signed(tmp_path)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    server = SilentServer(context)
    client = SimklClient("cid-123", "0.1.0", token="tok", base_url=f"{request.param}://127.0.0.1:{server.port}",
                         wait=lambda seconds: False, timeout=(5, 30))
    yield server, client
    server.close()


def in_thread(call):
    outcome = {}

    def run():
        try:
            outcome["answer"] = call()
        except Exception as error:  # noqa: BLE001 - the test reads what the call ended with
            outcome["error"] = error
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_a_request_waiting_for_simkl_ends_as_aborted_within_a_second_of_the_cut(silent):
    server, client = silent
    thread, outcome = in_thread(client.get_activities)
    assert server.got_request.wait(5)  # the request is out, its answer awaited

    cut_at = time.monotonic()
    client.abort()
    thread.join(5)

    assert not thread.is_alive() and time.monotonic() - cut_at < 1.0
    assert isinstance(outcome.get("error"), errors.Aborted)
    assert len(server.requests) == 1  # cut, not retried


def test_nothing_goes_out_after_the_cut(silent):
    server, client = silent
    client.abort()

    with pytest.raises(errors.Aborted):
        client.add_history({"movies": [{"ids": {"simkl": 1}}]})

    assert server.requests == []


class Transport:
    """What urllib3 keeps as a connection's socket for TLS inside a TLS proxy (SSLTransport): the socket in it."""

    def __init__(self, sock):
        self.socket = sock


@pytest.mark.parametrize("wrapped", [False, True], ids=["socket", "tls-in-tls transport"])
def test_a_connection_made_after_the_cut_is_shut_down_as_it_connects(wrapped):
    sockets, (ours, theirs) = Sockets(), socket.socketpair()
    with ours, theirs:
        sockets.cut()
        sockets.add(Transport(ours) if wrapped else ours)
        ours.settimeout(1)

        assert ours.recv(1) == b""  # ended: a read on it waits for nothing
