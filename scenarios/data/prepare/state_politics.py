#!/usr/bin/python3
"""Data preparation, run once: the scenario include scenarios/data/state_politics.yaml, read by the
loader as the top-level key `politics` (docs/negotiation.md, "After agreement"), from two files
beside it:

  state_politics.py scenarios/data/cabinet_parties_parlgov_2017_2018.csv \
      scenarios/data/un_affinity_2013_2017.csv scenarios/data/un_absence_2017.csv \
      scenarios/data/state_politics.yaml

- `politics.stance`: each cabinet's stance on the compact, dated by the cabinet's start, with its
  name. A seat-weighted mean of its parties' positions on ParlGov's liberty-authority dimension
  (scenarios/data/README.md, "Government stance"), each party's position mapped to 0..1 by

      party stance = min(1, max(0, (liberty_authority - 5) / 5))

  (the scale's midpoint and the libertarian half 0, its authoritarian end 1; a party ParlGov gives
  no position is 0, the model's neutral), and the cabinet's stance = sum(seats x party stance) /
  sum(seats) over its parties. 0 for a non-partisan caretaker (ParlGov's party 'none' among its
  parties) and for a cabinet whose parties hold no seat. States ParlGov does not cover have no
  entry: the model reads them as neutral (0).
- `politics.affinity`: the agreement index of each pair of member states in the General Assembly's
  recorded votes of 2013-2017, copied (pairs with no common roll call are left out).
- `politics.absence`: each member state's share of the General Assembly's recorded votes of 2017 in
  which it did not vote, copied: its habit of absence from the UN's decisions, which the model reads
  as its chance of staying away from the conference and from the Assembly's endorsement.
"""
import csv
import sys

MIDPOINT, HALF = 5.0, 5.0  # ParlGov's liberty-authority scale runs 0..10


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def party_stance(liberty_authority):
    if liberty_authority == "":
        return 0.0
    return min(1.0, max(0.0, (float(liberty_authority) - MIDPOINT) / HALF))


def stance(parties):
    if any(p["party"] == "none" for p in parties):
        return 0.0  # a non-partisan caretaker
    seats = sum(float(p["seats"]) for p in parties)
    if seats <= 0.0:
        return 0.0
    return sum(float(p["seats"]) * party_stance(p["liberty_authority"]) for p in parties) / seats


def main(cabinet_parties, affinity, absence, out):
    cabinets = {}
    for p in rows(cabinet_parties):
        cabinets.setdefault((p["iso3"], p["start"], p["cabinet"]), []).append(p)
    by_state = {}
    for (iso3, start, name), parties in cabinets.items():
        by_state.setdefault(iso3, []).append((start, stance(parties), name))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Made by scenarios/data/prepare/state_politics.py from cabinet_parties_parlgov_2017_2018.csv and\n")
        f.write("# un_affinity_2013_2017.csv and un_absence_2017.csv; sources and rules: scenarios/data/README.md\n")
        f.write("# (\"Government stance\", \"Affinity\", \"Absence\"). stance: ParlGov's measured liberty-authority\n")
        f.write("# positions of the cabinet's parties by a written rule; states without an entry are neutral (0).\n")
        f.write("politics:\n  stance:\n")
        for iso3, cabinets in sorted(by_state.items()):
            items = ", ".join(f"{{from: {start}, stance: {value:.3f}, cabinet: \"{name}\"}}" for start, value, name in sorted(cabinets))
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
