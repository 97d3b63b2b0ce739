"""make release's last check (tools/release_check.py): the folder it built is complete and its add-on zip
carries the build's app id, as CI's release stage proves with a placeholder id."""
import os
import subprocess
from pathlib import Path

import pytest

from tools import build_repo, build_zip, release_check

REPO = Path(__file__).resolve().parents[3]
CI_ID = "ci-not-a-real-app-id"  # what .ci/run's release stage builds with
ADDON_ID = build_zip.ADDON_ID


@pytest.fixture
def released(tmp_path):
    """The folder built as `make release SIMKL_CLIENT_ID=ci-not-a-real-app-id` builds it."""
    out = build_repo.build(tmp_path / "repo", build_repo.PLACEHOLDER_URL, environ={build_zip.ID_ENV: CI_ID},
                           dist=tmp_path / "dist")
    return out, out / ADDON_ID / f"{ADDON_ID}-{build_zip.addon_version()}.zip"


def test_a_placeholder_id_build_puts_the_id_in_the_zip_and_the_folder_is_complete(released):
    out, addon_zip = released

    assert release_check.app_id_in(addon_zip) == CI_ID
    assert release_check.release_problems(out, CI_ID) == []
    assert release_check.main([str(out)], environ={build_zip.ID_ENV: CI_ID}) == 0


def test_a_zip_with_another_id_or_none_is_no_release(released, tmp_path):
    out, _ = released
    bare = build_repo.build(tmp_path / "bare", build_repo.PLACEHOLDER_URL, environ={}, dist=tmp_path / "d2")

    assert release_check.release_problems(out, "another-id") != []
    assert "carries none" in release_check.release_problems(bare, CI_ID)[0]


def test_a_zip_changed_after_its_checksum_or_missing_is_named(released):
    out, addon_zip = released
    repo_zip = next((out / build_repo.REPO_ID).glob("*.zip"))
    addon_zip.write_bytes(addon_zip.read_bytes() + b"\0")
    repo_zip.unlink()

    problems = release_check.folder_problems(out)

    assert any("is not the SHA-256 of" in problem and addon_zip.name in problem for problem in problems)
    assert any(repo_zip.name in problem and "missing" in problem for problem in problems)


def test_ci_runs_the_release_with_a_placeholder_id_and_without_repeating_its_tests():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    clean = {name: value for name, value in os.environ.items()
             if name not in ("SIMKL_CLIENT_ID", "RELEASE_TESTS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}

    def dry_run(*args):
        return subprocess.run(["make", "-n", "release", "SIMKL_CLIENT_ID=" + CI_ID, *args], cwd=str(REPO),
                              check=True, stdout=subprocess.PIPE, text=True, env=clean).stdout

    assert f"make release SIMKL_CLIENT_ID={CI_ID} RELEASE_TESTS=no" in ci
    assert "lint unit" in dry_run() and "lint unit" not in dry_run("RELEASE_TESTS=no")
    assert "tools.release_check" in dry_run("RELEASE_TESTS=no")
