"""A local emulator of the Simkl API for tests and demos (dev tool, never shipped)."""

from .emulator import SimklEmulator
from .options import Options

__all__ = ["SimklEmulator", "Options"]
