"""Draw wrapped's icon: a small "Year in Pixels" grid in the mood colours with a play button.

Writes wrapped/data/icon.png (512x512, for the MCP Bundle and stores) and wrapped/data/icon-64.png
(64x64, sent inline as the MCP server's and tools' icon). Run: python assets/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

DATA = Path(__file__).resolve().parent.parent / "wrapped" / "data"
BACKGROUND = (24, 20, 40)
MOODS = [(255, 196, 61), (72, 199, 142), (110, 130, 160), (142, 110, 230), (214, 84, 160)]  # best to lowest
DIM = (52, 46, 76)


def icon(size: int) -> Image.Image:
    scale = 4  # drawn large and scaled down, for smooth edges
    side = size * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side // 5, fill=BACKGROUND)
    cells, margin = 7, side * 0.14
    step = (side - 2 * margin) / cells
    for row in range(cells):
        for col in range(cells):
            k = (row * 5 + col * 3 + row * col) % 11
            colour = MOODS[k % len(MOODS)] if k < 8 else DIM
            x, y = margin + col * step, margin + row * step
            gap = step * 0.14
            draw.rounded_rectangle((x + gap, y + gap, x + step - gap, y + step - gap), radius=step * 0.18, fill=colour)
    # a play button in the middle, on a dark disc
    c, r = side / 2, side * 0.2
    draw.ellipse((c - r, c - r, c + r, c + r), fill=BACKGROUND)
    t = r * 0.55
    draw.polygon([(c - t * 0.6, c - t), (c - t * 0.6, c + t), (c + t, c)], fill=(255, 255, 255))
    return image.resize((size, size), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    for name, size in (("icon.png", 512), ("icon-64.png", 64)):
        icon(size).quantize(64, method=Image.Quantize.FASTOCTREE).save(DATA / name, format="PNG", optimize=True)
        print(DATA / name, (DATA / name).stat().st_size, "bytes")
