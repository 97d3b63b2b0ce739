"""xbmc.Monitor and xbmc.log: async callbacks on Kodi's thread, test-controlled abort, recorded log."""
import gc
import threading
import time

import xbmc
import xbmcaddon


class Recorder(xbmc.Monitor):
    def __init__(self):
        super().__init__()
        self.events = []
        self.threads = set()

    def _note(self, *event):
        self.events.append(event)
        self.threads.add(threading.current_thread().name)

    def onNotification(self, sender, method, data):
        self._note("notification", sender, method, data)

    def onScanStarted(self, library):
        self._note("scan_started", library)

    def onScanFinished(self, library):
        self._note("scan_finished", library)

    def onSettingsChanged(self):
        self._note("settings_changed")

    def onScreensaverActivated(self):
        self._note("screensaver_on")

    def onScreensaverDeactivated(self):
        self._note("screensaver_off")


def test_callbacks_arrive_later_on_kodis_thread_not_the_callers(fake_kodi):
    gate = threading.Event()

    class Busy(Recorder):
        def onSettingsChanged(self):
            gate.wait(2)

    monitor = Busy()
    fake_kodi.settings_changed()
    fake_kodi.scan_finished("video")
    assert monitor.events == []
    gate.set()
    assert fake_kodi.wait_idle()
    assert ("scan_finished", "video") in monitor.events
    assert monitor.threads == {"fakekodi-callbacks"}


def test_scan_finished_fires_typed_callbacks_then_notifications_in_kodis_order(fake_kodi):
    recorder = Recorder()
    fake_kodi.scan_finished("video")
    assert fake_kodi.wait_idle()
    assert recorder.events == [
        ("scan_started", "video"),
        ("notification", "xbmc", "VideoLibrary.OnScanStarted", "null"),
        ("scan_finished", "video"),
        ("notification", "xbmc", "VideoLibrary.OnScanFinished", "null"),
    ]


def test_screensaver_fires_its_typed_callbacks_then_the_gui_notifications_and_wake_only_a_notification(fake_kodi):
    recorder = Recorder()
    fake_kodi.screensaver(True)
    fake_kodi.screensaver(False)
    fake_kodi.system_woke()
    assert fake_kodi.wait_idle()
    assert recorder.events == [
        ("screensaver_on",),
        ("notification", "xbmc", "GUI.OnScreensaverActivated", "null"),
        ("screensaver_off",),
        ("notification", "xbmc", "GUI.OnScreensaverDeactivated", '{"shuttingdown": false}'),
        ("notification", "xbmc", "System.OnWake", "null"),
    ]


def test_every_live_monitor_gets_the_callback_and_dead_ones_do_not(fake_kodi):
    first, second = Recorder(), Recorder()
    gone = Recorder()
    gone_events = gone.events
    del gone
    gc.collect()
    fake_kodi.change_setting("sync_interval", 60)
    assert fake_kodi.wait_idle()
    assert first.events == second.events == [("settings_changed",)]
    assert gone_events == []


def test_setting_a_setting_from_python_fires_on_settings_changed(fake_kodi):
    recorder = Recorder()
    xbmcaddon.Addon().setSettingBool("sync_movies", False)
    assert fake_kodi.wait_idle()
    assert recorder.events == [("settings_changed",)]


def test_a_raising_callback_is_logged_and_does_not_stop_delivery(fake_kodi):
    class Broken(xbmc.Monitor):
        def onScanFinished(self, library):
            raise ValueError("boom")

    broken, recorder = Broken(), Recorder()
    fake_kodi.allow_callback_errors = True
    fake_kodi.scan_finished()
    assert fake_kodi.wait_idle()
    assert "ValueError: boom" in fake_kodi.callback_errors[0]
    assert ("scan_finished", "video") in recorder.events
    assert any(level == xbmc.LOGERROR for level, _ in fake_kodi.log_lines)
    del broken


def test_wait_for_abort_times_out_false_then_returns_true_once_abort_requested(fake_kodi):
    monitor = xbmc.Monitor()
    started = time.monotonic()
    assert monitor.waitForAbort(0.05) is False
    assert time.monotonic() - started >= 0.04
    assert monitor.abortRequested() is False
    fake_kodi.request_abort()
    assert monitor.waitForAbort(5) is True
    assert monitor.abortRequested() is True


def test_request_abort_from_another_thread_wakes_a_blocked_wait(fake_kodi):
    monitor = xbmc.Monitor()
    timer = threading.Timer(0.05, fake_kodi.request_abort)
    timer.start()
    started = time.monotonic()
    assert monitor.waitForAbort() is True
    assert time.monotonic() - started < 2
    timer.join()


def test_monitor_subclass_that_skips_super_init_still_gets_callbacks(fake_kodi):
    calls = []

    class NoSuper(xbmc.Monitor):
        def __init__(self):
            self.name = "no super"

        def onSettingsChanged(self):
            calls.append(self.name)

    monitor = NoSuper()
    fake_kodi.settings_changed()
    assert fake_kodi.wait_idle()
    assert calls == ["no super"]
    del monitor


def test_reset_stops_the_callback_thread_and_wakes_old_monitors(fake_kodi):
    old = xbmc.Monitor()
    fake_kodi.scan_finished()
    assert fake_kodi.wait_idle()
    fake_kodi.reset()
    assert old.abortRequested() is True
    assert not [thread for thread in threading.enumerate() if thread.name == "fakekodi-callbacks"]
    assert xbmc.Monitor().abortRequested() is False


def test_log_records_level_and_message_with_matrix_levels(fake_kodi):
    xbmc.log("hello")
    xbmc.log("careful", xbmc.LOGWARNING)
    assert fake_kodi.log_lines == [(0, "hello"), (2, "careful")]
    assert (xbmc.LOGDEBUG, xbmc.LOGINFO, xbmc.LOGERROR, xbmc.LOGFATAL, xbmc.LOGNONE) == (0, 1, 3, 4, 5)
