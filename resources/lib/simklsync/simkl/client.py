"""The one HTTP client for everything the add-on sends to Simkl.

SimklClient is the endpoints the add-on uses (sync_reads, sync_writes, pin_auth) over one HttpTransport: one
requests Session (connection reuse), a timeout and TLS verification on every call, the identifiers Simkl
requires on every request, typed errors for every failure (answers), bounded retries with backoff (retries),
pacing to the documented limits of 1 write/s and 10 reads/s (pacing), and no request with a refused app id
or inside the day-cap back-off (admission). Requests never run in parallel: one lock serialises them. A stopping
service cuts the request in flight (cut_off): it ends as Aborted, and nothing goes out after it.
"""
import json
import logging
import os
import random
import threading
import time

import requests
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.poolmanager import ProxyManager

from ..constants import API_URL, API_URL_ENV, APP_NAME
from ..core.clock import SimklClock
from . import errors
from .admission import RequestGate
from .answers import decode
from .cut_off import Sockets
from .pacing import Pacer
from .pin_auth import PinAuth
from .retries import RETRYABLE, RetryPolicy
from .sync_reads import SyncReads
from .sync_writes import SyncWrites

LOG = logging.getLogger("simklsync.client")


def _sleep(seconds):
    time.sleep(seconds)
    return False


def _session(sockets):
    session = requests.Session()
    adapter = CuttableAdapter(sockets)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


class CuttableAdapter(HTTPAdapter):
    """requests' HTTP adapter whose connections give `sockets` (a cut_off.Sockets) the socket they opened
    (connect() sets it in urllib3 1.26 and 2.x alike, TLS wrapped), so a stopping service can cut them."""

    def __init__(self, sockets, **kwargs):
        self.sockets = sockets
        self._pools = {"http": _pool_class(HTTPConnectionPool, sockets),
                       "https": _pool_class(HTTPSConnectionPool, sockets)}
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(self._pools)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if type(manager) is ProxyManager:  # noqa: E721 - a SOCKS manager keeps its own pools
            manager.pool_classes_by_scheme = dict(self._pools)
        return manager


def _pool_class(pool_class, sockets):
    base = pool_class.ConnectionCls

    class Connection(base):
        def connect(self):
            super().connect()
            sockets.add(self.sock)

    return type(pool_class.__name__, (pool_class,), {"ConnectionCls": Connection})


