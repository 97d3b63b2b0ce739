"""Which Kodi the rig runs for KODI_RIG_VERSION: the host's when it is that version, else a Debian root's."""
import pytest

from tests.support.kodi_rig import debian_root, installs, processes


@pytest.fixture
def host_kodi_20(monkeypatch, tmp_path):
    monkeypatch.setattr(installs, "host_install", lambda: installs.KodiInstall("/usr/lib/x/kodi/kodi.bin", "20.1"))
    monkeypatch.setenv(debian_root.CACHE_ENV, str(tmp_path))


def built_root(tmp_path, monkeypatch, suite, version):
    root = tmp_path / suite
    (root / "usr/lib/x86_64-linux-gnu/kodi").mkdir(parents=True)
    (root / "usr/lib/x86_64-linux-gnu/kodi/kodi.bin").write_text("")
    (root / debian_root.MARKER).write_text(debian_root.recipe(suite, debian_root.PACKAGES) + "\n")
    monkeypatch.setattr(installs, "_package_version", lambda top: version if top == root else "20.1")
    return root


@pytest.mark.parametrize("value", ["", "host", "20"])
def test_no_version_host_or_the_hosts_own_version_is_the_host_kodi(host_kodi_20, monkeypatch, value):
    monkeypatch.setenv(installs.VERSION_ENV, value)

    install = installs.find_install(build=False)

    assert (install.root, install.major) == (None, "20")


def test_another_version_runs_from_its_suites_root_inside_a_mount_namespace(host_kodi_20, monkeypatch, tmp_path):
    root = built_root(tmp_path, monkeypatch, "trixie", "21.2")
    monkeypatch.setenv(installs.VERSION_ENV, "21")

    install = installs.find_install(build=False)

    assert (install.root, install.version, install.binary) == (root, "21.2", "/usr/lib/x86_64-linux-gnu/kodi/kodi.bin")
    assert install.command([install.binary])[:2] == ["unshare", "--mount"]


def test_a_root_not_built_yet_is_none_without_building(host_kodi_20, monkeypatch):
    monkeypatch.setenv(installs.VERSION_ENV, "21")

    assert installs.find_install(build=False) is None


def test_a_root_holding_another_version_than_asked_is_an_error(host_kodi_20, monkeypatch, tmp_path):
    built_root(tmp_path, monkeypatch, "trixie", "22.0")
    monkeypatch.setenv(installs.VERSION_ENV, "21")

    with pytest.raises(RuntimeError, match="not Kodi 21"):
        installs.find_install(build=False)


def test_an_unknown_version_is_an_error_that_names_the_known_ones(host_kodi_20, monkeypatch):
    monkeypatch.setenv(installs.VERSION_ENV, "19")

    with pytest.raises(RuntimeError, match="known: 20, 21"):
        installs.find_install(build=False)


def test_a_suite_asked_by_name_runs_whatever_kodi_it_packages(host_kodi_20, monkeypatch, tmp_path):
    root = built_root(tmp_path, monkeypatch, "sid", "21.3")
    monkeypatch.setenv(installs.VERSION_ENV, "sid")

    assert installs.find_install(build=False).root == root


def test_a_folder_bound_for_kodi_in_a_root_is_seen_there_at_its_host_path(host_kodi_20, monkeypatch, tmp_path):
    root = built_root(tmp_path, monkeypatch, "trixie", "21.2")
    monkeypatch.setenv(installs.VERSION_ENV, "21")
    libraries = tmp_path / "faketime"
    libraries.mkdir()

    argv = installs.find_install(build=False).command(["/usr/bin/kodi"], binds=[str(libraries)])

    assert argv[-4:] == [str(root), "1", str(libraries), "/usr/bin/kodi"]
    assert installs.host_install().command(["/usr/bin/kodi"], binds=[str(libraries)]) == ["/usr/bin/kodi"]


def test_kodi_under_libfaketime_moves_only_its_wall_clock():
    env = processes.faketime_environment("/usr/lib/x/faketime/libfaketimeMT.so.1", "-3d")

    assert env == {"LD_PRELOAD": "/usr/lib/x/faketime/libfaketimeMT.so.1", "FAKETIME": "-3d",
                   "DONT_FAKE_MONOTONIC": "1"}
