"""Fake of Kodi's xbmcvfs module over the real file system; special:// paths go to the fake Kodi home."""
import os as _os
import shutil as _shutil

import fakekodi as _fakekodi


def translatePath(path):
    return _fakekodi.KODI.paths.translate(path)


def exists(path):
    """Like Kodi: a folder only "exists" when asked with a trailing slash."""
    real = translatePath(path)
    if path.endswith("/"):
        return _os.path.isdir(real)
    return _os.path.isfile(real)


def mkdir(path):
    try:
        _os.mkdir(translatePath(path))
    except OSError:
        return _os.path.isdir(translatePath(path))
    return True


def mkdirs(path):
    try:
        _os.makedirs(translatePath(path), exist_ok=True)
    except OSError:
        return False
    return True


def rmdir(path, force=False):
    real = translatePath(path)
    try:
        if force:
            _shutil.rmtree(real)
        else:
            _os.rmdir(real)
    except OSError:
        return False
    return True


def delete(file):
    try:
        _os.remove(translatePath(file))
    except OSError:
        return False
    return True


def rename(file, newFile):
    try:
        _os.replace(translatePath(file), translatePath(newFile))
    except OSError:
        return False
    return True


def copy(strSource, strDestination):
    try:
        _shutil.copyfile(translatePath(strSource), translatePath(strDestination))
    except OSError:
        return False
    return True


def listdir(path):
    """(folders, files) in path, like Kodi."""
    real = translatePath(path)
    names = sorted(_os.listdir(real))
    folders = [name for name in names if _os.path.isdir(_os.path.join(real, name))]
    files = [name for name in names if not _os.path.isdir(_os.path.join(real, name))]
    return folders, files


class File:
    """mode None reads, "w" writes; read() gives text, readBytes() bytes."""

    def __init__(self, filepath, mode=None):
        real = translatePath(filepath)
        self._handle = open(real, "wb" if mode == "w" else "rb")

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def read(self, numBytes=0):
        return self.readBytes(numBytes).decode("utf-8", errors="replace")

    def readBytes(self, numBytes=0):
        return bytearray(self._handle.read(numBytes) if numBytes > 0 else self._handle.read())

    def write(self, buffer):
        data = buffer.encode("utf-8") if isinstance(buffer, str) else bytes(buffer)
        self._handle.write(data)
        return True

    def size(self):
        return _os.fstat(self._handle.fileno()).st_size

    def seek(self, seekBytes, iWhence=0):
        return self._handle.seek(seekBytes, iWhence)

    def tell(self):
        return self._handle.tell()

    def close(self):
        self._handle.close()
