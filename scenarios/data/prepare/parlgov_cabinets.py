#!/usr/bin/python3
"""Data preparation, run once: the cabinets in office during the process (1 April 2017 to
31 December 2018) in the states ParlGov covers, with their party-family seat shares, from
hdigital/parlgov-snippets' cabinet-party-family/cabinet-party-family.csv (ParlGov development data,
Doring and Manow; the snippet's data update of 22 July 2019, commit 3bfe9321bba8).

  parlgov_cabinets.py cabinet-party-family.csv scenarios/data/member_states.yaml \
      scenarios/data/governments_parlgov_2017_2018.csv

A cabinet is kept when it was in office on any day of the window: it started on or before
31 December 2018 and the country's next cabinet started on or after 1 April 2017.
"""
import csv
import re
import sys

START, END = "2017-04-01", "2018-12-31"
FAMILIES = ["com", "eco", "soc", "agr", "lib", "chr", "con", "right", "other"]


def main(source, members_yaml, out):
    members = set(re.findall(r"iso3: ([A-Z]{3})", open(members_yaml, encoding="utf-8").read()))
    by_country = {}
    with open(source, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_country.setdefault(row["country_name_short"], []).append(row)
    rows = []
    for iso3, cabinets in sorted(by_country.items()):
        if iso3 not in members:
            continue
        cabinets.sort(key=lambda r: r["start_date"])
        for i, c in enumerate(cabinets):
            successor = cabinets[i + 1]["start_date"] if i + 1 < len(cabinets) else "9999-12-31"
            if c["start_date"] <= END and successor >= START:
                rows.append([iso3, c["start_date"], c["cabinet_name"].strip(), c["caretaker"], *(c[k] for k in FAMILIES)])
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.write("# Cabinets in office 2017-04-01..2018-12-31 with their party families' seat shares (%).\n")
        f.write("# Source, edition, licence and rule: scenarios/data/README.md (\"Governments\"); made by prepare/parlgov_cabinets.py.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso3", "start", "cabinet", "caretaker", *(f"share_{k}" for k in FAMILIES)])
        w.writerows(rows)
    print(f"{len(rows)} cabinets in {len({r[0] for r in rows})} member states -> {out}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
