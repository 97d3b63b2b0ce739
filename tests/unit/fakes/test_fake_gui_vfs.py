"""xbmcgui dialogs answer from a script and are recorded; xbmcvfs maps special:// into the tmp Kodi home."""
import os

import xbmcgui
import xbmcvfs


def test_dialogs_answer_in_script_order_and_are_recorded(fake_kodi):
    fake_kodi.ui.answers.extend([True, 2])
    dialog = xbmcgui.Dialog()
    assert dialog.yesno("Simkl", "Push your history?") is True
    assert dialog.select("Pick", ["a", "b", "c"]) == 2
    assert [call.kind for call in fake_kodi.ui.calls] == ["Dialog.yesno", "Dialog.select"]
    assert fake_kodi.ui.calls[0].args["message"] == "Push your history?"
    assert fake_kodi.ui.calls[1].answer == 2


def test_unscripted_dialogs_answer_as_if_dismissed(fake_kodi):
    dialog = xbmcgui.Dialog()
    assert dialog.yesno("h", "m") is False
    assert dialog.select("h", ["a"]) == -1
    assert dialog.contextmenu(["a"]) == -1
    assert dialog.input("h") == ""
    assert dialog.ok("h", "m") is True


def test_notifications_are_recorded_with_their_icon(fake_kodi):
    xbmcgui.Dialog().notification("Simkl Sync", "Synced 3 items", xbmcgui.NOTIFICATION_INFO, 3000)
    call = fake_kodi.ui.calls_of("Dialog.notification")[0]
    assert call.args == {"heading": "Simkl Sync", "message": "Synced 3 items", "icon": "info", "time": 3000,
                         "sound": True}


def test_progress_is_cancelled_after_the_scripted_number_of_updates(fake_kodi):
    fake_kodi.ui.cancel_progress_after(2)
    progress = xbmcgui.DialogProgress()
    progress.create("Sync", "starting")
    seen = []
    for percent in (10, 20, 30):
        progress.update(percent, "working")
        seen.append(progress.iscanceled())
    progress.close()
    assert seen == [False, True, True]
    assert fake_kodi.ui.kinds()[-1] == "DialogProgress.close"


def test_background_progress_reports_finished_after_close(fake_kodi):
    progress = xbmcgui.DialogProgressBG()
    progress.create("Simkl", "syncing")
    progress.update(50, message="half")
    assert progress.isFinished() is False
    progress.close()
    assert progress.isFinished() is True
    assert fake_kodi.ui.calls_of("DialogProgressBG.update")[0].args["percent"] == 50


def test_home_window_properties_are_shared_between_window_objects(fake_kodi):
    xbmcgui.Window(10000).setProperty("Script.Simkl.Sync.Exclude", "1")
    assert xbmcgui.Window(10000).getProperty("script.simkl.sync.exclude") == "1"
    assert xbmcgui.Window(10001).getProperty("script.simkl.sync.exclude") == ""
    xbmcgui.Window(10000).clearProperty("script.simkl.sync.exclude")
    assert xbmcgui.Window(10000).getProperty("script.simkl.sync.exclude") == ""


def test_translate_path_puts_special_folders_under_the_test_home(fake_kodi, tmp_path):
    home = str(tmp_path / "kodi-home")
    profile = xbmcvfs.translatePath("special://profile/addon_data/script.simkl.sync/")
    assert profile == os.path.join(home, "userdata", "addon_data", "script.simkl.sync") + os.sep
    assert xbmcvfs.translatePath("special://temp/") == os.path.join(home, "temp") + os.sep
    assert xbmcvfs.translatePath("special://home/") == home + os.sep
    assert xbmcvfs.translatePath("/plain/path") == "/plain/path"


def test_file_operations_work_on_special_paths(fake_kodi):
    folder = "special://profile/addon_data/script.simkl.sync/"
    assert xbmcvfs.exists(folder) is False
    assert xbmcvfs.mkdirs(folder) is True
    assert xbmcvfs.exists(folder) is True
    with xbmcvfs.File(folder + "state.json", "w") as handle:
        handle.write('{"v": 1}')
    assert xbmcvfs.rename(folder + "state.json", folder + "state2.json") is True
    with xbmcvfs.File(folder + "state2.json") as handle:
        assert handle.read() == '{"v": 1}'
    assert xbmcvfs.listdir(folder) == ([], ["state2.json"])
    assert xbmcvfs.exists(folder + "state2.json") is True
    assert xbmcvfs.exists(folder.rstrip("/")) is False
    assert xbmcvfs.delete(folder + "state2.json") is True
    assert xbmcvfs.delete(folder + "state2.json") is False
