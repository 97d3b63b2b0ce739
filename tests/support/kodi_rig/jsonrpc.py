"""JSON-RPC to a running Kodi: calls over HTTP, notifications from the TCP server."""
import itertools
import json
import socket
import threading
import time
import urllib.error
import urllib.request


class RpcError(RuntimeError):
    def __init__(self, method, error):
        super().__init__(f"{method} failed: {error}")
        self.method = method
        self.error = error


class HttpRpc:
    """POSTs requests to http://127.0.0.1:<port>/jsonrpc."""

    def __init__(self, port, timeout=60):
        self.url = f"http://127.0.0.1:{port}/jsonrpc"
        self.timeout = timeout
        self._ids = itertools.count(1)

    def call(self, method, params=None):
        """The result of one call; raises RpcError when Kodi answers with an error."""
        response = self._post(self._request(method, params))
        if "error" in response:
            raise RpcError(method, response["error"])
        return response.get("result")

    def batch(self, calls):
        """Send [(method, params), ...] as one batch; the responses come back in the order of `calls`."""
        requests = [self._request(method, params) for method, params in calls]
        by_id = {response.get("id"): response for response in self._post(requests)}
        return [by_id.get(request["id"]) for request in requests]

    def _request(self, method, params):
        request = {"jsonrpc": "2.0", "id": next(self._ids), "method": method}
        if params is not None:
            request["params"] = params
        return request

    def _post(self, payload):
        data = json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(self.url, data=data, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read().decode("utf-8"))

    def is_up(self):
        try:
            return self.call("JSONRPC.Ping") == "pong"
        except (OSError, urllib.error.URLError, ValueError):
            return False


class NotificationListener:
    """Collects every notification Kodi pushes on its TCP JSON-RPC port, in a background thread."""

    def __init__(self, port):
        self.port = port
        self._notifications = []
        self._arrivals = []  # time.time() of each notification, beside it
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._connected = threading.Event()
        self._thread = None

    def start(self):
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kodi-notifications", daemon=True)
        self._thread.start()

    def wait_connected(self, timeout):
        return self._connected.wait(timeout)

    def stop(self):
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        self._connected.clear()

    def notifications(self, method=None, since=0):
        """[(method, params), ...] received so far (from index `since`), optionally of one method."""
        with self._lock:
            received = self._notifications[since:]
        return [item for item in received if method is None or item[0] == method]

    def arrival_times(self, since=0):
        """time.time() at which each notification from index `since` arrived (same order as notifications())."""
        with self._lock:
            return self._arrivals[since:]

    def count(self):
        with self._lock:
            return len(self._notifications)

    def _run(self):
        while not self._stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2) as connection:
                    connection.settimeout(0.5)
                    self._connected.set()
                    self._read(connection)
            except OSError:
                self._connected.clear()
                self._stop.wait(0.3)

    def _read(self, connection):
        decoder = json.JSONDecoder()
        buffer = ""
        while not self._stop.is_set():
            try:
                chunk = connection.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                return  # Kodi closed the socket (quit or restart)
            buffer = self._consume(decoder, buffer + chunk.decode("utf-8", "replace"))

    def _consume(self, decoder, buffer):
        """Take every complete JSON object off the front of the stream (Kodi sends no separators)."""
        while buffer:
            buffer = buffer.lstrip()
            try:
                message, end = decoder.raw_decode(buffer)
            except ValueError:
                return buffer  # incomplete: wait for more bytes
            buffer = buffer[end:]
            if isinstance(message, dict) and "method" in message and "id" not in message:
                with self._lock:
                    self._notifications.append((message["method"], message.get("params", {})))
                    self._arrivals.append(time.time())
        return buffer


def wait_until(predicate, timeout=15.0, interval=0.2, message="condition"):
    """Poll `predicate` until it returns something truthy; return that, or raise TimeoutError. The polls start
    10 ms apart and double up to `interval`: what happens at once (a fake Kodi's callback) is seen at once,
    a real Kodi is not asked more often than every `interval`."""
    deadline = time.monotonic() + timeout
    pause = min(0.01, interval)
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {message}")
        time.sleep(pause)
        pause = min(pause * 2, interval)
