"""Which Kodi the rig runs: the host's Debian package, or Debian's package for another Kodi version in
a cached Debian root (debian_root). Chosen by $KODI_RIG_VERSION (`make e2e KODI=21`): empty or
"host" = the host's Kodi; a major version = the host's Kodi when it is that version, else a root of
the Debian suite that packages it."""
import glob
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import debian_root

VERSION_ENV = "KODI_RIG_VERSION"
# The Debian suite whose `kodi` package is that major version.
SUITES = {"20": "bookworm", "21": "trixie"}
# A suite may be asked for by name too (KODI=sid): whatever Kodi it packages. sid's Kodi 21.3 embeds
# Python 3.14, the Python of Kodi 22.
SUITE_NAMES = ("bookworm", "trixie", "forky", "sid")
BINARY_GLOB = "usr/lib/*/kodi/kodi.bin"


@dataclass(frozen=True)
class KodiInstall:
    binary: str  # path of kodi.bin as seen inside its root
    version: str  # Debian's upstream version, e.g. "20.1" or "21.2"
    root: Optional[Path] = None  # None: the host's own Kodi

    @property
    def major(self):
        return self.version.split(".")[0]

    @property
    def label(self):
        where = f"Debian root {self.root}" if self.root else "host"
        return f"Kodi {self.version} ({where})"

    def command(self, argv, binds=()):
        """argv (starting with kodi.bin or another program of this install) as a host command line; binds:
        host folders a program in a Debian root sees at their own path too."""
        if self.root is None:
            return list(argv)
        return debian_root.chroot_command(self.root, argv, binds)


def requested_version():
    value = os.environ.get(VERSION_ENV, "").strip()
    return "" if value in ("", "host") else value


def host_install():
    return _install_in(Path("/"), None)


def find_install(build=True):
    """The Kodi to run, or None when the host has none and no version was asked for. Builds the root
    for a requested version when `build` (else None when it is not built yet)."""
    wanted = requested_version()
    host = host_install()
    if not wanted or (host and host.major == wanted):
        return host
    suite = wanted if wanted in SUITE_NAMES else SUITES.get(wanted)
    if suite is None:
        known = ", ".join(sorted(SUITES) + list(SUITE_NAMES))
        raise RuntimeError(f"{VERSION_ENV}={wanted}: no Debian suite known for it (known: {known})")
    root = debian_root.root_path(suite)
    if not debian_root.is_complete(root):
        if not build:
            return None
        root = debian_root.ensure_root(suite)
    install = _install_in(root, root)
    if install is None or (wanted not in SUITE_NAMES and install.major != wanted):
        found = install.version if install else "no Kodi"
        raise RuntimeError(f"the Debian {suite} root {root} holds {found}, not Kodi {wanted}")
    return install


def _install_in(top, root):
    found = sorted(glob.glob(str(top / BINARY_GLOB)))
    if not found:
        return None
    binary = "/" + str(Path(found[0]).relative_to(top))
    return KodiInstall(binary=binary, version=_package_version(top), root=root)


def _package_version(top):
    """Upstream version of the `kodi` package in the dpkg database under `top` ("2:21.2+dfsg-3" -> "21.2")."""
    admin = str(top / "var/lib/dpkg")
    try:
        result = subprocess.run(["dpkg-query", "--admindir", admin, "-W", "-f", "${Version}", "kodi"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=False)
    except OSError:  # not a Debian system: no dpkg-query
        return "0"
    match = re.match(r"(?:\d+:)?(\d+(?:\.\d+)*)", result.stdout.strip())
    return match.group(1) if match else "0"
