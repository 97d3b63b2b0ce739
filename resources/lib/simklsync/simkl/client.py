"""The one HTTP client for everything the add-on sends to Simkl.

One requests Session (connection reuse), a timeout and TLS verification on every call, the identifiers
Simkl requires on every request, typed errors for every failure, bounded retries with backoff, and pacing
to the documented limits (1 write/s, 10 reads/s). Requests never run in parallel: one lock serialises them.
"""
import email.utils
import json
import logging
import os
import random
import re
import threading
import time

import requests

from ..constants import API_URL, API_URL_ENV, APP_NAME
from ..core import budget as budget_rules
from . import errors

LOG = logging.getLogger("simklsync.client")

WRITE_SPACING = 1.0  # seconds between writes (1 POST/s per token)
READ_SPACING = 0.1  # seconds between reads (10 GET/s per token)
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
# A Retry-After longer than this is not waited for inside a call: the caller reschedules instead.
MAX_RETRY_AFTER = 60.0
SCROBBLE_ACTIONS = ("start", "pause", "stop")
ERROR_NAME = re.compile(r"^[A-Za-z_]{1,40}$")
RETRYABLE = (errors.TransientError, errors.RateLimited)


def _sleep(seconds):
    time.sleep(seconds)
    return False


class SimklClient:
    def __init__(self, client_id, app_version, token=None, base_url=None, session=None, wait=None,
                 clock=time.monotonic, rng=random.random, timeout=(5, 30), max_retries=3, budget=None,
                 wall_clock=time.time):
        self.client_id = client_id
        self.app_version = app_version
        self.token = token
        self.base_url = (base_url or os.environ.get(API_URL_ENV) or API_URL).rstrip("/")
        self.session = session or requests.Session()
        self.wait = wait or _sleep
        self.clock = clock
        self.rng = rng
        self.timeout = timeout
        self.max_retries = max_retries
        # core.budget.DayBudget (or None): the day's request count and the day-cap back-off, saved.
        self.budget = budget
        self.wall_clock = wall_clock
        self.request_count = 0
        self._lock = threading.Lock()
        self._next_write = None
        self._next_read = None
        self._refused_id = None

    def close(self):
        """Closes the pooled connections (a script that is done with Simkl)."""
        self.session.close()

    def __repr__(self):
        return f"SimklClient({self.base_url}, logged_in={bool(self.token)})"

    # --- sync -------------------------------------------------------------------------------------

    def get_activities(self):
        answer = self._request("GET", "/sync/activities")
        if not isinstance(answer, dict) or "all" not in answer:
            raise errors.BadResponse(f"activities: expected an object with 'all', got {_kind(answer)}")
        if answer["all"] is not None and not isinstance(answer["all"], str):
            raise errors.BadResponse("activities: 'all' is {}".format(_kind(answer["all"])))
        for domain in ("tv_shows", "anime", "movies", "settings"):
            if answer.get(domain) is not None and not isinstance(answer[domain], dict):
                raise errors.BadResponse(f"activities: '{domain}' is {_kind(answer[domain])}")
        return answer

    def get_all_items(self, type_, status=None, date_from=None, extended="full", episode_watched_at=True,
                      include_all_episodes=True):
        path = f"/sync/all-items/{type_}" + (f"/{status}" if status else "")
        params = {"extended": extended}
        if date_from:
            params["date_from"] = date_from
        if episode_watched_at:
            params["episode_watched_at"] = "yes"
        if include_all_episodes:
            params["include_all_episodes"] = "yes"
        answer = self._request("GET", path, params=params)
        if answer is None or answer == []:
            return {}  # live Simkl says "nothing" as null (older apps) or {} (newer ones); [] read the same
        if not isinstance(answer, dict):
            raise errors.BadResponse(f"all-items: expected an object, got {_kind(answer)}")
        for key in ("movies", "shows", "anime"):
            if key in answer:
                answer[key] = _list_of_objects(answer[key], f"all-items '{key}'")
        return answer

    def get_playback(self, type_=None, date_from=None):
        path = "/sync/playback" + (f"/{type_}" if type_ else "")
        params = {"date_from": date_from} if date_from else None
        answer = self._request("GET", path, params=params)
        if answer == {}:
            return []  # every empty shape means "no sessions"; a non-empty object stays unreadable
        return _list_of_objects(answer, "playback")

    def delete_playback(self, playback_id):
        """True when Simkl deleted it, False when it was already gone."""
        try:
            self._request("DELETE", f"/sync/playback/{int(playback_id)}")
        except errors.NotFound:
            return False
        return True

    def add_history(self, body):
        return _object_or_empty(self._request("POST", "/sync/history", body=body), "history")

    def remove_history(self, body):
        return _object_or_empty(self._request("POST", "/sync/history/remove", body=body), "history/remove")

    def get_ratings(self, type_, ratings="1,2,3,4,5,6,7,8,9,10"):
        """Every title of a type the user rated (null and {} mean none). The body is returned as Simkl sent it;
        core.ratings.parse_ratings reads it and tells an unreadable one apart."""
        return self._request("GET", f"/sync/ratings/{type_}/{ratings}")

    def add_ratings(self, body):
        return _object_or_empty(self._request("POST", "/sync/ratings", body=body), "ratings")

    def remove_ratings(self, body):
        return _object_or_empty(self._request("POST", "/sync/ratings/remove", body=body), "ratings/remove")

    def add_to_list(self, body):
        return _object_or_empty(self._request("POST", "/sync/add-to-list", body=body), "add-to-list")

    def scrobble(self, action, body):
        """409 means Simkl recorded this view already: that is success, returned as already_recorded."""
        if action not in SCROBBLE_ACTIONS:
            raise ValueError("scrobble action must be one of {}".format(", ".join(SCROBBLE_ACTIONS)))
        try:
            answer = self._request("POST", f"/scrobble/{action}", body=body)
        except errors.Conflict as conflict:
            recorded = dict(conflict.body)
            recorded["already_recorded"] = True
            return recorded
        return _object_or_empty(answer, "scrobble")

    def search_file(self, path):
        """Simkl's guess for a file name, or None when it has none."""
        answer = self._request("POST", "/search/file", body={"file": path}, auth=False)
        if not answer:
            return None
        if not isinstance(answer, dict):
            raise errors.BadResponse(f"search/file: expected an object, got {_kind(answer)}")
        return answer

    # --- account ----------------------------------------------------------------------------------

    def get_user_settings(self):
        answer = self._request("POST", "/users/settings")
        if not isinstance(answer, dict) or not isinstance(answer.get("user", {}), dict):
            raise errors.BadResponse("users/settings: expected an object with 'user'")
        return answer

    def pin_request(self):
        answer = self._request("GET", "/oauth/pin", auth=False)
        if not isinstance(answer, dict) or not _nonempty_str(answer.get("user_code")):
            raise errors.BadResponse("oauth/pin: no user_code in the answer")
        for key in ("expires_in", "interval"):
            value = answer.get(key)
            if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)):
                raise errors.BadResponse(f"oauth/pin: '{key}' is {_kind(value)}")
        return answer

    def pin_poll(self, user_code):
        answer = self._request("GET", f"/oauth/pin/{user_code}", auth=False)
        if not isinstance(answer, dict):
            raise errors.BadResponse(f"oauth/pin poll: expected an object, got {_kind(answer)}")
        return answer

    # --- transport --------------------------------------------------------------------------------

    def allow_attempt(self):
        """A user's own action (Sync now): the next request goes out even after a refused app id or inside a
        day-cap back-off, so syncing resumes as soon as Simkl allows it."""
        self._refused_id = None
        if self.budget is not None:
            self.budget.allow_attempt()

    def _request(self, method, path, params=None, body=None, auth=True):
        with self._lock:
            self._check_app_id(method, path)
            self._check_budget(method, path)
            attempt = 0
            while True:
                try:
                    return self._attempt(method, path, params, body, auth)
                except errors.RateLimited as error:
                    self._back_off_for_the_day(error, f"{method} {path}")
                    self._wait_before_retry(error, attempt, f"{method} {path}")
                    attempt += 1
                except RETRYABLE as error:
                    self._wait_before_retry(error, attempt, f"{method} {path}")
                    attempt += 1
                except errors.ClientIdRejected as error:
                    if error.code == errors.CLIENT_ID_FAILED:
                        # Simkl will refuse this id again: no further request with it until the user acts.
                        self._refused_id = self.client_id
                    raise

    def _check_app_id(self, method, path):
        if not self.client_id:
            raise errors.NoClientId(f"{method} {path} not sent: this build has no Simkl app id")
        if self._refused_id == self.client_id:
            raise errors.ClientIdRejected(f"{method} {path} not sent: Simkl refused this app id",
                                          None, errors.CLIENT_ID_FAILED)

    def _check_budget(self, method, path):
        if self.budget is None:
            return
        until = self.budget.blocked(self.wall_clock())
        if until is not None:
            raise errors.DailyLimitReached(f"{method} {path} not sent: Simkl's daily limit", until,
                                           until - self.wall_clock())

    def _back_off_for_the_day(self, error, what):
        """A 429 naming no wait (or a long one, or the daily quota) stops requests for a while, saved: no retries
        in quick succession, and a Kodi restart does not start a new storm."""
        if not budget_rules.is_day_cap(error.retry_after, error.code):
            return
        now = self.wall_clock()
        long_wait = error.retry_after if error.retry_after and error.retry_after > budget_rules.SHORT_RETRY_AFTER \
            else None
        if self.budget is not None:
            until = self.budget.refused(now, long_wait)
        else:
            until = now + (long_wait or budget_rules.FIRST_BACKOFF)
        LOG.warning("%s: Simkl's request limit (429%s); nothing sent before %s", what,
                    f" {error.code}" if error.code else "", budget_rules.utc_text(until))
        raise errors.DailyLimitReached(error.detail, until, until - now) from None

    def _wait_before_retry(self, error, attempt, what):
        """Sleeps the backoff (or Retry-After); re-raises the error when no retry is due."""
        delay = self._retry_delay(error, attempt)
        if delay is None:
            raise error
        LOG.info("%s: %s, retry %d in %.1f s", what, _describe(error), attempt + 1, delay)
        if self.wait(delay):
            raise errors.Aborted(f"{what} abandoned: Kodi is closing") from None

    def _retry_delay(self, error, attempt):
        if attempt >= self.max_retries:
            return None
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            return retry_after if retry_after <= MAX_RETRY_AFTER else None
        ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
        return ceiling / 2 + self.rng() * ceiling / 2

    def _attempt(self, method, path, params, body, auth):
        self._pace(method)
        query = {"client_id": self.client_id, "app-name": APP_NAME, "app-version": self.app_version}
        query.update(params or {})
        started = self.clock()
        self.request_count += 1
        if self.budget is not None:
            self.budget.sent(self.wall_clock())
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
            self._reserve(method)
        if failure:
            # Raised outside the except block so requests' own text (URL, headers) is not chained to it.
            raise errors.TransientError(f"{method} {path} {failure}")
        LOG.debug("%s %s -> %s in %.2f s", method, path, response.status_code, self.clock() - started)
        if self.budget is not None and response.status_code != 429:
            self.budget.succeeded(self.wall_clock())
        try:
            return _decode(method, path, response)
        finally:
            response.close()

    def _headers(self, auth, has_body):
        headers = {"User-Agent": f"{APP_NAME}/{self.app_version}", "Accept": "application/json"}
        if has_body:
            headers["Content-Type"] = "application/json"
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _pace(self, method):
        """Waits until the next request of this kind is allowed."""
        ready_at = self._next_read if method == "GET" else self._next_write
        now = self.clock()
        if ready_at is not None and now < ready_at and self.wait(ready_at - now):
            raise errors.Aborted(f"{method} abandoned: Kodi is closing")

    def _reserve(self, method):
        # Counted from the end of a request: Simkl counts arrivals, and the previous one may have arrived late.
        if method == "GET":
            self._next_read = self.clock() + READ_SPACING
        else:
            self._next_write = self.clock() + WRITE_SPACING


