#!/usr/bin/python3
"""Data preparation, run once: international migrant stock as a share of the population, mid-2017,
per member state, from UN DESA, Trends in International Migrant Stock: The 2017 Revision (Table 3,
"International migrant stock as a percentage of the total population"), as copied with shortened
area names in lauraCuccurullo/DVProject, data/UN_MigrantStockTotal_2017.csv (scenarios/data/README.md,
"Migrant stock").

  migrant_share_2017.py UN_MigrantStockTotal_2017.csv scenarios/data/member_states.yaml \
      scenarios/data/migrant_share_2017.csv

Area names are matched to member_states.yaml's names, through the aliases below where the copy
shortened them; the script fails if a member state is not found.
"""
import csv
import re
import sys

# The copy's name -> the UN name in member_states.yaml.
ALIASES = {
    "USA": "United States of America",
    "United Kingdom": "United Kingdom of Great Britain and Northern Ireland",
    "Iran": "Iran (Islamic Republic of)",
    "South Korea": "Republic of Korea",
    "North Korea": "Democratic People's Republic of Korea",
    "Laos": "Lao People's Democratic Republic",
    "Tanzania": "United Republic of Tanzania",
    "Bolivia": "Bolivia (Plurinational State of)",
    "Venezuela": "Venezuela (Bolivarian Republic of)",
    "Micronesia (Fed. States of)": "Micronesia (Federated States of)",
    "Cote d'Ivoire": "Côte d'Ivoire",
    "TFYR Macedonia": "The former Yugoslav Republic of Macedonia",
    "Rep. Dem. of the Congo": "Democratic Republic of the Congo",
}


def main(source, members_yaml, out):
    members = dict(re.findall(r'name: "?([^",}]+(?:, [^",}]+)?)"?, iso3: ([A-Z]{3})', open(members_yaml, encoding="utf-8").read()))
    share = {}
    with open(source, newline="", encoding="latin-1") as f:
        for row in csv.DictReader(f):
            name = ALIASES.get(row["MajorArea"], row["MajorArea"])
            if name in members:
                share[members[name]] = row["2017"]
    missing = sorted(n for n, c in members.items() if c not in share)
    if missing:
        sys.exit(f"no 2017 value for: {', '.join(missing)}")
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.write("# International migrant stock as a percentage of the total population, mid-2017 (UN DESA, 2017 Revision, Table 3).\n")
        f.write("# Source, edition, licence and rule: scenarios/data/README.md (\"Migrant stock\"); made by prepare/migrant_share_2017.py.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso3", "migrant_share_2017"])
        for iso3 in sorted(share):
            w.writerow([iso3, share[iso3]])
    print(f"{len(share)} member states -> {out}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
