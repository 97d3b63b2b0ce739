"""How big each part of the benchmark is: the full run of issue 9, and a tiny smoke run."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    core_movies: int
    core_shows: int
    core_episodes_per_show: int
    core_delta: int
    kodi_movies: int
    kodi_shows: int
    kodi_episodes_per_show: int
    kodi_watched_fraction: float
    kodi_delta: int
    probe_items: int  # writes per floor experiment (batch size, fields, method)
    batch_size: int  # what the add-on's KodiLibrary sends per executeJSONRPC
    quiet_seconds: float = 10.0  # a quiet Kodi watched this long: its own CPU rate and the remote call's idle wait
    # Floor and first sync measured this many times, alternately, each after the same reset; the fastest of each
    # side is compared (one run of either side varies by up to a third on these VMs).
    rounds: int = 2


FULL = Sizes(core_movies=5000, core_shows=1000, core_episodes_per_show=50, core_delta=10,
             kodi_movies=2000, kodi_shows=200, kodi_episodes_per_show=50, kodi_watched_fraction=0.5,
             kodi_delta=10, probe_items=500, batch_size=50)

# A quarter of the Kodi library (and small probes): an experiment's variants in a fraction of the full run's time.
MEDIUM = Sizes(core_movies=5000, core_shows=1000, core_episodes_per_show=50, core_delta=10,
               kodi_movies=500, kodi_shows=50, kodi_episodes_per_show=50, kodi_watched_fraction=0.5,
               kodi_delta=10, probe_items=100, batch_size=50)

SMOKE = Sizes(core_movies=30, core_shows=6, core_episodes_per_show=10, core_delta=5,
              kodi_movies=12, kodi_shows=3, kodi_episodes_per_show=20, kodi_watched_fraction=0.5,
              kodi_delta=4, probe_items=3, batch_size=50, quiet_seconds=2.0, rounds=1)
