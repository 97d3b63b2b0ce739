import sys

from resources.lib.simklsync.script.actions import run

run(sys.argv[1:])
