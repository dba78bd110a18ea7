"""Every output file loads in pandas in one call, with the dtypes docs/outputs.md promises.

Run by ctest with Debian's /usr/bin/python3 (python3-pandas): pandas_check.py GCMSIM SOURCE_DIR TMP.
It runs the built gcmsim on the baseline (one run, two replications, a comparison) and reads what
it wrote: integer columns stay integers, booleans are booleans, dates and date-times parse.
"""
import json
import pathlib
import shutil
import subprocess
import sys

import pandas as pd

gcmsim, source, tmp = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]) / "pandas-check"
shutil.rmtree(tmp, ignore_errors=True)


def run(*args):
    subprocess.run([gcmsim, *args], cwd=source, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


run("run", "-q", "--set", "outputs.positions=daily", "--set", "outputs.attendance=true", "-o", str(tmp / "one"))
run("run", "-q", "-r", "2", "-o", str(tmp / "two"))
run("compare", "-q", "-r", "2", "--override", "scenarios/what-if/session-slips.yaml", "-o", str(tmp / "cmp"))

failures = []


def expect(table, frame, column, kind):
    if column not in frame.columns:
        failures.append(f"{table}: no column {column!r}")
        return
    dtype = frame[column].dtype
    ok = {
        "int": pd.api.types.is_integer_dtype(dtype),
        "float": pd.api.types.is_float_dtype(dtype),
        "bool": pd.api.types.is_bool_dtype(dtype),
        # A text column with no value in this run (nobody left the process: left_because) has no
        # type pandas could see; it reads as all-NaN float, documented in docs/outputs.md.
        "str": pd.api.types.is_object_dtype(dtype) or bool(frame[column].isna().all()),
        "datetime": pd.api.types.is_datetime64_any_dtype(dtype),
    }[kind]
    if not ok:
        failures.append(f"{table}: column {column!r} is {dtype}, expected {kind}")


def check(table, path, columns, dates=(), more=None):
    """`more`: the kind of every column beyond `columns` (positions.csv's one per dimension)."""
    frame = pd.read_csv(path, parse_dates=list(dates))
    for column, kind in columns.items():
        expect(table, frame, column, kind)
    for column in set(frame.columns) - set(columns) if more else ():
        expect(table, frame, column, more)
    extra = set() if more else set(frame.columns) - set(columns)
    if extra:
        failures.append(f"{table}: undocumented columns {sorted(extra)}")
    if "in" in frame.columns:
        failures.append(f"{table}: a column named 'in'")
    return frame


def check_attendance(folder, p):
    a = check("attendance.csv", folder / "attendance.csv",
              {"meeting": "str", "iso3": "str", "present": "bool", "came_from": "str", "capital_experts": "bool",
               "funded": "bool", "funded_for": "str", "funding_refused": "bool", "floor_requests": "int",
               "interventions": "int", "unserved_requests": "int", "speaking_minutes": "float"})
    # Who came from where, and what the fund paid for: a present delegation came from its capital or
    # its mission; a funded one was paid its trip (from the capital) or a capital expert (at a mission).
    assert (a["came_from"].notna() == a["present"]).all()
    assert set(a["came_from"].dropna()) <= {"capital", "mission"}
    assert (a["funded_for"].notna() == a["funded"]).all()
    funded = a[a["funded"]]
    assert ((funded["funded_for"] == "travel") == (funded["came_from"] == "capital")).all()
    assert funded["capital_experts"].all()
    assert not (a["funded"] & a["funding_refused"]).any()
    # attendance.csv and participation.csv agree: present delegations per meeting.
    present = a.groupby("meeting")["present"].sum()
    by_group = p[p["grouping"] == "regional_group"].groupby("meeting")["delegations_present"].sum()
    assert (present.sort_index() == by_group.sort_index()).all()
    # ... and so do the counts of where delegations came from and what the fund paid for.
    regional = p[p["grouping"] == "regional_group"].groupby("meeting").sum(numeric_only=True)
    per_state = a.assign(mission=a["came_from"] == "mission", experts=a["funded_for"] == "capital_expert",
                         capital=a["present"] & a["capital_experts"]).groupby("meeting")
    for column, counted in [("from_mission", "mission"), ("capital_experts", "capital"), ("funded_experts", "experts"),
                            ("funding_refused", "funding_refused")]:
        assert (regional[column].sort_index() == per_state[counted].sum().sort_index()).all(), column


def check_trust_fund(folder, a):
    # delegates is empty on contribution rows: pandas reads it as float (docs/outputs.md).
    fund = check("trust_fund.csv", folder / "trust_fund.csv",
                 {"time": "datetime", "flow": "str", "donor": "str", "iso3": "str", "state": "str", "meeting": "str",
                  "venue": "str", "paid_for": "str", "delegates": "float", "amount_usd": "float", "balance_usd": "float"},
                 dates=["time"])
    # The ledger adds up: each balance is the previous one plus a contribution or minus a trip, and
    # every funded delegation of attendance.csv is one trip.
    signed = fund["amount_usd"].where(fund["flow"] == "contribution", -fund["amount_usd"])
    assert (signed.cumsum() - fund["balance_usd"]).abs().max() < 0.01 * len(fund)
    assert set(fund["flow"]) == {"contribution", "trip"}, set(fund["flow"])
    trips = fund[fund["flow"] == "trip"]
    if a is not None:
        funded = a[a["funded"]]
        assert len(trips) == len(funded)
        assert (trips["paid_for"].value_counts().sort_index() == funded["funded_for"].value_counts().sort_index()).all()
    assert fund["time"].is_monotonic_increasing


meeting = {"meeting": "str", "kind": "str", "venue": "str", "date": "datetime"}
for folder in [tmp / "one", tmp / "two" / "rep-0000", tmp / "two" / "rep-0001"]:
    check("timeline.csv", folder / "timeline.csv",
          {"id": "str", "kind": "str", "phase": "str", "venue": "str", "planned_start": "datetime",
           "planned_end": "datetime", "simulated_start": "datetime", "simulated_end": "datetime", "slip_days": "int",
           "on_critical_path": "bool", "started_after": "str"},
          dates=["planned_start", "planned_end", "simulated_start", "simulated_end"])
    p = check("participation.csv", folder / "participation.csv",
              {**meeting, "grouping": "str", "group": "str", "members": "int", "delegations_present": "int",
               "from_mission": "int", "capital_experts": "int", "funded": "int", "funded_experts": "int",
               "funding_refused": "int", "floor_requests": "int", "interventions": "int", "unserved_requests": "int",
               "speaking_minutes": "float"}, dates=["date"])
    assert set(p["grouping"]) == {"regional_group", "development"}, set(p["grouping"])
    # Each grouping covers every state once: 193 members per meeting in each.
    members = p.groupby(["meeting", "grouping"])["members"].sum()
    assert (members == 193).all(), members[members != 193]
    check("stakeholders.csv", folder / "stakeholders.csv",
          {**meeting, "stakeholder_kind": "str", "organisations": "int", "registered": "int", "accredited": "int",
           "admitted": "int", "speaking": "int"}, dates=["date"])
    states = check("states.csv", folder / "states.csv",
                   {"iso3": "str", "state": "str", "regional_group": "str", "development": "str"})
    assert len(states) == 193 and states["iso3"].is_unique, len(states)
    assert set(states["regional_group"]) == set(p[p["grouping"] == "regional_group"]["group"])
    assert set(states["development"]) == set(p[p["grouping"] == "development"]["group"])
    # attendance.csv on request only (the first folder): participation.csv counts it per group.
    assert (folder / "attendance.csv").exists() == (folder == tmp / "one"), folder
    if folder == tmp / "one":
        check_attendance(folder, p)
    check_trust_fund(folder, pd.read_csv(folder / "attendance.csv") if folder == tmp / "one" else None)
    check("dynamics.csv", folder / "dynamics.csv",
          {"round": "str", "day": "int", "consultation": "int", "time": "datetime", "dimension": "str", "draft": "float",
           "dissent": "float", "bracketed": "bool", "objecting": "int", "consensus_share": "float", "remaining": "int"},
          dates=["time"])
    key = {"round": "str", "day": "int", "time": "datetime", "iso3": "str"}
    pos = check("positions.csv", folder / "positions.csv", key, dates=["time"], more="float")
    dimensions = list(pd.read_csv(folder / "dynamics.csv")["dimension"].unique())
    assert list(pos.columns) == [*key, *dimensions], list(pos.columns)
    assert set(pos["iso3"]) <= set(states["iso3"])
    # Daily (the first folder): initial views, then a snapshot per sitting day, more than one day
    # inside round 1. By default (the others): the round's end alone, day 0.
    days = set(pos[pos["round"] == "round1"]["day"])
    assert len(days) > 2 if folder == tmp / "one" else days == {0}, days
    acc = check("acceptance.csv", folder / "acceptance.csv", {**key, "acceptance": "float", "taking_part": "bool"},
                dates=["time"])
    # Row for row the same moments and states as positions.csv.
    assert acc[list(key)].equals(pos[list(key)])
    v = check("votes.csv", folder / "votes.csv",
              {"iso3": "str", "state": "str", "vote": "str", "left_at": "datetime", "left_because": "str",
               "acceptance_when_left": "float", "reservation": "float", "dissociated_at": "datetime", "ga_vote": "str"},
              dates=["left_at", "dissociated_at"])
    assert len(v) == 193, len(v)
    for name in ["outcome.json", "manifest.json"]:
        with open(folder / name) as f:
            frame = pd.json_normalize(json.load(f))
        assert len(frame) == 1, name
        if name == "outcome.json":
            expect(name, frame, "conference.adopt.count", "int")
            expect(name, frame, "left_process.count", "int")
            expect(name, frame, "dissociated_after_agreement.count", "int")
            expect(name, frame, "rounds_held", "int")
            pd.to_datetime(frame["agreed_at"])
        else:
            expect(name, frame, "replication", "int")
            expect(name, frame, "seed", "int")


manifests = [json.load(open(tmp / "two" / f"rep-{k:04d}" / "manifest.json"))["replication"] for k in range(2)]
assert manifests == [0, 1], manifests
s = check("summary.csv", tmp / "two" / "summary.csv",
          {"metric": "str", "group": "str", "mean": "float", "ci95_low": "float", "ci95_high": "float", "n": "int"})
c = check("compare.csv", tmp / "cmp" / "compare.csv",
          {"metric": "str", "group": "str", "unit": "str", "base_mean": "float", "whatif_mean": "float",
           "base_date": "datetime", "whatif_date": "datetime", "difference": "float", "ci95_low": "float", "ci95_high": "float", "n": "int", "excludes_zero": "bool"},
          dates=["base_date", "whatif_date"])

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("every output file loads in one call with the documented dtypes")
