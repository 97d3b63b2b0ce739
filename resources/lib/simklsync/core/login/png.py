"""A minimal PNG writer (8-bit greyscale, zlib from the standard library) for the login's QR code."""
import struct
import zlib
from typing import Sequence

SIGNATURE = b"\x89PNG\r\n\x1a\n"
DARK, LIGHT = 0x00, 0xFF


def qr_png(matrix: Sequence[Sequence[bool]], scale: int = 10, border: int = 4) -> bytes:
    """The QR matrix as a PNG: `scale` pixels per module, `border` light modules of quiet zone around it."""
    size = len(matrix)
    side = (size + 2 * border) * scale
    quiet = bytes([LIGHT]) * side
    rows = [quiet] * (border * scale)
    for line in matrix:
        pixels = bytearray([LIGHT]) * (border * scale)
        for dark in line:
            pixels += bytes([DARK if dark else LIGHT]) * scale
        pixels += bytes([LIGHT]) * (border * scale)
        rows.extend([bytes(pixels)] * scale)
    rows.extend([quiet] * (border * scale))
    return greyscale_png(rows, side, side)


def greyscale_png(rows: Sequence[bytes], width: int, height: int) -> bytes:
    """A PNG from `height` rows of `width` grey bytes each (filter type 0 on every row)."""
    if len(rows) != height or any(len(row) != width for row in rows):
        raise ValueError("rows do not match the size")
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
