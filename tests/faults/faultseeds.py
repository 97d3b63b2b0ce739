"""Which seeds the fault sessions run, and how long: a fast set for `make test`, many for `make soak`."""
FAST_SEEDS = (11, 23, 37)
FAST_STEPS = 60
SOAK_SEEDS = tuple(range(1000, 1040))
SOAK_STEPS = 160
