"""The reads a sync makes: activities, all-items, playback (resume points), ratings, and the file search.

A part of SimklClient: `_request` is its transport's (client.HttpTransport). Each answer's shape is checked,
and the empty shapes live Simkl sends for "nothing" read as an empty value.
"""
from . import errors
from .shapes import kind, list_of_objects


class SyncReads:
    """Mixed into SimklClient: reads that check each answer's shape."""

    def get_activities(self):
        answer = self._request("GET", "/sync/activities")
        if not isinstance(answer, dict) or "all" not in answer:
            raise errors.BadResponse(f"activities: expected an object with 'all', got {kind(answer)}")
        if answer["all"] is not None and not isinstance(answer["all"], str):
            raise errors.BadResponse("activities: 'all' is {}".format(kind(answer["all"])))
        for domain in ("tv_shows", "anime", "movies", "settings"):
            if answer.get(domain) is not None and not isinstance(answer[domain], dict):
                raise errors.BadResponse(f"activities: '{domain}' is {kind(answer[domain])}")
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
            raise errors.BadResponse(f"all-items: expected an object, got {kind(answer)}")
        for key in ("movies", "shows", "anime"):
            if key in answer:
                answer[key] = list_of_objects(answer[key], f"all-items '{key}'")
        return answer

    def get_playback(self, type_=None, date_from=None):
        path = "/sync/playback" + (f"/{type_}" if type_ else "")
        params = {"date_from": date_from} if date_from else None
        answer = self._request("GET", path, params=params)
        if answer == {}:
            return []  # every empty shape means "no sessions"; a non-empty object stays unreadable
        return list_of_objects(answer, "playback")

    def get_ratings(self, type_, ratings="1,2,3,4,5,6,7,8,9,10"):
        """Every title of a type the user rated (null and {} mean none). The body is returned as Simkl sent it;
        core.ratings.parse_ratings reads it and tells an unreadable one apart."""
        return self._request("GET", f"/sync/ratings/{type_}/{ratings}")

    def search_file(self, path):
        """Simkl's guess for a file name, or None when it has none."""
        answer = self._request("POST", "/search/file", body={"file": path}, auth=False)
        if not answer:
            return None
        if not isinstance(answer, dict):
            raise errors.BadResponse(f"search/file: expected an object, got {kind(answer)}")
        return answer
