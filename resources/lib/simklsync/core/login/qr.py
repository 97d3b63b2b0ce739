"""A small QR code encoder (ISO/IEC 18004): byte mode, error correction L or M, versions 1–10.

Enough for the PIN page's address with its code (about 30 bytes: version 3). Written for this add-on,
which may depend on official Kodi repository modules only. `encode(text)` → a square matrix of booleans
(True = dark), without the quiet zone; core/login/png.py draws it."""
from typing import List, Optional, Sequence, Tuple

Matrix = List[List[bool]]

# version → level → (EC codewords per block, ((block count, data codewords per block), ...)), from the
# standard's table 9. The group with one more data codeword comes second.
_BLOCKS = {
    1: {"L": (7, ((1, 19),)), "M": (10, ((1, 16),))},
    2: {"L": (10, ((1, 34),)), "M": (16, ((1, 28),))},
    3: {"L": (15, ((1, 55),)), "M": (26, ((1, 44),))},
    4: {"L": (20, ((1, 80),)), "M": (18, ((2, 32),))},
    5: {"L": (26, ((1, 108),)), "M": (24, ((2, 43),))},
    6: {"L": (18, ((2, 68),)), "M": (16, ((4, 27),))},
    7: {"L": (20, ((2, 78),)), "M": (18, ((4, 31),))},
    8: {"L": (24, ((2, 97),)), "M": (22, ((2, 38), (2, 39)))},
    9: {"L": (30, ((2, 116),)), "M": (22, ((3, 36), (2, 37)))},
    10: {"L": (18, ((2, 68), (2, 69))), "M": (26, ((4, 43), (1, 44)))},
}
_ALIGNMENT = {1: (), 2: (6, 18), 3: (6, 22), 4: (6, 26), 5: (6, 30), 6: (6, 34), 7: (6, 22, 38),
              8: (6, 24, 42), 9: (6, 26, 46), 10: (6, 28, 50)}
_LEVEL_BITS = {"L": 1, "M": 0}
MAX_VERSION = max(_BLOCKS)


class DataTooLong(ValueError):
    """The text does not fit in the largest version this encoder makes."""


def encode(text: str, level: str = "M", mask: Optional[int] = None) -> Matrix:
    """The QR symbol for `text` (UTF-8, byte mode) in the smallest version that holds it.
    `mask` forces one of the eight masks (tests); by default the one with the lowest penalty is used."""
    data = text.encode("utf-8")
    version = _smallest_version(len(data), level)
    codewords = _with_error_correction(_data_codewords(data, version, level), version, level)
    base, reserved = _function_patterns(version)
    _place(base, reserved, codewords)
    masks = range(8) if mask is None else (mask,)
    candidates = []
    for number in masks:
        matrix = _masked(base, reserved, number)
        _draw_format(matrix, level, number)
        candidates.append((_penalty(matrix), number, matrix))
    return min(candidates, key=lambda candidate: candidate[:2])[2]


def capacity(version: int, level: str) -> int:
    """The bytes a symbol of that version and level holds in byte mode."""
    bits = _data_capacity(version, level) * 8 - 4 - _count_bits(version)
    return bits // 8


def version_of(matrix: Sequence[Sequence[bool]]) -> int:
    return (len(matrix) - 17) // 4


# ---- the bit stream -------------------------------------------------------------------------------

def _smallest_version(length: int, level: str) -> int:
    if level not in _LEVEL_BITS:
        raise ValueError(f"unsupported error correction level {level!r}")
    for version in range(1, MAX_VERSION + 1):
        if length <= capacity(version, level):
            return version
    raise DataTooLong(f"{length} bytes do not fit in a version {MAX_VERSION}-{level} QR code")


def _count_bits(version: int) -> int:
    return 8 if version < 10 else 16


def _data_capacity(version: int, level: str) -> int:
    return sum(count * size for count, size in _BLOCKS[version][level][1])


