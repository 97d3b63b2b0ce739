"""python -m tools.screenshots (`make screenshots`): real screenshots of the add-on in a headless Kodi.

Same stage as `make demo` (tools/demo/stage.py): the emulator's demo account and a real Kodi. Writes
docs/screenshots/{login,settings,status,library,context_menu,rating,lists,resume}.png and the widget lists'
widget_{upnext,inprogress,plantowatch,newepisodes}.png (960x540; posters served offline: tools/demo/widget_art.py).
`python -m tools.screenshots widgets` takes only the widget lists (after the login).
"""
import signal
import sys
from functools import partial
from pathlib import Path

from PIL import Image

from tests.support.kodi_rig import wait_until
from tests.support.kodi_rig.builtin_script import run_builtin
from tools.demo import widget_art
from tools.demo.library import PLAYED_MOVIE, demo_title
from tools.demo.stage import demo_stage

OUT_DIR = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SETTINGS_DIALOG = 10140
TEXT_VIEWER = 10147
VIDEO_NAV = 10025
YES_NO_DIALOG = 10100
CONTEXT_MENU = 10106
SELECT_DIALOG = 12000
RENDER_SECONDS = 1.5  # dialogs fade in: the window id is current before the dialog is fully drawn
NOTIFICATION_SECONDS = 6  # let the "logged in" / "synced" toasts fade out before the next picture
PLUGIN = "plugin://script.simkl.sync/"
# (file name, list, Estuary's view: 55 Wide list (the poster beside the list), 51 Poster)
WIDGETS = [("widget_upnext", "upnext", 55), ("widget_inprogress", "inprogress", 55),
           ("widget_plantowatch", "movies.plantowatch", 51), ("widget_newepisodes", "newepisodes", 55)]
WIDGET_SIZE = (960, 540)
ART_SECONDS = 4  # Kodi loads the posters from the local server in the background


def main(argv=None):
    only_widgets = (sys.argv[1:] if argv is None else argv) == ["widgets"]
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupted)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    try:
        with widget_art.poster_server() as images:
            def before_start(emu, kodi, token):
                widget_art.seed(emu, token)
                widget_art.substitute_images(kodi.userdata, images)

            with demo_stage(pin_auto_approve_after=None, before_start=before_start) as stage:
                take_all(stage, only_widgets)
    except KeyboardInterrupt:
        sys.stdout.write("interrupted: Kodi, Xvfb and the emulator are stopped\n")
        return 130
    return 0


def take_all(stage, only_widgets=False):
    kodi = stage.kodi
    mark = kodi.log_mark()
    stage.open_login()
    shoot(kodi, "login")
    stage.emu.approve_pin()
    stage.wait_for_sync("login", since=mark)
    kodi.wait(NOTIFICATION_SECONDS)
    if only_widgets:
        shoot_widgets(kodi)
        return
    open_window(kodi, lambda: kodi.execute_addon([]), SETTINGS_DIALOG)
    shoot(kodi, "settings")
    close_window(kodi)
    open_window(kodi, lambda: kodi.execute_addon(["status"]), TEXT_VIEWER)
    shoot(kodi, "status")
    close_window(kodi)
    open_window(kodi, lambda: kodi.rpc("GUI.ActivateWindow", {"window": "videos",
                                                              "parameters": ["videodb://movies/titles/"]}),
                VIDEO_NAV)
    for _ in range(2):  # from ".." down to Inception, a movie the sync marked watched
        kodi.rpc("Input.Down")
    shoot(kodi, "library")
    shoot_context_menu(kodi)
    shoot_tag_playlist(kodi)
    shoot_widgets(kodi)
    shoot_resume_offer(stage)


