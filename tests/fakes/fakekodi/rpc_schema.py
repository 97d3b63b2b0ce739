"""The JSON-RPC parameter types of the methods the fake serves, as Kodi's schema (JSONRPC.Introspect)
declares them, checked strictly: an integer is a JSON integer (not 1.0, not true, not "1"), a string
is a string, a number is an integer or a float. Kodi 22 validates this strictly (an add-on had to
cast userrating to int for it); the fake does so on every Kodi version so a wrong type fails a test
long before a user runs Piers.

The declarations are ours, written from Kodi's schema; tests/e2e/test_rpc_schema_e2e.py checks them
against the running Kodi's own JSONRPC.Introspect on each Kodi version the rig runs.

Type names: id (integer >= 1), int, int>=0, int?, str, str?, bool, any, number?, strings (array of
strings), strings? (null or array of strings), resume? (null or {position, total} numbers >= 0),
limits, sort, filter (objects), params (ExecuteAddon's: a string, an array of strings or an object
of strings).
"""
PROPERTIES = "strings"

SCHEMA = {
    "JSONRPC.Ping": {},
    "JSONRPC.Version": {},
    "JSONRPC.NotifyAll": {"sender": "str", "message": "str", "data": "any"},
    "VideoLibrary.GetMovies": {"properties": PROPERTIES, "limits": "limits", "sort": "sort", "filter": "filter"},
    "VideoLibrary.GetTVShows": {"properties": PROPERTIES, "limits": "limits", "sort": "sort", "filter": "filter"},
    "VideoLibrary.GetEpisodes": {"tvshowid": "id", "season": "int", "properties": PROPERTIES, "limits": "limits",
                                 "sort": "sort", "filter": "filter"},
    "VideoLibrary.GetMovieDetails": {"movieid": "id", "properties": PROPERTIES},
    "VideoLibrary.GetTVShowDetails": {"tvshowid": "id", "properties": PROPERTIES},
    "VideoLibrary.GetEpisodeDetails": {"episodeid": "id", "properties": PROPERTIES},
    "VideoLibrary.SetMovieDetails": {"movieid": "id", "playcount": "int?", "lastplayed": "str?", "resume": "resume?",
                                     "userrating": "int?", "title": "str?", "dateadded": "str?", "tag": "strings?"},
    "VideoLibrary.SetEpisodeDetails": {"episodeid": "id", "playcount": "int?", "lastplayed": "str?",
                                       "resume": "resume?", "userrating": "int?", "title": "str?",
                                       "dateadded": "str?"},
    "VideoLibrary.SetTVShowDetails": {"tvshowid": "id", "userrating": "int?", "title": "str?", "tag": "strings?",
                                      "playcount": "int?", "lastplayed": "str?"},  # accepted, and ignored
    "Files.SetFileDetails": {"file": "str", "media": "str", "playcount": "int?", "lastplayed": "str?",
                             "resume": "resume?"},
    "VideoLibrary.Scan": {"directory": "str", "showdialogs": "bool"},
    "Player.GetActivePlayers": {},
    "Player.GetItem": {"playerid": "int", "properties": PROPERTIES},
    "Player.GetProperties": {"playerid": "int", "properties": PROPERTIES},
    "Addons.ExecuteAddon": {"addonid": "str", "params": "params", "wait": "bool"},
}

# The JSON types each of our type names allows (what the e2e test compares with Kodi's schema).
JSON_TYPES = {
    "id": {"integer"}, "int": {"integer"}, "int>=0": {"integer"}, "int?": {"null", "integer"},
    "str": {"string"}, "str?": {"null", "string"}, "bool": {"boolean"}, "any": {"any"},
    "number?": {"null", "number"}, "strings": {"array"}, "strings?": {"null", "array"}, "resume?": {"null", "object"},
    "limits": {"object"}, "sort": {"object"}, "filter": {"object"}, "params": {"object", "array", "string"},
}


def problems(method, params):
    """What is wrong with the types of `params` for `method` (empty when all is well or the method
    is not declared here)."""
    declared = SCHEMA.get(method)
    if declared is None or not isinstance(params, dict):
        return []
    found = []
    for name, value in params.items():
        kind = declared.get(name)
        if kind is None:
            continue  # unknown names are the handlers' business (they answer Invalid params)
        problem = _check(kind, value)
        if problem:
            found.append(f"{name}: {problem} (got {value!r})")
    return found


def is_integer(value):
    return type(value) is int  # noqa: E721 - bool is an int subclass, and Kodi's schema tells them apart


def is_number(value):
    return is_integer(value) or type(value) is float  # noqa: E721 - same reason


def _check(kind, value):
    nullable = kind.endswith("?")
    if nullable and value is None:
        return None
    checker = _CHECKS[kind.rstrip("?")]
    return checker(value)


def _check_id(value):
    return None if is_integer(value) and value >= 1 else "must be an integer >= 1"


def _check_int(value):
    return None if is_integer(value) else "must be an integer"


def _check_int_min0(value):
    return None if is_integer(value) and value >= 0 else "must be an integer >= 0"


def _check_str(value):
    return None if isinstance(value, str) else "must be a string"


def _check_bool(value):
    return None if isinstance(value, bool) else "must be a boolean"


def _check_number(value):
    return None if is_number(value) else "must be a number"


def _check_strings(value):
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return None
    return "must be an array of strings"


def _check_resume(value):
    if not isinstance(value, dict) or not set(value) <= {"position", "total"}:
        return "must be an object with position and total only"
    for key, number in value.items():
        if not is_number(number) or number < 0:
            return f"{key} must be a number >= 0"
    return None


def _check_limits(value):
    if not isinstance(value, dict) or not set(value) <= {"start", "end"}:
        return "must be an object with start and end only"
    for key, number in value.items():
        if not is_integer(number) or number < (0 if key == "start" else -1):
            return f"{key} must be an integer"
    return None


def _check_object(value):
    return None if isinstance(value, dict) else "must be an object"


def _check_any(value):
    return None


def _check_params(value):
    if isinstance(value, str):
        return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return None
    if isinstance(value, dict) and all(isinstance(item, str) for item in value.values()):
        return None
    return "must be a string, an array of strings or an object of strings"


_CHECKS = {
    "id": _check_id, "int": _check_int, "int>=0": _check_int_min0, "str": _check_str, "bool": _check_bool,
    "number": _check_number, "strings": _check_strings, "resume": _check_resume, "limits": _check_limits,
    "sort": _check_object, "filter": _check_object, "any": _check_any, "params": _check_params,
}
