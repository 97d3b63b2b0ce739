"""The add-on's cache protocol (kodi/cache.py: get, set with a ttl) in memory, for tests without simplecache."""


class MemoryCache:
    def __init__(self):
        self.data = {}

    def get(self, key):
        return self.data.get(key)

    def set(self, key, value, ttl_seconds):
        self.data[key] = value
