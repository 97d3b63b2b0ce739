"""Fake of Kodi's xbmcaddon module: settings typed from resources/settings.xml, info from addon.xml."""
import fakekodi as _fakekodi


def _installed(addon_id):
    kodi = _fakekodi.KODI
    if addon_id not in kodi.addons:
        raise RuntimeError(f"Unknown addon id '{addon_id}'.")
    return kodi.addons[addon_id]


class Settings:
    """Addon.getSettings(): the same store as the Addon's typed getters/setters."""

    _addon_id = _fakekodi.ADDON_ID

    def _store(self):
        return _installed(self._addon_id).settings

    def _set(self, id, kind, value):
        self._store().set_typed(id, kind, value)
        _fakekodi.KODI.settings_changed()

    def getBool(self, id):
        return self._store().get_typed(id, bool)

    def getInt(self, id):
        return self._store().get_typed(id, int)

    def getNumber(self, id):
        return self._store().get_typed(id, float)

    def getString(self, id):
        return self._store().get_typed(id, str)

    def setBool(self, id, value):
        self._set(id, bool, value)

    def setInt(self, id, value):
        self._set(id, int, value)

    def setNumber(self, id, value):
        self._set(id, float, value)

    def setString(self, id, value):
        self._set(id, str, value)


class Addon:
    """Addon(id=None) is the calling add-on (script.simkl.sync); every instance shares one settings store."""

    def __init__(self, id=None):
        self._id = id or _fakekodi.ADDON_ID
        _installed(self._id)

    def _addon(self):
        return _installed(self._id)

    def _set(self, id, kind, value):
        self._addon().settings.set_typed(id, kind, value)
        _fakekodi.KODI.settings_changed()
        return True

    def getLocalizedString(self, id):
        return self._addon().strings.get(id, "")

    def getSettings(self):
        settings = Settings()
        settings._addon_id = self._id
        return settings

    def getSetting(self, id):
        return self._addon().settings.get_as_text(id)

    def getSettingBool(self, id):
        return self._addon().settings.get_typed(id, bool)

    def getSettingInt(self, id):
        return self._addon().settings.get_typed(id, int)

    def getSettingNumber(self, id):
        return self._addon().settings.get_typed(id, float)

    def getSettingString(self, id):
        return self._addon().settings.get_typed(id, str)

    def setSetting(self, id, value):
        try:
            self._addon().settings.set_from_text(id, value)
        except ValueError as error:
            _fakekodi.KODI.log(3, f"setSetting({id}) ignored: {error}")
            return
        _fakekodi.KODI.settings_changed()

    def setSettingBool(self, id, value):
        return self._set(id, bool, value)

    def setSettingInt(self, id, value):
        return self._set(id, int, value)

    def setSettingNumber(self, id, value):
        return self._set(id, float, value)

    def setSettingString(self, id, value):
        return self._set(id, str, value)

    def openSettings(self):
        _fakekodi.KODI.ui.record("Addon.openSettings", addon_id=self._id)

    def getAddonInfo(self, id):
        return str(self._addon().info.get(id, ""))
