#!/usr/bin/env python3
"""Draws the toolbar icons (16/32/48/128 px) without any image library.

Why a script: the icons are part of the source, and a script keeps them reproducible
and reviewable. It is run by hand when the design changes; its output is committed.
The mark is a radar: a dark disc, two rings and a sweep line ending in a blip.
"""
import math
import struct
import sys
import zlib

SUPERSAMPLE = 4


BLIP = (255, 196, 0)
INK = (16, 163, 127)  # OpenAI-ish green, readable on light and dark toolbars

# The toolbar icon follows the level of the watched services (the badge says it in text):
# the blip takes the level's colour; "unknown" turns the whole mark grey.
LEVELS = {
    "degraded": ((212, 160, 23), INK),
    "partial_outage": ((240, 110, 30), INK),
    "major_outage": ((235, 50, 45), INK),
    "maintenance": ((70, 150, 255), INK),
    "unknown": ((150, 150, 150), (120, 120, 120)),
}


def shade(x, y, size):
    """Colour (r, g, b, a) of a point in a 1x1 square, origin top-left."""
    cx, cy = 0.5, 0.5
    dx, dy = x - cx, y - cy
    r = math.hypot(dx, dy)
    if r > 0.48:
        return (0, 0, 0, 0)
    ink = INK
    bg = (22, 33, 44)
    line = max(0.035, 1.2 / size)
    if abs(r - 0.46) < line or abs(r - 0.30) < line * 0.8:
        return ink + (255,)
    # sweep from the centre towards the upper right
    angle = math.atan2(-dy, dx)
    sweep = math.radians(45)
    if r < 0.46 and abs(angle - sweep) < line / max(r, 0.05) and dx > 0:
        return ink + (255,)
    if math.hypot(x - (cx + 0.19), y - (cy - 0.19)) < max(0.07, 1.6 / size):
        return BLIP + (255,)
    return bg + (255,)


def render(size):
    rows = []
    n = SUPERSAMPLE
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(n):
                for sx in range(n):
                    c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, size)
                    a = c[3]
                    acc[0] += c[0] * a
                    acc[1] += c[1] * a
                    acc[2] += c[2] * a
                    acc[3] += a
            alpha = acc[3] / (n * n)
            if acc[3]:
                row += bytes([round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(alpha)])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "extension/icons"
    for size in (16, 32, 48, 128):
        with open(f"{out}/icon-{size}.png", "wb") as f:
            f.write(render(size))
    for level, (blip, ink) in LEVELS.items():
        BLIP, INK = blip, ink
        for size in (16, 32):
            with open(f"{out}/{level}-{size}.png", "wb") as f:
                f.write(render(size))