class HttpTransport:
    """Sends one request at a time to Simkl and returns its JSON, or raises a typed error (simkl.errors).

    wait(seconds) -> True when Kodi is closing; clock: monotonic seconds for pacing; wall_clock: epoch seconds
    for the day's budget (a core.budget.DayBudget, or None). simkl_time: Simkl's clock (core.clock.SimklClock)
    as every answer's Date header tells it; the service shares one with what dates the user's acts."""

    def __init__(self, client_id, app_version, token=None, base_url=None, session=None, wait=None,
                 clock=time.monotonic, rng=random.random, timeout=(5, 30), max_retries=3, budget=None,
                 wall_clock=time.time):
        self.client_id = client_id
        self.app_version = app_version
        self.token = token
        self.base_url = (base_url or os.environ.get(API_URL_ENV) or API_URL).rstrip("/")
        self._sockets = Sockets()
        self.session = session or _session(self._sockets)
        self.clock = clock
        self.timeout = timeout
        self.request_count = 0
        wait = wait or _sleep
        self._gate = RequestGate(budget, wall_clock)
        self.simkl_time = SimklClock(wall_clock, clock)
        self._retries = RetryPolicy(max_retries, wait, rng)
        self._pacer = Pacer(clock, wait)
        self._lock = threading.Lock()

    def close(self):
        """Closes the pooled connections (a script that is done with Simkl)."""
        self.session.close()

    def abort(self):
        """From any thread (the service stopping): the request in flight ends now as Aborted, and every later
        call raises Aborted without sending anything (a retry or pacing wait ends with the `wait` given)."""
        self._sockets.cut()

    def allow_attempt(self):
        """A user's own action (Sync now): the next request goes out even after a refused app id or inside a
        day-cap back-off, so syncing resumes as soon as Simkl allows it."""
        self._gate.allow_attempt()

    def _request(self, method, path, params=None, body=None, auth=True):
        what = f"{method} {path}"
        with self._lock:
            self._check_not_cut(what)
            self._gate.check(self.client_id, what)
            attempt = 0
            while True:
                try:
                    return self._uncut_attempt(method, path, params, body, auth)
                except errors.RateLimited as error:
                    self._gate.back_off_for_the_day(error, what)
                    self._retries.wait_before_retry(error, attempt, what)
                except RETRYABLE as error:
                    self._retries.wait_before_retry(error, attempt, what)
                except errors.ClientIdRejected as error:
                    self._gate.rejected(self.client_id, error)
                    raise
                attempt += 1

    def get_file(self, url):
        """A public file's JSON (Simkl's calendar files on its CDN): no query string (the CDN caches by URL), no
        token, one try (the caller keeps its last good copy); typed errors as for the API."""
        with self._lock:
            self._check_not_cut("GET file")
            try:
                return self._uncut_file(url)
            except errors.SimklError:
                if not self._sockets.cut_off:
                    raise
            raise errors.Aborted("GET file cut: the service is stopping")

    def _uncut_file(self, url):
        path = "/" + url.rsplit("/", 1)[-1]
        try:
            response = self.session.get(url, headers=self._headers(False, False), timeout=self.timeout, verify=True)
        except requests.RequestException as error:
            failure = f"GET {path} failed: {type(error).__name__}"
        else:
            try:
                return decode("GET", path, response)
            finally:
                response.close()
        raise errors.TransientError(failure)

    def _check_not_cut(self, what):
        if self._sockets.cut_off:
            raise errors.Aborted(f"{what} abandoned: the service is stopping")

    def _uncut_attempt(self, method, path, params, body, auth):
        """_attempt; whatever a cut request ended with (a reset, half an answer), it is Aborted: not retried,
        no entry charged with it."""
        try:
            return self._attempt(method, path, params, body, auth)
        except errors.SimklError:
            if not self._sockets.cut_off:
                raise
        raise errors.Aborted(f"{method} {path} cut: the service is stopping")

    def _attempt(self, method, path, params, body, auth):
        self._pacer.wait_turn(method)
        query = {"client_id": self.client_id, "app-name": APP_NAME, "app-version": self.app_version}
        query.update(params or {})
        started = self.clock()
        self.request_count += 1
        self._gate.sent()
        failure = None
        try:
            response = self.session.request(
                method, self.base_url + path, params=query, headers=self._headers(auth, body is not None),
                data=None if body is None else json.dumps(body), timeout=self.timeout, verify=True,
            )
        except requests.Timeout:
            failure = "timed out"
        except requests.RequestException as error:
            failure = f"failed: {type(error).__name__}"
        finally:
            self._pacer.done(method)
        if failure:
            # Raised outside the except block so requests' own text (URL, headers) is not chained to it.
            raise errors.TransientError(f"{method} {path} {failure}")
        LOG.debug("%s %s -> %s in %.2f s", method, path, response.status_code, self.clock() - started)
        self._gate.answered(response.status_code)
        try:
            answer = decode(method, path, response)
        except errors.BadResponse:
            raise  # maybe not Simkl's page at all (a captive portal's): its Date is not Simkl's clock
        except errors.SimklError:
            self._read_clock(response)
            raise
        finally:
            response.close()
        self._read_clock(response)
        return answer

    def _read_clock(self, response):
        self.simkl_time.observe(response.headers.get("Date"), response.headers.get("Age"))

    def _headers(self, auth, has_body):
        headers = {"User-Agent": f"{APP_NAME}/{self.app_version}", "Accept": "application/json"}
        if has_body:
            headers["Content-Type"] = "application/json"
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers


class SimklClient(SyncReads, SyncWrites, PinAuth, HttpTransport):
    """Every Simkl endpoint the add-on uses, over one HttpTransport (same arguments)."""

    def __repr__(self):
        return f"SimklClient({self.base_url}, logged_in={bool(self.token)})"
