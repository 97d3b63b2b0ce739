"""xbmcaddon: settings typed from the real settings.xml, one shared store, add-on info and strings."""
import xml.etree.ElementTree as ET

import pytest
import xbmcaddon
from fakekodi.addon_files import REPO_ROOT


def _settings_xml():
    return ET.parse(REPO_ROOT + "/resources/settings.xml").getroot().iter("setting")


def test_every_setting_reads_its_settings_xml_default_with_its_type(fake_kodi):
    addon = xbmcaddon.Addon()
    getters = {"boolean": addon.getSettingBool, "integer": addon.getSettingInt,
               "string": addon.getSettingString, "path": addon.getSettingString,
               "action": addon.getSettingString}
    checked = 0
    for node in _settings_xml():
        default = node.findtext("default") or ""
        value = getters[node.get("type")](node.get("id"))
        if node.get("type") == "boolean":
            assert value is (default == "true"), node.get("id")
        else:
            assert str(value) == default, node.get("id")
        checked += 1
    assert checked >= 20


def test_known_defaults_come_through(fake_kodi):
    settings = xbmcaddon.Addon().getSettings()
    assert settings.getInt("sync_interval") == 30
    assert settings.getBool("sync_movies") is True
    assert settings.getBool("title_year_fallback") is False
    assert settings.getString("access_token") == ""


def test_values_are_shared_by_every_addon_object(fake_kodi):
    xbmcaddon.Addon().setSettingString("access_token", "abc")
    xbmcaddon.Addon("script.simkl.sync").getSettings().setInt("sync_interval", 45)
    assert xbmcaddon.Addon().getSettingString("access_token") == "abc"
    assert xbmcaddon.Addon().getSettingInt("sync_interval") == 45
    assert fake_kodi.settings["sync_interval"] == 45


def test_tests_preset_values_through_kodi_settings(fake_kodi):
    fake_kodi.settings["sync_movies"] = "false"
    fake_kodi.settings["removed_policy"] = 1
    assert xbmcaddon.Addon().getSettingBool("sync_movies") is False
    assert xbmcaddon.Addon().getSetting("removed_policy") == "1"


def test_get_setting_gives_kodis_text_form(fake_kodi):
    addon = xbmcaddon.Addon()
    assert addon.getSetting("sync_movies") == "true"
    assert addon.getSetting("sync_interval") == "30"
    assert addon.getSetting("no_such_setting") == ""
    addon.setSetting("sync_movies", "false")
    assert addon.getSettingBool("sync_movies") is False


def test_typed_getter_of_the_wrong_type_or_unknown_id_raises_like_kodi(fake_kodi):
    addon = xbmcaddon.Addon()
    with pytest.raises(TypeError):
        addon.getSettingBool("sync_interval")
    with pytest.raises(TypeError):
        addon.getSettingInt("no_such_setting")
    with pytest.raises(TypeError):
        addon.getSettings().setString("sync_movies", "yes")


def test_addon_info_comes_from_addon_xml(fake_kodi):
    addon = xbmcaddon.Addon()
    assert addon.getAddonInfo("id") == "script.simkl.sync"
    assert addon.getAddonInfo("name") == "Simkl Sync"
    assert addon.getAddonInfo("version") == ET.parse(REPO_ROOT + "/addon.xml").getroot().get("version")
    assert addon.getAddonInfo("path") == REPO_ROOT
    assert addon.getAddonInfo("profile") == "special://profile/addon_data/script.simkl.sync/"


def test_localized_strings_come_from_strings_po(fake_kodi):
    addon = xbmcaddon.Addon()
    assert addon.getLocalizedString(30000) == "Account"
    assert addon.getLocalizedString(30101) == "Log in with a PIN code"
    assert addon.getLocalizedString(39999) == ""


def test_unknown_addon_id_raises_but_dependencies_are_installed(fake_kodi):
    with pytest.raises(RuntimeError):
        xbmcaddon.Addon("plugin.video.not.installed")
    assert xbmcaddon.Addon("script.module.requests").getAddonInfo("id") == "script.module.requests"
