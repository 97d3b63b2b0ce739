"""The writes: history, ratings, lists, scrobbles and deleting a resume point.

A part of SimklClient: `_request` is its transport's (client.HttpTransport). An answer reads as an object
(an empty one when Simkl sent none).
"""
from . import errors
from .shapes import object_or_empty

SCROBBLE_ACTIONS = ("start", "pause", "stop")


class SyncWrites:
    """Mixed into SimklClient: writes whose answers read as objects."""

    def add_history(self, body):
        return object_or_empty(self._request("POST", "/sync/history", body=body), "history")

    def remove_history(self, body):
        return object_or_empty(self._request("POST", "/sync/history/remove", body=body), "history/remove")

    def add_ratings(self, body):
        return object_or_empty(self._request("POST", "/sync/ratings", body=body), "ratings")

    def remove_ratings(self, body):
        return object_or_empty(self._request("POST", "/sync/ratings/remove", body=body), "ratings/remove")

    def add_to_list(self, body):
        return object_or_empty(self._request("POST", "/sync/add-to-list", body=body), "add-to-list")

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
        return object_or_empty(answer, "scrobble")

    def delete_playback(self, playback_id):
        """True when Simkl deleted it, False when it was already gone."""
        try:
            self._request("DELETE", f"/sync/playback/{int(playback_id)}")
        except errors.NotFound:
            return False
        return True
