#!/usr/bin/env python3
"""Load on panel sessions: MEMBERS members cast and change their ballots at once against a real
`pbsim serve` on loopback.

Usage: session_load.py PBSIM [--members 300] [--changes 2] [--seed 1] [--pace SECONDS]

Every member is a coroutine with its own keep-alive connection (asyncio, one client thread, so the
client takes as little of the machine's CPU as it can); all start together, cast a ballot, change it
CHANGES times, and read it back. Checks: every request is answered (200, or a 4xx with a
reason: none is expected), the ballot read back is the last one acknowledged, the turnout is MEMBERS and
export.pb has MEMBERS voters. Prints the latency of the ballot requests (p50, p99, max) as the clients
see it, Python's own scheduling included, and the CPU time the server and this client used during the
run (on a small machine the client's share is CPU the server did not have).
"""
import argparse
import asyncio
import json
import os
import random
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from session_client import Client, Server, canonical, create_session, percentile, project_ids, random_ballot  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("pbsim")
parser.add_argument("--members", type=int, default=300)
parser.add_argument("--changes", type=int, default=2)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--pace", type=float, default=0.0,
                    help="each member waits a random 0..PACE seconds before each request (0: all at once)")
parser.add_argument("--source", default="Scenarios/poland_warszawa_2017_wars.pb")
args = parser.parse_args()

data = tempfile.mkdtemp(prefix="pbsim-load-")
failures = []
latencies = []
refused = []
server = None


async def request(reader, writer, method, path, token, body=None):
    payload = json.dumps(body).encode() if body is not None else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Length: {len(payload)}\r\n")
    if body is not None:
        head += "Content-Type: application/json\r\n"
    start = time.perf_counter()
    writer.write(head.encode() + b"\r\n" + payload)
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    raw = await reader.readexactly(length)
    return int(status_line.split()[1]), json.loads(raw) if raw else None, time.perf_counter() - start


async def member(n, port, session, token, info, order, go):
    rng = random.Random(args.seed * 100_003 + n)
    mine = []
    last = None
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await request(reader, writer, "GET", f"/api/sessions/{session}", token)  # as the page does first
        await go.wait()
        for _ in range(1 + args.changes):
            if args.pace > 0:
                await asyncio.sleep(rng.uniform(0, args.pace))
            ballot = random_ballot(rng, info)
            status, body, seconds = await request(reader, writer, "PUT", f"/api/sessions/{session}/ballot", token, ballot)
            mine.append(seconds)
            if status == 200:
                last = canonical(ballot, order)
                if body["ballot"]["approve"] != last:
                    failures.append(f"member {n + 1}: the answer holds other projects")
            elif 400 <= status < 500 and "error" in body:
                refused.append(f"{status}: {body['error']['message']}")
            else:
                failures.append(f"member {n + 1}: status {status} without a reason")
        status, body, _ = await request(reader, writer, "GET", f"/api/sessions/{session}/ballot", token)
        if last is not None and (status != 200 or body["ballot"]["approve"] != last):
            failures.append(f"member {n + 1}: the last acknowledged ballot is not the one stored")
        writer.close()
    except Exception as error:  # a connection refused or reset is a failure
        failures.append(f"member {n + 1}: {error!r}")
    latencies.extend(mine)


def cpu_seconds(pid):
    """User + system CPU seconds of process `pid` so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def everyone(port, session, tokens, info, order, pid):
    go = asyncio.Event()
    tasks = [asyncio.create_task(member(n, port, session, tokens[n], info, order, go)) for n in range(args.members)]
    await asyncio.sleep(0.5)  # every connection open
    start, client, server = time.perf_counter(), time.process_time(), cpu_seconds(pid)
    go.set()
    await asyncio.gather(*tasks)
    return time.perf_counter() - start, time.process_time() - client, cpu_seconds(pid) - server


try:
    created = create_session(args.pbsim, args.source, data, args.members, "--max-projects", "5")
    session, admin, tokens = created["session"], created["admin_token"], created["member_tokens"]
    server = Server(args.pbsim, data, os.path.join(data, "server.log"))
    info = project_ids(server.port, session, tokens[0])
    order = [p["id"] for p in info["projects"]]
    wall, client_cpu, server_cpu = asyncio.run(everyone(server.port, session, tokens, info, order, server.process.pid))
    check = Client(server.port)
    status, turnout, _ = check.call("GET", f"/api/sessions/{session}/status", admin)
    if turnout["voted"] != args.members:
        failures.append(f"turnout {turnout['voted']} of {args.members}")
    status, export, _ = check.call("GET", f"/api/sessions/{session}/export.pb", admin, text=True)
    voters = len(export.split("\nVOTES\n", 1)[1].strip().splitlines()) - 1
    if voters != args.members:
        failures.append(f"export.pb has {voters} voters for {args.members} members")
    check.close()
    requests = len(latencies)
    mode = f"paced over 0-{args.pace:g} s per request" if args.pace > 0 else "all at once"
    print(f"{args.members} members ({mode}), {requests} ballot requests in {wall:.2f} s ({requests / wall:.0f}/s); "
          f"latency p50 {1000 * percentile(latencies, 0.5):.1f} ms, p99 {1000 * percentile(latencies, 0.99):.1f} ms, "
          f"max {1000 * max(latencies):.1f} ms; {len(refused)} refused with a reason; turnout {turnout['voted']}, "
          f"export.pb {voters} voters")
    print(f"CPU during the run ({os.cpu_count()} cores): server {server_cpu:.2f} s "
          f"({1000 * server_cpu / (requests + args.members):.2f} ms per request, the final reads included; {100 * server_cpu / wall:.0f}% of one core), "
          f"client {client_cpu:.2f} s ({100 * client_cpu / wall:.0f}% of one core)")
finally:
    if server:
        server.stop()
    shutil.rmtree(data, ignore_errors=True)

for failure in failures[:20]:
    print("FAIL: " + failure)
if failures:
    sys.exit(f"{len(failures)} load failures")
print("load: every ballot acknowledged and stored, none lost")
