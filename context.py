import sys

from resources.lib.simklsync.kodi.gui.context_menu import run

run(sys.argv, getattr(sys, "listitem", None))
