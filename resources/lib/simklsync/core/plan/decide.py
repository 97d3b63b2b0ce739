"""Each target against Kodi's current values: the write that makes Kodi agree, only where they differ.
A watched mark (with Simkl's date, clearing the resume point as Kodi's own mark does), a newer lastplayed,
an unmark of what is in sync (watched on both sides, or marked by this add-on) whose view Simkl
removed, or a resume point; a Kodi change still queued for Simkl wins."""
import datetime
from typing import Any, Dict, Optional, Set

from ..match import KodiIndex
from ..model import MOVIE, kodi_key
from ..times import epoch_to_kodi, kodi_to_utc, to_epoch
from .targets import Target
from .writes import NO_RESUME, Write

LASTPLAYED_SLACK = 60  # seconds Simkl's watched_at must be ahead of Kodi's lastplayed to rewrite it
RESUME_SLACK = 5  # seconds a resume point may differ before it is rewritten
NO_RUNTIME = "no_runtime"


class Decisions:
    def __init__(self, index: KodiIndex, settings, synced: Set[str], pending: Dict[str, bool],
                 tz: Optional[datetime.tzinfo], plan):
        self.index = index
        self.settings = settings
        self.synced = synced
        self.pending = pending
        self.tz = tz
        self.plan = plan

    def decide(self, media: str, kodi_id: int, target: Target) -> None:
        kodi = (self.index.movies if media == MOVIE else self.index.episodes).get(kodi_id)
        if kodi is None:
            return
        self.plan.keys_by_kodi[(media, kodi_id)] = target.first_key
        if kodi_key(media, kodi_id) in self.pending or any(key in self.pending for key in target.keys):
            self.plan.counts["pending_skipped"] += 1
            return
        write = Write(media, kodi_id, target.watched_key or target.first_key)
        if self.settings.watched:
            self._watched(target, kodi, write)
        if target.resume is not None and not target.watched:
            self._resume(target, kodi, write)
        if not write.is_empty():
            self.plan.writes.append(write)

    def _watched(self, target: Target, kodi: Dict[str, Any], write: Write) -> None:
        plan = self.plan
        kodi_watched = _playcount(kodi) > 0
        if target.watched and not kodi_watched:
            write.playcount = 1
            if target.when:
                write.played(target.when, self.tz)
            write.resume = NO_RESUME  # as Kodi's own "mark as watched" does
            plan.marked_keys.extend(target.keys)
            plan.counts["marked"] += 1
        elif target.watched:
            plan.agreed_keys.extend(target.keys)
            if target.when and self._simkl_newer(target.when, kodi.get("lastplayed")):
                write.played(target.when, self.tz)
                plan.counts["lastplayed"] += 1
        elif kodi_watched and self.settings.unwatch_removed:
            synced_keys = [key for key in target.keys if key in self.synced]
            if synced_keys:
                write.playcount = 0
                plan.unmarked_keys.extend(synced_keys)
                plan.counts["unmarked"] += 1

    def _simkl_newer(self, when: int, lastplayed: Any) -> bool:
        if epoch_to_kodi(when, self.tz) == lastplayed:
            return False  # same wall-clock text: also settles the repeated hour of a DST change
        kodi_time = kodi_to_utc(lastplayed, self.tz)
        return kodi_time is None or when - to_epoch(kodi_time) > LASTPLAYED_SLACK

    def _resume(self, target: Target, kodi: Dict[str, Any], write: Write) -> None:
        if (_playcount(kodi) if write.playcount is None else write.playcount) > 0:
            return
        session = target.resume
        runtime = _seconds(kodi.get("runtime"))
        if not runtime:
            title = kodi.get("title") or kodi.get("showtitle", "")
            self.plan.unmatched.append({
                "type": write.media, "title": title, "year": kodi.get("year"), "simkl": session.get("simkl"),
                "reason": NO_RUNTIME, "kodi_id": write.kodi_id,
            })
            return
        kodi_time = kodi_to_utc(kodi.get("lastplayed"), self.tz)
        if kodi_time is not None and to_epoch(kodi_time) > session["paused_at"]:
            return  # played in Kodi after the pause: Kodi's own position is the newer one
        position = int(round(runtime * session["progress"] / 100.0))
        resume = kodi.get("resume")
        current = _seconds(resume.get("position")) if isinstance(resume, dict) else 0
        if abs(position - current) > RESUME_SLACK:
            write.resume = {"position": position, "total": runtime}
            self.plan.counts["resume"] += 1


def _playcount(kodi: Dict[str, Any]) -> int:
    value = kodi.get("playcount")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _seconds(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value <= 0:
        return 0
    return int(round(value))
