"""The PIN (device) login's calls and the question whose token it is (simkl.login runs the login loop).

A part of SimklClient: `_request` is its transport's (client.HttpTransport). The PIN calls carry no token.
"""
from . import errors
from .shapes import kind, nonempty_str


class PinAuth:
    """Mixed into SimklClient: the login's calls."""

    def pin_request(self):
        answer = self._request("GET", "/oauth/pin", auth=False)
        if not isinstance(answer, dict) or not nonempty_str(answer.get("user_code")):
            raise errors.BadResponse("oauth/pin: no user_code in the answer")
        for key in ("expires_in", "interval"):
            value = answer.get(key)
            if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)):
                raise errors.BadResponse(f"oauth/pin: '{key}' is {kind(value)}")
        return answer

    def pin_poll(self, user_code):
        answer = self._request("GET", f"/oauth/pin/{user_code}", auth=False)
        if not isinstance(answer, dict):
            raise errors.BadResponse(f"oauth/pin poll: expected an object, got {kind(answer)}")
        return answer

    def get_user_settings(self):
        answer = self._request("POST", "/users/settings")
        if not isinstance(answer, dict) or not isinstance(answer.get("user", {}), dict):
            raise errors.BadResponse("users/settings: expected an object with 'user'")
        return answer
