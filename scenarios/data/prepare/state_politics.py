#!/usr/bin/python3
"""Data preparation, run once: the scenario include scenarios/data/state_politics.yaml, read by the
loader as the top-level key `politics` (docs/negotiation.md, "After agreement"), from two files
beside it:

  state_politics.py scenarios/data/governments_parlgov_2017_2018.csv \
      scenarios/data/un_affinity_2013_2017.csv scenarios/data/un_absence_2017.csv \
      scenarios/data/state_politics.yaml

- `politics.stance`: each cabinet's stance on the compact, dated by the cabinet's start. An
  ESTIMATE by a written rule (scenarios/data/README.md, "Government stance"): the seat-weighted
  share of the cabinet's parties by ParlGov party family, radical right (`right`) 1, conservative
  (`con`) 1/2, every other family 0:

      stance = (share_right + share_con / 2) / (sum of the cabinet's family shares)

  0 for a non-partisan caretaker (no party seats). States ParlGov does not cover have no entry: the
  model reads them as neutral (0).
- `politics.affinity`: the agreement index of each pair of member states in the General Assembly's
  recorded votes of 2013-2017, copied (pairs with no common roll call are left out).
- `politics.absence`: each member state's share of the General Assembly's recorded votes of 2017 in
  which it did not vote, copied: its habit of absence from the UN's decisions, which the model reads
  as its chance of staying away from the conference and from the Assembly's endorsement.
"""
import csv
import sys

FAMILIES = ["com", "eco", "soc", "agr", "lib", "chr", "con", "right", "other"]


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def stance(cabinet):
    total = sum(float(cabinet[f"share_{k}"]) for k in FAMILIES)
    if total <= 0.0:
        return 0.0
    return (float(cabinet["share_right"]) + float(cabinet["share_con"]) / 2.0) / total


def main(governments, affinity, absence, out):
    by_state = {}
    for c in rows(governments):
        by_state.setdefault(c["iso3"], []).append((c["start"], stance(c), c["cabinet"]))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Made by scenarios/data/prepare/state_politics.py from governments_parlgov_2017_2018.csv and\n")
        f.write("# un_affinity_2013_2017.csv and un_absence_2017.csv; sources and rules: scenarios/data/README.md\n")
        f.write("# (\"Government stance\", \"Affinity\", \"Absence\"). stance is an ESTIMATE by rule; states without an\n")
        f.write("# entry are neutral (0).\n")
        f.write("politics:\n  stance:\n")
        for iso3, cabinets in sorted(by_state.items()):
            items = ", ".join(f"{{from: {start}, stance: {value:.3f}}}" for start, value, _ in sorted(cabinets))
            f.write(f"    {iso3}: [{items}]\n")
        f.write("  affinity:   # agreement index, 2013-2017 (pairs 'A B', A before B)\n")
        for p in rows(affinity):
            if p["agreement"]:
                f.write(f"    {p['iso3_a']} {p['iso3_b']}: {p['agreement']}\n")
        f.write("  absence:    # share of the General Assembly's recorded votes of 2017 not voted in\n")
        for a in rows(absence):
            f.write(f"    {a['iso3']}: {a['absence']}\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
