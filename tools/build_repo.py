"""Builds the add-on repository (what `make repo` runs): the repository add-on's zip and the folder to publish.

    make repo REPO_URL=https://<host>/<path>     # or: python3 -m tools.build_repo --url URL --out DIR

The folder (dist/repo by default) goes on any static web host as it is, at REPO_URL:

    addons.xml, addons.xml.sha256      every add-on's addon.xml in one <addons>; its SHA-256 (Kodi checks it)
    <id>/<id>-<version>.zip (+.sha256) each add-on's zip and its SHA-256 (Kodi checks it before installing)
    <id>/icon.png, fanart.jpg, ...     the art Kodi shows before installing; <id>/changelog-<version>.txt
    index.html                         a link to the repository add-on's zip (Kodi's file manager can browse it)

The repository add-on (repository.simkl.sync) comes from the tracked files of repository/ (addon.xml.in with
REPO_URL written in, icon, fanart) plus LICENSE.txt. Formats as Kodi 20-22 read them (xbmc/addons/Repository.cpp):
a checksum file's first word is the digest; `<checksum verify="sha256">` and `<hashes>sha256</hashes>` make Kodi
refuse an index or a zip whose SHA-256 differs. Standard library only.
"""
import argparse
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from tools import build_zip

REPO_ROOT = Path(__file__).resolve().parents[1]
REPO_ID = "repository.simkl.sync"
TEMPLATE_FOLDER = "repository"
TEMPLATE_NAME = "addon.xml.in"
URL_TOKEN = "@REPO_URL@"
# Reserved: never resolves, so a build nobody gave a URL cannot point Kodi at someone else's host.
PLACEHOLDER_URL = "https://simkl-sync.invalid/repo"
SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~%/+-]*)?$")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
ART_ELEMENTS = ("icon", "fanart", "banner", "clearlogo", "screenshot")
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # the repository zip's entries: the same files give the same zip


def base_url(url):
    """The URL without its trailing slash; refuses what is not a plain http(s) URL (it goes into XML)."""
    url = (url or "").strip().rstrip("/")
    if not SAFE_URL.match(url):
        raise ValueError(f"REPO_URL {url!r} is not a plain http(s):// URL")
    return url


def repository_addon_xml(template, url):
    return template.replace(URL_TOKEN, base_url(url))


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def tracked_files(folder, repo_root=REPO_ROOT):
    """{path inside folder: bytes} of the tracked files under folder, from the tree `make zip` archives."""
    tree = build_zip.tree_to_archive(repo_root)
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", tree, folder + "/"], cwd=str(repo_root),
                           check=True, stdout=subprocess.PIPE, text=True).stdout.split()
    return {name[len(folder) + 1:]: _git_show(tree, name, repo_root) for name in names}


def _git_show(tree, name, repo_root):
    return subprocess.run(["git", "show", f"{tree}:{name}"], cwd=str(repo_root), check=True,
                          stdout=subprocess.PIPE).stdout


def repository_zip_files(url, repo_root=REPO_ROOT):
    files = tracked_files(TEMPLATE_FOLDER, repo_root)
    template = files.pop(TEMPLATE_NAME).decode("utf-8")
    files["addon.xml"] = repository_addon_xml(template, url).encode("utf-8")
    files["LICENSE.txt"] = (Path(repo_root) / "LICENSE.txt").read_bytes()
    return files


def build_repository_zip(target, url, repo_root=REPO_ROOT):
    """The repository add-on's zip at target (one folder named as its id, as Kodi and the checker want)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    files = repository_zip_files(url, repo_root)
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=str(target.parent))
    os.close(handle)
    try:  # written aside and moved in: two builds at once (test workers) never see half a zip
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_entry(REPO_ID + "/", 0o40755), b"")
            for name, data in sorted(files.items()):
                archive.writestr(_entry(f"{REPO_ID}/{name}", 0o100644), data)
        os.replace(partial, str(target))
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return target


def _entry(name, mode):
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.external_attr = mode << 16 | (0x10 if name.endswith("/") else 0)  # 0x10: MS-DOS directory flag
    info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
    return info


def addon_xml_of(archive):
    """(id, version, addon.xml text) of the add-on in an open zip."""
    roots = {name.split("/", 1)[0] for name in archive.namelist()}
    if len(roots) != 1:
        raise ValueError(f"{archive.filename}: a Kodi zip holds one folder, not {sorted(roots)}")
    text = archive.read(f"{roots.pop()}/addon.xml").decode("utf-8")
    addon = ElementTree.fromstring(text.encode("utf-8"))
    return addon.get("id"), addon.get("version"), text


def art_paths(addon_xml):
    """The paths the add-on's <assets> name: Kodi reads a listed add-on's art at <datadir>/<id>/<path>."""
    assets = ElementTree.fromstring(addon_xml.encode("utf-8")).find(".//assets")
    if assets is None:
        return []
    return [node.text.strip() for node in assets if node.tag in ART_ELEMENTS and (node.text or "").strip()]


def publish_addon(zip_path, out_dir):
    """Puts one add-on's zip, its SHA-256, art and changelog under out_dir/<id>/; returns its addon.xml."""
    with zipfile.ZipFile(str(zip_path)) as archive:
        addon_id, version, text = addon_xml_of(archive)
        folder = Path(out_dir) / addon_id
        folder.mkdir(parents=True, exist_ok=True)
        for path in art_paths(text):
            _write(folder / path, archive.read(f"{addon_id}/{path}"))
            _write(folder / Path(path).name, archive.read(f"{addon_id}/{path}"))  # the customary place too
        if f"{addon_id}/changelog.txt" in archive.namelist():
            _write(folder / f"changelog-{version}.txt", archive.read(f"{addon_id}/changelog.txt"))
    data = Path(zip_path).read_bytes()
    _write(folder / f"{addon_id}-{version}.zip", data)
    _write(folder / f"{addon_id}-{version}.zip.sha256", sha256_hex(data).encode("ascii"))
    return text


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def addons_xml(addon_xmls):
    """Kodi's repository index: each addon.xml, without its XML declaration, inside one <addons>."""
    bodies = [XML_DECLARATION.sub("", text).strip() for text in addon_xmls]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<addons>\n'
            + "\n".join(bodies) + "\n</addons>\n")


