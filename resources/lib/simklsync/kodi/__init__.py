"""The only package that imports Kodi's xbmc* modules."""
