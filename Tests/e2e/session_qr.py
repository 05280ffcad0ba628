#!/usr/bin/env python3
"""The QR-code sheets of panel sessions, read back by a real decoder.

Usage: session_qr.py PBSIM

1. `pbsim session create ... --names FILE --qr-sheet sheet.svg`: the sheet is rasterised with cairosvg
   and every code on it is decoded with zxing-cpp (PyPI); the decoded texts must be exactly the member
   links the command printed, each once, with the error correction level M.
2. `POST /api/sessions/{id}/qr.svg` on a real `pbsim serve` (the facilitator page's download) with the
   member tokens: the same check on the server's sheet; a member's token or a token of another session
   is refused (403, 400).
3. Each code's module matrix, read from the SVG, equals segno's (PyPI) for the same link, version and mask.

Installs zxing-cpp, cairosvg, Pillow and segno with pip when missing (and Debian's libcairo2).
"""
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from session_client import Client, Server  # noqa: E402


def ensure_packages():
    try:
        import cairosvg, segno, zxingcpp, PIL  # noqa: F401,E401
    except (ImportError, OSError):
        if subprocess.run(["sh", "-c", "ldconfig -p | grep -q libcairo.so.2"]).returncode != 0:
            subprocess.run(["apt-get", "install", "-y", "-qq", "libcairo2"], check=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "zxing-cpp", "cairosvg", "pillow", "segno"],
                       check=True)


ensure_packages()
import cairosvg  # noqa: E402
import segno  # noqa: E402
import segno.encoder  # noqa: E402


def write_padding_bits(buff, version, length):
    """The standard's padding (ISO/IEC 18004 7.4.10): segno 1.6.6 adds a whole zero codeword when the bit
    stream is already aligned; see Tests/PBReportsTests/Fixtures/make-qr-reference.py."""
    if length % 8:
        buff.extend([0] * (8 - length % 8))


segno.encoder.write_padding_bits = write_padding_bits
import zxingcpp  # noqa: E402
from PIL import Image  # noqa: E402

pbsim = sys.argv[1]
failures = []


def decode_sheet(svg, label):
    """Every QR code zxing-cpp finds on the sheet, rendered at 12 pixels per millimetre."""
    png = cairosvg.svg2png(bytestring=svg.encode(), scale=12 * 25.4 / 96, background_color="white")
    image = Image.open(io.BytesIO(png)).convert("L")
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    texts = [r.text for r in results]
    levels = {r.ec_level for r in results}
    if levels - {"M"}:
        failures.append(f"{label}: error correction levels {levels}, expected M")
    return texts


def matrices(svg):
    """The module matrices of the sheet's codes, read from their paths (each `M x yhNv1h-Nz` is a run)."""
    found = []
    for match in re.finditer(r'<rect width="(\d+)" height="\d+" fill="#fff"/><path d="([^"]*)"', svg):
        side = int(match.group(1))
        grid = [[0] * (side - 8) for _ in range(side - 8)]
        for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", match.group(2)):
            for k in range(int(n)):
                grid[int(y) - 4][int(x) - 4 + k] = 1
        found.append(grid)
    return found


def compare_with_segno(svg, links, label):
    grids = matrices(svg)
    if len(grids) != len(links):
        failures.append(f"{label}: {len(grids)} codes drawn for {len(links)} links")
        return
    for grid, link in zip(grids, links):
        version = (len(grid) - 17) // 4
        reference = segno.make(link.encode(), error="m", mode="byte", version=version, boost_error=False, micro=False)
        expected = [[1 if m else 0 for m in row] for row in reference.matrix]
        if expected != grid:
            failures.append(f"{label}: the code of {link} differs from segno's (version {version})")


def check_sheet(svg, links, label):
    texts = decode_sheet(svg, label)
    if sorted(texts) != sorted(links):
        missing = set(links) - set(texts)
        failures.append(f"{label}: decoded {len(texts)} codes for {len(links)} links; {len(missing)} links not read")
    compare_with_segno(svg, links, label)
    print(f"{label}: {len(texts)} of {len(links)} codes decoded by zxing-cpp, each the member's link")


data = tempfile.mkdtemp(prefix="pbsim-qr-")
server = None
try:
    names = os.path.join(data, "names.txt")
    with open(names, "w") as f:
        f.write("".join(f"Resident {n} & co <{n}>\n" for n in range(1, 15)))
    sheet = os.path.join(data, "sheet.svg")
    out = subprocess.run([pbsim, "session", "create", "Scenarios/poland_warszawa_2017_wars.pb", "--names", names,
                          "--data", data, "--format", "json", "--url", "http://192.168.1.20:8080", "--qr-sheet", sheet],
                         check=True, capture_output=True, text=True)
    created = json.loads(out.stdout)
    links = created["links"]["members"]
    with open(sheet) as f:
        svg = f.read()
    check_sheet(svg, links, "pbsim session create --qr-sheet")
    if "Resident 3 &amp; co &lt;3&gt;" not in svg:
        failures.append("the names are not on the cards, escaped")

    server = Server(pbsim, data, os.path.join(data, "server.log"))
    client = Client(server.port)
    session, admin, tokens = created["session"], created["admin_token"], created["member_tokens"]
    status, body, _ = client.call("POST", f"/api/sessions/{session}/qr.svg", admin, {"tokens": tokens[:5]}, text=True)
    if status != 200:
        failures.append(f"POST qr.svg: status {status}: {body}")
    else:
        served = [f"http://127.0.0.1:{server.port}/vote#s={session}&t={t}" for t in tokens[:5]]
        check_sheet(body, served, "POST /api/sessions/{id}/qr.svg")
    status, _, _ = client.call("POST", f"/api/sessions/{session}/qr.svg", tokens[0], {"tokens": tokens[:1]}, text=True)
    if status != 403:
        failures.append(f"a member asking for the sheet got {status}, expected 403")
    other = json.loads(subprocess.run([pbsim, "session", "create", "Scenarios/poland_warszawa_2017_wars.pb",
                                       "--members", "2", "--data", data, "--format", "json"],
                                      check=True, capture_output=True, text=True).stdout)
    status, body, _ = client.call("POST", f"/api/sessions/{session}/qr.svg", admin,
                                  {"tokens": [tokens[0], other["member_tokens"][0]]}, text=True)
    if status != 400:
        failures.append(f"a token of another session in the sheet got {status}, expected 400")
    client.close()
finally:
    if server:
        server.stop()
    shutil.rmtree(data, ignore_errors=True)

for failure in failures:
    print("FAIL: " + failure)
if failures:
    sys.exit(f"{len(failures)} QR sheet failures")
print("qr: every code on both sheets decodes to its member's link and equals segno's matrix")
