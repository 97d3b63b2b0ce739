"""VideoLibrary.Get* answers: the requested properties, sort, limits and filter rules, shaped like Kodi's."""
import os

from .library_filters import matches


class InvalidParams(ValueError):
    """Kodi answers JSON-RPC error -32602 "Invalid params."."""


# Kodi's property enums (Video.Fields.*) that the fake knows; value = default when the item has none.
_COMMON = {"title": "", "playcount": 0, "lastplayed": "", "file": "", "dateadded": "", "uniqueid": {},
           "userrating": 0, "rating": 0.0, "votes": "", "plot": "", "originaltitle": "", "art": {},
           "fanart": "", "thumbnail": "", "runtime": 0, "ratings": {}, "cast": [], "director": [],
           "writer": []}
_PROPERTIES = {
    "movie": dict(_COMMON, year=0, resume=None, imdbnumber="", genre=[], tagline="", plotoutline="",
                  studio=[], mpaa="", country=[], set="", setid=0, showlink=[], streamdetails={},
                  top250=0, trailer="", sorttitle="", tag=[], premiered=""),
    "episode": dict(_COMMON, resume=None, season=0, episode=0, showtitle="", tvshowid=-1, firstaired="",
                    productioncode="", streamdetails={}, specialsortseason=-1, specialsortepisode=-1,
                    seasonid=-1),
    "tvshow": dict(_COMMON, year=0, imdbnumber="", genre=[], studio=[], mpaa="", episode=0,
                   watchedepisodes=0, season=0, premiered="", sorttitle="", episodeguide="", tag=[]),
}
_SORTS = {
    "none": lambda item: 0,
    "label": lambda item: item["label"].lower(),
    "title": lambda item: item["title"].lower(),
    "year": lambda item: item.get("year", 0),
    "playcount": lambda item: item.get("playcount", 0),
    "lastplayed": lambda item: item.get("lastplayed", ""),
    "dateadded": lambda item: item.get("dateadded", ""),
    "file": lambda item: item.get("file", ""),
    "episode": lambda item: (item.get("season", 0), item.get("episode", 0)),
    "tvshowtitle": lambda item: item.get("showtitle", "").lower(),
}


def list_items(library, kind, params, candidates):
    """The answer of GetMovies/GetTVShows/GetEpisodes over candidate (id, item) pairs."""
    properties = _properties(kind, params)
    views = [_view(library, kind, itemid, item) for itemid, item in candidates]
    views = [view for view in views if _passes(params.get("filter"), view)]
    views = _sorted(views, params.get("sort"))
    start, end = _limits(params.get("limits"), len(views))
    answer = {"limits": {"start": start, "end": end, "total": len(views)}}
    page = views[start:end]
    if page:
        answer[kind + "s"] = [_render(kind, view, properties) for view in page]
    return answer


def item_details(library, kind, itemid, params):
    """The answer of Get*Details."""
    properties = _properties(kind, params)
    view = _view(library, kind, itemid, library.get(kind, itemid))
    return {kind + "details": _render(kind, view, properties)}


def _properties(kind, params):
    properties = params.get("properties", [])
    if not isinstance(properties, list):
        raise InvalidParams("properties must be a list")
    unknown = [name for name in properties if name not in _PROPERTIES[kind]]
    if unknown:
        raise InvalidParams(f"unknown {kind} properties: {unknown}")
    return properties


def _view(library, kind, itemid, item):
    """Every field Kodi can report for the item, computed ones included."""
    view = dict(item)
    view[kind + "id"] = itemid
    if kind == "episode":
        view["showtitle"] = library.show_of(item).get("title", "")
        view["label"] = "{}x{:02d}. {}".format(item["season"], item["episode"], item["title"])
    else:
        view["label"] = item["title"]
    if kind == "tvshow":
        episodes = library.episodes_of(itemid)
        watched = [episode for episode in episodes if episode["playcount"] > 0]
        view["episode"] = len(episodes)
        view["watchedepisodes"] = len(watched)
        view["season"] = len({episode["season"] for episode in episodes})
        view["playcount"] = 1 if episodes and len(watched) == len(episodes) else 0
        view["lastplayed"] = max([episode["lastplayed"] for episode in episodes] or [""])
    view["filename"] = os.path.basename(item.get("file", "").rstrip("/"))
    view["path"] = os.path.dirname(item.get("file", "")) + "/"
    return view


def _render(kind, view, properties):
    rendered = {kind + "id": view[kind + "id"], "label": view["label"]}
    for name in properties:
        default = _PROPERTIES[kind][name]
        value = view.get(name, default)
        if name == "resume":
            value = dict(value or {"position": 0.0, "total": 0.0})
        rendered[name] = value
    return rendered


def _passes(rule, view):
    if rule is None:
        return True
    try:
        return matches(rule, view)
    except ValueError as error:
        raise InvalidParams(str(error)) from None


def _sorted(views, sort):
    if not sort:
        return views
    method = sort.get("method", "none")
    if method not in _SORTS:
        raise InvalidParams(f"unsupported sort method {method!r}")
    return sorted(views, key=_SORTS[method], reverse=sort.get("order") == "descending")


def _limits(limits, total):
    limits = limits or {}
    start = limits.get("start", 0)
    end = limits.get("end", -1)
    if not isinstance(start, int) or not isinstance(end, int) or start < 0:
        raise InvalidParams("limits must be integers, start >= 0")
    if end < 0 or end > total:
        end = total
    start = min(start, end)
    return start, end
