"""Root fixtures: every test starts with a fresh fake Kodi; fake_kodi hands it over with a tmp Kodi home."""
import logging
import os
import tempfile
import threading
import warnings

import fakekodi
import pytest

from tests.support.simkl_emulator.app_ids import TEST_CLIENT_ID

# Add-on code run from the source tree takes the build's app id from here (app_id.py); the emulator accepts it.
os.environ["SIMKL_CLIENT_ID"] = TEST_CLIENT_ID

from tests.faults.tally import Tally
from tests.support import mariadb

_WORKERS_FAULT_TALLY = Tally()


def _test_folders_on_tmpfs():
    """A run makes thousands of test folders (tmp_path, the fake Kodi's homes) and pytest deletes those of older
    runs at its end: on a busy disk mounted with discard that took up to half a minute. On tmpfs, unless TMPDIR
    says where they go (the real-Kodi rig keeps its homes in /tmp)."""
    if "TMPDIR" not in os.environ and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        os.environ["TMPDIR"] = "/dev/shm"
        tempfile.tempdir = None


_test_folders_on_tmpfs()


def pytest_addoption(parser):
    # Registered here (an initial conftest) so `pytest tests --soak` works as well as `pytest tests/faults --soak`.
    parser.addoption("--soak", action="store_true", default=False,
                     help="run the long fault-injection soak (many seeds; tests/faults)")


def pytest_collection_modifyitems(items):
    # Under pytest-xdist (--dist loadgroup) the tests on the shared MariaDB run in one worker: one server.
    for item in items:
        if "mariadb_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("mariadb"))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: a worker's fault-suite counts (tests/faults/conftest.py), for the one summary line."""
    counts = getattr(node, "workeroutput", {}).get("fault_tally")
    if counts:
        _WORKERS_FAULT_TALLY.merge(counts)


def pytest_terminal_summary(terminalreporter):
    if _WORKERS_FAULT_TALLY.sessions:
        terminalreporter.write_line(_WORKERS_FAULT_TALLY.line())


def pytest_report_header(config):
    """Names the real Kodi the e2e tests run on (the host's, or a Debian root's for KODI_RIG_VERSION)."""
    from tests.support.kodi_rig import installs  # noqa: PLC0415 - only the header needs it

    try:
        install = installs.find_install(build=False)
    except RuntimeError as error:
        return f"real Kodi: {error}"
    if install is None:
        wanted = installs.requested_version()
        return f"real Kodi: {'Kodi ' + wanted + ' (its Debian root is built on first use)' if wanted else 'none'}"
    return f"real Kodi: {install.label}"


def _no_fsync(descriptor):
    return None


@pytest.fixture(autouse=True)
def _test_files_need_not_survive_a_power_cut(monkeypatch):
    """JsonStore fsyncs each save (the file and its folder), as a real box must; a test's temporary files need
    not outlive a power cut, and on a busy shared disk every fsync costs milliseconds (a virtual day of
    ratings checks is a thousand saves). test_core_store patches os.fsync itself to prove a failing one."""
    monkeypatch.setattr(os, "fsync", _no_fsync)


@pytest.fixture(autouse=True)
def _addon_logger_as_pytest_left_it():
    """A test whose service ran kodi/log.setup() routes the add-on's loggers to (fake) Kodi and stops them
    propagating; the next test's caplog would then see none of their records, so each test starts as pytest set
    it up, whatever ran before it (the order differs between xdist and a plain run)."""
    yield
    logger = logging.getLogger("simklsync")
    logger.handlers = [handler for handler in logger.handlers if type(handler).__name__ != "KodiLogHandler"]
    logger.propagate = True
    logger.setLevel(logging.NOTSET)


@pytest.fixture(autouse=True)
def _fresh_fake_kodi():
    fakekodi.KODI.reset()
    yield
    kodi = fakekodi.KODI
    type_errors = list(kodi.rpc.type_errors)
    kodi.shutdown()
    if type_errors and not kodi.allow_type_errors:
        # Kodi 22 refuses a JSON-RPC value of the wrong schema type: whatever sent one is a defect.
        lines = [f"{method}: {'; '.join(problems)}" for method, problems in type_errors]
        pytest.fail("JSON-RPC values of the wrong schema type were sent:\n" + "\n".join(lines), pytrace=False)


@pytest.fixture
def fake_kodi(tmp_path):
    """The shared fake Kodi (fakekodi.KODI), its special://home/ in tmp_path/kodi-home.

    At teardown Kodi aborts (waking waitForAbort), the callback thread stops, and a test fails
    if one of its Monitor/Player callbacks raised (set kodi.allow_callback_errors to permit it).
    """
    kodi = fakekodi.KODI
    threads_before = set(threading.enumerate())
    kodi.reset(home_dir=str(tmp_path / "kodi-home"))
    yield kodi
    errors = list(kodi.callback_errors)
    kodi.request_abort()
    kodi.shutdown()
    _warn_about_leftover_threads(threads_before)
    if errors and not kodi.allow_callback_errors:
        pytest.fail("a Kodi callback raised:\n" + "\n".join(errors), pytrace=False)


def _warn_about_leftover_threads(threads_before, grace=1.0):
    for thread in set(threading.enumerate()) - threads_before:
        thread.join(grace)
        if thread.is_alive():
            warnings.warn(f"thread {thread.name!r} still runs after Kodi aborted", stacklevel=2)


@pytest.fixture(scope="session")
def mariadb_server(tmp_path_factory):
    """A MariaDB server of the tests' own (Debian's mariadb-server, loopback, data in a temporary folder),
    started once per run and stopped at the end; the tests that need it are skipped when it is not installed."""
    reason = mariadb.missing_reason()
    if reason:
        pytest.skip(reason)
    server = mariadb.MariaDBServer(tmp_path_factory.mktemp("mariadb"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
