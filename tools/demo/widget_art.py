"""The widget screenshots' extras (tools/screenshots.py): titles on the demo account's Plan to watch that are not
in the Kodi library, a calendar file for New episodes, and their posters served offline.

Simkl's image addresses (https://simkl.in/posters/...) are fixed in the add-on and this machine has no internet:
posters are drawn here (a gradient and the title), served on loopback, and Kodi is pointed at that server with
advancedsettings.xml's <pathsubstitution> (Kodi rewrites the URL prefix when it opens the file)."""
import contextlib
import datetime
import hashlib
import shutil
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from tests.support.simkl_emulator import demo

IMAGES = "https://simkl.in/"
POSTER_SIZE = (340, 500)  # Simkl's "_m" poster
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
NOT_IN_LIBRARY = [
    {"kind": "movie", "simkl": 700001, "title": "Dune: Part Two", "year": 2024, "runtime": 166,
     "ids": {"imdb": "tt15239678", "tmdb": "693134"}},
    {"kind": "movie", "simkl": 700002, "title": "Past Lives", "year": 2023, "runtime": 106,
     "ids": {"imdb": "tt13238346", "tmdb": "666277"}},
    {"kind": "movie", "simkl": 700003, "title": "The Zone of Interest", "year": 2023, "runtime": 105,
     "ids": {"imdb": "tt7160372", "tmdb": "467244"}},
]
# New episodes: (show, season, episode, days from now) on Simkl's calendar file of TV shows.
CALENDAR = [(demo.SHOW_STRANGER_THINGS, 5, 1, -3), (demo.SHOW_STRANGER_THINGS, 5, 2, 4)]


def poster_path(simkl: int) -> str:
    """The poster path the emulator gives a title (render.py), as Simkl's all-items does."""
    return f"{simkl % 100:02d}/{simkl}"


def seed(emu, token) -> None:
    """Before the first sync: the titles not in the library on Plan to watch, and the calendar file."""
    user = emu.user(token)
    for title in NOT_IN_LIBRARY:
        demo.add_title(emu, title)
        user.set_status(title["simkl"], "plantowatch")
    user.pause(NOT_IN_LIBRARY[0]["simkl"], 35.0)  # Continue watching: paused on another device, not in Kodi
    now = datetime.datetime.now(datetime.timezone.utc)
    name = next(title["title"] for title in demo.TITLES if title["simkl"] == demo.SHOW_STRANGER_THINGS)
    emu.set_calendar("tv", [
        {"title": name, "poster": poster_path(show), "ids": {"simkl_id": show},
         "date": (now + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S-00:00"),
         "episode": {"season": season, "episode": episode}} for show, season, episode, days in CALENDAR])


def draw_poster(title: str, year, path: Path) -> None:
    """A poster from geometry: a gradient in the title's own colours, the title and year written on it."""
    digest = hashlib.sha1(title.encode("utf-8")).digest()
    top, bottom = tuple(digest[0:3]), tuple(value // 3 for value in digest[3:6])
    image = Image.new("RGB", POSTER_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(POSTER_SIZE[1]):
        share = y / POSTER_SIZE[1]
        draw.line([(0, y), (POSTER_SIZE[0], y)],
                  fill=tuple(int(a + (b - a) * share) for a, b in zip(top, bottom)))
    font = _font(34)
    lines, line = [], ""
    for word in title.split():
        trial = (line + " " + word).strip()
        if line and draw.textlength(trial, font=font) > POSTER_SIZE[0] - 40:
            lines.append(line)
            trial = word
        line = trial
    lines.append(line)
    y = 300
    for text in lines:
        draw.text((20, y), text, font=font, fill=(255, 255, 255))
        y += 42
    draw.text((20, y + 6), str(year or ""), font=_font(24), fill=(230, 230, 230))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(path), "JPEG", quality=85)


@contextlib.contextmanager
def poster_server():
    """Every demo title's poster at http://127.0.0.1:<port>/posters/<path>_m.jpg; yields the server's base URL."""
    folder = Path(tempfile.mkdtemp(prefix="demo-posters-"))
    for title in demo.TITLES + NOT_IN_LIBRARY:
        draw_poster(title["title"], title.get("year"), folder / "posters" / f"{poster_path(title['simkl'])}_m.jpg")
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="demo-posters", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(str(folder), ignore_errors=True)


def substitute_images(userdata: Path, base_url: str) -> None:
    """Point Kodi's file access to Simkl's image host at `base_url` (advancedsettings.xml, before Kodi starts)."""
    settings = Path(userdata) / "advancedsettings.xml"
    rule = (f"  <pathsubstitution><substitute><from>{escape(IMAGES)}</from><to>{escape(base_url)}</to>"
            "</substitute></pathsubstitution>\n")
    settings.write_text(settings.read_text(encoding="utf-8").replace("</advancedsettings>",
                                                                     rule + "</advancedsettings>"), encoding="utf-8")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def _font(size):
    """DejaVu where the machine has it; Pillow's own font elsewhere (a Debian root with no fonts installed)."""
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()
