"""The plugin's door to Kodi's directory: items (plugin/items.py's dicts) as ListItems, then the end."""
import xbmcgui
import xbmcplugin


class Directory:
    """Items are handed to Kodi in one addDirectoryItems call at the end (one call into Kodi for a 1,000-item
    widget instead of 1,000)."""

    def __init__(self, handle):
        self.handle = handle
        self.count = 0
        self._items = []

    def add(self, item):
        listitem = xbmcgui.ListItem(item["label"], path=item["url"], offscreen=True)
        _tag(listitem.getVideoInfoTag(), item["info"])
        if item["art"]:
            listitem.setArt(item["art"])
        properties = item["properties"]
        if item["playable"]:
            properties = dict(properties, IsPlayable="true")
        listitem.setProperties(properties)  # one call into Kodi, not one a property
        self._items.append((item["url"], listitem, bool(item["folder"])))
        self.count += 1

    def end(self, content, ok=True, category=""):
        if self._items:
            xbmcplugin.addDirectoryItems(self.handle, self._items, len(self._items))
            self._items = []
        xbmcplugin.setContent(self.handle, content)
        xbmcplugin.addSortMethod(self.handle, xbmcplugin.SORT_METHOD_UNSORTED)  # the lists' own order
        if category:
            xbmcplugin.setPluginCategory(self.handle, category)
        # Not cached to disc: the reload parameter already makes each new content a new path.
        xbmcplugin.endOfDirectory(self.handle, succeeded=ok, cacheToDisc=False)


def _tag(tag, info):
    if info.get("dbid"):
        tag.setDbId(int(info["dbid"]))
    if info.get("mediatype"):
        tag.setMediaType(info["mediatype"])
    tag.setTitle(info.get("title") or "")
    if info.get("year"):
        tag.setYear(int(info["year"]))
    if info.get("tvshowtitle"):
        tag.setTvShowTitle(info["tvshowtitle"])
        tag.setSeason(int(info.get("season") or 0))
        tag.setEpisode(int(info.get("episode") or 0))
    if "playcount" in info:
        tag.setPlaycount(int(info["playcount"] or 0))
    resume = info.get("resume") or {}
    if resume.get("position"):
        tag.setResumePoint(float(resume["position"]), float(resume.get("total") or 0.0))
    if info.get("plot"):
        tag.setPlot(info["plot"])
