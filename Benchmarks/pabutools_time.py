#!/usr/bin/env python3
"""Times pabutools on one pabulib file, for `pbsim bench --pabutools-python PYTHON`.

pbsim never needs Python: this script is only the optional side-by-side comparison. It parses the
file once, then times, for each rule named, the exact pabutools 1.2.3 call that the reference
outcomes in ../shared/oracle/VARIANTS.md use (rule alone, parse excluded, time.perf_counter()).

Usage:
    python pabutools_time.py --check
    python pabutools_time.py FILE.pb RULE [RULE ...] [--timeout SECONDS] [--repeat N]

RULE is spelled as `pbsim elect --rule` spells it (greedy-cost, greedy-card, max-welfare-cost,
mes-cost, mes-card, mes-cost-add1, mes-cost-add1-greedy, phragmen).

Output: one JSON object per line on standard output, flushed as soon as it is known:
    {"parse_seconds": 0.31, "vote_type": "approval", "voters": 12933, "projects": 98}
    {"rule": "mes-cost", "seconds": 3.42, "selected": 17}
    {"rule": "mes-cost-add1", "timeout": true, "limit": 300.0}
    {"rule": "phragmen", "error": "ValueError: ..."}
A call that runs past --timeout seconds (default 300, as for the oracle) is interrupted by SIGALRM
and reported as a timeout. `--repeat N` keeps the best of N calls (default 1). Exit status: 0, or 2
when pabutools cannot be imported or the file cannot be parsed (a {"error": ...} line says why).
"""

import argparse
import json
import signal
import sys
import time
import traceback


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class CallTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise CallTimeout()


def calls(instance, profile):
    """The exact pabutools call of each variant, keyed by pbsim's rule name (VARIANTS.md)."""
    from pabutools.election import (
        Cost_Sat,
        Cardinality_Sat,
        Additive_Cardinal_Sat,
        Additive_Borda_Sat,
        ApprovalProfile,
        CumulativeProfile,
        OrdinalProfile,
    )
    from pabutools.rules import (
        greedy_utilitarian_welfare,
        max_additive_utilitarian_welfare,
        MaxAddUtilWelfareAlgo,
        method_of_equal_shares,
        sequential_phragmen,
        completion_by_rule_combination,
    )

    def greedy_cost():
        if isinstance(profile, CumulativeProfile):
            return greedy_utilitarian_welfare(instance, profile, sat_class=Additive_Cardinal_Sat)
        if isinstance(profile, OrdinalProfile):
            return greedy_utilitarian_welfare(
                instance, profile, sat_class=Additive_Borda_Sat, is_sat_additive=True
            )
        return greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)

    def mes_cost():
        if isinstance(profile, CumulativeProfile):
            return method_of_equal_shares(instance, profile, sat_class=Additive_Cardinal_Sat)
        return method_of_equal_shares(instance, profile, sat_class=Cost_Sat)

    return {
        "greedy-cost": greedy_cost,
        "greedy-card": lambda: greedy_utilitarian_welfare(instance, profile, sat_class=Cardinality_Sat),
        "max-welfare-cost": lambda: max_additive_utilitarian_welfare(
            instance, profile, sat_class=Cost_Sat, inner_algo=MaxAddUtilWelfareAlgo.ILP_SOLVER
        ),
        "mes-cost": mes_cost,
        "mes-card": lambda: method_of_equal_shares(instance, profile, sat_class=Cardinality_Sat),
        "mes-cost-add1": lambda: method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, voter_budget_increment=1
        ),
        "mes-cost-add1-greedy": lambda: completion_by_rule_combination(
            instance,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
        ),
        "phragmen": lambda: sequential_phragmen(instance, profile),
    }


def main():
    parser = argparse.ArgumentParser(description="Time pabutools 1.2.3 rules on one pabulib file.")
    parser.add_argument("--check", action="store_true", help="print the pabutools version and exit")
    parser.add_argument("file", nargs="?")
    parser.add_argument("rules", nargs="*")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per call (default 300)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N calls (default 1)")
    args = parser.parse_args()

    try:
        import importlib.metadata
        import pabutools.election
        import pabutools.rules  # noqa: F401

        version = importlib.metadata.version("pabutools")
    except Exception as error:  # noqa: BLE001 (report any import failure as data)
        emit({"error": "cannot import pabutools: %s: %s" % (type(error).__name__, error)})
        return 2
    if args.check:
        emit({"pabutools": version, "python": sys.version.split()[0]})
        return 0
    if not args.file:
        emit({"error": "no file given"})
        return 2

    start = time.perf_counter()
    try:
        instance, profile = pabutools.election.parse_pabulib(args.file)
    except Exception as error:  # noqa: BLE001
        emit({"error": "parse_pabulib failed: %s: %s" % (type(error).__name__, error)})
        return 2
    parse_seconds = time.perf_counter() - start
    emit(
        {
            "parse_seconds": parse_seconds,
            "vote_type": type(profile).__name__,
            "voters": len(profile),
            "projects": len(instance),
            "pabutools": version,
        }
    )

    table = calls(instance, profile)
    signal.signal(signal.SIGALRM, on_alarm)
    for rule in args.rules:
        call = table.get(rule)
        if call is None:
            emit({"rule": rule, "error": "unknown rule"})
            continue
        best = None
        selected = None
        try:
            for _ in range(max(1, args.repeat)):
                signal.setitimer(signal.ITIMER_REAL, args.timeout)
                try:
                    t0 = time.perf_counter()
                    outcome = call()
                    seconds = time.perf_counter() - t0
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                best = seconds if best is None else min(best, seconds)
                selected = len(outcome)
        except CallTimeout:
            emit({"rule": rule, "timeout": True, "limit": args.timeout})
            continue
        except Exception as error:  # noqa: BLE001
            last = traceback.format_exception_only(type(error), error)[-1].strip()
            emit({"rule": rule, "error": last})
            continue
        emit({"rule": rule, "seconds": best, "selected": selected})
    return 0


if __name__ == "__main__":
    sys.exit(main())
