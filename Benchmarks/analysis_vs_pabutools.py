#!/usr/bin/env python3
"""Puts pbsim's analysis benchmark (`make bench` output of the Analysis target) beside pabutools'
seconds per call recorded in ../shared/oracle-analysis/<instance>.json.

    cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target Analysis \
        --no-progress > analysis.txt
    python3 analysis_vs_pabutools.py analysis.txt ../../shared/oracle-analysis

For each benchmark "<family>@<instance>(<voters>x<projects>)/<rule>" it takes pbsim's median wall
clock and the sum of pabutools' seconds for the keys that family computes (pbsim decides both
`priceable` keys from one program; the MES analytics are the effective supports and the project
loss; the satisfaction and fairness family is every such key of the outcome). pabutools' EJR/PJR never finished on a real election (skipped as predicted timeouts), so those
rows show pbsim's time and verdict source only."""
import json, os, re, sys

log, ref = sys.argv[1], sys.argv[2]
units = {"ns": 1e-9, "μs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
keys = {
    "priceable": ["priceable", "priceable:exhaustive=False"],
    "mes-analytics": ["calculate_effective_supports", "calculate_project_loss:trailing_iteration_removed"],
    "ejr-pjr": [],
    # every satisfaction and fairness key pabutools timed (prefixes)
    "satisfaction-fairness": ["avg_satisfaction:", "percent_positive_satisfaction:", "gini_coefficient_of_satisfaction:",
                              "satisfaction_histogram:", "percent_non_empty_handed", "category_proportionality",
                              "average_capped_fair_share_ratio", "average_normalised_distance_to_fair_share"],
}
name = None
rows = []
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.match(r"^([a-z-]+)@(\S+)\((\d+)x(\d+)\)/(\S+)\s*$", line)
    if m:
        name = m.groups()
        continue
    m = re.match(r"^│ Time \(wall clock\) \((\S+)\) \*\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)", line)
    if m and name:
        family, instance, voters, projects, rule = name
        p50 = int(m.group(4)) * units[m.group(1)]
        rows.append((family, instance, int(voters), int(projects), rule, p50))
        name = None

print(f"{'family':14} {'instance':58} {'rule':12} {'pbsim s':>10} {'pabutools s':>12} {'speed-up':>9}")
ratios = {}
for family, instance, voters, projects, rule, p50 in rows:
    path = os.path.join(ref, instance + ".json")
    want = None
    if os.path.exists(path) and keys.get(family):
        seconds = json.load(open(path))["rules"].get(rule, {}).get("seconds", {})
        got = [v for k, v in seconds.items() if any(k == w or (w.endswith(":") and k.startswith(w)) for w in keys[family])]
        want = sum(got) if got else None
    label = f"{instance} ({voters}x{projects})"
    if want:
        ratios.setdefault(family, []).append(want / p50)
        print(f"{family:14} {label:58} {rule:12} {p50:10.5f} {want:12.4f} {want / p50:8.0f}x")
    else:
        print(f"{family:14} {label:58} {rule:12} {p50:10.5f} {'-':>12} {'':>9}")
for family, r in sorted(ratios.items()):
    r.sort()
    print(f"{family}: {len(r)} pairs, speed-up min {r[0]:.0f}x, median {r[len(r) // 2]:.0f}x, max {r[-1]:.0f}x")
