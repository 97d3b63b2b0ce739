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
