#!/usr/bin/env python3
"""Durability of panel sessions: a real `pbsim serve` killed with SIGKILL while many clients cast ballots.

Usage: session_durability.py PBSIM [--members 200] [--clients 24] [--rounds 3] [--seed 1]

Each round starts the server on the session's data folder, lets CLIENTS threads cast and change the
ballots of their members as fast as the server answers, kills the server with `kill -9` at a random
moment, and restarts it. After every restart it checks, for every member:

- a ballot the server acknowledged (answered 200) is there: the stored revision is the acknowledged
  one with the acknowledged projects, or exactly one more with the projects of the request that was in
  flight when the server died (committed, not yet answered);
- nothing is there twice: the turnout equals the members with a stored ballot, and `export.pb` has one
  voter per such member, with distinct voter ids.
Exit status 0 when every check passes; the figures are printed.
"""
import argparse
import os
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from session_client import Client, Server, canonical, create_session, project_ids, random_ballot  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("pbsim")
parser.add_argument("--members", type=int, default=200)
parser.add_argument("--clients", type=int, default=24)
parser.add_argument("--rounds", type=int, default=3)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--source", default="Scenarios/poland_warszawa_2017_wars.pb")
args = parser.parse_args()

rng = random.Random(args.seed)
data = tempfile.mkdtemp(prefix="pbsim-durability-")
failures = []
try:
    created = create_session(args.pbsim, args.source, data, args.members, "--max-projects", "5")
    session, admin, tokens = created["session"], created["admin_token"], created["member_tokens"]
    # Per member: the last acknowledged (revision, projects) and the request in flight, if any.
    acknowledged = {}
    in_flight = {}
    lock = threading.Lock()
    totals = {"acknowledged": 0, "lost_connections": 0}
    order = None

    def client(port, members, stop, seed):
        local = random.Random(seed)
        connection = Client(port, timeout=10)
        while not stop.is_set():
            member = local.choice(members)
            ballot = random_ballot(local, info)
            with lock:
                in_flight[member] = canonical(ballot, order)
            try:
                status, body, _ = connection.call("PUT", f"/api/sessions/{session}/ballot", tokens[member], ballot)
            except Exception:
                with lock:
                    totals["lost_connections"] += 1
                return  # the server is gone; the request stays in flight
            with lock:
                if status != 200:
                    failures.append(f"member {member + 1}: a valid ballot got {status}: {body}")
                    return
                acknowledged[member] = (body["revision"], body["ballot"]["approve"])
                del in_flight[member]
                totals["acknowledged"] += 1

    for round_number in range(1, args.rounds + 1):
        server = Server(args.pbsim, data, os.path.join(data, "server.log"))
        info = project_ids(server.port, session, tokens[0])
        order = [p["id"] for p in info["projects"]]
        stop = threading.Event()
        members = list(range(args.members))
        rng.shuffle(members)
        threads = [threading.Thread(target=client, args=(server.port, members[k::args.clients], stop, rng.random()))
                   for k in range(args.clients)]
        before = totals["acknowledged"]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(1.0, 3.0))
        server.kill9()
        stop.set()
        for thread in threads:
            thread.join()
        print(f"round {round_number}: {totals['acknowledged'] - before} ballots acknowledged, then kill -9 "
              f"with {len(in_flight)} requests in flight")

        # Restart and compare.
        server = Server(args.pbsim, data, os.path.join(data, "server.log"))
        checker = Client(server.port)
        stored_count = 0
        failures_before = len(failures)
        committed_in_flight = 0
        for member in range(args.members):
            status, body, _ = checker.call("GET", f"/api/sessions/{session}/ballot", tokens[member])
            if status != 200:
                failures.append(f"member {member + 1}: reading the ballot gave {status}")
                continue
            stored = body["ballot"]
            if stored is not None:
                stored_count += 1
            if member not in acknowledged:
                if stored is not None and (member not in in_flight or stored["approve"] != in_flight[member]):
                    failures.append(f"member {member + 1}: a ballot nobody sent is stored: {body}")
                continue
            revision, projects = acknowledged[member]
            if stored is None:
                failures.append(f"member {member + 1}: acknowledged revision {revision} is lost")
            elif body["revision"] == revision:
                if stored["approve"] != projects:
                    failures.append(f"member {member + 1}: revision {revision} holds other projects")
            elif body["revision"] == revision + 1 and member in in_flight and stored["approve"] == in_flight[member]:
                acknowledged[member] = (revision + 1, stored["approve"])  # committed while the server died
                committed_in_flight += 1
            else:
                failures.append(f"member {member + 1}: acknowledged revision {revision}, stored {body['revision']}")
        in_flight.clear()
        status, turnout, _ = checker.call("GET", f"/api/sessions/{session}/status", admin)
        if turnout["voted"] != stored_count:
            failures.append(f"turnout says {turnout['voted']} voted, {stored_count} members have a ballot")
        status, export, _ = checker.call("GET", f"/api/sessions/{session}/export.pb", admin, text=True)
        votes = export.split("\nVOTES\n", 1)[1].strip().splitlines()[1:]
        voter_ids = [line.split(";")[0] for line in votes]
        if len(votes) != stored_count or len(set(voter_ids)) != len(voter_ids):
            failures.append(f"export.pb has {len(votes)} voters ({len(set(voter_ids))} distinct ids) "
                            f"for {stored_count} stored ballots")
        verdict = "every acknowledged one is there" if len(failures) == failures_before else "FAILURES"
        print(f"  after restart: {stored_count} members have a ballot, {verdict} ({committed_in_flight} of the "
              f"requests in flight had committed unanswered), export.pb has {len(votes)} voters")
        checker.close()
        server.stop()
    print(f"{totals['acknowledged']} ballots acknowledged over {args.rounds} kill -9 rounds "
          f"({args.members} members, {args.clients} clients)")
finally:
    shutil.rmtree(data, ignore_errors=True)

for failure in failures[:20]:
    print("FAIL: " + failure)
if failures:
    sys.exit(f"{len(failures)} durability failures")
print("durability: every acknowledged ballot survived, none twice")
