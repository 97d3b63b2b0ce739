"""The Kodi items a cycle's plan needs: all of them, or on a delta cycle only what its scope can touch."""
from ..core.match import KodiIndex


def read_snapshot(library, mirror, settings, scope, tags=False):
    """All of Kodi's items, or on a delta cycle the movies (when a movie is in scope) and the episodes of the
    shows in scope only, read show by show. `tags`: with their tags."""
    extra = {"tags": True} if tags else {}
    if scope.is_everything:
        return library.snapshot(movies=settings.movies, shows=settings.shows or settings.anime, **extra)
    movies = settings.movies and any(_is_movie(mirror, simkl) for simkl in scope)
    shows = (settings.shows or settings.anime) and not all(_is_movie(mirror, simkl) for simkl in scope)
    snapshot = library.snapshot(movies=movies, shows=shows, episodes_of=set(), **extra)
    if shows:
        shows_index = KodiIndex((), snapshot.shows, ())
        wanted = set()
        for item in _scoped_items(mirror, ("shows", "anime"), scope):
            wanted.update(shows_index.match_show(item.ids, item.title, item.year).copies)
        for session in mirror.playback:
            if session.get("simkl") in scope and session.get("kind") != "movie":
                wanted.update(shows_index.match_show(session.get("ids") or {}).copies)
        snapshot.episodes = library.episodes_of(wanted)
    return snapshot


def _is_movie(mirror, simkl):
    if mirror.get("movies", simkl) is not None or mirror.get_removed("movies", simkl) is not None:
        return True
    anime = mirror.get("anime", simkl)
    return anime is not None and anime.anime_type == "movie"


def _scoped_items(mirror, types, scope):
    for type_ in types:
        for simkl in scope:
            item = mirror.get(type_, simkl) or mirror.get_removed(type_, simkl)
            if item is not None:
                yield item
