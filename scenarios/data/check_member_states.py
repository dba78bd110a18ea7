#!/usr/bin/python3
"""Quick consistency check of member_states.yaml (see README.md beside this file).

Usage: /usr/bin/python3 check_member_states.py [path/to/member_states.yaml]

Prints the counts (total, per regional group, LDCs, development, per
coalition, missions, migration shares, uniqueness of names and iso3 codes)
and exits with status 1 if any expected count or rule is violated
(status 2 if the file cannot be read or PyYAML is missing).
"""
import os
import re
import sys
import unicodedata

try:
    import yaml
except ImportError:
    sys.stderr.write("PyYAML is missing: apt-get install -y python3-yaml\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "member_states.yaml")

# Expected counts, as documented in README.md.
EXPECTED_TOTAL = 193
EXPECTED_GROUPS = {
    "african": 54,
    "asia_pacific": 54,
    "eastern_european": 23,
    "latin_american_caribbean": 33,
    "western_european_others": 29,
}
EXPECTED_LDC = 47
EXPECTED_DEVELOPED = 50
EXPECTED_COALITIONS = {
    "eu": 28,
    "african_group": 54,
    "g77": 133,
    "celac": 33,
    "arab_group": 21,
    "oic": 56,
    "aosis": 37,
    "lldc": 32,
    "caricom": 14,
    "asean": 10,
    "gcc": 6,
    "mercosur": 5,
    "sica": 8,
    "pacific_islands_forum": 14,
    "visegrad": 4,
}
MISSIONS = ("new_york", "geneva", "vienna")
FIELDS = ("name", "iso3", "group", "ldc", "development", "migration", "missions", "coalitions")
SHARES = ("origin", "transit", "destination")

errors = []


def fail(msg):
    errors.append(msg)


def sort_key(name):
    """Order used by the file: diacritics and case ignored (Cote d'Ivoire after Costa Rica)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()


def cents(value):
    """A share as an integer number of hundredths, or None if it has more than two decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    c = round(value * 100)
    return c if abs(value * 100 - c) < 1e-6 else None


def main():
    try:
        with open(PATH, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        sys.stderr.write("cannot read %s: %s\n" % (PATH, exc))
        return 2
    if not isinstance(doc, dict) or not isinstance(doc.get("member_states"), list):
        sys.stderr.write("%s: no top-level list 'member_states'\n" % PATH)
        return 2
    states = doc["member_states"]

    names, isos = [], []
    groups = {g: 0 for g in EXPECTED_GROUPS}
    coalitions = {c: set() for c in EXPECTED_COALITIONS}
    missions = {m: 0 for m in MISSIONS}
    ldc = developed = shares_ok = 0
    by_name = {}

    for i, s in enumerate(states):
        where = "entry %d" % (i + 1)
        if not isinstance(s, dict):
            fail("%s: not a mapping" % where)
            continue
        name = s.get("name")
        where = "%s (%s)" % (where, name)
        if set(s) != set(FIELDS):
            fail("%s: fields %s, expected %s" % (where, sorted(s), sorted(FIELDS)))
        if not isinstance(name, str) or not name.strip():
            fail("%s: bad name" % where)
            continue
        names.append(name)
        by_name[name] = s
        iso = s.get("iso3")
        if not isinstance(iso, str) or not re.fullmatch(r"[A-Z]{3}", iso):
            fail("%s: bad iso3 %r" % (where, iso))
        else:
            isos.append(iso)
        g = s.get("group")
        if g in groups:
            groups[g] += 1
        else:
            fail("%s: unknown group %r" % (where, g))
        if not isinstance(s.get("ldc"), bool):
            fail("%s: ldc must be true/false" % where)
        elif s["ldc"]:
            ldc += 1
        dev = s.get("development")
        if dev not in ("developed", "developing"):
            fail("%s: bad development %r" % (where, dev))
        elif dev == "developed":
            developed += 1
            if s.get("ldc") is True:
                fail("%s: an LDC cannot be developed" % where)
        mig = s.get("migration")
        if not isinstance(mig, dict) or set(mig) != set(SHARES):
            fail("%s: migration must have exactly %s" % (where, ", ".join(SHARES)))
        else:
            parts = [cents(mig[k]) for k in SHARES]
            if None in parts or any(p < 0 or p > 100 for p in parts):
                fail("%s: migration shares must be in [0, 1] with two decimals: %r" % (where, mig))
            elif sum(parts) != 100:
                fail("%s: migration shares sum to %.2f" % (where, sum(parts) / 100.0))
            else:
                shares_ok += 1
        ms = s.get("missions")
        if not isinstance(ms, list) or len(set(ms)) != len(ms) or not set(ms) <= set(MISSIONS):
            fail("%s: bad missions %r" % (where, ms))
        else:
            if "new_york" not in ms:
                fail("%s: every member state has a mission in New York" % where)
            for m in ms:
                missions[m] += 1
        cs = s.get("coalitions")
        if not isinstance(cs, list) or len(set(cs)) != len(cs):
            fail("%s: bad coalitions %r" % (where, cs))
        else:
            for c in cs:
                if c in coalitions:
                    coalitions[c].add(name)
                else:
                    fail("%s: coalition %r not in the vocabulary" % (where, c))

    # Uniqueness and order.
    dup_names = sorted({n for n in names if names.count(n) > 1})
    dup_isos = sorted({c for c in isos if isos.count(c) > 1})
    if dup_names:
        fail("duplicate names: %s" % dup_names)
    if dup_isos:
        fail("duplicate iso3: %s" % dup_isos)
    for a, b in zip(names, names[1:]):
        if sort_key(a) >= sort_key(b):
            fail("not sorted by name: %r before %r" % (a, b))

    # Expected counts.
    if len(states) != EXPECTED_TOTAL:
        fail("total %d, expected %d" % (len(states), EXPECTED_TOTAL))
    for g, n in EXPECTED_GROUPS.items():
        if groups[g] != n:
            fail("group %s: %d, expected %d" % (g, groups[g], n))
    if ldc != EXPECTED_LDC:
        fail("LDCs: %d, expected %d" % (ldc, EXPECTED_LDC))
    if developed != EXPECTED_DEVELOPED:
        fail("developed: %d, expected %d" % (developed, EXPECTED_DEVELOPED))
    for c, n in EXPECTED_COALITIONS.items():
        if len(coalitions[c]) != n:
            fail("coalition %s: %d, expected %d" % (c, len(coalitions[c]), n))

    # Cross-checks between columns.
    def in_group(g):
        return {n for n, s in by_name.items() if s.get("group") == g}

    if coalitions["african_group"] != in_group("african"):
        fail("african_group must be exactly the states of group african")
    if coalitions["celac"] != in_group("latin_american_caribbean"):
        fail("celac must be exactly the states of group latin_american_caribbean")
    for sub, sup in (("gcc", "arab_group"), ("caricom", "celac"), ("sica", "celac"), ("mercosur", "celac")):
        if not coalitions[sub] <= coalitions[sup]:
            fail("%s must be a subset of %s: %s" % (sub, sup, sorted(coalitions[sub] - coalitions[sup])))
    if not coalitions["asean"] <= in_group("asia_pacific"):
        fail("asean members must be in group asia_pacific")
    odd = sorted(n for n in coalitions["eu"] if by_name[n].get("development") != "developed")
    if odd:
        fail("eu members not developed: %s" % odd)

    # Report.
    print("file: %s" % PATH)
    print("total member states: %d (expected %d)" % (len(states), EXPECTED_TOTAL))
    print("unique names: %d, unique iso3: %d" % (len(set(names)), len(set(isos))))
    print("per group:")
    for g in EXPECTED_GROUPS:
        print("  %-26s %3d (expected %d)" % (g, groups[g], EXPECTED_GROUPS[g]))
    print("  %-26s %3d" % ("sum", sum(groups.values())))
    print("LDCs: %d (expected %d)" % (ldc, EXPECTED_LDC))
    print("development: developed %d, developing %d" % (developed, len(states) - developed))
    print("per coalition:")
    for c in EXPECTED_COALITIONS:
        print("  %-26s %3d (expected %d)" % (c, len(coalitions[c]), EXPECTED_COALITIONS[c]))
    print("missions: " + ", ".join("%s %d" % (m, missions[m]) for m in MISSIONS))
    print("migration shares summing to 1.00: %d of %d" % (shares_ok, len(states)))
    if errors:
        print("%d violation(s):" % len(errors))
        for e in errors:
            print("  - " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
