"""changelog.txt is the one source of the release notes; addon.xml's <news> is written from its newest section.

    python3 -m tools.changelog --write    # addon.xml's <news> := the newest section (what `make news` runs)
    python3 -m tools.changelog --check    # exit 1 naming each disagreement (what `make release` runs first)

A section starts with a line `v<major>.<minor>.<patch>` (semantic versioning, newest first) and holds the lines
below it up to the next such line. Its version must be addon.xml's. Standard library only.
"""
import argparse
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape, unescape

REPO_ROOT = Path(__file__).resolve().parents[1]
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
SECTION_START = re.compile(r"^v(\d+\.\d+\.\d+)\s*$", re.M)
NEWS = re.compile(r"(<news>)(.*?)(</news>)", re.S)
ADDON_VERSION = re.compile(r'<addon id="script\.simkl\.sync"[^>]*version="([^"]+)"')
NEWS_LIMIT = 1500  # the official repository's limit for <news>


def sections(text):
    """[(version, section text)] in the file's order, each section with its `v<version>` line."""
    starts = list(SECTION_START.finditer(text))
    found = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        found.append((start.group(1), text[start.start():end].strip()))
    return found


def version_key(version):
    return tuple(int(part) for part in version.split("."))


def news_of(addon_xml):
    match = NEWS.search(addon_xml)
    return unescape(match.group(2)) if match else None


def with_news(addon_xml, news):
    if not NEWS.search(addon_xml):
        raise ValueError("addon.xml has no <news> element to fill")
    return NEWS.sub(lambda match: match.group(1) + escape(news) + match.group(3), addon_xml, count=1)


def problems(changelog_text, addon_xml):
    """What keeps this changelog and addon.xml from making a release; [] when they agree."""
    found = []
    version_match = ADDON_VERSION.search(addon_xml)
    version = version_match.group(1) if version_match else ""
    if not SEMVER.match(version):
        found.append(f"addon.xml's version {version!r} is not major.minor.patch")
    listed = sections(changelog_text)
    if not listed:
        return found + ["changelog.txt has no section (a line `v<major>.<minor>.<patch>`)"]
    versions = [key for key, _ in listed]
    if versions != sorted(versions, key=version_key, reverse=True) or len(set(versions)) != len(versions):
        found.append("changelog.txt's sections are not newest first, each version once: " + ", ".join(versions))
    newest_version, newest_text = listed[0]
    if newest_version != version:
        found.append(f"changelog.txt's newest section is v{newest_version}, addon.xml says {version}")
    if len(newest_text) > NEWS_LIMIT:
        found.append(f"the newest section has {len(newest_text)} characters; <news> holds at most {NEWS_LIMIT}")
    if news_of(addon_xml) != newest_text:
        found.append("addon.xml's <news> is not changelog.txt's newest section (run `make news`)")
    return found


def main(argv=None, repo_root=REPO_ROOT):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="write the newest section into addon.xml's <news>")
    action.add_argument("--check", action="store_true", help="exit 1 when changelog.txt and addon.xml disagree")
    args = parser.parse_args(argv)
    addon_path, changelog_path = Path(repo_root) / "addon.xml", Path(repo_root) / "changelog.txt"
    changelog_text = changelog_path.read_text(encoding="utf-8")
    addon_xml = addon_path.read_text(encoding="utf-8")
    if args.write:
        listed = sections(changelog_text)
        if not listed:
            sys.stderr.write("changelog.txt has no section to write\n")
            return 1
        addon_path.write_text(with_news(addon_xml, listed[0][1]), encoding="utf-8")
        addon_xml = addon_path.read_text(encoding="utf-8")
    found = problems(changelog_text, addon_xml)
    for problem in found:
        sys.stderr.write(problem + "\n")
    if not found:
        sys.stdout.write(f"changelog.txt and addon.xml agree on v{sections(changelog_text)[0][0]}\n")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
