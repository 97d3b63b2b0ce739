"""special:// paths mapped into a temporary Kodi home, with Kodi's folder layout."""
import os
import shutil
import tempfile

# special:// root -> folder relative to the Kodi home (~/.kodi).
_ROOTS = {
    "home": "",
    "profile": "userdata",
    "masterprofile": "userdata",
    "userdata": "userdata",
    "temp": "temp",
    "logpath": "temp",
    "xbmc": "xbmc",
    "xbmcbin": "xbmc",
}


class SpecialPaths:
    """home_dir None: a private temp folder is made on first use and removed by cleanup()."""

    def __init__(self, home_dir=None):
        # A profile other than the master one lives under userdata/profiles/<name>, as in Kodi.
        self.profile_folder = _ROOTS["profile"]
        self._home = home_dir
        self._owned = False
        if home_dir is not None:
            self._make_layout()

    @property
    def home(self):
        if self._home is None:
            self._home = tempfile.mkdtemp(prefix="fakekodi-")
            self._owned = True
            self._make_layout()
        return self._home

    def translate(self, path):
        if not path.startswith("special://"):
            return path
        root, _, rest = path[len("special://"):].partition("/")
        if root not in _ROOTS:
            return path
        folder = self.profile_folder if root == "profile" else _ROOTS[root]
        base = os.path.join(self.home, folder) if folder else self.home
        return os.path.join(base, rest) if rest else base + os.sep

    def cleanup(self):
        if self._owned and self._home:
            shutil.rmtree(self._home, ignore_errors=True)
        self._home, self._owned = None, False

    def _make_layout(self):
        for folder in ("userdata/addon_data", "temp", "xbmc"):
            os.makedirs(os.path.join(self._home, folder), exist_ok=True)