def _data_codewords(data: bytes, version: int, level: str) -> List[int]:
    bits: List[int] = []
    _append_bits(bits, 0b0100, 4)  # byte mode
    _append_bits(bits, len(data), _count_bits(version))
    for byte in data:
        _append_bits(bits, byte, 8)
    room = _data_capacity(version, level) * 8
    _append_bits(bits, 0, min(4, room - len(bits)))  # terminator
    _append_bits(bits, 0, -len(bits) % 8)
    codewords = [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8)]
    pads = (0xEC, 0x11)
    while len(codewords) < room // 8:
        codewords.append(pads[(len(codewords) - len(bits) // 8) % 2])
    return codewords


def _append_bits(bits: List[int], value: int, count: int) -> None:
    bits.extend((value >> shift) & 1 for shift in range(count - 1, -1, -1))


# ---- Reed-Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 ---------------------------------

def _gf_multiply(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        a <<= 1
        if a & 0x100:
            a ^= 0x11D
        b >>= 1
    return product


def _generator(degree: int) -> List[int]:
    """The coefficients (highest first, leading 1 dropped) of (x - α^0)(x - α^1)…(x - α^(degree-1))."""
    poly = [1]
    root = 1
    for _ in range(degree):
        nxt = poly + [0]
        for index, coefficient in enumerate(poly):
            nxt[index + 1] ^= _gf_multiply(coefficient, root)
        poly = nxt
        root = _gf_multiply(root, 2)
    return poly[1:]


def _remainder(data: Sequence[int], generator: Sequence[int]) -> List[int]:
    remainder = [0] * len(generator)
    for byte in data:
        factor = byte ^ remainder[0]
        remainder = remainder[1:] + [0]
        for index, coefficient in enumerate(generator):
            remainder[index] ^= _gf_multiply(coefficient, factor)
    return remainder


def _with_error_correction(data: List[int], version: int, level: str) -> List[int]:
    """The data split into the version's blocks, each with its EC codewords, interleaved as the standard says."""
    ec_length, groups = _BLOCKS[version][level]
    generator = _generator(ec_length)
    blocks, start = [], 0
    for count, size in groups:
        for _ in range(count):
            blocks.append(data[start:start + size])
            start += size
    ec_blocks = [_remainder(block, generator) for block in blocks]
    longest = max(len(block) for block in blocks)
    out = [block[i] for i in range(longest) for block in blocks if i < len(block)]
    out += [block[i] for i in range(ec_length) for block in ec_blocks]
    return out


# ---- the symbol -----------------------------------------------------------------------------------

def _function_patterns(version: int) -> Tuple[Matrix, Matrix]:
    """(modules with the finder, timing, alignment and version patterns drawn, which modules are reserved)."""
    size = version * 4 + 17
    modules = [[False] * size for _ in range(size)]
    reserved = [[False] * size for _ in range(size)]

    def put(row, col, dark):
        modules[row][col] = dark
        reserved[row][col] = True

    for row, col in ((0, 0), (0, size - 7), (size - 7, 0)):
        for dr in range(-1, 8):
            for dc in range(-1, 8):
                r, c = row + dr, col + dc
                if 0 <= r < size and 0 <= c < size:
                    ring = max(abs(dr - 3), abs(dc - 3))
                    put(r, c, ring != 2 and ring != 4)  # 7x7 finder, light separator around it
    for index in range(8, size - 8):
        put(6, index, index % 2 == 0)
        put(index, 6, index % 2 == 0)
    centres = _ALIGNMENT[version]
    corners = {(centres[0], centres[0]), (centres[0], centres[-1]), (centres[-1], centres[0])} if centres else ()
    for row in centres:
        for col in centres:
            if (row, col) in corners:
                continue  # where the finders are
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    put(row + dr, col + dc, max(abs(dr), abs(dc)) != 1)
    for index in range(9):  # the format information's two copies, drawn per mask later
        for row, col in ((8, index), (index, 8), (8, size - 1 - index), (size - 1 - index, 8)):
            if index < 8 or (row, col) == (8, 8):
                reserved[row][col] = True
    put(size - 8, 8, True)  # the dark module
    if version >= 7:
        _draw_version(put, version, size)
    return modules, reserved


def _draw_version(put, version: int, size: int) -> None:
    remainder = version
    for _ in range(12):
        remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
    bits = version << 12 | remainder
    for index in range(18):
        dark = bool((bits >> index) & 1)
        a, b = size - 11 + index % 3, index // 3
        put(b, a, dark)
        put(a, b, dark)


def _place(modules: Matrix, reserved: Matrix, codewords: Sequence[int]) -> None:
    """The codewords' bits in the two-column zigzag from the bottom right, skipping the timing column."""
    size = len(modules)
    total = len(codewords) * 8
    index = 0
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = ((right + 1) & 2) == 0
        for step in range(size):
            row = size - 1 - step if upward else step
            for col in (right, right - 1):
                if reserved[row][col]:
                    continue
                if index < total:
                    modules[row][col] = bool((codewords[index >> 3] >> (7 - (index & 7))) & 1)
                    index += 1
        right -= 2


_MASKS = (
    lambda r, c: (r + c) % 2 == 0,
    lambda r, c: r % 2 == 0,
    lambda r, c: c % 3 == 0,
    lambda r, c: (r + c) % 3 == 0,
    lambda r, c: (r // 2 + c // 3) % 2 == 0,
    lambda r, c: (r * c) % 2 + (r * c) % 3 == 0,
    lambda r, c: ((r * c) % 2 + (r * c) % 3) % 2 == 0,
    lambda r, c: ((r + c) % 2 + (r * c) % 3) % 2 == 0,
)


def _masked(modules: Matrix, reserved: Matrix, number: int) -> Matrix:
    flip = _MASKS[number]
    size = len(modules)
    return [[modules[r][c] != (not reserved[r][c] and flip(r, c)) for c in range(size)] for r in range(size)]


def _draw_format(matrix: Matrix, level: str, mask: int) -> None:
    data = _LEVEL_BITS[level] << 3 | mask
    remainder = data
    for _ in range(10):
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
    bits = (data << 10 | remainder) ^ 0x5412
    size = len(matrix)

    def bit(index):
        return bool((bits >> index) & 1)

    for index in range(6):
        matrix[index][8] = bit(index)
    matrix[7][8] = bit(6)
    matrix[8][8] = bit(7)
    matrix[8][7] = bit(8)
    for index in range(9, 15):
        matrix[8][14 - index] = bit(index)
    for index in range(8):
        matrix[8][size - 1 - index] = bit(index)
    for index in range(8, 15):
        matrix[size - 15 + index][8] = bit(index)
    matrix[size - 8][8] = True


# ---- mask choice: the standard's four penalty rules -------------------------------------------------

_FINDER_LIKE = ((True, False, True, True, True, False, True, False, False, False, False),
                (False, False, False, False, True, False, True, True, True, False, True))


def _penalty(matrix: Matrix) -> int:
    size = len(matrix)
    columns = [[matrix[r][c] for r in range(size)] for c in range(size)]
    score = 0
    for line in list(matrix) + columns:
        score += _run_penalty(line) + _finder_penalty(line)
    for r in range(size - 1):
        for c in range(size - 1):
            if matrix[r][c] == matrix[r][c + 1] == matrix[r + 1][c] == matrix[r + 1][c + 1]:
                score += 3
    dark = sum(sum(row) for row in matrix)
    score += 10 * (abs(dark * 100 // (size * size) - 50) // 5)
    return score


def _run_penalty(line: Sequence[bool]) -> int:
    score, run = 0, 1
    for index in range(1, len(line) + 1):
        if index < len(line) and line[index] == line[index - 1]:
            run += 1
            continue
        if run >= 5:
            score += 3 + run - 5
        run = 1
    return score


def _finder_penalty(line: Sequence[bool]) -> int:
    padded = (False,) * 4 + tuple(line) + (False,) * 4  # the quiet zone is light
    return 40 * sum(1 for start in range(len(padded) - 10) if padded[start:start + 11] in _FINDER_LIKE)
