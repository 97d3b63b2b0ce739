"""Simkl's image and page addresses. One fixed size per art type, so Kodi's texture cache keeps each image
once (Simkl asks clients to cache images by URL forever: the same URL never changes)."""
from typing import Dict, Optional

IMAGES = "https://simkl.in"
POSTER_SIZE = "_m"  # 340 px wide
FANART_SIZE = "_medium"  # 1920x1080
PAGE_KINDS = {"movies": "movies", "shows": "tv", "anime": "anime"}


def poster_url(path: Optional[str]) -> Optional[str]:
    return f"{IMAGES}/posters/{path}{POSTER_SIZE}.jpg" if path else None


def fanart_url(path: Optional[str]) -> Optional[str]:
    return f"{IMAGES}/fanart/{path}{FANART_SIZE}.jpg" if path else None


def art(shown: Dict[str, object]) -> Dict[str, str]:
    """The Kodi art of an item from its shown fields (poster and fanart when Simkl gave their paths)."""
    found = {"poster": poster_url(shown.get("p")), "fanart": fanart_url(shown.get("f"))}  # type: ignore[arg-type]
    return {name: url for name, url in found.items() if url}


def page_url(type_: str, simkl: int) -> str:
    """The item's Simkl page (Simkl's rule: link back to the item's own page)."""
    return f"https://simkl.com/{PAGE_KINDS.get(type_, 'tv')}/{simkl}"
