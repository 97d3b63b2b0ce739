"""What can go wrong when talking to Simkl, as typed errors.

Every error carries `user_message` (plain English, for logs and tests) and `string_id` (the strings.po id
the Kodi UI shows instead). No error text ever contains the access token: the client builds the texts
from status codes and Simkl's short error names, never from headers or request bodies.
"""
from ..core.budget import utc_text

CLIENT_ID_FAILED = "client_id_failed"


class SimklError(Exception):
    """Base class. `status` is the HTTP status when there was one."""

    user_message = "Simkl could not be reached."
    string_id = 32050

    def __init__(self, detail="", status=None):
        super().__init__(detail or self.user_message)
        self.detail = detail
        self.status = status


class LoginRequired(SimklError):
    """401: the token is missing, wrong or was revoked at simkl.com."""

    user_message = "Simkl login needed. Log in again from the add-on settings."
    string_id = 32051


class ClientIdRejected(SimklError):
    """412, or any answer naming client_id_failed: Simkl refuses the app id (a wrong override, a build with an
    id Simkl does not know, or a throttle block). `code` is Simkl's error name."""

    user_message = "Simkl rejected the add-on's client id. Check the client id in the advanced settings."
    string_id = 32052

    def __init__(self, detail="", status=412, code=None):
        super().__init__(detail, status)
        self.code = code
        if code == CLIENT_ID_FAILED:
            self.user_message = ("Simkl does not accept the app id this add-on uses (client_id_failed). Enter "
                                 "the client id of your own Simkl app in the add-on settings: Advanced → Own "
                                 "Simkl client id. Then log in again.")
            self.string_id = 32226


class NoClientId(ClientIdRejected):
    """This build carries no Simkl app id and none is set in Advanced settings: nothing is sent to Simkl."""

    user_message = ("This build of Simkl Sync has no Simkl app id. Register an app at simkl.com/settings/developer "
                    "and enter its client id in the add-on settings: Advanced → Own Simkl client id (shown at the "
                    "Advanced settings level). Then log in.")
    string_id = 32225

    def __init__(self, detail="this build has no Simkl app id"):
        super().__init__(detail, None, None)


class RateLimited(SimklError):
    """429: too many requests. `retry_after` is in seconds, None when Simkl did not say."""

    user_message = "Simkl asks to slow down. The add-on will try again later."
    string_id = 32053

    def __init__(self, detail="", status=429, retry_after=None, code=None):
        super().__init__(detail, status)
        self.retry_after = retry_after
        self.code = code


class DailyLimitReached(RateLimited):
    """Simkl's daily request limit: nothing goes out before `until` (wall-clock epoch seconds), except one
    request for a user's own action. `retry_after` is the seconds left, so queues wait it out."""

    user_message = "Simkl's daily request limit was reached. Syncing resumes at {time}."
    string_id = 32227

    def __init__(self, detail="", until=0.0, retry_after=None):
        super().__init__(detail or "Simkl's daily request limit", 429, retry_after)
        self.until = until
        self.string_args = {"time": utc_text(until)}
        self.user_message = self.user_message.format(time=self.string_args["time"])


class TransientError(SimklError):
    """5xx, timeouts, connection failures: worth trying again later."""

    user_message = "Simkl could not be reached. The add-on will try again later."
    string_id = 32050


class BadResponse(SimklError):
    """The answer was not what the API documents: malformed JSON, an HTML page, a wrong shape."""

    user_message = "Simkl sent an answer the add-on does not understand."
    string_id = 32054


class NotFound(SimklError):
    """404. `code` is Simkl's error name (id_err, empty, url_failed, ...)."""

    user_message = "Simkl does not know this item."
    string_id = 32055

    def __init__(self, detail="", status=404, code=None):
        super().__init__(detail, status)
        self.code = code


class BadRequest(SimklError):
    """400. `code` is Simkl's error name; RATE_LIMIT is the per-user scrobble lock (retry after 20 s)."""

    user_message = "Simkl refused the request."
    string_id = 32056

    def __init__(self, detail="", status=400, code=None):
        super().__init__(detail, status)
        self.code = code


class RequestRejected(SimklError):
    """Any other 4xx (403 and friends)."""

    user_message = "Simkl refused the request."
    string_id = 32056


class Conflict(SimklError):
    """409: on scrobble it means the view is already recorded, which the client turns into success."""

    user_message = "Simkl already recorded this."
    string_id = 32057

    def __init__(self, detail="", status=409, body=None):
        super().__init__(detail, status)
        self.body = body if isinstance(body, dict) else {}


class PinCodeGone(SimklError):
    """The PIN code was replaced or forgotten by Simkl while waiting; the login has to start again."""

    user_message = "The login code is no longer valid. Start the login again."
    string_id = 32058


class Aborted(SimklError):
    """Kodi is shutting down; the request was not (or not completely) made."""

    user_message = "Stopped because Kodi is closing."
    string_id = 32059
