"""A Kodi from a Debian root (KODI=21 on a Debian 12 host) runs in a private mount namespace that sees
the host's /tmp at the same path, and the namespace with its mounts ends with Kodi."""
import os

import pytest

from tests.support.kodi_rig import KodiRig

pytestmark = pytest.mark.e2e


@pytest.fixture
def rig_in_a_root(kodi_tools_present):
    if kodi_tools_present.root is None:
        pytest.skip(f"{kodi_tools_present.label} is the host's own: no Debian root to check")
    rig = KodiRig()
    yield rig
    rig.close()


def namespace_mounts(pid):
    with open(f"/proc/{pid}/mounts", encoding="utf-8") as mounts:
        return [line.split()[1] for line in mounts]


def test_kodi_runs_chrooted_with_tmp_bound_and_its_mounts_end_with_it(rig_in_a_root):
    rig = rig_in_a_root
    rig.start()
    pid = rig._kodi.pid
    root = str(rig.install.root)

    inside = namespace_mounts(pid)  # as Kodi sees them, from inside its root
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        on_host = [line.split()[1] for line in mounts]

    assert os.readlink(f"/proc/{pid}/root") == root
    assert {"/proc", "/sys", "/dev", "/tmp"} <= set(inside)
    assert not [path for path in on_host if path.startswith(root + "/")]  # private: the host never sees them
    assert (rig.kodi_dir / "userdata" / "guisettings.xml").exists()  # written by the host, read by Kodi
    assert rig.video_db() is not None  # written by Kodi, read by the host

    rig.stop()

    with pytest.raises(FileNotFoundError):
        namespace_mounts(pid)  # its last process is gone, and with it the namespace and the mounts
