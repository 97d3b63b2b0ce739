import sys

from resources.lib.simklsync.plugin import bench_memory

with bench_memory.traced(sys.argv):  # `make bench` only: the listing's memory, from before the add-on's imports
    from resources.lib.simklsync.plugin.routes import run

    run(sys.argv)
