"""Builds the installable add-on zip the way a maintainer does: `make zip` with the app id in SIMKL_CLIENT_ID
(the tests' own, which the emulator accepts), or with none to get a build that has no app id."""
import os
import subprocess
from pathlib import Path

from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID
from tools.build_zip import ADDON_ID, addon_version, default_target

REPO_ROOT = Path(__file__).resolve().parents[3]
__all__ = ["ADDON_ID", "addon_version", "build_addon_zip"]


def build_addon_zip(repo_root=REPO_ROOT, client_id=TEST_CLIENT_ID, target=None):
    """Build the zip from the current working tree and return its path. client_id "" builds one without an app
    id (into its own file, so the shared zip of a test run is never replaced by it)."""
    repo_root = Path(repo_root)
    if target is None:
        target = default_target(repo_root)
        if not client_id:
            target = target.with_name(target.stem + "-no-app-id.zip")
    env = dict(os.environ, SIMKL_CLIENT_ID=client_id)
    env.pop("SIMKL_CLIENT_SECRET", None)
    subprocess.run(["make", "-s", "zip", f"ZIP={target}"], cwd=str(repo_root), env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return Path(target)
