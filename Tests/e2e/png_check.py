#!/usr/bin/env python3
"""Whether a screenshot is blank: `png_check.py FILE [MIN_COLOURS]` exits non-zero when the PNG has at
most MIN_COLOURS distinct colours (default 64) or fewer than 2% of its pixels differ from the
background. Standard library only (zlib); used by render-reports.sh and serve_pages.py."""
import collections
import struct
import sys
import zlib


def measure(path):
    """(width, height, distinct colours, share of non-background pixels) of an 8-bit PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat = 8, b""
    width = height = depth = colour_type = interlace = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: unexpected PNG format (depth {depth}, colour type {colour_type})")
    raw = zlib.decompress(idat)
    stride, n = width * channels, channels
    # Bytewise addition mod 256 of whole rows at once (no carries between bytes), for the Up filter.
    low7 = int.from_bytes(b"\x7f" * stride, "big")
    high = int.from_bytes(b"\x80" * stride, "big")
    counts = collections.Counter()
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for x in range(n, stride):
                line[x] = (line[x] + line[x - n]) & 255
        elif kind == 2:
            a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
            line = bytearray((((a & low7) + (b & low7)) ^ ((a ^ b) & high)).to_bytes(stride, "big"))
        elif kind == 3:
            for x in range(stride):
                line[x] = (line[x] + ((line[x - n] if x >= n else 0) + prev[x]) // 2) & 255
        elif kind == 4:
            for x in range(stride):
                a = line[x - n] if x >= n else 0
                b, c = prev[x], (prev[x - n] if x >= n else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        counts.update(zip(*(line[k::n] for k in range(n))))
        prev = line
    _, most = counts.most_common(1)[0]
    return width, height, len(counts), 1 - most / (width * height)


def check(path, minimum=64):
    """Prints the figures; returns an error message when the PNG looks blank, else None."""
    try:
        width, height, colours, ink = measure(path)
    except ValueError as error:
        return str(error)
    print(f"  {path.split('/')[-1]}: {width}x{height}, {colours} colours, {ink:.1%} non-background pixels")
    if colours <= minimum or ink < 0.02:
        return f"{path}: looks blank"
    return None


if __name__ == "__main__":
    problem = check(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 64)
    if problem:
        sys.exit("  " + problem)
