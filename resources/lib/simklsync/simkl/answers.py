"""Simkl's HTTP answers read into JSON values or typed errors (simkl.errors).

Only a short error name from an answer goes into an error's text: an answer's body is never copied into an
exception, so a token a server echoes back cannot reach a log.
"""
import email.utils
import json
import re
import time

from . import errors

ERROR_NAME = re.compile(r"^[A-Za-z_]{1,40}$")


def decode(method, path, response):
    """The JSON of a 2xx answer (None when empty); any other status raises its typed error."""
    status = response.status_code
    where = f"{method} {path}"
    if 200 <= status < 300:
        return _json_body(response, where)
    raise _error_for(status, where, response)


def _error_for(status, where, response):
    body = _error_body(response)
    code = body.get("error")
    code = code if isinstance(code, str) and ERROR_NAME.match(code) else None
    detail = "{} answered {}{}".format(where, status, f" ({code})" if code else "")
    if status == 412 or code == errors.CLIENT_ID_FAILED:
        return errors.ClientIdRejected(detail, status, code)
    if status == 401:
        return errors.LoginRequired(detail, status)
    if status == 429:
        return errors.RateLimited(detail, status, retry_after(response.headers.get("Retry-After")), code)
    if status == 409:
        return errors.Conflict(detail, status, body)
    if status == 404:
        return errors.NotFound(detail, status, code)
    if status == 400:
        return errors.BadRequest(detail, status, code)
    if status >= 500:
        return errors.TransientError(detail, status)
    return errors.RequestRejected(detail, status)


def _json_body(response, where):
    text = response.text
    if not text or not text.strip():
        return None
    if "html" in response.headers.get("Content-Type", "").lower() or text.lstrip().startswith("<"):
        raise errors.BadResponse(f"{where} sent an HTML page instead of JSON", response.status_code)
    try:
        return json.loads(text)
    except ValueError:
        pass
    raise errors.BadResponse(f"{where} sent malformed JSON", response.status_code)


def _error_body(response):
    try:
        body = json.loads(response.text)
    except (TypeError, ValueError):
        return {}
    return body if isinstance(body, dict) else {}


def retry_after(value):
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())
