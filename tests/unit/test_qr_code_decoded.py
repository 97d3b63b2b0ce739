"""The login's QR code as script.module.pyqrcode makes it (kodi/gui/qr_code.py), drawn by core/login/png.py and
read back by an independent decoder: zxing-cpp, a dev-only dependency (requirements-dev.txt; Python 3.11+)."""
import io
import random

import pytest
from PIL import Image
from pyqrcode import tables
from simklsync.core.login import png
from simklsync.kodi.gui import login_window
from simklsync.kodi.gui.qr_code import qr_rows

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (requirements-dev.txt) decodes the QR codes")

PIN_URL = "https://simkl.com/pin/5G6JAH"


def decode(matrix, scale=4):
    image = Image.open(io.BytesIO(png.qr_png(matrix, scale=scale)))
    return [(result.text, result.format.name) for result in zxingcpp.read_barcodes(image)]


def capacity(version):
    return tables.data_capacity[version]["M"][tables.modes["binary"]]


def test_the_pin_page_address_decodes_back_from_a_version_3_symbol_without_its_quiet_zone():
    matrix = qr_rows(PIN_URL)

    assert len(matrix) == 29 and all(len(row) == 29 for row in matrix)  # version 3: 17 + 4 * 3 modules
    assert matrix[0][:7] == [True] * 7 and matrix[0][7] is False  # the finder pattern starts at the edge
    assert decode(matrix) == [(PIN_URL, "QRCode")]


@pytest.mark.parametrize("version", range(1, 11))
def test_every_small_version_at_its_full_capacity_decodes(version):
    text = "".join(random.Random(version).choice("abcXYZ019:/.-") for _ in range(capacity(version)))

    matrix = qr_rows(text)

    assert len(matrix) == 17 + 4 * version
    assert decode(matrix) == [(text, "QRCode")]


def test_utf8_text_decodes():
    text = "Simkl · Plan to watch → 日本"
    assert decode(qr_rows(text)) == [(text, "QRCode")]


def test_the_error_correction_repairs_damaged_modules():
    """Flipped data modules are restored by the Reed-Solomon codewords: they are right, not just present."""
    matrix = qr_rows(PIN_URL)
    damaged = [list(row) for row in matrix]
    for row, col in ((12, 20), (14, 22), (20, 25), (22, 12), (26, 14)):  # data modules of a version 3 symbol
        damaged[row][col] = not damaged[row][col]

    assert damaged != matrix
    assert decode(damaged) == [(PIN_URL, "QRCode")]


def test_text_too_long_for_any_symbol_gives_no_picture_and_the_login_goes_on_without_it(tmp_path):
    with pytest.raises(ValueError):
        qr_rows("x" * (capacity(40) + 1))

    assert login_window.write_qr(str(tmp_path), "x" * (capacity(40) + 1), "ABCDE") is None
    assert list(tmp_path.iterdir()) == []
