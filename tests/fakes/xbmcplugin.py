"""The fake xbmcplugin: the directory a plugin run hands back, kept per handle on the fake Kodi
(fakekodi.KODI.directories[handle]: {"items": [(url, listitem, isFolder)], "content", "category", "ended",
"succeeded", "cacheToDisc"}). Kodi refuses items after endOfDirectory; so does this fake."""
import fakekodi as _fakekodi

SORT_METHOD_NONE = 0
SORT_METHOD_LABEL = 1
SORT_METHOD_TITLE = 9
SORT_METHOD_UNSORTED = 40


def _directory(handle):
    directories = _fakekodi.KODI.directories
    return directories.setdefault(handle, {"items": [], "content": "", "category": "", "ended": False})


def addDirectoryItem(handle, url, listitem, isFolder=False, totalItems=0):
    directory = _directory(handle)
    if directory["ended"]:
        raise RuntimeError("addDirectoryItem after endOfDirectory")
    if not isinstance(url, str):
        raise TypeError("url must be a str")
    directory["items"].append((url, listitem, isFolder))
    return True


def addDirectoryItems(handle, items, totalItems=0):
    for url, listitem, is_folder in items:
        addDirectoryItem(handle, url, listitem, is_folder)
    return True


def endOfDirectory(handle, succeeded=True, updateListing=False, cacheToDisc=True):
    directory = _directory(handle)
    directory.update(ended=True, succeeded=succeeded, cacheToDisc=cacheToDisc)


def addSortMethod(handle, sortMethod, labelMask="", label2Mask=""):
    _directory(handle).setdefault("sort_methods", []).append(sortMethod)


def setContent(handle, content):
    _directory(handle)["content"] = content


def setPluginCategory(handle, category):
    _directory(handle)["category"] = category


def setResolvedUrl(handle, succeeded, listitem):
    _directory(handle).update(resolved=listitem if succeeded else None, ended=True)
