"""The add-on installed and updated the way users get it: a real Kodi with repository.simkl.sync (from the zip
`make repo` builds) installs script.simkl.sync from the repository folder served on loopback, refuses a published
zip whose SHA-256 is not the one the folder lists, and installs a higher version once it is published there
(UpdateAddonRepos + Kodi's automatic update). The add-on's
dependencies are the rig's stand-ins, installed beforehand as the official repository would provide them."""
import functools
import http.server
import threading
import zipfile

import pytest

from tests.support.kodi_rig import ADDON_ID, KodiRig, RpcError, wait_until
from tests.support.kodi_rig.addon_zip import addon_version
from tests.support.kodi_rig.builtin_script import SCRIPT_ID, install_builtin_script, run_builtin
from tools import build_repo

pytestmark = pytest.mark.e2e

REPO_ID = build_repo.REPO_ID
YES_NO_DIALOG, YES_BUTTON = 10100, 11
AUTO_UPDATES = 0  # general.addonupdates: install updates automatically (the rig's default profile says never)
PREFIX = r"\[script\.simkl\.sync\]"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A loopback web host for the repository folder: (folder, base URL, paths Kodi asked for)."""
    folder = tmp_path_factory.mktemp("served") / "repo"
    folder.mkdir()
    asked = []

    class Recording(QuietHandler):
        def do_GET(self):
            asked.append(self.path)
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Recording, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def bumped_patch(version):
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def with_version(addon_zip, version, target):
    """A copy of the add-on zip whose addon.xml says `version` (what the next release would publish)."""
    old = f'id="{ADDON_ID}" name="Simkl Sync" version="{addon_version()}"'
    with zipfile.ZipFile(str(addon_zip)) as source, zipfile.ZipFile(str(target), "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == f"{ADDON_ID}/addon.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, old.replace(addon_version(), version)).encode("utf-8")
            out.writestr(info, data)
    return target


def publish(folder, repo_zip, addon_zip):
    build_repo.publish(folder, [repo_zip, addon_zip])


@pytest.fixture(scope="module")
def kodi(addon_zip, kodi_tools_present, served, tmp_path_factory):
    """A Kodi that has the repository add-on (unzipped from its zip), the stand-ins and the builtin script, and
    nothing of script.simkl.sync yet; the repository folder is served with the add-on's current version."""
    folder, url, _ = served
    scratch = tmp_path_factory.mktemp("repozip")
    repo_zip = build_repo.build_repository_zip(scratch / f"{REPO_ID}.zip", url)
    publish(folder, repo_zip, addon_zip)
    with KodiRig(env={"SIMKL_API_URL": "http://127.0.0.1:9"}, debug_log=True) as rig:
        rig.install_addon(repo_zip)  # plus the stand-ins for requests and simplecache
        install_builtin_script(rig.addons_dir)
        rig.start()
        rig.enable_addon(SCRIPT_ID)
        rig.enable_addon(REPO_ID)
        rig.rpc("Settings.SetSettingValue", {"setting": "general.addonupdates", "value": AUTO_UPDATES})
        rig.repo_zip = repo_zip
        yield rig


def available_version(rig, addon_id):
    """The version of addon_id Kodi's repositories offer, None while none does."""
    try:
        result = rig.rpc("Addons.GetAddons", {"installed": False, "properties": ["version"]})
    except RpcError:
        return None
    for addon in result.get("addons") or []:
        if addon["addonid"] == addon_id:
            return addon["version"]
    return None


def installed_version(rig):
    try:
        details = rig.addon_details(ADDON_ID)
    except RpcError:  # not installed yet
        return None
    return details["version"] if details.get("installed") and details.get("enabled") else None


def confirm_install(rig):
    """InstallAddon asks "Do you want to install it?": click Yes."""
    wait_until(lambda: rig.current_window_id() == YES_NO_DIALOG, 30, message="the install question")
    run_builtin(rig, f"SendClick({YES_NO_DIALOG},{YES_BUTTON})")
    wait_until(lambda: rig.current_window_id() != YES_NO_DIALOG, 30, message="the install question to close")


def test_kodi_lists_the_addon_from_the_repository_it_installed_from_a_zip(kodi):
    assert kodi.addon_details(REPO_ID)["enabled"] is True

    run_builtin(kodi, "UpdateAddonRepos")

    assert wait_until(lambda: available_version(kodi, ADDON_ID), 90, interval=1,
                      message=f"{ADDON_ID} offered by the repository") == addon_version()


def test_kodi_installs_the_addon_from_the_repository_and_its_service_starts(kodi, served):
    _, _, asked = served
    mark = kodi.log_mark()

    run_builtin(kodi, f"InstallAddon({ADDON_ID})")
    confirm_install(kodi)

    assert wait_until(lambda: installed_version(kodi), 90, interval=1, message="the add-on installed") \
        == addon_version()
    kodi.wait_for_log(PREFIX + r".*service started", timeout=60, since=mark)
    assert f"/{ADDON_ID}/{ADDON_ID}-{addon_version()}.zip.sha256" in asked  # the download was checked against it
    assert kodi.log_errors(ADDON_ID, since=mark) == []


def test_kodi_refuses_an_update_whose_zip_is_not_the_one_the_repository_hashed(kodi, served, addon_zip,
                                                                                tmp_path):
    folder, _, asked = served
    installed = installed_version(kodi)
    if installed is None:
        pytest.skip("the install test did not leave the add-on installed")
    tampered = bumped_patch(addon_version())
    publish(folder, kodi.repo_zip, with_version(addon_zip, tampered, tmp_path / "tampered.zip"))
    hash_path = f"/{ADDON_ID}/{ADDON_ID}-{tampered}.zip.sha256"
    (folder / hash_path.lstrip("/")).write_text("0" * 64)  # as if the zip had been swapped on the host
    mark = kodi.log_mark()

    run_builtin(kodi, "UpdateAddonRepos")

    wait_until(lambda: hash_path in asked, 120, interval=1, message="Kodi to fetch the zip's SHA-256")
    kodi.wait_for_log(r"(?i)CAddonInstallJob\[script\.simkl\.sync\].*hash mismatch", timeout=60,
                      since=mark, fail_on_addon_errors=False)
    assert installed_version(kodi) == installed


def test_kodi_updates_the_addon_when_a_higher_version_is_published(kodi, served, addon_zip, tmp_path):
    folder, _, asked = served
    if installed_version(kodi) is None:
        pytest.skip("the install test did not leave the add-on installed")
    newer = bumped_patch(bumped_patch(addon_version()))
    publish(folder, kodi.repo_zip, with_version(addon_zip, newer, tmp_path / "newer.zip"))
    mark = kodi.log_mark()

    run_builtin(kodi, "UpdateAddonRepos")

    assert wait_until(lambda: installed_version(kodi) == newer, 120, interval=1,
                      message=f"the add-on updated to {newer}")
    kodi.wait_for_log(PREFIX + r".*service started", timeout=60, since=mark)
    assert f"/{ADDON_ID}/{ADDON_ID}-{newer}.zip.sha256" in asked  # the download was checked against it
    assert kodi.log_errors(ADDON_ID, since=mark) == []
