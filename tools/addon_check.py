"""Run kodi-addon-checker offline on an unpacked add-on; fail on any error AND on any warning.

Usage: python tools/addon_check.py <addon_dir> [--branch nexus --branch omega ...]

Without --branch it checks every branch the add-on is served on: nexus (Kodi 20, the branch it is
submitted to), omega (21) and piers (22).

kodi-addon-checker 0.0.36 downloads the addons.xml of ten branches before checking anything and
sends a HEAD request to every <forum>/<source>/<website> URL. Neither works offline, so this
wrapper gives it empty repository indexes (together with --skip-dependency-checks) and turns the
URL reachability check into a recorded, visible skip. Every other check runs unchanged.
"""
import argparse
import os
import sys
from pathlib import Path

from kodi_addon_checker import __main__ as checker_main
from kodi_addon_checker import check_addon, check_url
from kodi_addon_checker.addons import Repository
from kodi_addon_checker.common import load_plugins
from kodi_addon_checker.logger import Logger
from kodi_addon_checker.record import INFORMATION, Record

URL_ELEMENTS = ("forum", "source", "website")
BRANCHES = ("nexus", "omega", "piers")
METADATA_POINTS = ("xbmc.addon.metadata", "kodi.addon.metadata")


def _empty_repository(self, version, path):
    """Stands in for Repository.__init__: an index with no add-ons, without any download."""
    self.version = version
    self.path = path
    self.addons = []


def _record_url_check_skipped(report, parsed_xml):
    """Stands in for check_url.check_url: names each URL it did not fetch, as an INFO record."""
    for point in METADATA_POINTS:
        for element in URL_ELEMENTS:
            for node in parsed_xml.findall(f"./extension[@point='{point}']/{element}"):
                if node.text:
                    message = f"SKIPPED (offline): reachability of <{element}> {node.text}"
                    report.add(Record(INFORMATION, message))


def go_offline():
    Repository.Repository.__init__ = _empty_repository
    check_url.check_url = _record_url_check_skipped


def checker_args(branch):
    """The namespace kodi-addon-checker's own parser would build for this run."""
    return argparse.Namespace(
        dir=[], branch=branch, PR=False, allow_folder_id_mismatch=False, enable_debug_log=False,
        skip_dependency_checks=True, reporter=None,
    )


def run_checker(addon_dir, branch):
    """Check one add-on folder and return the checker's report (with problem/warning counts)."""
    go_offline()
    load_plugins()  # registers the console reporter, which prints every record
    log_file = os.path.join(os.path.dirname(os.path.abspath(addon_dir)), "kodi-addon-checker.log")
    Logger.create_logger(log_file, "kodi_addon_checker", False)
    repositories = check_addon.get_all_repo_addons()
    return checker_main.check_artifact(addon_dir, checker_args(branch), repositories)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addon_dir", type=Path, help="the unpacked add-on folder (named as its id)")
    parser.add_argument("--branch", action="append", dest="branches", choices=BRANCHES + ("matrix",),
                        help="a Kodi branch to check against; repeat for several (default: "
                        + ", ".join(BRANCHES) + ")")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if not (args.addon_dir / "addon.xml").is_file():
        sys.stderr.write(f"no addon.xml in {args.addon_dir}\n")
        return 2
    failed = []
    for branch in args.branches or BRANCHES:
        report = run_checker(str(args.addon_dir), branch)
        sys.stdout.write(f"addon check ({branch}): "
                         f"{report.problem_count} errors, {report.warning_count} warnings\n")
        if report.problem_count or report.warning_count:
            failed.append(branch)
    if failed:
        sys.stderr.write(f"FAILED on {', '.join(failed)}: the add-on must pass with no errors and no warnings\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
