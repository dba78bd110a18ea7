#!/usr/bin/python3
"""Data preparation, run once: the parties of every cabinet in office during the process (1 April
2017 to 31 December 2018) in the member states ParlGov covers, with their seats and ParlGov's party
position on the liberty-authority dimension, from two tables of the ParlGov development version of
4 November 2023 (Doring, Quaas, Hesse and Manow), as published in hdigital/parlgov-snippets,
0-static-page/public/data/parlgov-development_csv-utf-8/ (commit f140fa7f2ea2):

  parlgov_cabinet_parties.py view_cabinet.csv view_party.csv scenarios/data/member_states.yaml \
      scenarios/data/cabinet_parties_parlgov_2017_2018.csv

A cabinet is kept when it was in office on any day of the window: it started on or before
31 December 2018 and the country's next cabinet started on or after 1 April 2017 (the rule of
parlgov_cabinets.py). Its parties are view_cabinet's rows with cabinet_party = 1.

`liberty_authority` is view_party's column as published (0 libertarian to 10 authoritarian: ParlGov's
mean of the expert surveys that placed the party; empty when ParlGov gives none). `surveys` names
the expert surveys view_party links the party to (castles_mair, huber_inglehart, ray, benoit_laver,
chess); empty when none is linked, in which case ParlGov's value is its party family's mean, not a
measurement of the party (scenarios/data/README.md, "Cabinet parties").
"""
import csv
import re
import sys

START, END = "2017-04-01", "2018-12-31"
SURVEYS = ["castles_mair", "huber_inglehart", "ray", "benoit_laver", "chess"]


def main(view_cabinet, view_party, members_yaml, out):
    members = set(re.findall(r"iso3: ([A-Z]{3})", open(members_yaml, encoding="utf-8").read()))
    with open(view_party, newline="", encoding="utf-8") as f:
        party = {r["party_id"]: r for r in csv.DictReader(f)}
    cabinets = {}  # (iso3, cabinet_id) -> rows
    with open(view_cabinet, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["country_name_short"] in members:
                cabinets.setdefault((r["country_name_short"], r["cabinet_id"]), []).append(r)
    by_country = {}
    for (iso3, _), rows in cabinets.items():
        by_country.setdefault(iso3, []).append(rows)
    out_rows = []
    for iso3, cabs in sorted(by_country.items()):
        cabs.sort(key=lambda rows: rows[0]["start_date"])
        for i, rows in enumerate(cabs):
            start = rows[0]["start_date"]
            successor = cabs[i + 1][0]["start_date"] if i + 1 < len(cabs) else "9999-12-31"
            if not (start <= END and successor >= START):
                continue
            for r in sorted(rows, key=lambda r: r["party_name_short"]):
                if r["cabinet_party"] != "1":
                    continue
                p = party[r["party_id"]]
                surveys = ";".join(s for s in SURVEYS if p[s])
                out_rows.append([iso3, start, rows[0]["cabinet_name"].strip(), rows[0]["caretaker"], r["party_name_short"],
                                 r["party_id"], r["seats"], p["family_name_short"], p["liberty_authority"], surveys])
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.write("# The parties of the cabinets in office 2017-04-01..2018-12-31, their seats and ParlGov's liberty-authority position.\n")
        f.write("# Source, edition, licence and rule: scenarios/data/README.md (\"Cabinet parties\"); made by prepare/parlgov_cabinet_parties.py.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso3", "start", "cabinet", "caretaker", "party", "party_id", "seats", "family", "liberty_authority", "surveys"])
        w.writerows(out_rows)
    print(f"{len(out_rows)} cabinet parties in {len({(r[0], r[1]) for r in out_rows})} cabinets of "
          f"{len({r[0] for r in out_rows})} member states -> {out}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
