import sys

from resources.lib.simklsync.plugin.routes import run

run(sys.argv)
