"""Fixtures: a running emulator with a frozen clock, and a tiny HTTP helper that speaks to it."""

import pytest

from tests.emulator.helpers import TOKEN, Api, make_emulator
from tests.support.simkl_emulator import Options, SimklEmulator


@pytest.fixture
def emu():
    emulator = make_emulator()
    yield emulator
    emulator.stop()


@pytest.fixture
def emu_with():
    """Factory: emu_with(Options(...)) gives a started emulator with those options."""
    started = []

    def build(options: Options) -> SimklEmulator:
        emulator = make_emulator(options)
        started.append(emulator)
        return emulator

    yield build
    for emulator in started:
        emulator.stop()


@pytest.fixture
def api(emu):
    return Api(emu)


@pytest.fixture
def user(emu):
    return emu.user(TOKEN)
