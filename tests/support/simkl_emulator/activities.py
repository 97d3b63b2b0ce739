"""Per-user /sync/activities timestamps: which bucket moves on which change."""

from datetime import datetime
from typing import Any, Dict, Optional

from .timefmt import parse_iso, to_iso

DOMAIN_OF_KIND = {"movie": "movies", "show": "tv_shows", "anime": "anime"}
SHOW_BUCKETS = ("all", "rated_at", "playback", "plantowatch", "watching", "completed", "hold", "dropped",
                "removed_from_list")
# Movies are atomic: the block has no watching / hold keys at all.
MOVIE_BUCKETS = tuple(b for b in SHOW_BUCKETS if b not in ("watching", "hold"))


class Activities:
    def __init__(self) -> None:
        self.all: Optional[datetime] = None
        self.settings: Optional[datetime] = None
        self.domains: Dict[str, Dict[str, Optional[datetime]]] = {
            "tv_shows": dict.fromkeys(SHOW_BUCKETS),
            "anime": dict.fromkeys(SHOW_BUCKETS),
            "movies": dict.fromkeys(MOVIE_BUCKETS),
        }

    def bump(self, kind: str, bucket: Optional[str], when: datetime) -> None:
        block = self.domains[DOMAIN_OF_KIND[kind]]
        if bucket is None or bucket not in block:
            return
        block[bucket] = when
        block["all"] = _latest(block["all"], when)
        self.all = _latest(self.all, when)

    def bump_settings(self, when: datetime) -> None:
        self.settings = when
        self.all = _latest(self.all, when)

    def render(self) -> Dict[str, Any]:
        body: Dict[str, Any] = {"all": to_iso(self.all), "settings": {"all": to_iso(self.settings)}}
        for domain, block in self.domains.items():
            body[domain] = {bucket: to_iso(value) for bucket, value in block.items()}
        return body

    @classmethod
    def from_rendered(cls, data: Dict[str, Any]) -> "Activities":
        activities = cls()
        activities.all = parse_iso(data.get("all"))
        activities.settings = parse_iso((data.get("settings") or {}).get("all"))
        for domain, block in activities.domains.items():
            saved = data.get(domain) or {}
            for bucket in block:
                block[bucket] = parse_iso(saved.get(bucket))
        return activities


def _latest(current: Optional[datetime], when: datetime) -> datetime:
    return when if current is None or when > current else current
