"""xbmc.executeJSONRPC: JSON-RPC 2.0 single calls and batches, served by the fake library and player."""
import json
import re

from . import rpc_schema
from .library import UnknownItem
from .library_query import InvalidParams, item_details, list_items

_LASTPLAYED = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
_ERRORS = {-32700: "Parse error.", -32600: "Invalid request.", -32601: "Method not found.",
           -32602: "Invalid params."}


class JsonRpcServer:
    """Answers like Kodi. calls = [(method, params)] of every call; requests = every decoded payload."""

    def __init__(self, kodi):
        self._kodi = kodi
        self.calls = []
        self.requests = []
        self.type_errors = []  # [(method, [problem, ...])] of every call refused for a schema type
        self._methods = {
            "JSONRPC.Ping": lambda params: "pong",
            "JSONRPC.Version": lambda params: {"version": {"major": 13, "minor": 0, "patch": 0}},
            "JSONRPC.NotifyAll": self._notify_all,
            "VideoLibrary.GetMovies": self._list("movie"),
            "VideoLibrary.GetTVShows": self._list("tvshow"),
            "VideoLibrary.GetEpisodes": self._get_episodes,
            "VideoLibrary.GetMovieDetails": self._details("movie"),
            "VideoLibrary.GetTVShowDetails": self._details("tvshow"),
            "VideoLibrary.GetEpisodeDetails": self._details("episode"),
            "VideoLibrary.SetMovieDetails": self._set_details("movie"),
            "VideoLibrary.SetEpisodeDetails": self._set_details("episode"),
            "VideoLibrary.SetTVShowDetails": self._set_show_details,
            "VideoLibrary.Scan": self._scan,
            "Files.SetFileDetails": self._set_file_details,
            "Player.GetActivePlayers": lambda params: self._kodi.player.active_players(),
            "Player.GetItem": self._player_item,
            "Player.GetProperties": self._player_properties,
        }

    def execute(self, text):
        try:
            payload = json.loads(text)
        except (TypeError, ValueError):
            return json.dumps(_error(None, -32700))
        self.requests.append(payload)
        if isinstance(payload, list):
            if not payload:
                return json.dumps(_error(None, -32600))
            answers = [self._answer(request) for request in payload]
            answers = [answer for answer in answers if answer is not None]
            return json.dumps(answers) if answers else ""
        answer = self._answer(payload)
        return json.dumps(answer) if answer is not None else ""

    def _answer(self, request):
        """The answer object, or None for a notification (a request without id), as JSON-RPC 2.0 says."""
        if not isinstance(request, dict) or request.get("jsonrpc") != "2.0" \
                or not isinstance(request.get("method"), str):
            return _error(None, -32600)
        answer = self._dispatch(request.get("id"), request["method"], request.get("params", {}))
        return answer if "id" in request else None

    def _dispatch(self, request_id, method, params):
        self.calls.append((method, params))
        handler = self._methods.get(method)
        if handler is None:
            return _error(request_id, -32601)
        if not isinstance(params, dict):
            return _error(request_id, -32602, method, "params must be an object")
        wrong_types = rpc_schema.problems(method, params)
        if wrong_types:  # Kodi 22 checks the schema types strictly; the fake does on every version
            self.type_errors.append((method, wrong_types))
            return _error(request_id, -32602, method, "; ".join(wrong_types))
        try:
            with self._kodi.lock:
                result = handler(params)
        except (InvalidParams, UnknownItem) as error:
            return _error(request_id, -32602, method, str(error))
        return {"id": request_id, "jsonrpc": "2.0", "result": result}

    # -- JSONRPC -------------------------------------------------------------------------------------
    def _notify_all(self, params):
        _only(params, {"sender", "message", "data"}, required={"sender", "message"})
        if "data" in params and params["data"] is None:
            raise InvalidParams("data may not be null")  # as real Kodi 20 answers
        self._kodi.announce(params["sender"], "Other." + params["message"], params.get("data"))
        return "OK"

    # -- VideoLibrary --------------------------------------------------------------------------------
    def _list(self, kind):
        def handler(params):
            _only(params, {"properties", "limits", "sort", "filter"})
            library = self._kodi.library
            return list_items(library, kind, params, list(library.items[kind].items()))
        return handler

    def _get_episodes(self, params):
        _only(params, {"properties", "limits", "sort", "filter", "tvshowid", "season"})
        tvshowid, season = params.get("tvshowid", -1), params.get("season", -1)
        if season != -1 and tvshowid == -1:
            raise InvalidParams("season needs a tvshowid")
        candidates = [
            (itemid, item) for itemid, item in self._kodi.library.items["episode"].items()
            if tvshowid in (-1, item["tvshowid"]) and season in (-1, item["season"])
        ]
        return list_items(self._kodi.library, "episode", params, candidates)

    def _details(self, kind):
        def handler(params):
            _only(params, {kind + "id", "properties"}, required={kind + "id"})
            return item_details(self._kodi.library, kind, params[kind + "id"], params)
        return handler

    def _set_details(self, kind):
        def handler(params):
            key = kind + "id"
            allowed = {key, "playcount", "lastplayed", "resume", "userrating", "title", "dateadded"}
            if kind == "movie":
                allowed.add("tag")  # Video.Details.Episode has no tags in Kodi's schema
            _only(params, allowed, required={key})
            changes = _validated_changes(params, key)
            self._kodi.library.get(kind, params[key])
            self._kodi.library.writes.append((f"VideoLibrary.Set{_title(kind)}Details", params))
            self._kodi.library.set_details(kind, params[key], changes)
            return "OK"
        return handler

    def _set_show_details(self, params):
        # Kodi sends no OnUpdate for a show's userrating, title or tags (measured on Kodi 20). Its schema
        # takes a playcount and a lastplayed too, and Kodi answers OK, but they change nothing: a show's
        # watched state is its episodes' (tests/e2e/test_shared_files_e2e.py shows it on Kodi 20 and 21).
        _only(params, {"tvshowid", "userrating", "title", "tag", "playcount", "lastplayed"}, required={"tvshowid"})
        changes = _validated_changes(params, "tvshowid")
        show = self._kodi.library.get("tvshow", params["tvshowid"])
        self._kodi.library.writes.append(("VideoLibrary.SetTVShowDetails", params))
        show.update((name, value) for name, value in changes.items() if name in ("userrating", "title"))
        if "tag" in changes:
            show["tag"] = list(changes["tag"])  # the whole array, as Kodi replaces it
        return "OK"

    def _set_file_details(self, params):
        _only(params, {"file", "media", "playcount", "lastplayed", "resume"}, required={"file", "media"})
        if params["media"] != "video":
            raise InvalidParams("media must be video")
        changes = _validated_changes(params, "file")
        changes.pop("media")
        self._kodi.library.writes.append(("Files.SetFileDetails", params))
        self._kodi.library.set_file_details(params["file"], changes)
        return "OK"

    def _scan(self, params):
        self._kodi.scan_finished("video")
        return "OK"

    # -- Player --------------------------------------------------------------------------------------
    def _player_item(self, params):
        _only(params, {"playerid", "properties"}, required={"playerid"})
        return {"item": self._kodi.player.rpc_item(params.get("properties", [])), "playerid": 1}

    def _player_properties(self, params):
        _only(params, {"playerid", "properties"}, required={"playerid", "properties"})
        return self._kodi.player.rpc_properties(params["properties"])


