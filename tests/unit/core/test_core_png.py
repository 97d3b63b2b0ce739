"""The PNG writer of the login's QR code (core/login/png.py), read back by Pillow."""
import io
import random

import pytest
from PIL import Image
from simklsync.core.login import png


def test_the_png_has_the_quiet_zone_and_the_modules_at_scale():
    chance = random.Random(3)
    matrix = [[chance.random() < 0.5 for _ in range(29)] for _ in range(29)]
    image = Image.open(io.BytesIO(png.qr_png(matrix, scale=5, border=4)))

    assert image.format == "PNG" and image.mode == "L"
    assert image.size == ((29 + 8) * 5, (29 + 8) * 5)
    pixels = image.load()
    assert all(pixels[x, 3] == 255 for x in range(image.size[0]))  # quiet zone
    for row in range(29):
        for col in range(29):
            centre = ((col + 4) * 5 + 2, (row + 4) * 5 + 2)
            assert pixels[centre] == (0 if matrix[row][col] else 255)


def test_a_greyscale_png_round_trips_through_pillow():
    rows = [bytes(range(x, x + 16)) for x in range(0, 40, 4)]
    image = Image.open(io.BytesIO(png.greyscale_png(rows, 16, 10)))

    assert image.size == (16, 10)
    assert [image.getpixel((3, y)) for y in range(10)] == [y * 4 + 3 for y in range(10)]
    with pytest.raises(ValueError):
        png.greyscale_png(rows, 15, 10)
