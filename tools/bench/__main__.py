"""python -m tools.bench [--smoke] [--no-kodi] [--no-variants] [--output FILE]: run the benchmark, print the table,
write it as Markdown (docs/benchmarks.md by default for a full run)."""
import argparse
import sys
from pathlib import Path
from typing import List, Optional

from . import core_bench, sizes
from .report import Report, machine_info

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO_ROOT / "docs" / "benchmarks.md"


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks the script still works")
    parser.add_argument("--no-kodi", action="store_true", help="only the pure-core part")
    parser.add_argument("--no-variants", action="store_true",
                        help="skip the first-sync variants (progress bar / notification off, floor with listener)")
    parser.add_argument("--output", help="Markdown file to write (default: docs/benchmarks.md, none for --smoke)")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> Report:
    chosen = sizes.SMOKE if args.smoke else sizes.FULL
    report = Report("Simkl Sync benchmarks" + (" (smoke run, tiny sizes)" if args.smoke else ""))
    core_bench.add_rows(report, core_bench.run(chosen))
    kodi_version = None
    if not args.no_kodi:
        from . import kodi_bench

        kodi_version = kodi_bench.run_into(report, chosen, variants=not args.no_variants)
    report.machine = machine_info(kodi_version)
    return report


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    report = run(args)
    sys.stdout.write(report.text())
    output = args.output or (None if args.smoke else str(DEFAULT_OUTPUT))
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(report.markdown(report.machine), encoding="utf-8")
        sys.stdout.write(f"written to {output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
