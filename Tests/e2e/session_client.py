"""Helpers for the panel-session scripts: create a session with `pbsim session create`, start and stop a
real `pbsim serve` process, and talk to its API over loopback (Python's standard library only)."""
import http.client
import json
import os
import random
import re
import signal
import subprocess
import time


def create_session(pbsim, source, data, members, *extra):
    """`pbsim session create SOURCE --members N --data DATA --format json`: the parsed JSON."""
    out = subprocess.run([pbsim, "session", "create", source, "--members", str(members), "--data", data,
                          "--format", "json", *extra], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


class Server:
    """A `pbsim serve --data DATA --port 0` process; `port` once it listens."""

    def __init__(self, pbsim, data, log):
        self.log = open(log, "a")
        self.process = subprocess.Popen([pbsim, "serve", "--data", data, "--port", "0"], stdout=subprocess.PIPE,
                                        stderr=self.log, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            raise SystemExit("the server printed no address: " + line)
        self.port = int(match.group(1))

    def kill9(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.log.close()


class Client:
    """One keep-alive connection; `call` returns (status, parsed JSON or text, seconds)."""

    def __init__(self, port, timeout=30):
        self.port = port
        self.timeout = timeout
        self.connection = None

    def call(self, method, path, token, body=None, text=False):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Authorization": "Bearer " + token}
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body=payload, headers=headers)
            response = self.connection.getresponse()
            raw = response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise
        elapsed = time.perf_counter() - start
        content = raw.decode() if text else (json.loads(raw) if raw else None)
        return response.status, content, elapsed

    def close(self):
        if self.connection is not None:
            self.connection.close()


def project_ids(port, session, token):
    status, info, _ = Client(port).call("GET", f"/api/sessions/{session}", token)
    assert status == 200, info
    return info


def random_ballot(rng, info):
    """A ballot the session's format allows (approval with the session's max, knapsack within the budget)."""
    ids = [p["id"] for p in info["projects"]]
    costs = {p["id"]: float(p["cost"]) for p in info["projects"]}
    ballot = info["ballot"]
    high = ballot["max_projects"] or len(ids)
    chosen = rng.sample(ids, rng.randint(max(1, ballot["min_projects"]), min(high, len(ids))))
    if ballot["kind"] == "knapsack":
        while sum(costs[i] for i in chosen) > float(info["budget"]) and len(chosen) > 1:
            chosen.pop()
    return {"approve": chosen}


def percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def canonical(ballot, order):
    """A ballot's projects in the session's order (how the server answers)."""
    return sorted(ballot["approve"], key=order.index)


__all__ = ["create_session", "Server", "Client", "project_ids", "random_ballot", "percentile", "canonical", "random"]
