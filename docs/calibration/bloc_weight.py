#!/usr/bin/python3
"""The rule that sets `dissociation_bloc` from the model alone (docs/negotiation.md, "Stance and
contagion"; docs/validation.md): the largest weight whose departure's expected followers through the
blocs stay at most 1/2 for the state with the most exposed blocs,

    w = 0.5 / max_j sum over the blocs g of j of pbar_g(j),

pbar_g(j) being the mean, over the members of g other than j, of the share of runs in which they
leave or dissociate WITHOUT the bloc term (a backtest with dissociation_bloc 0). A state's blocs are
its coalitions and its regional group (scenarios/data/member_states.yaml), as the model reads them.

  bloc_weight.py backtest_states.csv scenarios/data/member_states.yaml
"""
import csv
import re
import sys


def main(states_csv, members_yaml):
    with open(states_csv, newline="", encoding="utf-8") as f:
        p = {r["iso3"]: float(r["p_depart"]) for r in csv.DictReader(f)}
    blocs = {}
    of = {}
    for line in open(members_yaml, encoding="utf-8"):
        m = re.search(r"iso3: ([A-Z]{3}), group: (\w+)", line)
        if not m:
            continue
        iso3, group = m.groups()
        c = re.search(r"coalitions: \[([^\]]*)\]", line)
        mine = [f"group:{group}"] + ([x.strip() for x in c.group(1).split(",") if x.strip()] if c else [])
        of[iso3] = mine
        for g in mine:
            blocs.setdefault(g, []).append(iso3)
    exposure = {}
    for j, mine in of.items():
        total = 0.0
        for g in mine:
            others = [i for i in blocs[g] if i != j]
            if others:
                total += sum(p[i] for i in others) / len(others)
        exposure[j] = total
    top = sorted(exposure.items(), key=lambda kv: -kv[1])[:5]
    j, most = top[0]
    print("most exposed:", ", ".join(f"{k} {v:.3f}" for k, v in top))
    print(f"dissociation_bloc = 0.5 / {most:.3f} = {0.5 / most:.3f} ({j})")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