def _decode(method, path, response):
    status = response.status_code
    where = f"{method} {path}"
    if 200 <= status < 300:
        return _json_body(response, where)
    raise _error_for(status, where, response)


def _error_for(status, where, response):
    body = _error_body(response)
    code = body.get("error")
    # Only a short error name goes into texts: the body of an answer is never copied into an exception.
    code = code if isinstance(code, str) and ERROR_NAME.match(code) else None
    detail = "{} answered {}{}".format(where, status, f" ({code})" if code else "")
    if status == 412 or code == errors.CLIENT_ID_FAILED:
        return errors.ClientIdRejected(detail, status, code)
    if status == 401:
        return errors.LoginRequired(detail, status)
    if status == 429:
        return errors.RateLimited(detail, status, _retry_after(response.headers.get("Retry-After")), code)
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


def _retry_after(value):
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


def _list_of_objects(value, what):
    if value is None:
        return []
    if not isinstance(value, list):
        raise errors.BadResponse(f"{what}: expected a list, got {_kind(value)}")
    for item in value:
        if not isinstance(item, dict):
            raise errors.BadResponse(f"{what}: expected objects in the list, found {_kind(item)}")
    return value


def _object_or_empty(value, what):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise errors.BadResponse(f"{what}: expected an object, got {_kind(value)}")
    return value


def _nonempty_str(value):
    return isinstance(value, str) and bool(value.strip())


def _kind(value):
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "an object" if value else "an empty object"
    return type(value).__name__


def _describe(error):
    return f"{type(error).__name__} ({error.status})" if error.status else type(error).__name__
