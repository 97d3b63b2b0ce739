"""Issue 18: a quiet cycle of the running service (engine, status file, anime names) reads the sync state's
head only; the mirror stays on disk."""
import threading

from syncworld import build_library

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import Options, SimklEmulator, demo
from tests.support.worker_time import threaded_service


def count_loads(state_store):
    counts = {"head": 0, "whole": 0}
    for name in counts:
        json_store = getattr(state_store, name)

        def counted(name=name, load=json_store.load):
            counts[name] += 1
            return load()
        json_store.load = counted
    return counts


def test_a_quiet_timer_cycle_of_the_service_never_loads_the_mirror(fake_kodi, monkeypatch):
    with SimklEmulator(Options()) as emu:
        emu.start()
        monkeypatch.setenv("SIMKL_API_URL", emu.url)
        fake_kodi.settings["access_token"] = demo.seed_demo(emu)
        fake_kodi.settings["account_name"] = demo.DEMO_USER
        fake_kodi.settings["initial_push"] = 2
        build_library(fake_kodi.library)
        service = threaded_service()
        thread = threading.Thread(target=service.run, name="test-service")
        thread.start()
        try:
            syncs = lambda: [line for _, line in fake_kodi.log_lines if "sync (" in line]  # noqa: E731
            assert wait_until(lambda: len(syncs()) == 1)
            assert fake_kodi.wait_idle() and service.worker.wait_idle()
            loads = count_loads(service.state_store)
            emu.clear_requests()
            service.request_sync("timer")
            assert wait_until(lambda: len(syncs()) == 2)
            assert fake_kodi.wait_idle() and service.worker.wait_idle()
            assert [r.path for r in emu.requests] == ["/sync/activities"]
            assert loads == {"head": 1, "whole": 0}
            assert "sync (timer): ok" in syncs()[-1]
        finally:
            fake_kodi.request_abort()
            thread.join(5)
