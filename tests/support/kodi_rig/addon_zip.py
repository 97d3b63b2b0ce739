"""Builds the installable add-on zip the way `make zip` does: git archive of the working tree."""
import os
import re
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
ADDON_ID = "script.simkl.sync"


def addon_version(repo_root=REPO_ROOT):
    text = (Path(repo_root) / "addon.xml").read_text(encoding="utf-8")
    match = re.search(rf'<addon id="{re.escape(ADDON_ID)}"[^>]*version="([^"]+)"', text)
    if not match:
        raise ValueError(f"no version for {ADDON_ID} in addon.xml")
    return match.group(1)


def _tree_to_archive(repo_root):
    """A commit holding uncommitted changes to tracked files (as `git stash create` makes), else HEAD."""
    stash = subprocess.run(["git", "stash", "create"], cwd=str(repo_root), check=True,
                           stdout=subprocess.PIPE, text=True).stdout.strip()
    return stash or "HEAD"


def build_addon_zip(repo_root=REPO_ROOT):
    """Build dist/script.simkl.sync-<version>.zip from the current working tree and return its path."""
    repo_root = Path(repo_root)
    target = repo_root / "dist" / f"{ADDON_ID}-{addon_version(repo_root)}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    subprocess.run(["git", "archive", "--format", "zip", "--worktree-attributes",
                    "--prefix", ADDON_ID + "/", "-o", str(partial), _tree_to_archive(repo_root)],
                   cwd=str(repo_root), check=True)
    os.replace(str(partial), str(target))  # atomic: a parallel reader never sees half a zip
    return target
