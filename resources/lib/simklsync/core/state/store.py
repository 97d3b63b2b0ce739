"""One JSON file in the profile folder: schema-versioned, written atomically, readable by the user only."""
import json
import logging
import os
import threading
from typing import Any, Optional

LOG = logging.getLogger("simklsync.store")

FILE_MODE = 0o600
DIR_MODE = 0o700


class JsonStore:
    """The file holds {"schema": N, "data": ...}. A crash mid-save leaves the old file or the new one,
    never a mix: the data goes to a temporary file, is fsynced, then renamed over the old one.

    durable=False is for a file that is a picture, not a record (the status file, the day's request counts):
    it is still renamed into place whole, but neither it nor its folder is fsynced. Each fsync costs a box's
    flash 5-30 ms and wear; without them a power cut may lose the last few seconds of saves, or (on a file
    system that commits the rename before the data) leave a file load() sets aside and reads as missing."""

    def __init__(self, path: str, schema: int = 1, durable: bool = True):
        self.path = path
        self.schema = schema
        self.durable = durable
        self._lock = threading.Lock()

    def load(self) -> Optional[Any]:
        """The saved data; None when missing, unreadable or of another schema (that file is set aside)."""
        with self._lock:
            try:
                with open(self.path, encoding="utf-8") as handle:
                    content = json.load(handle)
            except FileNotFoundError:
                return None
            except (OSError, ValueError) as error:
                LOG.warning("state file %s unreadable (%s); starting afresh", os.path.basename(self.path),
                            type(error).__name__)
                self._set_aside()
                return None
            if not isinstance(content, dict) or content.get("schema") != self.schema or "data" not in content:
                LOG.warning("state file %s has an unexpected shape or schema; starting afresh",
                            os.path.basename(self.path))
                self._set_aside()
                return None
            return content["data"]

    def save(self, data: Any) -> None:
        text = json.dumps({"schema": self.schema, "data": data}, separators=(",", ":"), ensure_ascii=False)
        with self._lock:
            folder = os.path.dirname(self.path) or "."
            os.makedirs(folder, mode=DIR_MODE, exist_ok=True)
            temporary = f"{self.path}.{os.getpid()}.{threading.get_ident()}.tmp"
            try:
                self._write(temporary, text, self.durable)
                os.replace(temporary, self.path)
            except BaseException:
                _remove_quietly(temporary)
                raise
            if self.durable:
                _sync_folder(folder)

    def delete(self) -> None:
        with self._lock:
            _remove_quietly(self.path)

    @staticmethod
    def _write(path: str, text: str, synced: bool) -> None:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            if synced:
                handle.flush()
                os.fsync(handle.fileno())
        # O_CREAT's mode is filtered by the umask and ignored for an existing file.
        os.chmod(path, FILE_MODE)

    def _set_aside(self) -> None:
        try:
            os.replace(self.path, self.path + ".corrupt")
        except OSError:
            pass


def _sync_folder(folder: str) -> None:
    # Makes the rename itself durable; not possible on every platform (Windows), hence best effort.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
