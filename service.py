from resources.lib.simklsync.service import run

run()
