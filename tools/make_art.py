"""Draw the add-on's artwork: resources/icon.png (512x512) and resources/fanart.jpg (1280x720).

Everything is drawn from geometry (no third-party logos): two arrows chasing each other round a
play triangle, on a deep night-blue to violet gradient. Run: .venv/bin/python tools/make_art.py
"""
import argparse
import math
import os
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICON_SIZE = 512
FANART_SIZE = (1280, 720)
SUPERSAMPLE = 4  # draw big, shrink with a good filter: smooth edges without an antialiasing API

NIGHT = (11, 16, 43)
INDIGO = (44, 27, 110)
VIOLET = (94, 38, 140)
CYAN = (64, 214, 255)
PINK = (255, 92, 160)
WHITE = (255, 255, 255)
SOFT_WHITE = (222, 228, 255)

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
LIGHT_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-ExtraLight.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


def diagonal_gradient(size, start, end):
    """A top-left → bottom-right blend between two colours."""
    down = Image.linear_gradient("L")
    across = down.rotate(90)
    ramp = Image.blend(down, across, 0.5).resize(size, Image.BICUBIC)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), ramp)


def add_glow(image, centre, radius, colour, strength):
    """Lighten the image with a soft round glow."""
    distance = Image.radial_gradient("L")  # 0 at the centre, 181 at the edge midpoints, 255 in corners
    edge = distance.getpixel((distance.width // 2, 0))
    falloff = distance.point(lambda value: int(max(0.0, 1 - value / edge) ** 2 * 255 * strength))
    mask = falloff.resize((radius * 2, radius * 2), Image.BICUBIC)
    layer = Image.new("RGB", mask.size, colour)
    image.paste(layer, (centre[0] - radius, centre[1] - radius), mask)


def background(size):
    base = diagonal_gradient(size, NIGHT, VIOLET)
    width, height = size
    add_glow(base, (width // 2, height // 2), int(max(size) * 0.55), INDIGO, 0.55)
    add_glow(base, (int(width * 0.18), int(height * 0.12)), int(max(size) * 0.35), (30, 70, 150), 0.35)
    return base


def _arrow_head(centre, radius, angle_deg, length, half_width):
    """Triangle at the end of an arc drawn clockwise, pointing along the direction of travel."""
    angle = math.radians(angle_deg)
    px = centre[0] + radius * math.cos(angle)
    py = centre[1] + radius * math.sin(angle)
    tangent = (-math.sin(angle), math.cos(angle))
    normal = (math.cos(angle), math.sin(angle))
    tip = (px + tangent[0] * length, py + tangent[1] * length)
    outer = (px + normal[0] * half_width, py + normal[1] * half_width)
    inner = (px - normal[0] * half_width, py - normal[1] * half_width)
    return [tip, outer, inner]


def _disc(centre, radius):
    return [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius]


def draw_sync_arrow(draw, centre, radius, thickness, start_deg, end_deg, colour):
    # PIL strokes arcs inwards from the box, so widen the box by half the stroke to centre it on `radius`.
    draw.arc(_disc(centre, radius + thickness / 2), start_deg, end_deg, fill=colour, width=int(thickness))
    # Round off the tail so the stroke does not end in a hard cut.
    tail = math.radians(start_deg)
    tail_centre = (centre[0] + radius * math.cos(tail), centre[1] + radius * math.sin(tail))
    draw.ellipse(_disc(tail_centre, thickness / 2), fill=colour)
    draw.polygon(_arrow_head(centre, radius, end_deg, thickness * 1.35, thickness * 1.25), fill=colour)


def draw_play_triangle(draw, centre, size, colour):
    """An equilateral play triangle with rounded corners, its visual centre on `centre`."""
    height = size
    half = size / math.sqrt(3)
    left = centre[0] - height / 3  # centroid sits a third of the way in from the flat side
    corners = [(left, centre[1] - half), (left + height, centre[1]), (left, centre[1] + half)]
    rounding = size * 0.09
    inset = _shrink(corners, centre, rounding * 1.9)
    draw.polygon(inset, fill=colour)
    draw.line(inset + [inset[0]], fill=colour, width=int(rounding * 2), joint="curve")
    for x, y in inset:
        draw.ellipse([x - rounding, y - rounding, x + rounding, y + rounding], fill=colour)


def _shrink(points, centre, amount):
    shrunk = []
    for x, y in points:
        dx, dy = x - centre[0], y - centre[1]
        distance = math.hypot(dx, dy)
        scale = (distance - amount) / distance
        shrunk.append((centre[0] + dx * scale, centre[1] + dy * scale))
    return shrunk


def emblem(side):
    """The sync-play emblem on a transparent square of `side` pixels (drawn supersampled)."""
    big = side * SUPERSAMPLE
    layer = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    centre = (big / 2, big / 2)
    radius = big * 0.36
    thickness = big * 0.075
    draw_sync_arrow(draw, centre, radius, thickness, 200, 328, CYAN)
    draw_sync_arrow(draw, centre, radius, thickness, 20, 148, PINK)
    draw_play_triangle(draw, (centre[0] + big * 0.02, centre[1]), big * 0.34, WHITE)
    return layer.resize((side, side), Image.LANCZOS)


def with_shadow(layer, blur, opacity):
    """The layer over a soft dark shadow of itself, for depth on the gradient."""
    alpha = layer.getchannel("A").point(lambda value: int(value * opacity))
    shadow = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    shadow.putalpha(alpha)
    shadow = shadow.filter(ImageFilter.GaussianBlur(blur))
    canvas = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    canvas.alpha_composite(shadow, (0, int(blur / 2)))
    canvas.alpha_composite(layer)
    return canvas


def make_icon():
    image = background((ICON_SIZE, ICON_SIZE)).convert("RGBA")
    mark = with_shadow(emblem(int(ICON_SIZE * 0.86)), blur=10, opacity=0.55)
    offset = (ICON_SIZE - mark.size[0]) // 2
    image.alpha_composite(mark, (offset, offset))
    return image.convert("RGB")  # opaque, as the add-on checker wants


def _font(candidates, size):
    for path in candidates:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def _fitting_font(draw, text, candidates, width, largest):
    """The largest font size (down from `largest`) at which `text` fits in `width` pixels."""
    size = largest
    font = _font(candidates, size)
    while size > 12 and draw.textlength(text, font=font) > width:
        size -= 2
        font = _font(candidates, size)
    return font


def draw_title(image, left, right_margin):
    """'Simkl Sync' with a tagline, vertically centred in the space right of `left`."""
    draw = ImageDraw.Draw(image)
    width = image.width - left - right_margin
    title_font = _fitting_font(draw, "Simkl Sync", FONT_CANDIDATES, width, 112)
    tagline = "Your watch history and Kodi, in step."
    tagline_font = _fitting_font(draw, tagline, LIGHT_FONT_CANDIDATES, width, 34)
    title_height = title_font.getbbox("Simkl Sync")[3]
    top = (image.height - (title_height + 110)) // 2
    draw.text((left, top), "Simkl", font=title_font, fill=WHITE)
    simkl_width = draw.textlength("Simkl ", font=title_font)
    draw.text((left + simkl_width, top), "Sync", font=title_font, fill=CYAN)
    rule_top = top + title_height + 26
    draw.rounded_rectangle([left + 4, rule_top, left + 124, rule_top + 8], radius=4, fill=PINK)
    draw.text((left + 2, rule_top + 34), tagline, font=tagline_font, fill=SOFT_WHITE)


def draw_rings(image, centre, radii, colour):
    """Faint concentric rings behind the emblem."""
    ring_layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(ring_layer)
    for index, radius in enumerate(radii):
        alpha = max(10, 46 - index * 12)
        draw.ellipse([centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
                     outline=colour + (alpha,), width=3)
    image.alpha_composite(ring_layer)


def make_fanart():
    image = background(FANART_SIZE).convert("RGBA")
    mark_side = 420
    centre = (330, FANART_SIZE[1] // 2)
    draw_rings(image, centre, (250, 320, 400, 490), SOFT_WHITE)
    mark = with_shadow(emblem(mark_side), blur=14, opacity=0.6)
    image.alpha_composite(mark, (centre[0] - mark_side // 2, centre[1] - mark_side // 2))
    draw_title(image, 590, 70)
    return image.convert("RGB")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "resources", help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    make_icon().save(args.out / "icon.png", optimize=True)
    make_fanart().save(args.out / "fanart.jpg", quality=90, optimize=True, progressive=True)


if __name__ == "__main__":
    main()
