"""Builds the installable add-on zip (what `make zip` runs): a git archive of the working tree's tracked files,
plus the build's Simkl app id from the environment written into the zip only.

    SIMKL_CLIENT_ID=<your app's client id> make zip      # or: python3 -m tools.build_zip --out PATH

SIMKL_CLIENT_SECRET goes in as well when set (the PIN login needs none today). Without SIMKL_CLIENT_ID the zip
still builds; that add-on then tells the user it has no app id and how to enter one. Standard library only.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ADDON_ID = "script.simkl.sync"
BUILD_MODULE = f"{ADDON_ID}/resources/lib/simklsync/_build_app.py"
ID_ENV, SECRET_ENV = "SIMKL_CLIENT_ID", "SIMKL_CLIENT_SECRET"
SAFE_VALUE = re.compile(r"^[A-Za-z0-9._-]{1,200}$")


def addon_version(repo_root=REPO_ROOT):
    text = (Path(repo_root) / "addon.xml").read_text(encoding="utf-8")
    match = re.search(rf'<addon id="{re.escape(ADDON_ID)}"[^>]*version="([^"]+)"', text)
    if not match:
        raise ValueError(f"no version for {ADDON_ID} in addon.xml")
    return match.group(1)


def default_target(repo_root=REPO_ROOT):
    return Path(repo_root) / "dist" / f"{ADDON_ID}-{addon_version(repo_root)}.zip"


def build_module_text(client_id, client_secret=""):
    """The generated module's text. Values are checked so no environment text can become code."""
    for name, value in ((ID_ENV, client_id), (SECRET_ENV, client_secret)):
        if value and not SAFE_VALUE.match(value):
            raise ValueError(f"{name} holds characters a Simkl id never has")
    return ('"""Written by tools/build_zip.py at build time; never in the repository."""\n'
            f"CLIENT_ID = {client_id!r}\nCLIENT_SECRET = {client_secret!r}\n")


def tree_to_archive(repo_root):
    """A commit holding uncommitted changes to tracked files (as `git stash create` makes), else HEAD."""
    stash = subprocess.run(["git", "stash", "create"], cwd=str(repo_root), check=True,
                           stdout=subprocess.PIPE, text=True).stdout.strip()
    return stash or "HEAD"


def build(target=None, environ=None, repo_root=REPO_ROOT):
    """Builds the zip at target (atomically: a parallel reader never sees half a zip); returns its path and
    whether it carries an app id."""
    environ = os.environ if environ is None else environ
    client_id = environ.get(ID_ENV, "").strip()
    secret = environ.get(SECRET_ENV, "").strip()
    target = Path(target) if target else default_target(repo_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=str(target.parent))
    os.close(handle)
    try:
        subprocess.run(["git", "archive", "--format", "zip", "--worktree-attributes", "--prefix", ADDON_ID + "/",
                        "-o", partial, tree_to_archive(repo_root)], cwd=str(repo_root), check=True)
        if client_id:
            with zipfile.ZipFile(partial, "a", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(BUILD_MODULE, build_module_text(client_id, secret))
        os.replace(partial, str(target))
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return target, bool(client_id)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="where to write the zip (default dist/script.simkl.sync-<version>.zip)")
    args = parser.parse_args(argv)
    target, has_id = build(args.out)
    sys.stdout.write(f"built {target}" + ("" if has_id else f" WITHOUT a Simkl app id ({ID_ENV} was not set)") + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
