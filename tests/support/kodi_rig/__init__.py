"""A real Kodi for end-to-end tests, demos and benchmarks (one code path for all three).

The host's Kodi by default; KODI_RIG_VERSION=21 (`make e2e KODI=21`) runs Debian's Kodi 21 from a
cached Debian root instead (installs.py, debian_root.py). KodiRig(faketime="-3d") runs Kodi under libfaketime
(Debian's faketime package, `make kodi-deps`), its wall clock that far from the host's, in a Debian root too
(the host's library is bound in at its own path); kill() stops Kodi as a crash would.

    from tests.support.kodi_rig import KodiRig, MovieSpec, ShowSpec, EpisodeSpec, build_addon_zip
    with KodiRig(env={"SIMKL_API_URL": url}, addon_settings={"scrobble_min_minutes": "0"}) as kodi:
        kodi.write_library(movies=[MovieSpec("The Matrix", 1999, uniqueids={"imdb": "tt0133093"})])
        kodi.install_addon(build_addon_zip())
        kodi.start(); kodi.scan(); kodi.enable_addon()
        kodi.wait_for_log(r"service started", 30)
"""
from .addon_zip import ADDON_ID, build_addon_zip
from .installs import find_install
from .jsonrpc import RpcError, wait_until
from .kodilog import LoggedError
from .processes import find_kodi_binary
from .rig import KodiRig
from .specs import EpisodeSpec, MovieSpec, ShowSpec

__all__ = [
    "ADDON_ID", "EpisodeSpec", "KodiRig", "LoggedError", "MovieSpec", "RpcError", "ShowSpec", "build_addon_zip",
    "find_install", "find_kodi_binary", "wait_until",
]
