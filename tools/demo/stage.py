"""The demo stage: the Simkl emulator with the demo account and a real Kodi with the demo library and
the freshly built add-on, started and stopped together (used by `make demo` and `make screenshots`)."""
import contextlib

from tests.support.kodi_rig import KodiRig, build_addon_zip, wait_until
from tests.support.simkl_emulator import Options, SimklEmulator
from tests.support.simkl_emulator.demo import seed_demo

from .library import demo_movies, demo_shows

ADDON_SETTINGS = {"scrobble_min_minutes": "0"}  # the demo's videos are seconds long
LOG_PREFIX = r"\[script\.simkl\.sync\] "
SERVICE_STARTED = LOG_PREFIX + r"simklsync\.service: service started"
SYNC_DONE = LOG_PREFIX + r"simklsync\.service: sync \((?P<reason>\w+)\): (?P<outcome>[^,]+),"
PROGRESS_DIALOG = 10101  # the login's fallback face
PYTHON_WINDOWS = range(13000, 13100)  # where Kodi numbers an add-on's own windows (the login window)


class Stage:
    """Both sides of the demo. `emu` is the SimklEmulator, `kodi` the KodiRig, `token` the demo account's."""

    def __init__(self, emu, kodi, token):
        self.emu = emu
        self.kodi = kodi
        self.token = token

    @property
    def user(self):
        return self.emu.user(self.token)

    def open_login(self):
        """Run the add-on's login action (as the settings button does); returns once its dialog is up."""
        self.kodi.execute_addon(["login"])
        wait_until(lambda: self.kodi.current_window_id() in PYTHON_WINDOWS or
                   self.kodi.current_window_id() == PROGRESS_DIALOG, 60, message="the login dialog")

    def wait_for_sync(self, reason, since, timeout=90):
        """Wait for the service's log line about a finished sync cycle; returns its outcome ("ok" or an error)."""
        pattern = SYNC_DONE.replace(r"(?P<reason>\w+)", reason)
        return self.kodi.wait_for_log(pattern, timeout, since=since).group("outcome")


@contextlib.contextmanager
def demo_stage(pin_auto_approve_after, pin_interval=2, debug_log=False, say=lambda text: None, before_start=None):
    """Emulator + Kodi with the add-on enabled and its service running; everything stops on exit,
    also on Ctrl-C (both are context managers; the rig also cleans up at interpreter exit).
    `before_start(emu, kodi, token)`: more seeding or Kodi settings before Kodi starts."""
    options = Options(pin_auto_approve_after=pin_auto_approve_after, pin_interval=pin_interval)
    with SimklEmulator(options) as emu:
        token = seed_demo(emu)
        env = {"SIMKL_API_URL": emu.url}
        with KodiRig(env=env, addon_settings=ADDON_SETTINGS, debug_log=debug_log) as kodi:
            kodi.write_library(movies=demo_movies(), shows=demo_shows(), real_videos=True)
            kodi.install_addon(build_addon_zip())
            if before_start is not None:
                before_start(emu, kodi, token)
            kodi.start()
            say(f"Kodi is up (home {kodi.home}, JSON-RPC port {kodi.web_port}); scanning the library")
            kodi.scan()
            say("installing the freshly built add-on zip and enabling it")
            mark = kodi.log_mark()
            kodi.enable_addon()
            kodi.wait_for_log(SERVICE_STARTED, 60, since=mark)
            yield Stage(emu, kodi, token)
