import sys

from resources.lib.simklsync.script import run

run(sys.argv[1:])
