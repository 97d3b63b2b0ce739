"""tools/addon_check.py on the packaged add-on: passes clean, fails on any warning or error, offline."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.support.kodi_rig import ADDON_ID, build_addon_zip
from tools import build_repo

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def addon_zip(tmp_path_factory):
    """One `make zip` for the module (a worker's own file: under pytest-xdist two workers may run this module's
    tests at once, and both building dist/'s zip clashed); each test unpacks its own copy."""
    return build_addon_zip(target=tmp_path_factory.mktemp("zip") / f"{ADDON_ID}.zip")


def unpack(addon_zip, folder):
    with zipfile.ZipFile(str(addon_zip)) as archive:
        archive.extractall(str(folder))
    return Path(folder) / ADDON_ID


@pytest.fixture
def unpacked_addon(addon_zip, tmp_path):
    return unpack(addon_zip, tmp_path)


@pytest.fixture(scope="module")
def clean_check(addon_zip, tmp_path_factory):
    """The check of the add-on as packaged, run once for the tests that only read its report."""
    return run_check(unpack(addon_zip, tmp_path_factory.mktemp("packaged")))


def run_check(addon_dir):
    return subprocess.run([sys.executable, str(REPO_ROOT / "tools" / "addon_check.py"), str(addon_dir)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120,
                          cwd=str(REPO_ROOT))


def test_packaged_addon_passes_with_no_errors_and_no_warnings(clean_check):
    result = clean_check

    assert result.returncode == 0, result.stdout
    for branch in ("nexus", "omega", "piers"):  # Kodi 20, 21 and 22
        assert f"addon check ({branch}): 0 errors, 0 warnings" in result.stdout


def test_the_repository_addon_passes_with_no_errors_and_no_warnings(tmp_path):
    repo_zip = build_repo.build_repository_zip(tmp_path / "repository.zip", build_repo.PLACEHOLDER_URL)
    with zipfile.ZipFile(str(repo_zip)) as archive:
        archive.extractall(str(tmp_path / "unpacked"))

    result = run_check(tmp_path / "unpacked" / build_repo.REPO_ID)

    assert result.returncode == 0, result.stdout
    for branch in ("nexus", "omega", "piers"):
        assert f"addon check ({branch}): 0 errors, 0 warnings" in result.stdout


def test_xbmc_python_stays_3_0_1_the_version_the_checker_advises_for_nexus_to_piers():
    addon = ElementTree.parse(str(REPO_ROOT / "addon.xml")).getroot()
    versions = [node.get("version") for node in addon.iter("import") if node.get("addon") == "xbmc.python"]

    assert versions == ["3.0.1"]


def test_source_url_check_is_reported_as_skipped_not_passed(clean_check):
    result = clean_check

    assert "SKIPPED (offline): reachability of <source>" in result.stdout


def test_a_single_warning_fails_the_check(unpacked_addon):
    (unpacked_addon / "notes.toml").write_text("a file type the official repository does not accept\n")

    result = run_check(unpacked_addon)

    assert result.returncode == 1
    assert "WARN: Found non whitelisted file ending" in result.stdout


def test_an_error_fails_the_check(unpacked_addon):
    os.chmod(str(unpacked_addon / "service.py"), 0o755)

    result = run_check(unpacked_addon)

    assert result.returncode == 1
    assert "marked as stand-alone executable" in result.stdout
