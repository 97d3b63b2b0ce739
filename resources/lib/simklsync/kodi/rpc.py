"""JSON-RPC inside Kodi: single calls, batches and paged reads."""
import json
import logging

import xbmc

from ..core.reasons import with_detail

LOG = logging.getLogger("simklsync.rpc")

# The reason code a cycle that failed on Kodi's side leaves in the status file (core/reasons.py).
KODI_LIBRARY_FAILED = "kodi_library_failed"


class RpcError(Exception):
    """Kodi answered a JSON-RPC call with an error: the method and Kodi's message (or what was wrong)."""

    def __init__(self, method, message):
        super().__init__(f"{method} failed: {message}")
        self.method = method
        self.message = message

    @property
    def reason(self):
        """The status file's reason code, Kodi's method and message as its detail (shown as they are)."""
        return with_detail(KODI_LIBRARY_FAILED, f"{self.method}: {self.message}")


def call(method, params=None):
    """One JSON-RPC call; returns its result or raises RpcError."""
    request = {"jsonrpc": "2.0", "id": 1, "method": method}
    if params is not None:
        request["params"] = params
    answer = _decode(xbmc.executeJSONRPC(json.dumps(request)))
    if not isinstance(answer, dict) or "error" in answer:
        raise RpcError(method, _error_text(answer))
    return answer.get("result")


def batch(calls):
    """Send [{"method", "params"}, ...] as one JSON-RPC batch. Returns the failures as (index, error)."""
    if not calls:
        return []
    requests = [
        {"jsonrpc": "2.0", "id": index, "method": c["method"], "params": c.get("params", {})}
        for index, c in enumerate(calls)
    ]
    answers = _decode(xbmc.executeJSONRPC(json.dumps(requests)))
    if not isinstance(answers, list):
        return [(index, _error_text(answers)) for index in range(len(calls))]
    seen = set()
    failures = []
    for answer in answers:
        if not isinstance(answer, dict):
            continue
        index = answer.get("id")
        seen.add(index)
        if "error" in answer:
            failures.append((index, _error_text(answer)))
    failures.extend((index, "no answer") for index in range(len(calls)) if index not in seen)
    return failures


def paged(method, params, key, page_size=2000):
    """Read a whole library list in pages of page_size (limits.start/end), yielding items."""
    start = 0
    while True:
        page = dict(params)
        page["limits"] = {"start": start, "end": start + page_size}
        result = call(method, page) or {}
        items = result.get(key) or []
        yield from items
        total = (result.get("limits") or {}).get("total", 0)
        start += page_size
        if not items or start >= total:
            return


def _decode(text):
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return None


def _error_text(answer):
    if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
        error = answer["error"]
        data = error.get("data") if isinstance(error.get("data"), dict) else {}
        detail = data.get("message") if isinstance(data.get("message"), str) else ""
        return f"{error.get('message', 'error')} {detail}".strip()  # Kodi's detail says which value it refused
    return "invalid answer"
