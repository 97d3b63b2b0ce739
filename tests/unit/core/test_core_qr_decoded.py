"""The add-on's own QR encoder (core/login/qr.py), read back by an independent decoder: zxing-cpp, a dev-only
dependency (requirements-dev.txt; Python 3.11+), through the PNG core/login/png.py writes."""
import io
import random

import pytest
from PIL import Image
from simklsync.core.login import png, qr

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (requirements-dev.txt) decodes the QR codes")

PIN_URL = "https://simkl.com/pin/5G6JAH"


def decode(matrix, scale=4):
    image = Image.open(io.BytesIO(png.qr_png(matrix, scale=scale)))
    return [(result.text, result.format.name) for result in zxingcpp.read_barcodes(image)]


def test_the_pin_page_address_decodes_back_from_a_version_3_m_symbol():
    matrix = qr.encode(PIN_URL)

    assert qr.version_of(matrix) == 3 and len(matrix) == 29
    assert decode(matrix) == [(PIN_URL, "QRCode")]


@pytest.mark.parametrize("mask", range(8))
def test_every_mask_decodes(mask):
    assert decode(qr.encode(PIN_URL, mask=mask)) == [(PIN_URL, "QRCode")]


@pytest.mark.parametrize("level", ["L", "M"])
@pytest.mark.parametrize("version", range(1, qr.MAX_VERSION + 1))
def test_every_version_at_its_full_capacity_decodes(version, level):
    text = "".join(random.Random(version).choice("abcXYZ019:/.-") for _ in range(qr.capacity(version, level)))

    matrix = qr.encode(text, level)

    assert qr.version_of(matrix) == version
    assert decode(matrix) == [(text, "QRCode")]


def test_utf8_text_decodes():
    text = "Simkl · Plan to watch → 日本"
    assert decode(qr.encode(text)) == [(text, "QRCode")]


def test_the_error_correction_repairs_damaged_modules():
    """Flipped data modules are restored by the Reed-Solomon codewords: they are right, not just present."""
    matrix = qr.encode(PIN_URL)
    damaged = [list(row) for row in matrix]
    for row, col in ((12, 20), (14, 22), (20, 25), (22, 12), (26, 14)):  # data modules of a version 3 symbol
        damaged[row][col] = not damaged[row][col]

    assert damaged != matrix
    assert decode(damaged) == [(PIN_URL, "QRCode")]
