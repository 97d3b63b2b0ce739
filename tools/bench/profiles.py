"""The Kodi profiles `make bench` runs the real-Kodi parts on: each Kodi version of the rig's matrix, and a
"small box" (Kodi pinned to one core under a CPU quota). Each profile measures its own floor, so every
figure is a ratio against the floor of the same Kodi in the same run."""
from dataclasses import dataclass
from typing import List, Optional

SMALL_BOX_QUOTA = 50  # percent of one core: a stick's slower core, roughly


@dataclass(frozen=True)
class Profile:
    key: str
    label: str  # replaces "Kodi" in the table's part names: "2 Kodi 21 first sync"
    kodi: str  # KODI_RIG_VERSION for the rig ("20", "21")
    full: bool = False  # the variants, the write probes and the floor right after the scan too
    quota: Optional[int] = None  # small box: percent of one core; None: Kodi runs free on every core
    most_rounds: Optional[int] = None  # a cap on Sizes.rounds (the small box's runs take four minutes each)
    window: bool = False  # part 2c: the floor and the first sync again with the video window open

    def part(self, part: str) -> str:
        return part.replace("Kodi", self.label, 1) if "Kodi" in part else f"{part} ({self.label})"


PROFILES = {
    "kodi20": Profile("kodi20", "Kodi 20", "20", full=True, window=True),
    "kodi21": Profile("kodi21", "Kodi 21", "21"),
    "small": Profile("small", "Kodi 20 small box", "20", quota=SMALL_BOX_QUOTA, most_rounds=1),
}
DEFAULT = ("kodi20", "kodi21", "small")
SMOKE_DEFAULT = ("kodi20",)


def chosen(names: Optional[str], smoke: bool, quick: bool, window: bool = False) -> List[Profile]:
    """The profiles of a comma-separated list of keys (default: all, the host's Kodi 20 only for --smoke);
    `quick` drops the variants and probes of the full profile (and its window-open runs unless `window`);
    `window` runs those in every profile."""
    keys = [key.strip() for key in names.split(",") if key.strip()] if names else list(
        SMOKE_DEFAULT if smoke else DEFAULT)
    unknown = [key for key in keys if key not in PROFILES]
    if unknown:
        raise SystemExit(f"unknown profile {', '.join(unknown)}; known: {', '.join(PROFILES)}")
    profiles = [PROFILES[key] for key in keys]
    if quick:
        profiles = [Profile(p.key, p.label, p.kodi, False, p.quota, p.most_rounds) for p in profiles]
    if window:
        profiles = [Profile(p.key, p.label, p.kodi, p.full, p.quota, p.most_rounds, True) for p in profiles]
    return profiles
