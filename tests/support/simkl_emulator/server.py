"""The HTTP side: a threading server on loopback that hands each request to the emulator."""

import json
import socket
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, NamedTuple, Optional, Set, Tuple
from urllib.parse import parse_qs, urlsplit

from .faults import Response
from .requestlog import Headers


class Request(NamedTuple):
    method: str
    path: str
    query: dict
    headers: Headers
    body: Any
    body_ok: bool
    raw_body: bytes


def parse_body(raw: bytes) -> Tuple[Any, bool]:
    if not raw.strip():
        return None, True
    try:
        return json.loads(raw.decode("utf-8")), True
    except (ValueError, UnicodeDecodeError):
        return None, False


def make_handler(serve: Callable[[Request], Response]) -> type:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_DELETE(self) -> None:
            self._handle("DELETE")

        def do_PUT(self) -> None:
            self._handle("PUT")

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet by design
            return

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            body, body_ok = parse_body(raw)
            request = Request(method, parts.path, query, Headers(self.headers.items()), body, body_ok, raw)
            self._send(serve(request))

        def _send(self, response: Response) -> None:
            if response.reset:
                self._reset()
                return
            if any(name.lower() == "date" for name in response.headers):
                # The emulator's own Date (its clock, which tests set), not the host's.
                self.log_request(response.status)
                self.send_response_only(response.status)
                self.send_header("Server", self.version_string())
            else:
                self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            if response.status != 204:
                self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if response.body:
                self.wfile.write(response.body)

        def finish(self) -> None:
            try:
                super().finish()
            except (OSError, ValueError):
                pass  # the socket was reset on purpose or dropped by the client

        def _reset(self) -> None:
            # SO_LINGER 0 makes close() send RST: the client sees "connection reset by peer".
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.open_connections: Set[socket.socket] = set()
        self.connections_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.connections_lock:
            self.open_connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.open_connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """End kept-alive connections so their handler threads finish with the server."""
        with self.connections_lock:
            connections = list(self.open_connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # clients hanging up mid-answer are expected (timeouts, resets)


class LoopbackServer:
    def __init__(self, serve: Callable[[Request], Response], host: str = "127.0.0.1", port: int = 0) -> None:
        self._httpd = _QuietServer((host, port), make_handler(serve))
        self._thread: Optional[threading.Thread] = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> str:
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="simkl-emulator", daemon=True)
        self._thread.start()
        return self.url

    def serve_forever(self) -> None:
        self._httpd.serve_forever()

    def stop(self) -> None:
        self._shutdown_now()
        self._httpd.close_connections()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _shutdown_now(self) -> None:
        """shutdown(), without waiting out the serving loop's poll interval: a connection wakes its select."""
        done = threading.Event()

        def shutdown() -> None:
            self._httpd.shutdown()
            done.set()

        threading.Thread(target=shutdown, name="simkl-emulator-stop", daemon=True).start()
        while not done.wait(0.002):
            try:
                socket.create_connection(self._httpd.server_address[:2], timeout=1).close()
            except OSError:
                pass
