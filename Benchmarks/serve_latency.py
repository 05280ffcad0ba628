#!/usr/bin/env python3
"""Recompute latency of `pbsim serve` (issue 17): the time from a slider move's request to the whole
result, as the Explore page asks for it.

Usage: serve_latency.py PBSIM [SCENARIO] [--runs 200] [--requests 20]

Starts `PBSIM serve SCENARIO --port 0`, sends one warm-up request, then REQUESTS requests to
POST /api/simulate (Accept: application/x-ndjson, the page's streamed form), one after another, each with
another officers' noise (regimes.service-led.information_noise), and times each until its last line
(the result) has arrived. Prints the median, p90 and maximum in seconds. Standard library only.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.request


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pbsim")
    parser.add_argument("scenario", nargs="?", default="Scenarios/riverside.yaml")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    server = subprocess.Popen([args.pbsim, "serve", args.scenario, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        url = line.split("open ", 1)[1].split(" ", 1)[0].rstrip("/")
        scenario_id = args.scenario.rsplit("/", 1)[-1].rsplit(".", 1)[0]

        def request(noise):
            body = json.dumps({"scenario_id": scenario_id, "runs": args.runs, "channel": "bench",
                               "overrides": {"regimes.service-led.information_noise": noise}}).encode()
            req = urllib.request.Request(url + "/api/simulate", data=body, method="POST", headers={
                "Content-Type": "application/json", "Accept": "application/x-ndjson"})
            started = time.perf_counter()
            with urllib.request.urlopen(req) as response:
                last = response.read().decode().strip().split("\n")[-1]
            elapsed = time.perf_counter() - started
            if "result" not in json.loads(last):
                sys.exit("no result in the answer: " + last[:200])
            return elapsed

        request(0.3)
        times = [request(0.3 + 0.05 * (i + 1)) for i in range(args.requests)]
        times.sort()
        p90 = times[min(len(times) - 1, int(round(0.9 * len(times))) - 1)]
        print(f"recompute latency, {scenario_id}, {args.runs} runs, {args.requests} requests: "
              f"median {statistics.median(times):.3f} s, p90 {p90:.3f} s, max {times[-1]:.3f} s")
    finally:
        server.terminate()
        server.wait()


main()
