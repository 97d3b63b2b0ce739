"""The login's QR code from script.module.pyqrcode (Kodi's official repository): the one importer of pyqrcode."""
from typing import List

import pyqrcode

ERROR_LEVEL = "M"  # repairs 15 % of the symbol: a phone still reads it off a TV through glare


def qr_rows(text: str) -> List[List[bool]]:
    """The symbol of `text` (bytes mode, UTF-8) as rows of dark (True) / light modules, without the quiet zone
    (core/login/png.py draws it). ValueError when the text does not fit the largest symbol."""
    code = pyqrcode.create(text, error=ERROR_LEVEL, mode="binary", encoding="utf-8").code
    return [[bool(module) for module in row] for row in code]
