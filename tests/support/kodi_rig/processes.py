"""Starting and stopping the rig's own processes: an Xvfb display and Kodi, each in its own process
group so that only what the rig started is ever signalled."""
import glob
import os
import signal
import socket
import subprocess

SCREEN = "1280x720x24"
CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
PASSED_THROUGH = ("TZ", "LANG", "LC_ALL")
FAKETIME_GLOB = "/usr/lib/*/faketime/libfaketimeMT.so.1"


def find_kodi_binary():
    """Debian's kodi.bin (Kodi 20 on Debian 12, 21 on Debian 13), or None when not installed."""
    found = sorted(glob.glob("/usr/lib/*/kodi/kodi.bin"))
    return found[0] if found else None


def free_port(kind=socket.SOCK_STREAM):
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kodi_environment(home, display, extra_env=None):
    """A clean environment: no virtualenv/pyenv variables or PATH entries that could leak into
    Kodi's embedded Python, plus whatever the caller passes on purpose."""
    env = {"HOME": str(home), "DISPLAY": display, "PATH": CLEAN_PATH, "LANG": "C.UTF-8"}
    for name in PASSED_THROUGH:
        if name in os.environ and name not in env:
            env[name] = os.environ[name]
    runtime_dir = os.path.join(str(home), ".runtime")
    os.makedirs(runtime_dir, mode=0o700, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = runtime_dir
    env.update(extra_env or {})
    return env


def faketime_library():
    """Debian's libfaketime for threaded programs (package faketime), or an error saying how to get it."""
    found = sorted(glob.glob(FAKETIME_GLOB))
    if not found:
        raise RuntimeError("libfaketime is not installed (run `make kodi-deps`: Debian's faketime package)")
    return found[0]


def faketime_environment(preload, offset):
    """What runs a program under libfaketime `offset` ("-3d", "+2d") from the real clock. Only the wall clock
    moves: monotonic clocks stay true, so timeouts, playback and the add-on's waits behave."""
    return {"LD_PRELOAD": preload, "FAKETIME": offset, "DONT_FAKE_MONOTONIC": "1"}


def start_xvfb(log_path):
    """Start Xvfb on a display number it picks itself; return (process, ":N")."""
    read_fd, write_fd = os.pipe()
    log = open(str(log_path), "ab")
    try:
        process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    finally:
        os.close(write_fd)
        log.close()
    with os.fdopen(read_fd) as reader:
        number = reader.readline().strip()  # Xvfb writes it once the display accepts connections
    if not number:
        stop_process_group(process, timeout=5)
        raise RuntimeError(f"Xvfb did not start; see {log_path}")
    return process, ":" + number


def start_kodi(command, env, log_path):
    """Start Kodi's command line (kodi.bin, or the chroot that runs it) in a process group of its own."""
    log = open(str(log_path), "ab")
    try:
        return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=log, start_new_session=True, cwd=env["HOME"])
    finally:
        log.close()


def stop_process_group(process, timeout):
    """Terminate the process group `process` leads (SIGTERM, then SIGKILL); safe to call twice."""
    if process is None or process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue


def kill_process_group(process, timeout):
    """SIGKILL the process group `process` leads and wait for its leader; safe to call twice."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    process.wait(timeout=timeout)
