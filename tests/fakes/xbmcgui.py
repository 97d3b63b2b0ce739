"""Fake of Kodi's xbmcgui module: dialogs answered from kodi.ui.answers and recorded in kodi.ui.calls."""
import os

import fakekodi as _fakekodi

ACTION_NAV_BACK = 92
ACTION_PREVIOUS_MENU = 10
ALPHANUM_HIDE_INPUT = 2
DLG_YESNO_CUSTOM_BTN = 12
DLG_YESNO_NO_BTN = 10
DLG_YESNO_YES_BTN = 11
INPUT_ALPHANUM = 0
INPUT_NUMERIC = 1
INPUT_DATE = 2
INPUT_TIME = 3
INPUT_IPADDRESS = 4
INPUT_PASSWORD = 5
NOTIFICATION_ERROR = "error"
NOTIFICATION_INFO = "info"
NOTIFICATION_WARNING = "warning"


def _ui():
    return _fakekodi.KODI.ui


class Dialog:
    def __init__(self):
        pass

    def ok(self, heading, message):
        return _ui().ask("Dialog.ok", heading=heading, message=message)

    def yesno(self, heading, message, nolabel="", yeslabel="", autoclose=0, defaultbutton=DLG_YESNO_NO_BTN):
        return _ui().ask("Dialog.yesno", heading=heading, message=message, nolabel=nolabel,
                         yeslabel=yeslabel, autoclose=autoclose, defaultbutton=defaultbutton)

    def yesnocustom(self, heading, message, customlabel, nolabel="", yeslabel="", autoclose=0,
                    defaultbutton=DLG_YESNO_NO_BTN):
        return _ui().ask("Dialog.yesnocustom", heading=heading, message=message, customlabel=customlabel,
                         nolabel=nolabel, yeslabel=yeslabel, autoclose=autoclose, defaultbutton=defaultbutton)

    def select(self, heading, list, autoclose=0, preselect=-1, useDetails=False):
        return _ui().ask("Dialog.select", heading=heading, list=list, autoclose=autoclose,
                         preselect=preselect, useDetails=useDetails)

    def contextmenu(self, list):
        return _ui().ask("Dialog.contextmenu", list=list)

    def multiselect(self, heading, options, autoclose=0, preselect=None, useDetails=False):
        return _ui().ask("Dialog.multiselect", heading=heading, options=options, autoclose=autoclose,
                         preselect=preselect, useDetails=useDetails)

    def textviewer(self, heading, text, usemono=False):
        _ui().record("Dialog.textviewer", heading=heading, text=text, usemono=usemono)

    def notification(self, heading, message, icon="", time=0, sound=True):
        _ui().record("Dialog.notification", heading=heading, message=message, icon=icon, time=time,
                     sound=sound)

    def input(self, heading, defaultt="", type=INPUT_ALPHANUM, option=0, autoclose=0):
        return _ui().ask("Dialog.input", heading=heading, defaultt=defaultt, type=type, option=option,
                         autoclose=autoclose)


class DialogProgress:
    """iscanceled() follows kodi.ui.cancel_progress_after(n_updates)."""

    def __init__(self):
        self._open = False

    def create(self, heading, message=""):
        self._open = True
        _ui().record("DialogProgress.create", heading=heading, message=message)

    def update(self, percent, message=""):
        _ui().record("DialogProgress.update", percent=percent, message=message)
        _ui().progress_updated()

    def close(self):
        self._open = False
        _ui().record("DialogProgress.close")

    def iscanceled(self):
        return _ui().progress_canceled()


class DialogProgressBG:
    def __init__(self):
        self._finished = True

    def create(self, heading, message=""):
        self._finished = False
        _ui().record("DialogProgressBG.create", heading=heading, message=message)

    def update(self, percent=0, heading="", message=""):
        _ui().record("DialogProgressBG.update", percent=percent, heading=heading, message=message)

    def close(self):
        self._finished = True
        _ui().record("DialogProgressBG.close")

    def isFinished(self):
        return self._finished


class Action:
    """What Kodi passes to onAction; tests build one with the action id (the fake's own argument)."""

    def __init__(self):
        self._id = 0

    def getId(self):
        return self._id


def _action(action_id):
    action = Action()
    action._id = action_id
    return action


class Window:
    """Window properties, shared by every Window object with the same id (10000 = Home). show(), close()
    are recorded as "Window.show" and "Window.close" with the window's xml file; kodi.ui.windows lists
    the windows shown, so a test can press their buttons (onClick) or send them back (onAction)."""

    def __init__(self, existingWindowId=-1):
        self._xml = ""
        self._window_id = existingWindowId

    def show(self):
        _ui().window_shown(self)
        _ui().record("Window.show", xml=self._xml, properties=dict(self._properties()))
        self.onInit()

    def close(self):
        _ui().window_closed(self)
        _ui().record("Window.close", xml=self._xml)

    def doModal(self):
        raise NotImplementedError("a modal window would block the fake Kodi's only thread")

    def onAction(self, action):
        if action.getId() in (ACTION_PREVIOUS_MENU, ACTION_NAV_BACK):
            self.close()

    def onClick(self, controlId):
        pass

    def onInit(self):
        pass

    def _properties(self):
        return _ui().window_properties[self._window_id]

    def setProperty(self, key, value):
        self._properties()[key.lower()] = value
        if self._xml:  # an add-on's own window: what it shows is recorded, and may be clicked on cue
            _ui().record("Window.setProperty", key=key, value=value)
            _ui().property_set(self)

    def getProperty(self, key):
        return self._properties().get(key.lower(), "")

    def clearProperty(self, key):
        self._properties().pop(key.lower(), None)

    def clearProperties(self):
        self._properties().clear()


class WindowXML(Window):
    """A window from an add-on's skin file; Kodi refuses (RuntimeError) an xml it cannot find."""

    def __init__(self, xmlFilename, scriptPath, defaultSkin="Default", defaultRes="720p", isMedia=False):
        super().__init__(_ui().new_window_id())
        path = os.path.join(scriptPath, "resources", "skins", defaultSkin, defaultRes, xmlFilename)
        if not os.path.isfile(path):
            raise RuntimeError(f"XML File for Window is missing: {path}")
        self._xml = xmlFilename


class WindowXMLDialog(WindowXML):
    def __init__(self, xmlFilename, scriptPath, defaultSkin="Default", defaultRes="720p"):
        super().__init__(xmlFilename, scriptPath, defaultSkin, defaultRes)


class ListItem:
    """A list item: here, the one a context menu item is run on (sys.listitem), with its video tag."""

    def __init__(self, label="", label2="", path="", offscreen=False):
        self._label = label
        self._path = path
        self._tag = None
        self._art = {}
        self._properties = {}

    def getLabel(self):
        return self._label

    def getPath(self):
        return self._path

    def setArt(self, dictionary):
        self._art.update(dictionary)

    def getArt(self, key):
        return self._art.get(key, "")

    def setProperty(self, key, value):
        self._properties[key.lower()] = str(value)

    def setProperties(self, dictionary):
        for key, value in dictionary.items():
            self.setProperty(key, value)

    def getProperty(self, key):
        return self._properties.get(key.lower(), "")

    def getVideoInfoTag(self):
        if self._tag is None:
            import xbmc  # the fake's, like the real module's InfoTagVideo

            self._tag = xbmc.InfoTagVideo()
        return self._tag
