"""The run's tables as typed DataFrames, parsed from the very text the CLI writes.

Each table has a schema: the type of each column the C++ writer documents (docs/outputs.md). Columns
a schema does not name are floats. A table
whose header lacks a column of its schema raises: a writer that changed shape must change here too.
Empty fields are missing values (NaN, NaT, <NA>); text is never turned into NaN ("NA" is Namibia).
"""
from __future__ import annotations

import io

import pandas as pd

# Column kinds: str, date, datetime (ISO 8601), int (nullable), float, bool (true/false).
SCHEMAS: dict[str, dict[str, str]] = {
    "timeline": {
        "id": "str", "kind": "str", "phase": "str", "venue": "str",
        "planned_start": "date", "planned_end": "date",
        "simulated_start": "datetime", "simulated_end": "datetime",
        "slip_days": "int", "on_critical_path": "bool", "started_after": "str",
    },
    "participation": {
        "meeting": "str", "kind": "str", "venue": "str", "date": "date",
        "grouping": "str", "group": "str", "members": "int",
        "delegations_present": "int", "from_mission": "int", "capital_experts": "int", "funded": "int",
        "funded_experts": "int", "funding_refused": "int", "floor_requests": "int",
        "interventions": "int", "unserved_requests": "int", "speaking_minutes": "float",
    },
    "stakeholders": {
        "meeting": "str", "kind": "str", "venue": "str", "date": "date", "stakeholder_kind": "str",
        "organisations": "int", "registered": "int", "accredited": "int", "admitted": "int",
        "speaking": "int",
    },
    "states": {"iso3": "str", "state": "str", "regional_group": "str", "development": "str"},
    "attendance": {
        "meeting": "str", "iso3": "str", "present": "bool", "came_from": "str", "capital_experts": "bool", "funded": "bool",
        "funded_for": "str", "funding_refused": "bool", "floor_requests": "int", "interventions": "int",
        "unserved_requests": "int", "speaking_minutes": "float",
    },
    "trust_fund": {
        "time": "datetime", "flow": "str", "donor": "str", "iso3": "str", "state": "str", "meeting": "str",
        "venue": "str", "paid_for": "str", "delegates": "int", "amount_usd": "float", "balance_usd": "float",
    },
    "dynamics": {
        "round": "str", "day": "int", "consultation": "int", "time": "datetime", "dimension": "str",
        "draft": "float", "dissent": "float", "bracketed": "bool", "objecting": "int",
        "consensus_share": "float", "remaining": "int",
    },
    # Wide: a float column per dimension (its id) after these.
    "positions": {"round": "str", "day": "int", "time": "datetime", "iso3": "str"},
    "acceptance": {
        "round": "str", "day": "int", "time": "datetime", "iso3": "str", "acceptance": "float", "taking_part": "bool",
    },
    "votes": {
        "iso3": "str", "state": "str", "vote": "str", "left_at": "datetime", "left_because": "str",
        "acceptance_when_left": "float", "reservation": "float", "dissociated_at": "datetime",
        "ga_vote": "str",
    },
    "decisions": {
        "number": "int", "tick": "int", "time": "datetime", "iso3": "str", "state": "str", "decision": "str",
        "dimension": "str", "choice": "int", "model_choice": "int", "answered": "bool", "chose": "str",
        "model_would": "str",
    },
    "summary": {
        "metric": "str", "group": "str", "mean": "float", "ci95_low": "float",
        "ci95_high": "float", "n": "int",
    },
}

_BOOLS = {"true": True, "false": False}


def _convert(column: pd.Series, kind: str, name: str) -> pd.Series:
    if kind == "str":
        return column.astype("string")
    blank = column == ""
    if kind in ("date", "datetime"):
        # ISO 8601: "2017-05-08", "2017-05-08 10:42" or "2017-05-08T10:42".
        return pd.to_datetime(column.where(~blank), errors="raise")
    if kind == "int":
        return pd.to_numeric(column.where(~blank)).astype("Int64")
    if kind == "float":
        return pd.to_numeric(column.where(~blank)).astype("float64")
    if kind == "bool":
        unknown = set(column[~blank]) - set(_BOOLS)
        if unknown:
            raise ValueError(f"column {name}: expected true/false, found {sorted(unknown)[:3]}")
        return column.map(_BOOLS).astype("boolean")
    raise ValueError(f"column {name}: unknown kind {kind}")


def parse(table: str, text: str) -> pd.DataFrame:
    """The CSV `text` of `table` (a key of SCHEMAS) as a typed DataFrame."""
    schema = SCHEMAS[table]
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise ValueError(f"{table}.csv lacks the columns {missing}; it has {list(frame.columns)}")
    for name in frame.columns:
        frame[name] = _convert(frame[name], schema.get(name, "float"), name)
    return frame


def stack(table: str, texts: list[tuple[int, str]]) -> pd.DataFrame:
    """One DataFrame from each replication's CSV text, with a leading `replication` column."""
    frames = []
    for replication, text in texts:
        if not text:
            continue
        frame = parse(table, text)
        frame.insert(0, "replication", replication)
        frames.append(frame)
    if not frames:
        columns = ["replication", *SCHEMAS[table]]
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.concat(frames, ignore_index=True)
