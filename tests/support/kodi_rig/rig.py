"""KodiRig: a real Kodi, headless under Xvfb, in a throw-away home, driven over JSON-RPC.

Used by the e2e tests, `make demo`, `make bench` and `make screenshots`; see tests/support/kodi_rig/__init__.py.
"""
import atexit
import os
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

from . import builtin_script, installs, library, processes, profile, standins, videodb
from .addon_zip import ADDON_ID
from .jsonrpc import HttpRpc, NotificationListener, wait_until
from .kodilog import KodiLog

START_TIMEOUT = 120  # first start on a 2-core CI box can be slow
STOP_TIMEOUT = 60
SCAN_TIMEOUT = 600
HOME_WINDOW = 10000
YES_NO_DIALOG = 10100
MOST_ENABLE_PROMPTS = 20
KEEP_HOME_ENV = "KODI_RIG_KEEP"  # set to 1 to keep the home folder for a post-mortem

_LIVE_RIGS = set()


def _close_live_rigs():
    for rig in list(_LIVE_RIGS):
        rig.close()


atexit.register(_close_live_rigs)


class KodiRig:
    """One Kodi with its own home, display and ports. Use as a context manager: it always cleans up."""

    def __init__(self, env=None, addon_settings=None, advanced_video=None, debug_log=False, keep_home=None,
                 video_database=None, device_name=None, faketime=None):
        """`video_database`: {host, port, user, pass, name}: the library on that MySQL/MariaDB server.
        `device_name`: Kodi's device name (System.FriendlyName), e.g. to tell two rigs apart.
        `faketime`: Kodi runs under libfaketime this far from the host's clock ("-3d", "+2d", "-90m"): a box
        whose clock is off. Set the attribute and restart() to move it."""
        self.install = installs.find_install()
        if self.install is None:
            raise RuntimeError("Kodi is not installed (run `make kodi-deps`)")
        self.binary = self.install.binary
        self.extra_env = dict(env or {})
        self.addon_settings = dict(addon_settings or {})
        self.debug_log = debug_log
        self.keep_home = keep_home if keep_home is not None else os.environ.get(KEEP_HOME_ENV) == "1"
        # Under /tmp: a Kodi in a Debian root sees the host's /tmp at the same path, so every file the
        # tests read or write in its home has one name on both sides.
        self.home = Path(tempfile.mkdtemp(prefix="kodi-rig-", dir="/tmp"))
        self.kodi_dir = self.home / ".kodi"
        self.userdata = self.kodi_dir / "userdata"
        self.addons_dir = self.kodi_dir / "addons"
        self.media_dir = self.home / "media"
        self.log = KodiLog(self.kodi_dir / "temp" / "kodi.log")
        self.web_port = processes.free_port()
        self.tcp_port = processes.free_port()
        self.http = HttpRpc(self.web_port)
        self.listener = NotificationListener(self.tcp_port)
        self.library_folders = {}  # content ("movies"/"tvshows") -> folder
        self._xvfb = None
        self.display = None
        self._kodi = None
        self._enable_prompt_expected = False
        self.video_database = dict(video_database or {})
        self.device_name = device_name
        self.faketime = faketime
        self._mysql = videodb.MySqlVideoDb(self.video_database["host"], self.video_database["port"],
                                           self.video_database["user"], self.video_database["pass"],
                                           self.video_database["name"]) if video_database else None
        self._write_profile(advanced_video, debug_log)
        _LIVE_RIGS.add(self)

    # -- lifecycle ------------------------------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def start(self, timeout=START_TIMEOUT):
        """Start Kodi (and the display on first use); return once JSON-RPC and notifications work."""
        if self.is_running():
            return self
        if self._xvfb is None or self._xvfb.poll() is not None:
            self._xvfb, self.display = processes.start_xvfb(self.home / "xvfb.log")
        env = processes.kodi_environment(self.home, self.display, self.extra_env)
        binds = ()
        if self.faketime:
            preload = processes.faketime_library()
            env.update(processes.faketime_environment(preload, self.faketime))
            binds = (str(Path(preload).parent),)  # a Kodi in a Debian root loads it at the host's path
        command = self.install.command([self.binary, "--windowing=x11"], binds)
        self._kodi = processes.start_kodi(command, env, self.home / "kodi-stdout.log")
        wait_until(self._answers_or_died, timeout, interval=0.5, message="Kodi's JSON-RPC")
        self.listener.start()
        if not self.listener.wait_connected(timeout):
            raise TimeoutError(f"Kodi's TCP notification port {self.tcp_port} never accepted")
        wait_until(self.video_db, timeout, message="the video database")
        return self

    def _answers_or_died(self):
        if self._kodi.poll() is not None:
            raise RuntimeError(f"Kodi exited with {self._kodi.returncode} during start; see {self.log.path}")
        return self.http.is_up()

    def is_running(self):
        return self._kodi is not None and self._kodi.poll() is None

    def stop(self, timeout=STOP_TIMEOUT):
        """Quit Kodi cleanly (Application.Quit) and wait; kill its process group only if it hangs."""
        if self.is_running():
            try:
                self.http.call("Application.Quit")
            except Exception:  # noqa: BLE001 - Kodi may drop the connection while quitting
                pass
            try:
                self._kodi.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                processes.stop_process_group(self._kodi, timeout=10)
        self.listener.stop()
        self._kodi = None

    def kill(self, timeout=STOP_TIMEOUT):
        """Kill Kodi's process group at once (SIGKILL): a crash or a pulled plug, nothing gets to save."""
        if self.is_running():
            processes.kill_process_group(self._kodi, timeout)
        self.listener.stop()
        self._kodi = None

    def restart(self, timeout=START_TIMEOUT):
        """Stop and start Kodi again with the same home (profile, databases, add-on data survive)."""
        self.stop()
        return self.start(timeout)

    def close(self):
        """Stop everything the rig started and delete its home (unless kept). Safe to call twice."""
        try:
            self.stop()
        finally:
            processes.stop_process_group(self._xvfb, timeout=10)
            self._xvfb = None
            if not self.keep_home:
                shutil.rmtree(str(self.home), ignore_errors=True)
            _LIVE_RIGS.discard(self)

    # -- profile and add-ons --------------------------------------------------------------------------

    def _write_profile(self, advanced_video, debug_log):
        extra = {"services.devicename": self.device_name} if self.device_name else None
        profile.write_gui_settings(self.userdata, self.web_port, processes.free_port(), extra)
        shared = dict(self.video_database, type="mysql") if self.video_database else None
        profile.write_advanced_settings(self.userdata, self.tcp_port, advanced_video, debug_log, shared)
        if self.addon_settings:
            profile.write_addon_settings(self.userdata, ADDON_ID, self.addon_settings)

    def set_addon_settings(self, values):
        """Replace the add-on's stored settings (takes effect for interpreters started afterwards)."""
        self.addon_settings = dict(values)
        profile.write_addon_settings(self.userdata, ADDON_ID, self.addon_settings)

    def install_addon(self, zip_path, with_standins=True):
        """Unzip the add-on into the addons folder (plus stand-ins for its repository dependencies).
        Kodi registers it at its next start, disabled: call enable_addon() once Kodi runs."""
        self.addons_dir.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(str(zip_path)) as archive:
            archive.extractall(str(self.addons_dir))
        self._enable_prompt_expected = True
        if with_standins:
            builtin_script.install_builtin_script(self.addons_dir)  # execute_addon's RunScript (below)
            standins.install_requests_standin(self.addons_dir)
            standins.install_simplecache_standin(self.addons_dir)
            standins.install_pyqrcode_standin(self.addons_dir)
            if self._mysql is not None:
                standins.install_pymysql_standin(self.addons_dir)

    def enable_addon(self, addon_id=ADDON_ID, timeout=60):
        """Enable the dependencies, then the add-on (which starts its service)."""
        for dependency in (standins.REQUESTS_ID, standins.SIMPLECACHE_ID, standins.PYQRCODE_ID,
                           standins.PYMYSQL_ID, builtin_script.SCRIPT_ID):
            if (self.addons_dir / dependency).is_dir():
                self._set_enabled(dependency, timeout)
        self._set_enabled(addon_id, timeout)
        if self._enable_prompt_expected:
            self._dismiss_enable_prompt()

    def _dismiss_enable_prompt(self, appear_timeout=5, close_timeout=15, most=MOST_ENABLE_PROMPTS):
        """Kodi asks at its first start whether to enable the add-ons it found disabled: Kodi 20 once,
        Kodi 21 once per disabled add-on (Debian's recommended packages bring several). Ours is enabled
        by now, so answering "no" (back) just closes each modal dialog that would hide the screen."""
        self._enable_prompt_expected = False
        for _ in range(most):
            try:
                wait_until(lambda: self.current_window_id() == YES_NO_DIALOG, appear_timeout, message="prompt")
            except TimeoutError:
                return
            question = self._dialog_text()
            self.press_back()
            # Closed, or the next add-on's prompt already took its place (one per disabled add-on).
            wait_until(lambda asked=question: self.current_window_id() != YES_NO_DIALOG
                       or self._dialog_text() != asked, close_timeout, message="the prompt to close")
        raise RuntimeError(f"Kodi kept asking to enable add-ons after {most} answers")

    def _dialog_text(self):
        return self.http.call("XBMC.GetInfoLabels", {"labels": ["Control.GetLabel(9)"]})["Control.GetLabel(9)"]

    def current_window_id(self):
        return self.http.call("GUI.GetProperties", {"properties": ["currentwindow"]})["currentwindow"]["id"]

    def _set_enabled(self, addon_id, timeout):
        # Kodi may not have registered a freshly unzipped add-on yet right after start: retry until it has.
        def enabled():
            try:
                self.http.call("Addons.SetAddonEnabled", {"addonid": addon_id, "enabled": True})
            except Exception:  # noqa: BLE001 - "Invalid params" until the add-on is known
                return False
            return self.addon_details(addon_id).get("enabled")
        wait_until(enabled, timeout, interval=0.5, message=f"{addon_id} to be enabled")

    def addon_details(self, addon_id=ADDON_ID):
        result = self.http.call("Addons.GetAddonDetails",
                                {"addonid": addon_id, "properties": ["enabled", "version", "installed"]})
        return result["addon"]

    def execute_addon(self, params, addon_id=ADDON_ID, wait=False):
        """Run the add-on's script with sys.argv[1:] == params (a list: Kodi splits strings at commas).
        Ours goes as RunScript through the rig's builtin script: Addons.ExecuteAddon (RunAddon) of an add-on
        with a video plugin source opens the plugin instead, and not at all while a modal dialog is up."""
        if addon_id == ADDON_ID and (self.addons_dir / builtin_script.SCRIPT_ID).is_dir():
            params, addon_id = [f"RunScript({ADDON_ID},{','.join(params)})"], builtin_script.SCRIPT_ID
        params = {"addonid": addon_id, "params": list(params), "wait": wait}
        return self.http.call("Addons.ExecuteAddon", params)

    def wait_for_script_end(self, since, timeout=60, close_dialogs=True):
        """Wait until a run of the add-on's script started after log mark `since` has ended, pressing
        Back on any dialog it holds open. Needs debug_log=True: Kodi logs the end at debug level.
        Returns early when an error mentioning the add-on shows up."""
        if not self.debug_log:
            raise RuntimeError("wait_for_script_end needs KodiRig(debug_log=True)")
        script = re.escape(ADDON_ID) + r"/(?:default|plugin)\.py"  # plugin.py: ExecuteAddon opens the plugin
        ended = re.compile(rf"CPythonInvoker\(\d+, [^)]*/{script}\): script (successfully run|aborted)")

        def finished():
            if ended.search(self.log.text(since)) or self.log_errors(since=since):
                return True
            if close_dialogs and self.current_window_id() != HOME_WINDOW:
                self.press_back()
            return False
        wait_until(finished, timeout, interval=0.5, message="the add-on's script to end")

    def press_back(self):
        return self.http.call("Input.Back")

    # -- library --------------------------------------------------------------------------------------

    def write_library(self, movies=(), shows=(), real_videos=False):
        """Write movie and show folders (.nfo + media files) and list them as sources.
        Call before start(); scan() then gives them their content type and scans."""
        maker = library.MediaMaker(self.home / "video-cache", real_videos)
        if movies:
            self.library_folders["movies"] = self.media_dir / "movies"
            library.write_movies(self.library_folders["movies"], movies, maker)
        if shows:
            self.library_folders["tvshows"] = self.media_dir / "tvshows"
            library.write_shows(self.library_folders["tvshows"], shows, maker)
        names = {"Test " + content: folder for content, folder in self.library_folders.items()}
        profile.write_sources(self.userdata, names)

    def video_db(self):
        if self._mysql is not None:
            return self._mysql if self._mysql else None
        return videodb.find_video_db(self.userdata / "Database")

    def scan(self, timeout=SCAN_TIMEOUT):
        """Scan the library folders and wait until Kodi has finished."""
        db_path = wait_until(self.video_db, 60, message="the video database")
        for content, folder in self.library_folders.items():
            if self._mysql is not None:
                self._mysql.set_path_content(folder, content)
            else:
                videodb.set_path_content(db_path, folder, content)
        since = self.listener.count()
        self.http.call("VideoLibrary.Scan", {"showdialogs": False})
        wait_until(lambda: self.listener.notifications("VideoLibrary.OnScanFinished", since), timeout,
                   interval=0.3, message="VideoLibrary.OnScanFinished")
        wait_until(lambda: not self.is_scanning(), timeout, message="Library.IsScanningVideo to be false")

    def is_scanning(self):
        result = self.http.call("XBMC.GetInfoBooleans", {"booleans": ["Library.IsScanningVideo"]})
        return bool(result.get("Library.IsScanningVideo"))

    # -- JSON-RPC and notifications -------------------------------------------------------------------

    def rpc(self, method, params=None):
        return self.http.call(method, params)

    def rpc_batch(self, calls):
        return self.http.batch(calls)

    def notifications(self, method=None, since=0):
        return self.listener.notifications(method, since)

    def notification_mark(self):
        return self.listener.count()

    def onupdate_count(self, since=0):
        return len(self.listener.notifications("VideoLibrary.OnUpdate", since))

    def wait_for_notification(self, method, timeout=30, since=0):
        found = wait_until(lambda: self.listener.notifications(method, since), timeout, message=method)
        return found[0][1]

    # -- log ------------------------------------------------------------------------------------------

    def log_mark(self):
        return self.log.mark()

    def wait_for_log(self, pattern, timeout=30, since=0, fail_on_addon_errors=True):
        """The first match of `pattern` in kodi.log after mark `since`. Fails at once with the traceback
        if an error about the add-on is logged first (unless fail_on_addon_errors is False)."""
        about = ADDON_ID if fail_on_addon_errors else None
        return self.log.wait_for(pattern, timeout, since, fail_on_errors_about=about)

    def log_errors(self, mentioning=ADDON_ID, since=0):
        """ERROR/FATAL log entries (tracebacks included) that mention `mentioning`, after mark `since`."""
        return self.log.errors(mentioning, since)

    def wait_for_errors(self, mentioning=ADDON_ID, since=0, timeout=30):
        return wait_until(lambda: self.log_errors(mentioning, since), timeout, message=f"errors about {mentioning}")

    # -- playback -------------------------------------------------------------------------------------

    def play_movie(self, movieid, timeout=30):
        return self._play({"movieid": movieid}, timeout)

    def play_episode(self, episodeid, timeout=30):
        return self._play({"episodeid": episodeid}, timeout)

    def _play(self, item, timeout):
        self.http.call("Player.Open", {"item": item})
        return wait_until(self.video_player_id, timeout, message="a video player")

    def video_player_id(self):
        for player in self.http.call("Player.GetActivePlayers") or []:
            if player.get("type") == "video":
                return player["playerid"]
        return None

    def player_time(self):
        """Seconds into the playing video."""
        result = self.http.call("Player.GetProperties", {"playerid": self._player(), "properties": ["time"]})
        clock = result["time"]
        whole = clock["hours"] * 3600 + clock["minutes"] * 60 + clock["seconds"]
        return whole + clock["milliseconds"] / 1000.0

    def seek(self, seconds):
        """Jump to `seconds` from the start of the playing video."""
        whole = int(seconds)
        position = {"hours": whole // 3600, "minutes": whole % 3600 // 60, "seconds": whole % 60,
                    "milliseconds": int((seconds - whole) * 1000)}
        return self.http.call("Player.Seek", {"playerid": self._player(), "value": {"time": position}})

    def player_stop(self, timeout=30):
        player = self.video_player_id()
        if player is None:
            return
        self.http.call("Player.Stop", {"playerid": player})
        wait_until(lambda: self.video_player_id() is None, timeout, message="the player to stop")

    def _player(self):
        player = self.video_player_id()
        if player is None:
            raise RuntimeError("nothing is playing")
        return player

    # -- screen ---------------------------------------------------------------------------------------

    def screenshot(self, path):
        """Grab the rig's Xvfb screen into `path` (PNG or JPEG by extension)."""
        if not self.display:
            raise RuntimeError("no display yet: start() first")
        width, height = processes.SCREEN.split("x")[:2]
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "x11grab", "-video_size",
                        f"{width}x{height}", "-i", self.display, "-frames:v", "1", str(path)],
                       check=True, stdin=subprocess.DEVNULL, timeout=60,
                       env={"PATH": processes.CLEAN_PATH, "DISPLAY": self.display})
        return Path(path)

    def wait(self, seconds):
        """A deliberate pause (for demos); tests should poll instead."""
        time.sleep(seconds)
