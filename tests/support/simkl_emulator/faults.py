"""Fault injection: the next N matching requests get a broken answer."""

import json
import threading
from typing import Any, Dict, List, Optional, Sequence

KINDS = ("status", "delay", "malformed", "html", "null", "empty_object", "empty_list", "reset", "drop_keys",
         "cut_off")
# cut_off: a valid answer missing some of the items (the bad day of issue 25): of each all-items list (full, delta
# or ids-only) only the first `share` of the entries is kept; with cut="seasons" every show keeps its entry and its
# counters but only its first season. The emulator bumps the activity stamps when it is injected (bump=True).
CUT_LISTS = ("movies", "shows", "anime")
# Kinds that replace the answer; the request is processed first only with process=True.
REPLACING = ("status", "malformed", "html", "null", "empty_object", "empty_list", "reset")
ERROR_NAMES = {400: "wrong_parameter", 401: "user_token_failed", 404: "url_failed", 409: "already_watched",
               412: "client_id_failed", 429: "rate_limit"}
HTML_PAGE = (b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
             b"<body><h1>Bad Gateway</h1><p>cloudflare</p></body></html>")


class Response:
    def __init__(self, status: int, body: bytes = b"", content_type: str = "application/json",
                 headers: Optional[Dict[str, str]] = None, reset: bool = False) -> None:
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = headers or {}
        self.reset = reset


def json_response(status: int, payload: Any, headers: Optional[Dict[str, str]] = None) -> Response:
    if status == 204:
        return Response(204, b"", headers=headers)
    return Response(status, json.dumps(payload, separators=(",", ":")).encode("utf-8"), headers=headers)


class Fault:
    def __init__(self, kind: str, count: Optional[int], path: Optional[str], method: Optional[str],
                 status: Optional[int], retry_after: Any, seconds: float, keys: Optional[Sequence[str]],
                 process: bool, body_contains: Optional[str] = None, share: float = 0.05, cut: str = "items",
                 deltas: bool = True) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        self.kind = kind
        self.count = count
        self.path = path
        self.method = method.upper() if method else None
        self.status = status
        self.retry_after = retry_after
        self.seconds = seconds
        self.keys = list(keys) if keys else None
        self.process = process
        self.body_contains = body_contains.encode("utf-8") if body_contains else None
        self.share = share
        self.cut = cut
        self.deltas = deltas  # cut_off: False leaves answers asked with date_from whole (the fault still counts)

    def matches(self, method: str, path: str, body: bytes = b"") -> bool:
        if self.method and self.method != method:
            return False
        if self.body_contains is not None and self.body_contains not in (body or b""):
            return False  # a per-item fault: only requests naming that item
        if not self.path:
            return True
        prefix = self.path.rstrip("/")
        return path == self.path or path.rstrip("/") == prefix or path.startswith(prefix + "/")

    @property
    def replaces_answer(self) -> bool:
        return self.kind in REPLACING

    def replacement(self) -> Response:
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}
        if self.kind == "reset":
            return Response(0, reset=True)
        if self.kind == "html":
            return Response(self.status or 502, HTML_PAGE, "text/html; charset=UTF-8", headers)
        if self.kind == "malformed":
            return Response(self.status or 200, b'{"movies": [{"movie": {"title": "Trunc', headers=headers)
        if self.kind == "null":
            return Response(self.status or 200, b"null", headers=headers)
        if self.kind == "empty_object":
            return Response(self.status or 200, b"{}", headers=headers)
        if self.kind == "empty_list":
            return Response(self.status or 200, b"[]", headers=headers)
        status = self.status or 500
        envelope = {"error": ERROR_NAMES.get(status, "internal"), "code": status, "message": "Injected fault"}
        return json_response(status, envelope, headers)

    def strip(self, payload: Any) -> Any:
        """drop_keys: remove the named keys (default: the first key) from the answer's objects."""
        if isinstance(payload, list):
            return [self.strip(item) for item in payload]
        if not isinstance(payload, dict) or not payload:
            return payload
        keys = self.keys or [sorted(payload)[0]]
        return {k: v for k, v in payload.items() if k not in keys}


    def cut_off(self, payload: Any) -> Any:
        """cut_off: the answer's lists shortened (or, cut="seasons", each show's seasons), still valid JSON."""
        if not isinstance(payload, dict):
            return payload
        shortened = dict(payload)
        for name in CUT_LISTS:
            entries = payload.get(name)
            if not isinstance(entries, list):
                continue
            if self.cut == "seasons":
                shortened[name] = [_first_season(entry) for entry in entries]
            else:
                shortened[name] = entries[:int(len(entries) * self.share)]
        return shortened


def _first_season(entry: Any) -> Any:
    if not isinstance(entry, dict) or not isinstance(entry.get("seasons"), list):
        return entry
    return dict(entry, seasons=entry["seasons"][:1])


class FaultBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: List[Fault] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, method: str, path: str, body: bytes = b"") -> Optional[Fault]:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path, body):
                    if fault.count is not None:
                        fault.count -= 1
                        if fault.count <= 0:
                            self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> int:
        with self._lock:
            return len(self._faults)
