"""Run the non-Kodi tests (pytest -m "not e2e") under another Python version.

Usage: python tools/python_tests.py 3.8 [pytest args...]

The interpreter is the machine's own when it has one (pyenv's ~/.pyenv/versions/3.8.*, /usr/bin/python3.8,
/usr/local/bin/python3.8). Otherwise, for a version Debian packages (3.13 in trixie, 3.14 in sid), it
is Debian's, run in a cached Debian root (tests/support/kodi_rig/debian_root.py) with the checkout
bound in at its own path. Otherwise the run is skipped with a line saying so (exit 0): Kodi embeds
3.8 on old Android boxes, 3.11/3.13 on Debian's Kodi 20/21, 3.14 in Kodi 22.

Each version gets its own venv in the checkout (.venv-py3.8, or .venv-debian-py3.14 inside the root)
with requirements-dev.txt, rebuilt when that file changes.
"""
import glob
import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.support.kodi_rig import debian_root  # noqa: E402 - needs the path above

# The Debian suite whose pythonX.Y package this is (checked with apt-cache policy).
DEBIAN_SUITES = {"3.13": "trixie", "3.14": "sid"}
# What the non-Kodi tests need besides Python in a Debian root: pip over TLS, git, make and python3 (the add-on
# zip is built with them), a MariaDB server (the shared-library tests start their own).
ROOT_TOOLS = ("ca-certificates", "git", "make", "mariadb-server", "python3")
PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-m", "not e2e", "tests"]
CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# pip in a Debian root reaches the package index the way the host does: the host's CA bundle (a
# machine may sit behind a TLS-inspecting proxy with its own CA) and its proxy/index settings.
HOST_CERTS = Path("/etc/ssl/certs")
HOST_CA_BUNDLE = HOST_CERTS / "ca-certificates.crt"
NETWORK_ENV = ("PIP_CERT", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_DEFAULT_TIMEOUT", "SSL_CERT_FILE",
               "REQUESTS_CA_BUNDLE", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy")


def local_interpreter(version):
    home = os.path.expanduser("~")
    patterns = [f"{home}/.pyenv/versions/{version}.*/bin/python{version}",
                f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"]
    for pattern in patterns:
        found = sorted(glob.glob(pattern))
        if found and _runs(found[-1]):
            return found[-1]
    return None


def _runs(interpreter):
    try:
        return subprocess.run([interpreter, "-c", "import venv"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=60).returncode == 0
    except OSError:
        return False


def requirements_stamp():
    return hashlib.sha256((REPO_ROOT / "requirements-dev.txt").read_bytes()).hexdigest()


def venv_commands(interpreter, venv):
    """Shell lines that (re)make `venv` with requirements-dev.txt unless it is current, then run pytest."""
    stamp = requirements_stamp()
    done = f"{venv}/.done-{stamp[:16]}"
    return (f'if [ ! -f "{done}" ]; then rm -rf "{venv}" && "{interpreter}" -m venv "{venv}" && '
            f'"{venv}/bin/pip" install -q --disable-pip-version-check -r requirements-dev.txt && touch "{done}"; fi')


def run_here(interpreter, version, pytest_args):
    venv = REPO_ROOT / f".venv-py{version}"
    script = venv_commands(interpreter, venv) + f' && exec "{venv}/bin/python" -m pytest "$@"'
    env = {"PATH": CLEAN_PATH, "HOME": os.path.expanduser("~"), "LANG": "C.UTF-8"}
    for name in ("TZ", "CI", "TMPDIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    return subprocess.call(["sh", "-c", script, "sh"] + pytest_args, cwd=str(REPO_ROOT), env=env)


def run_in_debian_root(version, pytest_args):
    suite = DEBIAN_SUITES[version]
    packages = ROOT_TOOLS + (f"python{version}", f"python{version}-venv")
    root = debian_root.ensure_root(suite, packages=packages, name=f"{suite}-python{version}")
    venv = REPO_ROOT / f".venv-debian-py{version}"
    script = (f'cd "{REPO_ROOT}" && ' + venv_commands(f"/usr/bin/python{version}", venv)
              + f' && exec "{venv}/bin/python" -m pytest "$@"')
    binds = [REPO_ROOT] + _git_dirs_outside(REPO_ROOT)
    env = {"PATH": CLEAN_PATH, "HOME": "/root", "LANG": "C.UTF-8", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.update((name, os.environ[name]) for name in NETWORK_ENV + ("CI", "TZ") if name in os.environ)
    if HOST_CA_BUNDLE.is_file():
        binds.append(HOST_CERTS)
        env.setdefault("PIP_CERT", str(HOST_CA_BUNDLE))
    argv = debian_root.chroot_command(root, ["sh", "-c", script, "sh"] + pytest_args, binds=binds)
    return subprocess.call(argv, env=env)


def _git_dirs_outside(checkout):
    """A worktree's git folders may live outside it (git worktree add): bind them in too."""
    result = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir", "--git-dir"],
                            cwd=str(checkout), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    folders = []
    for line in result.stdout.split():
        path = Path(line).resolve()
        if checkout.resolve() not in path.parents and path not in folders:
            folders.append(path)
    return [folder for folder in folders if not any(other in folder.parents for other in folders)]


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv):
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    version, pytest_args = argv[0], argv[1:] or PYTEST_ARGS
    interpreter = local_interpreter(version)
    if interpreter:
        say(f"py{version}: non-Kodi tests under {interpreter}")
        return run_here(interpreter, version, pytest_args)
    if version in DEBIAN_SUITES and os.geteuid() == 0:
        say(f"py{version}: no Python {version} here; non-Kodi tests under Debian {DEBIAN_SUITES[version]}'s "
            f"python{version} in a Debian root")
        return run_in_debian_root(version, pytest_args)
    say(f"py{version}: SKIPPED: no Python {version} on this machine"
        + (" (a Debian root with it needs root)" if version in DEBIAN_SUITES else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
