"""make repo (tools/build_repo.py): the repository add-on and the folder a web host serves, laid out and
checksummed as Kodi 20-22 read them (xbmc/addons/Repository.cpp, AddonInfoBuilder.cpp)."""
import hashlib
import os
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tools import build_repo, build_zip

REPO = Path(__file__).resolve().parents[3]
URL = "https://downloads.example.org/kodi/simkl"
ADDON_ID, REPO_ID = build_zip.ADDON_ID, build_repo.REPO_ID


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """One build of the folder with URL, from an add-on zip built as `make zip` builds it."""
    scratch = tmp_path_factory.mktemp("repo")
    addon_zip, _ = build_zip.build(scratch / "addon.zip", environ={})
    out = build_repo.build(scratch / "out", URL + "/", addon_zip=addon_zip, dist=scratch / "dist")
    return out, addon_zip


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def repository_addon_xml(out):
    version = build_repo.repository_version()
    with zipfile.ZipFile(str(out / REPO_ID / f"{REPO_ID}-{version}.zip")) as archive:
        return ElementTree.fromstring(archive.read(f"{REPO_ID}/addon.xml"))


def test_each_addon_has_its_zip_hash_art_and_changelog_where_kodi_looks(published):
    out, _ = published
    version, repo_version = build_zip.addon_version(), build_repo.repository_version()

    expected = [f"{ADDON_ID}/{ADDON_ID}-{version}.zip", f"{ADDON_ID}/{ADDON_ID}-{version}.zip.sha256",
                f"{ADDON_ID}/resources/icon.png", f"{ADDON_ID}/resources/fanart.jpg",  # as its <assets> say
                f"{ADDON_ID}/icon.png", f"{ADDON_ID}/fanart.jpg", f"{ADDON_ID}/changelog-{version}.txt",
                f"{REPO_ID}/{REPO_ID}-{repo_version}.zip", f"{REPO_ID}/{REPO_ID}-{repo_version}.zip.sha256",
                f"{REPO_ID}/icon.png", f"{REPO_ID}/fanart.jpg", "addons.xml", "addons.xml.sha256", "index.html"]
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == sorted(expected)
    assert (out / ADDON_ID / f"changelog-{version}.txt").read_text() == (REPO / "changelog.txt").read_text()


def test_addons_xml_holds_each_addon_xml_as_it_is_in_its_zip(published):
    out, addon_zip = published
    index = ElementTree.parse(str(out / "addons.xml")).getroot()
    with zipfile.ZipFile(str(addon_zip)) as archive:
        packaged = ElementTree.fromstring(archive.read(f"{ADDON_ID}/addon.xml"))

    assert index.tag == "addons"
    assert [addon.get("id") for addon in index] == [REPO_ID, ADDON_ID]
    assert ElementTree.tostring(index[1]).strip() == ElementTree.tostring(packaged).strip()
    assert ElementTree.tostring(index[0]).strip() == ElementTree.tostring(repository_addon_xml(out)).strip()


def test_every_checksum_file_holds_the_sha256_of_the_file_it_names(published):
    out, _ = published
    hashes = sorted(out.rglob("*.sha256"))

    assert len(hashes) == 3
    for hash_file in hashes:
        named = hash_file.with_name(hash_file.name[:-len(".sha256")])
        assert hash_file.read_text() == sha256(named), named  # the bare digest: Kodi reads the first word


def test_the_published_addon_zip_is_the_one_built(published):
    out, addon_zip = published

    assert sha256(out / ADDON_ID / f"{ADDON_ID}-{build_zip.addon_version()}.zip") == sha256(addon_zip)


def test_the_repository_addon_points_kodi_at_the_url_with_sha256_checks(published):
    out, _ = published
    directory = repository_addon_xml(out).find("./extension[@point='xbmc.addon.repository']/dir")

    assert directory.find("info").text == URL + "/addons.xml"
    assert directory.find("checksum").text == URL + "/addons.xml.sha256"
    assert directory.find("checksum").get("verify") == "sha256"
    assert directory.find("datadir").text == URL + "/"
    assert directory.find("datadir").get("zip") == "true"
    assert directory.find("hashes").text == "sha256"


def test_the_repository_zip_holds_one_folder_with_addon_xml_art_and_license(published):
    out, _ = published
    with zipfile.ZipFile(str(out / REPO_ID / f"{REPO_ID}-{build_repo.repository_version()}.zip")) as archive:
        names = sorted(archive.namelist())

    assert names == [f"{REPO_ID}/", f"{REPO_ID}/LICENSE.txt", f"{REPO_ID}/addon.xml", f"{REPO_ID}/fanart.jpg",
                     f"{REPO_ID}/icon.png"]


def test_the_same_files_give_the_same_repository_zip(tmp_path):
    first = build_repo.build_repository_zip(tmp_path / "a.zip", URL)
    second = build_repo.build_repository_zip(tmp_path / "b.zip", URL)

    assert sha256(first) == sha256(second)  # a rebuild changes no checksum, so Kodis download nothing new


def test_the_index_page_links_the_repository_zip(published):
    out, _ = published
    name = f"{REPO_ID}-{build_repo.repository_version()}.zip"

    assert f'href="{REPO_ID}/{name}"' in (out / "index.html").read_text()


@pytest.mark.parametrize("url", ["", "ftp://host/repo", 'https://host/"><x', "https://host/a&b", "host/repo",
                                 "https://host/a b"])
def test_a_url_that_is_not_plain_http_is_refused(url):
    with pytest.raises(ValueError):
        build_repo.base_url(url)


def test_a_url_loses_its_trailing_slash_and_keeps_its_port():
    assert build_repo.base_url(" http://127.0.0.1:8080/repo/ ") == "http://127.0.0.1:8080/repo"


def test_a_folder_make_repo_did_not_write_is_never_emptied(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")

    with pytest.raises(ValueError):
        build_repo.publish(tmp_path, [])

    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_make_repo_passes_repo_url_and_defaults_to_the_documented_placeholder():
    clean = {name: value for name, value in os.environ.items()  # not a REPO_URL of a make running the tests
             if name not in ("REPO_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}

    def dry_run(*args):
        return subprocess.run(["make", "-n", "repo", *args], cwd=str(REPO), check=True, stdout=subprocess.PIPE,
                              text=True, env=clean).stdout

    assert f'--url "{URL}"' in dry_run(f"REPO_URL={URL}")
    assert f'--url "{build_repo.PLACEHOLDER_URL}"' in dry_run()
    assert build_repo.PLACEHOLDER_URL in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_repository_folder_never_goes_into_the_addon_zip(published):
    _, addon_zip = published
    with zipfile.ZipFile(str(addon_zip)) as archive:
        names = archive.namelist()

    assert not [name for name in names if name.startswith(f"{ADDON_ID}/repository/")]
    assert f"{ADDON_ID}/changelog.txt" in names
