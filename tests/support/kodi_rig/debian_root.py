"""Debian root filesystems that hold another Kodi than the host's, built with debootstrap and cached.

A root is built once per suite (about a minute: debootstrap minbase, then Debian's kodi package) in
`<cache>/<suite>.partial`, gets its completion marker written last, and is then renamed to
`<cache>/<suite>`. A root without the marker (a build that died, a disk that filled up) is deleted and
built again, never used. The cache lives outside the checkout: /var/cache/simkl-sync-rig, or
$KODI_RIG_ROOT_CACHE. Building needs root (debootstrap, chroot, mounts).

Programs run in a root through `chroot_command`: a private mount namespace (unshare --mount) with
/proc, /sys, /dev and /tmp bound in, so a path under /tmp is the same file on both sides (the rig
keeps Kodi's home there) and the mounts vanish with the last process of the namespace.
"""
import fcntl
import os
import shutil
import subprocess
from pathlib import Path

CACHE_ENV = "KODI_RIG_ROOT_CACHE"
DEFAULT_CACHE = "/var/cache/simkl-sync-rig"
MIRROR = "http://deb.debian.org/debian"
PACKAGES = ("kodi", "xvfb", "xauth", "ffmpeg", "sqlite3")  # a Kodi root; other roots name their own
RECIPE_VERSION = "1"  # bump when the build steps change: a root built by older steps is rebuilt
MARKER = ".simkl-rig-complete"
BOUND = ("proc", "sys", "dev", "tmp")
BUILD_TIMEOUT = 1200

# The mounts are made inside the new namespace only; chroot then replaces the shell, so the namespace
# (and with it every mount) ends when the program and its children have exited.
# Extra folders (a checkout) are bound at their own path too: the script's first arguments are the
# root, the number of extra folders and the folders; the program's argv follows.
_ENTER_ROOT = "\n".join([
    "set -e",
    'root="$1"; count="$2"; shift 2',
    "for dir in " + " ".join("/" + name for name in BOUND) + "; do",
    '  mkdir -p "$root$dir"',
    '  mount --rbind "$dir" "$root$dir"',
    "done",
    'while [ "$count" -gt 0 ]; do',
    '  mkdir -p "$root$1"',
    '  mount --rbind "$1" "$root$1"',
    "  shift; count=$((count - 1))",
    "done",
    'exec chroot "$root" "$@"',
])


def cache_dir():
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


def root_path(name):
    return cache_dir() / name


def recipe(suite, packages):
    return f"{RECIPE_VERSION} {suite} minbase " + " ".join(packages)


def is_complete(root, suite=None, packages=PACKAGES):
    """True when `root` was finished by the recipe for `suite` (default: the root's own name) + packages."""
    marker = Path(root) / MARKER
    try:
        return marker.read_text(encoding="utf-8").strip() == recipe(suite or Path(root).name, packages)
    except OSError:
        return False


def chroot_command(root, argv, binds=()):
    """argv run inside `root`, in a private mount namespace with /proc, /sys, /dev and /tmp bound in
    (and each folder of `binds` at its own path)."""
    binds = [str(Path(folder).resolve()) for folder in binds]
    return (["unshare", "--mount", "--propagation", "private", "sh", "-c", _ENTER_ROOT, "sh", str(root),
             str(len(binds))] + binds + list(argv))


def ensure_root(suite, log=print, packages=PACKAGES, name=None):
    """The path of a complete root of Debian `suite` with `packages` (cached as `name`, default the
    suite), building it first when missing or broken. Concurrent callers wait for one build."""
    name = name or suite
    root = root_path(name)
    if is_complete(root, suite, packages):
        return root
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    with open(str(cache / f"{name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_complete(root, suite, packages):
            _build(suite, root, packages, log)
    return root


def check_can_build(suite):
    missing = [tool for tool in ("debootstrap", "unshare", "chroot") if not shutil.which(tool)]
    if missing:
        raise RuntimeError(f"building a Debian {suite} root needs {', '.join(missing)} "
                           "(apt-get install debootstrap)")
    if os.geteuid() != 0:
        raise RuntimeError(f"building a Debian {suite} root needs root")


def _build(suite, root, packages, log):
    check_can_build(suite)
    partial = root.with_name(root.name + ".partial")
    for leftover in (root, partial):
        if leftover.exists():
            log(f"kodi_rig: removing the incomplete root {leftover}")
            _remove_tree(leftover)
    log(f"kodi_rig: building a Debian {suite} root with {' '.join(packages)} in {root} (a minute or two, once)")
    _run(["debootstrap", "--variant=minbase", suite, str(partial), MIRROR], partial.with_suffix(".log"))
    # The mirror may serve a frozen snapshot whose Release files are past their Valid-Until date
    # (sid's are valid for a week): signatures are still checked, only the age is not.
    install = ("apt-get -o Acquire::Check-Valid-Until=false update -q && DEBIAN_FRONTEND=noninteractive "
               "apt-get install -y -q --no-install-recommends " + " ".join(packages) + " && apt-get clean")
    _run(chroot_command(partial, ["sh", "-c", install]), partial.with_suffix(".log"))
    (partial / MARKER).write_text(recipe(suite, packages) + "\n", encoding="utf-8")  # last: only a finished root has it
    os.replace(str(partial), str(root))


def _run(argv, log_path):
    with open(str(log_path), "ab") as log:
        result = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                timeout=BUILD_TIMEOUT, env=_build_env())
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed with {result.returncode}; see {log_path}")


def _build_env():
    return {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8",
            "DEBIAN_FRONTEND": "noninteractive"}


def _remove_tree(path):
    """Delete a root, refusing to follow into anything still mounted below it."""
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        busy = [line.split()[1] for line in mounts if line.split()[1].startswith(str(path) + "/")]
    if busy:
        raise RuntimeError(f"{path} still has mounts ({busy[0]}, ...): not deleting it")
    shutil.rmtree(str(path))
