"""Fault suite fixtures and the summary line (sessions, faults, events, lost, duplicated, unhandled).

Fast seeds run in every `make test`; `make soak` (pytest -m slow tests/faults --soak) runs many more.
The --soak option itself is registered in tests/conftest.py: pytest reads options only from initial conftests.
"""
import logging
import os
import shutil

import faultworld
import pytest
from faultsession import FaultSession
from tally import Tally

TALLY = Tally()


def pytest_collection_modifyitems(config, items):
    if config.getoption("--soak", default=False):
        return
    skip = pytest.mark.skip(reason="soak run only (make soak / --soak)")
    for item in items:
        if "slow" in item.keywords and "faults" in str(item.fspath):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if TALLY.sessions:
        terminalreporter.write_line(TALLY.line())


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: the controller prints the line (tests/conftest.py)
        workeroutput["fault_tally"] = TALLY.as_dict()


@pytest.fixture
def run_session(fake_kodi, tmp_path):
    """run_session(seed, steps) -> SessionReport, counted in the summary line."""
    started = []

    def run(seed, steps, slow_faults=True, corrupt_lists=True):
        emu = faultworld.start_emulator()
        started.append(emu)
        profile = str(tmp_path / f"profile-{seed}")
        os.makedirs(profile, exist_ok=True)
        report = FaultSession(fake_kodi, emu, profile, seed, steps, slow_faults, corrupt_lists).run()
        TALLY.add(report)
        emu.stop()
        shutil.rmtree(profile, ignore_errors=True)
        return report

    yield run
    for emu in started:
        emu.stop()
    # The sessions route the add-on's log into the fake Kodi; give other tests the logger back.
    logger = logging.getLogger("simklsync")
    logger.handlers = [h for h in logger.handlers if type(h).__name__ != "KodiLogHandler"]
    logger.propagate = True
