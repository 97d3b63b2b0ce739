"""What `make release` checks in the folder it built before it says what to upload.

    python3 -m tools.release_check dist/repo     # exit 1 naming each problem

The folder is complete (each add-on addons.xml lists has its zip and checksum where Kodi looks, every checksum
is right, each zip holds the addon.xml the index lists) and the add-on's zip carries the app id in
SIMKL_CLIENT_ID (the build input of README *Release*). Standard library only.
"""
import argparse
import ast
import os
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from tools import build_repo, build_zip


def folder_problems(out_dir):
    """What keeps out_dir from being a complete repository folder; [] when it is one."""
    out_dir = Path(out_dir)
    index = out_dir / "addons.xml"
    if not index.is_file():
        return [f"{index} is missing"]
    found = _checksum_problems(index)
    addons = ElementTree.parse(str(index)).getroot()
    if sorted(addon.get("id") for addon in addons) != sorted((build_repo.REPO_ID, build_zip.ADDON_ID)):
        found.append(f"addons.xml lists {[addon.get('id') for addon in addons]}")
    for addon in addons:
        addon_id, version = addon.get("id"), addon.get("version")
        zip_path = out_dir / addon_id / f"{addon_id}-{version}.zip"
        if not zip_path.is_file():
            found.append(f"{zip_path} is missing")
            continue
        found += _checksum_problems(zip_path)
        with zipfile.ZipFile(str(zip_path)) as archive:
            packaged = ElementTree.fromstring(build_repo.addon_xml_of(archive)[2].encode("utf-8"))
        if ElementTree.tostring(packaged).strip() != ElementTree.tostring(addon).strip():
            found.append(f"{zip_path.name}'s addon.xml is not the one addons.xml lists")
    return found


def _checksum_problems(path):
    digest_file = path.with_name(path.name + ".sha256")
    if not digest_file.is_file():
        return [f"{digest_file} is missing"]
    if digest_file.read_text(encoding="ascii").split()[:1] != [build_repo.sha256_hex(path.read_bytes())]:
        return [f"{digest_file} is not the SHA-256 of {path.name}"]
    return []


def app_id_in(addon_zip):
    """The app id a zip `make zip` built carries ("" when it carries none)."""
    with zipfile.ZipFile(str(addon_zip)) as archive:
        if build_zip.BUILD_MODULE not in archive.namelist():
            return ""
        tree = ast.parse(archive.read(build_zip.BUILD_MODULE).decode("utf-8"))
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body
              if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    return values.get("CLIENT_ID", "")


def release_problems(out_dir, client_id):
    """folder_problems, and the published add-on zip's app id must be client_id."""
    found = folder_problems(out_dir)
    if found:
        return found
    version = build_zip.addon_version()
    addon_zip = Path(out_dir) / build_zip.ADDON_ID / f"{build_zip.ADDON_ID}-{version}.zip"
    carried = app_id_in(addon_zip)
    if not client_id or carried != client_id:
        found.append(f"{addon_zip.name} does not carry the app id in {build_zip.ID_ENV} "
                     + ("(it carries none)" if not carried else "(it carries another)"))
    return found


def main(argv=None, environ=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the repository folder `make repo` wrote (dist/repo)")
    args = parser.parse_args(argv)
    environ = os.environ if environ is None else environ
    found = release_problems(args.folder, environ.get(build_zip.ID_ENV, "").strip())
    for problem in found:
        sys.stderr.write(problem + "\n")
    if not found:
        sys.stdout.write(f"{args.folder}: complete, checksums right, the add-on carries the app id\n")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