def _validated_changes(params, key):
    changes = {name: value for name, value in params.items() if name != key}
    playcount = changes.get("playcount", 0)
    if not isinstance(playcount, int) or isinstance(playcount, bool) or playcount < 0:
        raise InvalidParams("playcount must be an integer >= 0")
    lastplayed = changes.get("lastplayed", "")
    if not isinstance(lastplayed, str) or (lastplayed and not _LASTPLAYED.match(lastplayed)):
        raise InvalidParams("lastplayed must be 'YYYY-MM-DD HH:MM:SS'")
    resume = changes.get("resume", {})
    if not isinstance(resume, dict) or not set(resume) <= {"position", "total"}:
        raise InvalidParams("resume must be {position, total}")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in resume.values()):
        raise InvalidParams("resume position/total must be numbers")
    userrating = changes.get("userrating", 0)
    if userrating is not None and (not isinstance(userrating, int) or isinstance(userrating, bool)):
        # Kodi 20: "Invalid type string received", type ["null", "integer"].
        raise InvalidParams("userrating must be an integer or null")
    tag = changes.get("tag", [])
    if not isinstance(tag, list) or not all(isinstance(name, str) for name in tag):
        raise InvalidParams("tag must be an array of strings")
    return changes


def _only(params, allowed, required=()):
    unknown = set(params) - set(allowed)
    missing = set(required) - set(params)
    if unknown or missing:
        raise InvalidParams(f"unknown params {sorted(unknown)} / missing params {sorted(missing)}")


def _title(kind):
    return {"movie": "Movie", "episode": "Episode", "tvshow": "TVShow"}[kind]


def _error(request_id, code, method=None, detail=None):
    error = {"code": code, "message": _ERRORS[code]}
    if method:
        error["data"] = {"method": method, "message": detail or ""}
    return {"id": request_id, "jsonrpc": "2.0", "error": error}
