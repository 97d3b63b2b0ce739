"""Fixtures for end-to-end tests against a real Kodi (tests/support/kodi_rig).

One Kodi per test module: Kodi takes several seconds to start, so the tests of a module share it.
A module changes its Kodi by overriding `kodi_rig_options`, e.g.

    @pytest.fixture(scope="module")
    def kodi_rig_options(simkl_emulator):
        return {"env": {"SIMKL_API_URL": simkl_emulator.url},
                "addon_settings": {"scrobble_min_minutes": "0"},
                "library": {"movies": [MovieSpec("The Matrix", 1999)], "real_videos": True},
                "extra_addons": [(PLUGIN_ID, install_play_plugin)]}  # optional
"""
import os
import shutil

import pytest
from sync_helpers import demo_emulator

from tests.support.kodi_rig import KodiRig, build_addon_zip, find_install
from tests.support.simkl_emulator import demo

# Nothing listens here: an add-on that calls Simkl by mistake fails fast instead of going online.
UNREACHABLE_API = "http://127.0.0.1:9"
REQUIRED_ENV = "KODI_RIG_REQUIRED"  # CI sets it: a run without Kodi must not pass as "all skipped"


def _missing_tools():
    # Xvfb and ffmpeg run on the host even when Kodi runs in a Debian root.
    return [tool for tool in ("Xvfb", "ffmpeg") if not shutil.which(tool)]


@pytest.fixture(scope="session")
def addon_zip():
    """The add-on zip built from the working tree, once per test run."""
    return build_addon_zip()


@pytest.fixture(scope="module")
def simkl_emulator():
    """The demo account's emulator, one per module (its Kodi: sync_helpers.emulator_rig_options). A module
    that needs other emulator options overrides it."""
    with demo_emulator() as emu:
        yield emu


@pytest.fixture(scope="module")
def user(simkl_emulator):
    """The demo user on the module's emulator."""
    return simkl_emulator.user(demo.DEMO_TOKEN)


@pytest.fixture(scope="module")
def kodi_rig_options():
    """KodiRig keyword arguments, plus "library": write_library() arguments. Override per module."""
    return {}


@pytest.fixture(scope="session")
def kodi_tools_present():
    """Skips the test when Kodi, Xvfb or ffmpeg are missing (`make kodi-deps` installs them). A Kodi
    version asked for by KODI_RIG_VERSION is built here (once) and its absence is an error, not a skip."""
    missing = _missing_tools()
    install = find_install()  # raises when the requested version cannot be had
    if install is None:
        missing.insert(0, "kodi")
    if missing:
        reason = f"real Kodi needs {', '.join(missing)} (run `make kodi-deps`)"
        if os.environ.get(REQUIRED_ENV) == "1":
            pytest.fail(reason + f"; {REQUIRED_ENV}=1 makes that an error", pytrace=False)
        pytest.skip(reason)
    return install


@pytest.fixture(scope="module")
def kodi(addon_zip, kodi_rig_options, kodi_tools_present):
    """A running Kodi with the add-on installed and enabled (its service started) and the library scanned."""
    options = dict(kodi_rig_options)
    library = options.pop("library", None)
    # (addon id, install(addons_dir)) pairs: more add-ons, installed before the start and enabled after ours.
    extra_addons = options.pop("extra_addons", ())
    options.setdefault("env", {"SIMKL_API_URL": UNREACHABLE_API})
    with KodiRig(**options) as rig:
        if library:
            rig.write_library(**library)
        rig.install_addon(addon_zip)
        for _, install in extra_addons:
            install(rig.addons_dir)
        rig.start()
        if library:
            rig.scan()
        rig.enable_addon()
        for addon_id, _ in extra_addons:
            rig.enable_addon(addon_id)
        yield rig
