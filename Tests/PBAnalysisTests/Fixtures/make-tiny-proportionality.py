"""Writes tiny-proportionality.json: random tiny elections with pabutools 1.2.3's own verdicts on
the proportionality checks it decides by enumeration (cardinal EJR/PJR and their variants, approval
EJR/PJR/strong EJR, and the core), for PBAnalysisTests/TinyProportionalityTests.

    pip install pabutools==1.2.3 gurobipy   # justifiedrepresentation imports gurobipy
    python3 make-tiny-proportionality.py > tiny-proportionality.json

pabutools enumerates all 2^n * 2^m (voters, projects) pairs, so n <= 6 and m <= 5. Cumulative
ballots are given to pabutools with every project scored (0 when the voter left it out): pabutools'
cardinal checks index `ballot[p]` and raise KeyError on a project a voter did not score, and pbsim
reads a missing score as 0 points. The Cost_Sat core is computed on the ballots as written (only
positive scores), because Cost_Sat counts every project present in the ballot."""
import json, random, sys
from pabutools.election import (Instance, Project, ApprovalProfile, ApprovalBallot, CumulativeProfile,
                                CumulativeBallot, Cost_Sat, Cardinality_Sat, Additive_Cardinal_Sat)
from pabutools.analysis import justifiedrepresentation as jr

rng = random.Random(20261203)
cases = []


def pb(kind, budget, costs, ballots):
    s = f"META\nkey;value\nbudget;{budget}\nvote_type;{kind}\nPROJECTS\nproject_id;cost\n"
    s += "".join(f"{p};{c}\n" for p, c in costs.items())
    if kind == "approval":
        s += "VOTES\nvoter_id;vote\n" + "".join(f"{i};{','.join(b)}\n" for i, b in enumerate(ballots))
    else:
        s += "VOTES\nvoter_id;vote;points\n"
        for i, b in enumerate(ballots):
            items = [(p, x) for p, x in b.items() if x > 0]
            s += f"{i};{','.join(p for p, _ in items)};{','.join(str(x) for _, x in items)}\n"
    return s


def outcome(costs, budget):
    ids = list(costs)
    rng.shuffle(ids)
    chosen, spent, q = [], 0, rng.choice([0.0, 0.2, 0.4, 0.7])
    for p in ids:
        if rng.random() < q and spent + costs[p] <= budget:
            chosen.append(p)
            spent += costs[p]
    return sorted(chosen)


for k in range(240):
    kind = "approval" if k % 2 == 0 else "cumulative"
    n, m = rng.randint(2, 6), rng.randint(2, 5)
    budget = rng.choice([10, 12, 20, 30])
    costs = {f"p{j}": rng.randint(1, budget) for j in range(m)}
    inst = Instance(budget_limit=budget)
    proj = {p: Project(p, c) for p, c in costs.items()}
    for x in proj.values():
        inst.add(x)
    W = outcome(costs, budget)
    Wp = [proj[p] for p in W]
    verdicts = {}
    if kind == "approval":
        ballots = [sorted(p for p in costs if rng.random() < 0.5) for _ in range(n)]
        prof = ApprovalProfile([ApprovalBallot([proj[p] for p in b]) for b in ballots])
        for sat in (Cost_Sat, Cardinality_Sat):
            name = sat.__name__
            verdicts[f"is_EJR_approval:{name}"] = jr.is_EJR_approval(inst, prof, sat, Wp)
            verdicts[f"is_EJR_one_approval:{name}"] = jr.is_EJR_one_approval(inst, prof, sat, Wp)
            verdicts[f"is_EJR_any_approval:{name}"] = jr.is_EJR_any_approval(inst, prof, sat, Wp)
            verdicts[f"is_PJR_approval:{name}"] = jr.is_PJR_approval(inst, prof, sat, Wp)
            verdicts[f"is_PJR_one_approval:{name}"] = jr.is_PJR_one_approval(inst, prof, sat, Wp)
            verdicts[f"is_PJR_any_approval:{name}"] = jr.is_PJR_any_approval(inst, prof, sat, Wp)
            verdicts[f"is_strong_EJR_approval:{name}"] = jr.is_strong_EJR_approval(inst, prof, sat, Wp)
            verdicts[f"is_in_core:{name}"] = jr.is_in_core(inst, prof, sat, Wp)
    else:
        ballots = [{p: (rng.randint(1, 6) if rng.random() < 0.6 else 0) for p in costs} for _ in range(n)]
        full = CumulativeProfile([CumulativeBallot({proj[p]: x for p, x in b.items()}) for b in ballots])
        sparse = CumulativeProfile([CumulativeBallot({proj[p]: x for p, x in b.items() if x > 0}) for b in ballots])
        verdicts["is_EJR_cardinal"] = jr.is_EJR_cardinal(inst, full, Wp)
        verdicts["is_EJR_one_cardinal"] = jr.is_EJR_one_cardinal(inst, full, Wp)
        verdicts["is_EJR_any_cardinal"] = jr.is_EJR_any_cardinal(inst, full, Wp)
        verdicts["is_PJR_cardinal"] = jr.is_PJR_cardinal(inst, full, Wp)
        verdicts["is_PJR_one_cardinal"] = jr.is_PJR_one_cardinal(inst, full, Wp)
        verdicts["is_PJR_any_cardinal"] = jr.is_PJR_any_cardinal(inst, full, Wp)
        verdicts["is_strong_EJR_cardinal"] = jr.is_strong_EJR_cardinal(inst, full, Wp)
        verdicts["is_in_core:Additive_Cardinal_Sat"] = jr.is_in_core(inst, full, Additive_Cardinal_Sat, Wp)
        verdicts["is_in_core:Cost_Sat"] = jr.is_in_core(inst, sparse, Cost_Sat, Wp)
    cases.append({"pb": pb(kind, budget, costs, ballots), "selected": W, "verdicts": verdicts})

json.dump({"generator": "make-tiny-proportionality.py, pabutools 1.2.3", "cases": cases}, sys.stdout, indent=1)
print()
