"""The QR encoder's version choice (core/login/qr.py) and the PNG writer (core/login/png.py), read back by Pillow."""
import io

import pytest
from PIL import Image
from simklsync.core.login import png, qr

PIN_URL = "https://simkl.com/pin/5G6JAH"


def test_the_smallest_version_is_chosen_and_too_long_text_is_refused():
    assert qr.version_of(qr.encode("x" * qr.capacity(2, "M"))) == 2
    assert qr.version_of(qr.encode("x" * (qr.capacity(2, "M") + 1))) == 3
    with pytest.raises(qr.DataTooLong):
        qr.encode("x" * (qr.capacity(qr.MAX_VERSION, "M") + 1))
    with pytest.raises(ValueError):
        qr.encode("x", level="H")


def test_the_png_has_the_quiet_zone_and_the_modules_at_scale():
    matrix = qr.encode(PIN_URL)
    image = Image.open(io.BytesIO(png.qr_png(matrix, scale=5, border=4)))

    assert image.format == "PNG" and image.mode == "L"
    assert image.size == ((29 + 8) * 5, (29 + 8) * 5)
    pixels = image.load()
    assert all(pixels[x, 3] == 255 for x in range(image.size[0]))  # quiet zone
    for row in (0, 3, 10, 28):
        for col in (0, 6, 13, 28):
            centre = ((col + 4) * 5 + 2, (row + 4) * 5 + 2)
            assert pixels[centre] == (0 if matrix[row][col] else 255)


def test_a_greyscale_png_round_trips_through_pillow():
    rows = [bytes(range(x, x + 16)) for x in range(0, 40, 4)]
    image = Image.open(io.BytesIO(png.greyscale_png(rows, 16, 10)))

    assert image.size == (16, 10)
    assert [image.getpixel((3, y)) for y in range(10)] == [y * 4 + 3 for y in range(10)]
    with pytest.raises(ValueError):
        png.greyscale_png(rows, 15, 10)

