"""Writes a video library from specs: folders of .nfo files for metadata.local plus media files."""
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

DEFAULT_VIDEO_SECONDS = 30
DUMMY_BYTES = b"\x1a\x45\xdf\xa3 not a real video, enough for a library scan\n"
MEDIA_EXTENSION = ".mkv"


def _uniqueid_tags(uniqueids):
    tags = []
    for index, (kind, value) in enumerate(uniqueids.items()):
        default = ' default="true"' if index == 0 else ""
        tags.append(f'  <uniqueid type="{escape(kind)}"{default}>{escape(str(value))}</uniqueid>')
    return tags


def movie_nfo(movie):
    lines = ["<movie>", f"  <title>{escape(movie.title)}</title>",
             f"  <year>{movie.year}</year>", f"  <runtime>{movie.runtime}</runtime>"]
    return "\n".join(lines + _uniqueid_tags(movie.uniqueids) + ["</movie>", ""])


def tvshow_nfo(show):
    lines = ["<tvshow>", f"  <title>{escape(show.title)}</title>",
             f"  <year>{show.year}</year>"]
    return "\n".join(lines + _uniqueid_tags(show.uniqueids) + ["</tvshow>", ""])


def episode_nfo(show, episode):
    title = episode.title or f"Episode {episode.episode}"
    lines = ["<episodedetails>", f"  <title>{escape(title)}</title>",
             f"  <showtitle>{escape(show.title)}</showtitle>",
             f"  <season>{episode.season}</season>", f"  <episode>{episode.episode}</episode>",
             f"  <runtime>{episode.runtime}</runtime>"]
    return "\n".join(lines + _uniqueid_tags(episode.uniqueids) + ["</episodedetails>", ""])


class MediaMaker:
    """Makes the media files: a few dummy bytes, or a real tiny video (made once per length, then copied)."""

    def __init__(self, cache_dir, real_videos):
        self.cache_dir = Path(cache_dir)
        self.real_videos = real_videos

    def write(self, path, seconds):
        if not self.real_videos:
            path.write_bytes(DUMMY_BYTES)
            return
        shutil.copyfile(str(self._video(seconds or DEFAULT_VIDEO_SECONDS)), str(path))

    def _video(self, seconds):
        target = self.cache_dir / f"testsrc-{seconds}s{MEDIA_EXTENSION}"
        if not target.exists():
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            partial = target.with_name("partial-" + target.name)
            subprocess.run(
                ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x36:rate=5",
                 "-t", str(seconds), "-c:v", "libx264", "-g", "5", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                 str(partial)],
                check=True, stdin=subprocess.DEVNULL, timeout=120,
            )
            partial.rename(target)
        return target


def write_movies(root, movies, maker):
    for movie in movies:
        folder = Path(root) / movie.folder_name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / (movie.folder_name + ".nfo")).write_text(movie_nfo(movie), encoding="utf-8")
        maker.write(folder / (movie.folder_name + MEDIA_EXTENSION), movie.video_seconds)


def write_shows(root, shows, maker):
    for show in shows:
        folder = Path(root) / show.folder_name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "tvshow.nfo").write_text(tvshow_nfo(show), encoding="utf-8")
        for episodes in show.files():
            first = episodes[0]
            season_dir = folder / f"Season {first.season:02d}"
            season_dir.mkdir(exist_ok=True)
            codes = "".join(f"E{episode.episode:02d}" for episode in episodes)
            stem = f"{show.folder_name} S{first.season:02d}{codes}"
            # A multi-episode file's .nfo holds one <episodedetails> per episode, in file order.
            nfo = "".join(episode_nfo(show, episode) for episode in episodes)
            (season_dir / (stem + ".nfo")).write_text(nfo, encoding="utf-8")
            maker.write(season_dir / (stem + MEDIA_EXTENSION), first.video_seconds)
