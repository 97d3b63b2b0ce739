from resources.lib.simklsync.service.service import run

run()
