"""Checks every request passes before a handler runs: client_id, app params, rate limits, token."""

from datetime import datetime
from typing import Iterable, Optional

from .account import Account
from .accounts import Accounts
from .errors import ApiError, empty_field
from .options import Options
from .ratelimit import RateLimiter
from .requestlog import Headers

APP_PARAMS = ("app-name", "app-version")


def check_client_id(query: dict, headers: Headers, allowed: Iterable[str]) -> str:
    client_id = query.get("client_id") or headers.get("simkl-api-key") or ""
    if client_id not in allowed:
        raise ApiError(412, "client_id_failed", "Your client_id is wrong. Try another one")
    return client_id


def check_app_params(query: dict, headers: Headers) -> None:
    missing = [name for name in APP_PARAMS if not query.get(name)]
    if not headers.get("user-agent"):
        missing.append("User-Agent")
    if missing:
        raise empty_field("Missing required parameter: {}".format(", ".join(missing)))


def check_scrobble_query(query: dict) -> None:
    """The live /scrobble/* endpoints answer 404 when the app does not name itself in the query."""
    if any(not query.get(name) for name in ("client_id",) + APP_PARAMS):
        raise ApiError(404, "not_found", "client_id, app-name and app-version are required in the query")


def check_rate(limiter: RateLimiter, options: Options, caller: str, method: str, now: float) -> None:
    if method == "GET":
        verb_class, limit = "GET", options.get_per_second
    else:
        verb_class, limit = "POST", options.post_per_second
    if not limiter.allow(caller, verb_class, limit, now, options.rate_limit_tolerance):
        retry = options.rate_limit_retry_after
        headers = {"Retry-After": str(retry)} if retry is not None else {}
        raise ApiError(429, "rate_limit", "Too many requests", headers=headers)


def check_day_cap(counts: dict, cap: int, caller: str, now: datetime) -> None:
    """Live Simkl's per-day cap: past `cap` requests in a UTC day, 429 without Retry-After (none was ever seen
    on one). The exact body is unknown; the docs' quota name is used."""
    key = (caller, now.strftime("%Y-%m-%d"))
    counts[key] = counts.get(key, 0) + 1
    if counts[key] > cap:
        raise ApiError(429, "user_limit_exceeded", "Daily request limit reached")


def bearer_token(headers: Headers) -> Optional[str]:
    value = headers.get("authorization") or ""
    if value.lower().startswith("bearer "):
        return value[7:].strip() or None
    return None


def check_token(accounts: Accounts, token: Optional[str]) -> Account:
    account = accounts.active(token)
    if account is None:
        raise ApiError(401, "user_token_failed", "Token is wrong or revoked")
    return account