def shoot_widgets(kodi):
    """Each widget list open in Videos, as the add-on's plugin path (what a widget lists), in a view that shows
    the posters."""
    for name, list_name, view in WIDGETS:
        path = f"{PLUGIN}?list={list_name}"
        kodi.rpc("GUI.ActivateWindow", {"window": "videos", "parameters": [path, "return"]})
        wait_until(partial(_listed, kodi, path), 30, message=f"the {list_name} list")
        run_builtin(kodi, f"Container.SetViewMode({view})")
        kodi.rpc("Input.Down")  # off ".." onto the first title: its poster and plot show
        kodi.wait(ART_SECONDS)
        shoot(kodi, name, WIDGET_SIZE)
        kodi.rpc("GUI.ActivateWindow", {"window": "home"})


def _listed(kodi, path):
    labels = kodi.rpc("XBMC.GetInfoLabels", {"labels": ["Container.FolderPath", "Container.NumItems"]})
    return labels.get("Container.FolderPath", "").startswith(path) and labels.get("Container.NumItems", "0") != "0"


def shoot_context_menu(kodi):
    """Kodi's context menu on the focused movie with the add-on's entries, then the dialog "Simkl: rate..." opens."""
    open_window(kodi, lambda: kodi.rpc("Input.ContextMenu"), CONTEXT_MENU)
    for _ in range(20):
        focused = kodi.rpc("XBMC.GetInfoLabels", {"labels": ["System.CurrentControl"]})["System.CurrentControl"]
        if focused == "Simkl: rate...":
            break
        kodi.rpc("Input.Down")
    shoot(kodi, "context_menu")
    open_window(kodi, lambda: kodi.rpc("Input.Select"), SELECT_DIALOG)
    shoot(kodi, "rating")
    close_window(kodi)  # Back: nothing rated


def shoot_tag_playlist(kodi):
    """The smart playlist the `playlists` action writes for the "Simkl: Completed" tag, open in Videos."""
    playlist = "special://profile/playlists/video/Simkl - Completed (movies).xsp"
    kodi.execute_addon(["playlists"])
    wait_until(lambda: any(entry.get("file") == playlist for entry in kodi.rpc(
        "Files.GetDirectory", {"directory": "special://profile/playlists/video/"}).get("files") or []),
        30, message="the smart playlists")
    kodi.rpc("GUI.ActivateWindow", {"window": "videos", "parameters": [playlist]})
    wait_until(lambda: kodi.rpc("XBMC.GetInfoLabels", {"labels": ["Container.FolderPath"]})
               .get("Container.FolderPath") == playlist, 30, message="the playlist")
    toast = "Window.IsVisible(notification)"  # the "playlists written" toast
    wait_until(lambda: not kodi.rpc("XBMC.GetInfoBooleans", {"booleans": [toast]}).get(toast), 30,
               message="the toast to fade")
    shoot(kodi, "lists")


def shoot_resume_offer(stage):
    """Another device pauses a movie after the sync; playing it in Kodi brings up the offer to jump there."""
    kodi = stage.kodi
    stage.user.pause(PLAYED_MOVIE, 60.0)
    title = demo_title(PLAYED_MOVIE)["title"]
    movies = kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title"]})["movies"]
    movieid = next(movie["movieid"] for movie in movies if movie["title"] == title)
    open_window(kodi, lambda: kodi.play_movie(movieid), YES_NO_DIALOG)
    shoot(kodi, "resume")
    close_window(kodi)
    kodi.player_stop()


def open_window(kodi, opener, window_id, timeout=30):
    opener()
    wait_until(lambda: kodi.current_window_id() == window_id, timeout, message=f"window {window_id}")


def close_window(kodi):
    before = kodi.current_window_id()
    kodi.press_back()
    wait_until(lambda: kodi.current_window_id() != before, 15, message="the window to close")


def shoot(kodi, name, size=None):
    kodi.wait(RENDER_SECONDS)
    path = kodi.screenshot(OUT_DIR / f"{name}.png")
    if size:
        # 256 colours: a third of the bytes, some banding in the gradients
        Image.open(path).convert("RGB").resize(size, Image.LANCZOS).quantize(256).save(path, optimize=True)
    sys.stdout.write(f"wrote {path.relative_to(OUT_DIR.parents[1])}\n")


def _interrupted(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
