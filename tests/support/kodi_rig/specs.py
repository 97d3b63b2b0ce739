"""What a test library holds: plain descriptions the rig turns into .nfo files and media files."""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Union


@dataclass
class MovieSpec:
    title: str
    year: int
    runtime: int = 100  # minutes, as Kodi stores it from the .nfo
    uniqueids: Dict[str, str] = field(default_factory=dict)  # e.g. {"imdb": "tt0133093", "tmdb": "603"}
    video_seconds: Optional[int] = None  # length of a real video; None = the library default
    version: str = ""  # another version of the same movie (same ids) gets its own folder and file

    @property
    def folder_name(self):
        suffix = f" - {_safe(self.version)}" if self.version else ""
        return f"{_safe(self.title)} ({self.year}){suffix}"


@dataclass
class EpisodeSpec:
    season: int
    episode: int
    title: str = ""
    runtime: int = 30
    uniqueids: Dict[str, str] = field(default_factory=dict)
    video_seconds: Optional[int] = None


@dataclass
class ShowSpec:
    title: str
    year: int
    uniqueids: Dict[str, str] = field(default_factory=dict)  # e.g. {"tvdb": "81189", "imdb": "tt0903747"}
    # An entry that is a list of episodes is one multi-episode file (S01E01E02): one file record in Kodi.
    episodes: List[Union[EpisodeSpec, Sequence[EpisodeSpec]]] = field(default_factory=list)

    def files(self):
        """The episodes grouped by the media file that holds them."""
        return [list(entry) if isinstance(entry, (list, tuple)) else [entry] for entry in self.episodes]

    @property
    def folder_name(self):
        return f"{_safe(self.title)} ({self.year})"


def _safe(title):
    """A title usable as a file name on any file system Kodi runs on."""
    return "".join("_" if char in '<>:"/\\|?*' else char for char in title).strip()
