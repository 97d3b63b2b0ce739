"""`make bench`: the add-on's cost at big-library scale, against Kodi's own cost per library write.

    python -m tools.bench            # full run, writes docs/benchmarks.md
    python -m tools.bench --smoke    # tiny sizes, to keep the script from rotting (tests/bench)
"""
