#!/usr/bin/env python3
"""Writes qr-reference.json: QR codes made by segno (PyPI, a pure-Python encoder following ISO/IEC
18004:2015) for QRCodeTests to compare with pbsim's encoder module for module.

Usage: python3 -m pip install segno==1.6.6 && python3 make-qr-reference.py > qr-reference.json

segno's padding step is replaced by the standard's (see write_padding_bits below).

Each case: the content's bytes (hex), the level, a version and mask when the case fixes them (else
null: segno chose the smallest version and the mask with the lowest penalty), and segno's result:
version, mask and the rows of the matrix in hexadecimal (4 modules a digit, dark = 1, the last digit
padded with light modules). Byte mode only, the error level never
raised (boost_error=False), as pbsim encodes. Contents: member links of the length a session gives,
random ASCII and UTF-8 of every length up to a version-12 code at each level, a few long ones (versions
up to 40), and the eight masks forced on a few.
"""
import json
import random
import sys

import segno
import segno.encoder


def write_padding_bits(buff, version, length):
    """ISO/IEC 18004:2015 7.4.10: zero bits up to the next codeword boundary, none when the bit stream
    already ends on one. segno 1.6.6 writes 8 - length % 8 bits, so a whole zero codeword when the
    stream is aligned (always, in byte mode with a full terminator); decoders ignore it, but the
    standard's symbol has the pad codewords there. The reference corrects that one step; every other
    step (Reed-Solomon, interleaving, placement, masks and the penalty choosing one, format and version
    information) is segno's."""
    if length % 8:
        buff.extend([0] * (8 - length % 8))


segno.encoder.write_padding_bits = write_padding_bits

rng = random.Random(18)
levels = "LMQH"
cases = []


def add(content, level, version=None, mask=None):
    code = segno.make(content, error=level.lower(), mode="byte", version=version, mask=mask, boost_error=False,
                      micro=False)
    cases.append({
        "bytes": content.hex(), "level": level, "fixed_version": version, "fixed_mask": mask,
        "version": code.version, "mask": code.mask,
        "rows": [hex_row(row) for row in code.matrix],
    })


def hex_row(row):
    """A row of modules as hexadecimal, 4 modules a digit, dark = 1, padded with light modules."""
    bits = "".join("1" if m else "0" for m in row)
    bits += "0" * (-len(bits) % 4)
    return "".join(f"{int(bits[k:k + 4], 2):x}" for k in range(0, len(bits), 4))


def random_bytes(n):
    kind = rng.random()
    if kind < 0.6:
        return bytes(rng.randrange(32, 127) for _ in range(n))
    if kind < 0.8:
        return "".join(rng.choice("aé€漢0/#=") for _ in range(n)).encode()[:n]
    return bytes(rng.randrange(256) for _ in range(n))


for n in range(0, 60):
    token = "".join(rng.choice("0123456789abcdef") for _ in range(48))
    session = "".join(rng.choice("0123456789abcdef") for _ in range(16))
    add(f"http://127.0.0.1:{rng.randrange(1024, 65536)}/vote#s={session}&t={token}".encode(), "M")
for level in levels:
    for n in list(range(0, 40)) + list(range(40, 300, 9)):
        add(random_bytes(n), level)
for n in (400, 1000, 2900):
    add(random_bytes(n), "L")
add(random_bytes(600), "M")
add(random_bytes(500), "H")
for mask in range(8):
    add(b"https://example.org/vote#s=0123456789abcdef", "M", mask=mask)
    add(random_bytes(100), "Q", version=9, mask=mask)
json.dump({"generator": f"segno {segno.__version__}", "cases": cases}, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