def index_html(repository_zip_name):
    link = html.escape(f"{REPO_ID}/{repository_zip_name}")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Simkl Sync repository</title></head>\n"
            f"<body><a href=\"{link}\">{html.escape(repository_zip_name)}</a></body></html>\n")


def publish(out_dir, zips):
    """Writes the publishable folder for these add-on zips (the repository add-on's first) into out_dir."""
    out_dir = Path(out_dir)
    _clear(out_dir)
    texts = [publish_addon(path, out_dir) for path in zips]
    index = addons_xml(texts).encode("utf-8")
    _write(out_dir / "addons.xml", index)
    _write(out_dir / "addons.xml.sha256", sha256_hex(index).encode("ascii"))
    _write(out_dir / "index.html", index_html(Path(zips[0]).name).encode("utf-8"))
    return out_dir


def _clear(out_dir):
    """Empties a folder this tool wrote before (it holds addons.xml); refuses to empty any other."""
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / "addons.xml").is_file():
            raise ValueError(f"{out_dir} is not empty and holds no addons.xml: not a folder make repo wrote")
        shutil.rmtree(str(out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)


def repository_version(repo_root=REPO_ROOT):
    template = (Path(repo_root) / TEMPLATE_FOLDER / TEMPLATE_NAME).read_text(encoding="utf-8")
    return ElementTree.fromstring(XML_DECLARATION.sub("", template).encode("utf-8")).get("version")


def build(out_dir, url, addon_zip=None, repo_root=REPO_ROOT, environ=None, dist=None):
    """The repository add-on's zip (in dist, default dist/) and the folder at out_dir; builds the add-on's
    zip (as `make zip` does) unless given one. Returns the folder."""
    url = base_url(url)
    dist = Path(dist) if dist else Path(repo_root) / "dist"
    repo_zip = build_repository_zip(dist / f"{REPO_ID}-{repository_version(repo_root)}.zip", url, repo_root)
    with tempfile.TemporaryDirectory() as scratch:
        if addon_zip is None:
            addon_zip, _ = build_zip.build(Path(scratch) / "addon.zip", environ, repo_root)
        publish(out_dir, [repo_zip, addon_zip])
    return Path(out_dir)


def upload_summary(out_dir, url):
    files = sorted(str(path.relative_to(out_dir)) for path in Path(out_dir).rglob("*") if path.is_file())
    placeholder = base_url(url) == PLACEHOLDER_URL
    lines = [f"repository folder {out_dir} ({len(files)} files):"] + [f"  {name}" for name in files]
    lines.append(f"upload 1: all of {out_dir}/ so that {base_url(url)}/addons.xml is its addons.xml"
                 + (" -- NOT publishable: REPO_URL was not set (placeholder URL)" if placeholder else ""))
    lines += [f"upload 2: {out_dir}/{name} as the release's download" for name in files if name.endswith(".zip")]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=PLACEHOLDER_URL, help="where the folder will be served (REPO_URL)")
    parser.add_argument("--out", default=str(REPO_ROOT / "dist" / "repo"), help="the folder to write")
    parser.add_argument("--addon-zip", help="the add-on zip to publish (default: build one as `make zip` does)")
    parser.add_argument("--summary", action="store_true", help="only say what to upload from a built folder")
    args = parser.parse_args(argv)
    url = args.url or PLACEHOLDER_URL
    try:
        out_dir = Path(args.out) if args.summary else build(args.out, url, args.addon_zip)
        if not (out_dir / "addons.xml").is_file():
            raise ValueError(f"{out_dir} holds no addons.xml: run `make repo` first")
        sys.stdout.write(upload_summary(out_dir, url))
    except ValueError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
