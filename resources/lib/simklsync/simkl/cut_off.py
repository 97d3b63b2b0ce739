"""Requests in flight that a stopping service can cut: Kodi waits for every thread of a stopping add-on (a
profile switch, a shutdown) and kills it after 5 s, so a worker blocked in a slow answer from Simkl must end now.

Session.close() cannot do it: the connection a request is using is out of the pool, untouched by it (requests
#5633), and a socket closed from another thread keeps a blocked recv waiting. shutdown() on the socket ends that
recv at once, so Sockets holds the socket of every connection the client's session opens (client.py's
CuttableAdapter adds each once connected, TLS wrapped) and cut() shuts them all down. A connect still under way
when cut() runs is shut down as soon as it is made; the connect itself (DNS, TCP handshake) ends within the
client's connect timeout.
"""
import socket
import threading
import weakref


class Sockets:
    """The open sockets of one session's connections; after cut(), every new one is shut down as it connects."""

    def __init__(self):
        self.cut_off = False
        self._lock = threading.Lock()
        self._open = weakref.WeakSet()  # a socket closed and dropped by urllib3 leaves on its own

    def add(self, sock):
        with self._lock:
            self._open.add(sock)
            cut_off = self.cut_off
        if cut_off:
            _shut(sock)

    def cut(self):
        with self._lock:
            self.cut_off = True
            live = list(self._open)
        for sock in live:
            _shut(sock)


def _shut(sock):
    if not isinstance(sock, socket.socket):  # TLS inside a TLS proxy: urllib3's SSLTransport over the socket
        sock = getattr(sock, "socket", None)
        if not isinstance(sock, socket.socket):
            return
    try:
        # socket.socket's own shutdown, also for a TLS socket: ssl.SSLSocket.shutdown would drop the TLS state
        # the reading thread is using.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed, or not connected: nothing of it is waiting
