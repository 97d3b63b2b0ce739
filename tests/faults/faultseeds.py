"""Which seeds the fault sessions run, and how long: a fast set for `make test`, many for `make soak`.
FAULT_SOAK_SEEDS=FIRST-LAST runs another range in the soak (e.g. to look past the usual 40)."""
import os

FAST_SEEDS = (11, 23, 37)
FAST_STEPS = 60
_FIRST, _LAST = (int(n) for n in os.environ.get("FAULT_SOAK_SEEDS", "1000-1039").split("-"))
SOAK_SEEDS = tuple(range(_FIRST, _LAST + 1))
SOAK_STEPS = 160
