"""python -m tools.bench [--smoke | --medium] [--no-kodi] [--no-variants] [--profiles kodi20,kodi21,small]
[--quick] [--window] [--widgets-only] [--output FILE]: run the benchmark, print the table, write it as Markdown
(docs/benchmarks.md by default for a full run)."""
import argparse
import dataclasses
import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

from . import core_bench, profiles, sizes
from .report import Report, Row, machine_info

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO_ROOT / "docs" / "benchmarks.md"


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks the script still works")
    parser.add_argument("--medium", action="store_true", help="a quarter of the Kodi library: for experiments")
    parser.add_argument("--no-kodi", action="store_true", help="only the pure-core part")
    parser.add_argument("--no-variants", action="store_true",
                        help="skip the first-sync variants (progress bar / notification off, floor with listener)")
    parser.add_argument("--profiles", help="comma-separated real-Kodi profiles: kodi20 (variants and probes), "
                        "kodi21, small (Kodi 20 on one core under a CPU quota); default all (--smoke: kodi20)")
    parser.add_argument("--quick", action="store_true", help="no variants and probes in any profile")
    parser.add_argument("--window", action="store_true", help="part 2c in every profile, --quick too: the floor "
                        "and the first sync again with the video window open on an episode list (GUI, remote wait)")
    parser.add_argument("--widgets-only", action="store_true", help="in Kodi only the first sync (no floor) and the "
                        "widget listings' latency and memory")
    parser.add_argument("--save-kodi", help="also save the real-Kodi rows as JSON in this file")
    parser.add_argument("--kodi-from", help="take the real-Kodi rows from a --save-kodi file instead of running "
                        "Kodi (a long Kodi run made earlier, beside a fresh core part)")
    parser.add_argument("--rounds", type=int, help="floor and first sync measured this many times each, "
                        "alternately; the fastest of each is compared (default 2, --smoke 1)")
    parser.add_argument("--output", help="Markdown file to write (default: docs/benchmarks.md, none for --smoke)")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> Report:
    chosen = sizes.SMOKE if args.smoke else sizes.MEDIUM if args.medium else sizes.FULL
    if args.rounds:
        chosen = dataclasses.replace(chosen, rounds=max(1, args.rounds))
    report = Report("Simkl Sync benchmarks" + (" (smoke run, tiny sizes)" if args.smoke else ""))
    if not args.widgets_only:  # a widget experiment does not wait for the core part
        core_bench.add_rows(report, core_bench.run(chosen))
    kodi = {"rows": [], "notes": [], "sections": [], "versions": [], "profiles": []}
    if args.kodi_from:
        kodi = json.loads(Path(args.kodi_from).read_text(encoding="utf-8"))
    elif not args.no_kodi:
        kodi = _run_kodi(args, chosen)
    if args.save_kodi:
        Path(args.save_kodi).write_text(json.dumps(kodi), encoding="utf-8")
    report.rows += [Row(*row) for row in kodi["rows"]]
    report.notes += kodi["notes"]
    report.sections += [tuple(section) for section in kodi["sections"]]
    report.machine = machine_info(", ".join(kodi["versions"]) or None, kodi["profiles"])
    return report


def _run_kodi(args, chosen):
    """Every chosen profile's real-Kodi rows, as plain data (saved and reloaded by --save-kodi / --kodi-from)."""
    from . import kodi_bench

    report, versions, described = Report("Kodi"), [], []
    for profile in profiles.chosen(args.profiles, args.smoke, args.quick or args.no_variants, args.window):
        part = Report(profile.label)
        version, how = kodi_bench.run_into(part, chosen, profile, args.widgets_only)
        report.merge(part, profile)
        versions += [f"{version} ({profile.label})"] if version else []
        described.append(f"{profile.label}: {how}")
    described.append(f"real-Kodi parts measured at commit {_git_short()}, "
                     f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    return {"rows": [(r.part, r.measure, r.value, r.target, r.met) for r in report.rows], "notes": report.notes,
            "sections": report.sections, "versions": versions, "profiles": described}


def _git_short() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=str(REPO_ROOT), stdout=subprocess.PIPE,
                          text=True, check=False).stdout.strip() or "unknown"


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    report = run(args)
    sys.stdout.write(report.text())
    output = args.output or (None if args.smoke or args.medium else str(DEFAULT_OUTPUT))
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(report.markdown(report.machine), encoding="utf-8")
        sys.stdout.write(f"written to {output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
