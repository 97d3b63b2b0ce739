"""SimklEmulator: the facade tests and tools use (state, server, test hooks)."""

import email.utils
import json
import re
import threading
import traceback
from typing import Any, Dict, List, Optional, Sequence

from . import gate, router
from .accounts import Accounts
from .app_ids import TEST_CLIENT_ID
from .catalog import Catalog
from .clock import Clock
from .context import Ctx
from .errors import ApiError, wrong_parameter
from .faults import Fault, FaultBook, Response, json_response
from .options import Options
from .persist import dump_state, load_state
from .pins import PinBook
from .ratelimit import RateLimiter
from .requestlog import RequestLog, RequestRecord
from .server import LoopbackServer, Request
from .timefmt import to_iso
from .user import UserHandle

CALENDAR_PATH = re.compile(r"^/calendar/(tv|anime|movie_release)\.json$")


class SimklEmulator:
    def __init__(self, options: Optional[Options] = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.options = options or Options()
        self.lock = threading.RLock()
        self.clock = Clock()
        self.catalog = Catalog()
        self.accounts = Accounts(self.options, self.clock.now)
        self.pins = PinBook(self.options.pin_expires_in, self.options.pin_interval,
                            self.options.pin_auto_approve_after, self.options.pin_slow_down)
        self.faults = FaultBook()
        self.calendars: Dict[str, Any] = {}
        self.limiter = RateLimiter()
        self.day_counts: Dict[Any, int] = {}  # (caller, UTC day) -> requests, for Options.daily_cap
        self._log = RequestLog()
        self._host, self._port = host, port
        self._server: Optional[LoopbackServer] = None
        self.url: Optional[str] = None
        self._serving = 0  # requests being answered now (a delay fault keeps one asleep)
        self._released = 0  # release_delays() calls: each wakes the requests a delay fault keeps asleep
        self._served = threading.Condition()

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> str:
        if self._server is None:
            self._server = LoopbackServer(self.serve, self._host, self._port)
            self.url = self._server.start()
        return self.url

    def stop(self) -> None:
        self.release_delays()
        if self._server is not None:
            self._server.stop()
            self._server = None

    def serve_forever(self) -> None:
        """Block serving requests (the command line); start() must not have been called."""
        self._server = LoopbackServer(self.serve, self._host, self._port)
        self.url = self._server.url
        self._server.serve_forever()

    def __enter__(self) -> "SimklEmulator":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- users and test hooks ------------------------------------------------------------------

    def add_user(self, token: str = "t0k", name: str = "demo", account_type: str = "free") -> UserHandle:
        with self.lock:
            return UserHandle(self, self.accounts.add(token, name, account_type))

    def add_device_token(self, token: str, new_token: str) -> UserHandle:
        """Another device logged in to the same account: a token of its own, the same account behind it."""
        with self.lock:
            if new_token in self.accounts.by_token:
                raise ValueError("a user with this token already exists")
            self.accounts.by_token[new_token] = self.accounts.by_token[token]
            return UserHandle(self, self.accounts.by_token[token])

    def user(self, token: str) -> UserHandle:
        return UserHandle(self, self.accounts.by_token[token])

    def revoke(self, token: str) -> None:
        with self.lock:
            self.accounts.by_token[token].revoked = True

    def approve_pin(self, code: Optional[str] = None, token: Optional[str] = None) -> None:
        """Approve a pending PIN (default: the last issued) for `token` (default: see Options.pin_token)."""
        with self.lock:
            self.pins.approve(code, token or self.accounts.token_for_pin())

    def inject(self, status: Optional[int] = None, count: Optional[int] = 1, path: Optional[str] = None,
               method: Optional[str] = None, retry_after: Any = None, kind: Optional[str] = None,
               seconds: float = 0.0, keys: Optional[Sequence[str]] = None, process: bool = False,
               body_contains: Optional[str] = None, share: float = 0.05, cut: str = "items", bump: bool = True,
               deltas: bool = True) -> Fault:
        """The next `count` requests matching path (prefix) and method get the fault (count None = all);
        body_contains limits it to requests whose body names that text (one item always failing).
        A cut_off fault (share, cut: see faults.py) bumps every account's activity stamps of the types its path
        names (all three for /sync/all-items) unless bump=False, as a server that moved and then answers short."""
        fault = self.faults.add(Fault(kind or "status", count, path, method, status, retry_after, seconds,
                                      keys, process, body_contains=body_contains, share=share, cut=cut,
                                      deltas=deltas))
        if fault.kind == "cut_off" and bump:
            self.bump_lists(path)
        return fault

    def bump_lists(self, path: Optional[str] = None) -> None:
        """Every account's completed and removed_from_list stamps move now, for the types `path` names."""
        kinds = [kind for kind, name in (("movie", "movies"), ("show", "shows"), ("anime", "anime"))
                 if not path or name in path or path.rstrip("/") in ("/sync/all-items", "/sync")]
        with self.lock:
            now = self.clock.now()
            for account in self.accounts.by_token.values():
                for kind in kinds:
                    account.activities.bump(kind, "completed", now)
                    account.activities.bump(kind, "removed_from_list", now)

    def clear_faults(self) -> None:
        self.faults.clear()

    @property
    def requests(self) -> List[RequestRecord]:
        return self._log.all()

    def clear_requests(self) -> None:
        self._log.clear()

    def dump(self) -> Dict[str, Any]:
        with self.lock:
            return dump_state(self.catalog, self.accounts)

    def load(self, data: Dict[str, Any]) -> None:
        with self.lock:
            load_state(data, self.catalog, self.accounts, self.options.removal_bumps_rated_at)

    def save_file(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.dump(), handle, indent=1)

    def load_file(self, path: str) -> None:
        with open(path, encoding="utf-8") as handle:
            self.load(json.load(handle))

    # -- request pipeline ----------------------------------------------------------------------

    def release_delays(self) -> None:
        """Requests a delay fault keeps asleep are answered now (their clients have given up)."""
        with self._served:
            self._released += 1
            self._served.notify_all()

    def wait_served(self, timeout: float) -> bool:
        """True once no request is being answered (e.g. one a delay fault keeps asleep has landed)."""
        with self._served:
            return self._served.wait_for(lambda: not self._serving, timeout)

    def serve(self, request: Request) -> Response:
        with self._served:
            self._serving += 1
        try:
            return self._dated(self._serve(request))
        finally:
            with self._served:
                self._serving -= 1
                self._served.notify_all()

    def _serve(self, request: Request) -> Response:
        record = RequestRecord(request.method, request.path, dict(request.query), request.headers,
                               request.body, at=to_iso(self.clock.now()), raw_body=request.raw_body)
        fault = self.faults.take(request.method, request.path, request.raw_body)
        if fault is not None:
            record.fault = fault.kind
            if fault.kind == "delay":
                self._sleep_unless_released(fault.seconds)
        if fault is not None and fault.replaces_answer and not fault.process:
            response = fault.replacement()
        else:
            response = self._answer(request, record, fault)
        record.status = None if response.reset else response.status
        self._log.append(record)
        return response

    def _dated(self, response: Response) -> Response:
        """Every answer carries a Date from the emulator's clock, as Simkl's carry its own (the add-on sets its
        clock by it); a fault may have set one of its own."""
        if not response.reset and not any(name.lower() == "date" for name in response.headers):
            response.headers = dict(response.headers, Date=email.utils.format_datetime(self.clock.now(), usegmt=True))
        return response

    def _sleep_unless_released(self, seconds: float) -> None:
        with self._served:
            released = self._released
            self._served.wait_for(lambda: self._released != released, seconds)

    def _answer(self, request: Request, record: RequestRecord, fault: Optional[Fault]) -> Response:
        try:
            with self.lock:
                status, payload = self._dispatch(request)
            headers: Dict[str, str] = {}
        except ApiError as error:
            status, payload, headers = error.status, error.body, error.headers
        except Exception:  # an emulator bug must still answer, and be visible to the test
            record.error = traceback.format_exc()
            status, payload, headers = 500, {"error": "internal", "code": 500}, {}
        if fault is not None and fault.replaces_answer:
            return fault.replacement()
        if fault is not None and fault.kind == "drop_keys":
            payload = fault.strip(payload)
        if fault is not None and fault.kind == "cut_off" and status == 200 and (
                fault.deltas or "date_from" not in request.query):
            payload = fault.cut_off(payload)
        return json_response(status, payload, headers)

    def set_calendar(self, name: str, entries: Any) -> None:
        """What /calendar/<name>.json serves (Simkl's public CDN files: tv, anime, movie_release); [] by default."""
        with self.lock:
            self.calendars[name] = entries

    def _dispatch(self, request: Request) -> Any:
        calendar = CALENDAR_PATH.match(request.path)
        if calendar and request.method == "GET":  # a public CDN file: no client id, no token, no parameters
            return 200, self.calendars.get(calendar.group(1), [])
        route, params = router.match(request.method, request.path)
        if self.options.scrobble_requires_query_ids and request.path.startswith("/scrobble/"):
            gate.check_scrobble_query(request.query)
        allowed = list(self.options.client_ids) if self.options.client_ids is not None else [TEST_CLIENT_ID]
        client_id = gate.check_client_id(request.query, request.headers, allowed)
        if self.options.enforce_app_params:
            gate.check_app_params(request.query, request.headers)
        if not request.body_ok:
            raise wrong_parameter("Body is not valid JSON")
        token = gate.bearer_token(request.headers)
        if self.options.rate_limits:
            gate.check_rate(self.limiter, self.options, token or client_id, request.method,
                            self.clock.precise_now().timestamp())
        if self.options.daily_cap is not None:
            gate.check_day_cap(self.day_counts, self.options.daily_cap, token or client_id, self.clock.now())
        account = gate.check_token(self.accounts, token) if route.needs_token else None
        ctx = Ctx(account, self.catalog, self.options, self.clock.now(), request.query, request.body, params,
                  request.method, self.pins, self.accounts)
        return route.handler(ctx)
