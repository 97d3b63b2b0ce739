"""RunScript(script.simkl.sync,login) on virtual time: the login's monotonic clock, its waits and the client's
pacing, and the emulator's clock with them, move only when the login waits (no real PIN-interval waits)."""
import functools

from simklsync.script import actions as script
from simklsync.simkl.client import SimklClient
from simklsync.simkl.login import PinLogin


class VirtualTime:
    """The login's monotonic clock and its wait: a wait passes at once and moves this clock and the
    emulator's by its length; at(seconds, action) runs action once the clock reaches it (a True answer
    ends the wait as Kodi's abort does). The emulator's clock stops following real time: a loaded machine
    cannot expire a code early."""

    def __init__(self, emu):
        self.emu = emu
        self.now = 0.0
        emu.clock.set(emu.clock.precise_now())
        self._events = []

    def monotonic(self):
        return self.now

    def at(self, seconds, action):
        self._events.append((seconds, action))

    def wait(self, seconds):
        self.now += seconds
        self.emu.clock.advance(seconds)
        for event in [e for e in self._events if e[0] <= self.now]:
            self._events.remove(event)
            if event[1]():
                return True
        return False


def login_on_virtual_time(monkeypatch, emu):
    """The script's login runs on emu.virtual, a VirtualTime of this emulator, for the rest of the test."""
    emu.virtual = VirtualTime(emu)
    monkeypatch.setattr(script, "abort_waiter", lambda: emu.virtual.wait)
    monkeypatch.setattr(script, "PinLogin", functools.partial(PinLogin, clock=emu.virtual.monotonic))
    monkeypatch.setattr(script, "SimklClient", functools.partial(SimklClient, clock=emu.virtual.monotonic))
    return emu
