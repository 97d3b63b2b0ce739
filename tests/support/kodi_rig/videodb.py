"""Direct access to Kodi's video database for what JSON-RPC cannot do: giving a source a content type."""
import re
import sqlite3
from pathlib import Path

SCAN_RECURSIVE = {"movies": 2147483647, "tvshows": 0}
SCRAPER = "metadata.local"


def find_video_db(database_dir):
    """The newest MyVideos<N>.db (121 on Kodi 20, 131 on Kodi 21), or None before Kodi created it."""
    candidates = []
    for path in Path(database_dir).glob("MyVideos*.db"):
        match = re.match(r"MyVideos(\d+)\.db$", path.name)
        if match:
            candidates.append((int(match.group(1)), path))
    return max(candidates)[1] if candidates else None


def set_path_content(db_path, folder, content):
    """Mark `folder` as holding `content` ("movies" or "tvshows"), scraped from local .nfo files."""
    str_path = str(folder) if str(folder).endswith("/") else str(folder) + "/"
    connection = sqlite3.connect(str(db_path), timeout=30)
    try:
        with connection:
            row = connection.execute("SELECT idPath FROM path WHERE strPath = ?", (str_path,)).fetchone()
            values = (content, SCRAPER, SCAN_RECURSIVE[content], 0, "", 0)
            if row:
                connection.execute(
                    "UPDATE path SET strContent=?, strScraper=?, scanRecursive=?, useFolderNames=?, "
                    "strSettings=?, noUpdate=? WHERE idPath=?", values + (row[0],))
            else:
                connection.execute(
                    "INSERT INTO path (strContent, strScraper, scanRecursive, useFolderNames, strSettings, "
                    "noUpdate, strPath) VALUES (?, ?, ?, ?, ?, ?, ?)", values + (str_path,))
    finally:
        connection.close()


class MySqlVideoDb:
    """A video library on a MySQL/MariaDB server (advancedsettings.xml <videodatabase>): Kodi names the database
    <name> + its schema version, so the newest <name><digits> is the one this Kodi made."""

    def __init__(self, host, port, user, password, base_name):
        self.host, self.port, self.user, self.password, self.base_name = host, port, user, password, base_name

    def _connect(self, database=None):
        import pymysql  # the tests' driver (requirements-dev.txt), needed only by shared-library tests
        return pymysql.connect(host=self.host, port=int(self.port), user=self.user, password=self.password,
                               database=database, autocommit=True, connect_timeout=5)

    def database(self):
        """The name of the newest <name><digits> database that has Kodi's path table, or None."""
        try:
            connection = self._connect()
        except Exception:  # noqa: BLE001 - the server may not answer yet
            return None
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT table_schema FROM information_schema.tables WHERE table_name = 'path'")
                names = [row[0] for row in cursor.fetchall()]
        finally:
            connection.close()
        pattern = re.compile(re.escape(self.base_name) + r"(\d+)$")
        found = [(int(m.group(1)), name) for name in names for m in [pattern.match(name)] if m]
        return max(found)[1] if found else None

    def __bool__(self):
        return self.database() is not None

    def set_path_content(self, folder, content):
        str_path = str(folder) if str(folder).endswith("/") else str(folder) + "/"
        connection = self._connect(self.database())
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT idPath FROM path WHERE strPath = %s", (str_path,))
                row = cursor.fetchone()
                values = (content, SCRAPER, SCAN_RECURSIVE[content], 0, "", 0)
                if row:
                    cursor.execute(
                        "UPDATE path SET strContent=%s, strScraper=%s, scanRecursive=%s, useFolderNames=%s, "
                        "strSettings=%s, noUpdate=%s WHERE idPath=%s", values + (row[0],))
                else:
                    cursor.execute(
                        "INSERT INTO path (strContent, strScraper, scanRecursive, useFolderNames, strSettings, "
                        "noUpdate, strPath) VALUES (%s, %s, %s, %s, %s, %s, %s)", values + (str_path,))
        finally:
            connection.close()
