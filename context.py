import sys

from resources.lib.simklsync.kodi.context_menu import run

run(sys.argv, getattr(sys, "listitem", None))
