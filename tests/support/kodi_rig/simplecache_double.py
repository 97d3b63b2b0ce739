"""Test double of script.module.simplecache 2.0.2, installed into the rig's Kodi as lib/simplecache.py.

Same public API (SimpleCache().get/set/close, the class attributes); one sqlite file in the module's
own profile folder so every interpreter (service, script) sees the same entries. No memory layer,
no periodic cleanup: an expired entry is simply a miss.
"""
import ast
import json
import os
import sqlite3
import time
from datetime import timedelta

import xbmcvfs

PROFILE = "special://profile/addon_data/script.module.simplecache/"


class SimpleCache:
    enable_mem_cache = True
    data_is_json = False
    global_checksum = None

    def __init__(self):
        folder = xbmcvfs.translatePath(PROFILE)
        os.makedirs(folder, exist_ok=True)
        self._db_path = os.path.join(folder, "simplecache.db")
        with self._connect() as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS simplecache "
                               "(id TEXT UNIQUE, expires INTEGER, data TEXT, checksum INTEGER)")

    def close(self):
        pass

    def get(self, endpoint, checksum="", json_data=False):
        with self._connect() as connection:
            row = connection.execute("SELECT expires, data, checksum FROM simplecache WHERE id = ?",
                                     (endpoint,)).fetchone()
        if not row or row[0] < time.time() or row[2] != self._checksum(checksum):
            return None
        return self._decode(row[1], json_data)

    def set(self, endpoint, data, checksum="", expiration=timedelta(days=30), json_data=False):
        expires = int(time.time() + expiration.total_seconds())
        with self._connect() as connection:
            connection.execute("INSERT OR REPLACE INTO simplecache (id, expires, data, checksum) "
                               "VALUES (?, ?, ?, ?)",
                               (endpoint, expires, self._encode(data, json_data), self._checksum(checksum)))

    def _connect(self):
        return sqlite3.connect(self._db_path, timeout=30)

    def _checksum(self, checksum):
        text = "{}{}".format(self.global_checksum or "", checksum or "")
        return sum(ord(char) for char in text)

    def _encode(self, data, json_data):
        return json.dumps(data) if json_data or self.data_is_json else repr(data)

    def _decode(self, text, json_data):
        return json.loads(text) if json_data or self.data_is_json else ast.literal_eval(text)
