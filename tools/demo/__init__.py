"""`make demo`: the Simkl emulator's demo account synced into a real, headless Kodi, and back.

Built on the same rig as the e2e tests (tests/support/kodi_rig) and the same demo data as the emulator
(tests/support/simkl_emulator/demo.py). `make screenshots` reuses the stage (tools/demo/stage.py).
"""
