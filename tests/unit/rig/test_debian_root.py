"""The cache of Debian roots: a root is used only when its completion marker (written last) is there;
anything else under its name is deleted and built again."""
from pathlib import Path

import pytest

from tests.support.kodi_rig import debian_root


class FakeDebootstrap:
    """Stands in for the two build commands: debootstrap makes the root's folders, the chroot step
    'installs' Kodi; `fail_at` makes one of them fail like a lost mirror would."""

    def __init__(self, fail_at=None):
        self.fail_at = fail_at
        self.commands = []

    def __call__(self, argv, log_path):
        self.commands.append(argv)
        step = "debootstrap" if argv[0] == "debootstrap" else "install"
        if step == "debootstrap":
            target = Path(argv[3])
            (target / "usr/bin").mkdir(parents=True)
        else:
            target = Path(argv[argv.index("-c") + 3])  # unshare … sh -c SCRIPT sh ROOT
            (target / "usr/bin/kodi").write_text("kodi")
        if step == self.fail_at:
            raise RuntimeError(f"{step} failed")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(debian_root.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(debian_root, "check_can_build", lambda suite: None)
    return tmp_path


def use(monkeypatch, fake):
    monkeypatch.setattr(debian_root, "_run", fake)
    return fake


def test_a_missing_root_is_built_then_marked_complete_and_renamed_into_place(cache, monkeypatch):
    fake = use(monkeypatch, FakeDebootstrap())

    root = debian_root.ensure_root("trixie", log=lambda line: None)

    assert root == cache / "trixie"
    assert (root / "usr/bin/kodi").read_text() == "kodi"
    assert debian_root.is_complete(root)
    assert not (cache / "trixie.partial").exists()
    assert [argv[0] for argv in fake.commands] == ["debootstrap", "unshare"]


def test_a_complete_root_is_reused_without_building(cache, monkeypatch):
    use(monkeypatch, FakeDebootstrap())
    debian_root.ensure_root("trixie", log=lambda line: None)
    again = use(monkeypatch, FakeDebootstrap())

    debian_root.ensure_root("trixie", log=lambda line: None)

    assert again.commands == []


@pytest.mark.parametrize("fail_at", ["debootstrap", "install"])
def test_a_build_that_dies_leaves_no_usable_root_and_the_next_call_rebuilds(cache, monkeypatch, fail_at):
    use(monkeypatch, FakeDebootstrap(fail_at=fail_at))
    with pytest.raises(RuntimeError):
        debian_root.ensure_root("trixie", log=lambda line: None)
    assert not debian_root.is_complete(cache / "trixie")
    assert not debian_root.is_complete(cache / "trixie.partial")

    rebuilt = use(monkeypatch, FakeDebootstrap())
    root = debian_root.ensure_root("trixie", log=lambda line: None)

    assert debian_root.is_complete(root)
    assert rebuilt.commands[0][0] == "debootstrap"


def test_a_root_without_its_marker_is_deleted_and_rebuilt(cache, monkeypatch):
    half_built = cache / "trixie"
    (half_built / "usr").mkdir(parents=True)
    (half_built / "usr/leftover").write_text("from a build that died")
    use(monkeypatch, FakeDebootstrap())

    root = debian_root.ensure_root("trixie", log=lambda line: None)

    assert not (root / "usr/leftover").exists()
    assert debian_root.is_complete(root)


def test_a_root_of_an_older_recipe_is_rebuilt(cache, monkeypatch):
    old = cache / "trixie"
    (old / "usr").mkdir(parents=True)
    (old / debian_root.MARKER).write_text("0 minbase kodi\n")
    fake = use(monkeypatch, FakeDebootstrap())

    debian_root.ensure_root("trixie", log=lambda line: None)

    assert fake.commands and debian_root.is_complete(old)


def test_programs_in_a_root_get_proc_sys_dev_tmp_and_extra_folders_in_a_private_mount_namespace(tmp_path):
    argv = debian_root.chroot_command("/var/cache/x/trixie", ["/usr/bin/kodi", "--windowing=x11"],
                                      binds=[tmp_path])

    assert argv[:4] == ["unshare", "--mount", "--propagation", "private"]
    script = argv[argv.index("-c") + 1]
    assert "for dir in /proc /sys /dev /tmp; do" in script
    assert script.rstrip().endswith('exec chroot "$root" "$@"')
    assert argv[-5:] == ["/var/cache/x/trixie", "1", str(tmp_path), "/usr/bin/kodi", "--windowing=x11"]


def test_a_root_of_other_packages_is_cached_under_its_own_name(cache, monkeypatch):
    use(monkeypatch, FakeDebootstrap())

    root = debian_root.ensure_root("sid", log=lambda line: None, packages=("python3.14",), name="sid-python3.14")

    assert root == cache / "sid-python3.14"
    assert debian_root.is_complete(root, "sid", ("python3.14",))
    assert not debian_root.is_complete(root)  # not a Kodi root
