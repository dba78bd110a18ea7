"""gcmsim from Python: load a scenario, run it, get its outputs as pandas DataFrames.

    import gcmsim
    scenario = gcmsim.load("scenarios/gcm-2017-2018.yaml", sets={"trust_fund.budget_usd": 500000})
    results = scenario.run(seed=1, replications=20)
    results.timeline          # one row per activity and replication, dates as datetimes
    gcmsim.metrics()          # every metric a run measures: name, group, unit, description
    runs = gcmsim.sweep("scenarios/sweeps/negotiation-sobol.yaml")   # runs.csv of a sweep

Everything runs in gcmsim's C++ libraries (the run facade, models/run/): the tables are the CSV
and JSON text that `gcmsim run` writes, formatted by the same functions and parsed with pandas, so
Python and the CLI cannot disagree. Simulations release the GIL: several Python threads can run
scenarios at once.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Optional, Union

import pandas as pd

from . import _gcmsim
from . import _tables

__version__: str = _gcmsim.__version__
__all__ = ["load", "sweep", "discover", "SweepStopped", "metrics", "data_dirs", "Scenario", "Results", "ScenarioError", "Problem", "Event"]

PathLike = Union[str, os.PathLike]


def data_dirs() -> list[Path]:
    """Folders holding the shipped scenarios/, most specific first.

    $GCMSIM_DATA, then the data folder installed with this package (<prefix>/share/gcmsim for
    <prefix>/lib/python3/dist-packages/gcmsim, so a moved install tree still finds it), then the
    install prefix compiled in, then the source tree this module was built from; folders that do not
    exist are left out. `gcmsim` (the CLI) looks in the same places but the last.
    """
    beside = Path(__file__).resolve().parents[4] / "share" / "gcmsim"
    candidates = [os.environ.get("GCMSIM_DATA"), beside, _gcmsim.INSTALL_DATADIR, _gcmsim.SOURCE_DATADIR]
    return [Path(c) for c in candidates if c and Path(c).is_dir()]


def _resolve(path: PathLike) -> str:
    given = Path(path)
    if given.is_absolute() or given.exists():
        return str(given)
    for folder in data_dirs():
        if (folder / given).exists():
            return str(folder / given)
    return str(given)  # the loader reports it unreadable, under the name the caller gave


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem in a scenario, where it is: file, 1-based line and column, and what is wrong.
    path: for a sweep given as a dict, the dict path of the line (a JSON pointer, "/design/kind")."""

    file: str
    line: int
    column: int
    message: str
    path: Optional[str] = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: error: {self.message}"


class ScenarioError(ValueError):
    """A scenario that cannot run. `problems` lists every problem found; `file`, `line`, `column`
    and `message` are those of the first (`path` too, for a sweep dict). str() is the
    compiler-style report the CLI prints."""

    def __init__(self, report: str, problems: list[Problem]):
        super().__init__(report)
        self.problems = problems
        first = problems[0] if problems else Problem("", 0, 0, report)
        self.file, self.line, self.column, self.message = first.file, first.line, first.column, first.message
        self.path = first.path


@dataclasses.dataclass(frozen=True)
class Event:
    """Something that happened in a run, as it happens (`Scenario.run(on_event=...)`).

    time: when, in the venue's civil time. kind: the process model's event type, one of
    meeting_opened, zero_draft_circulated, floor_taken, negotiation_day_closed, state_left,
    round_ended, conference_held. text: the sentence `gcmsim run --narrate` prints for it.
    state (iso3), dimension (id) and amount (the event's main number: delegations present, how far
    the draft moved, the mean move of a day, the acceptance of a state that left, the consensus
    share at a round's end, the states adopting) when the event carries them, else None. data:
    every other field (activity and round ids, draft and brackets per dimension, the tally...).
    """

    time: _dt.datetime
    kind: str
    text: str = ""
    state: Optional[str] = None
    dimension: Optional[str] = None
    amount: Optional[float] = None
    data: dict = dataclasses.field(default_factory=dict)


def _event(raw: Mapping[str, Any]) -> Event:
    fields = dict(raw)
    fields["time"] = _dt.datetime.strptime(fields["time"], "%Y-%m-%d %H:%M")
    return Event(**fields)


def _set_args(sets: Union[Mapping[str, Any], Iterable[str], None]) -> list[str]:
    if sets is None:
        return []
    if isinstance(sets, Mapping):
        def text(value: Any) -> str:
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, (_dt.date, _dt.datetime)):
                return value.isoformat()
            if isinstance(value, (list, tuple, dict)):
                return json.dumps(value, default=str)  # JSON is YAML's flow style
            return str(value)
        return [f"{key}={text(value)}" for key, value in sets.items()]
    return [str(s) for s in sets]


class _OneRun:
    """One replication of a streamed run, shaped as a batch of one (its summary is of that run alone)."""

    def __init__(self, run: Any):
        self.runs = [run]
        self.summary = ""


class Results:
    """The outputs of `Scenario.run`: one row per replication in every table.

    DataFrames (each with a leading `replication` column, built on first use):
      timeline       timeline.csv: activities, planned and simulated dates, slip, critical path
      participation  participation.csv: per meeting and group, who attended, was funded, spoke
      trust_fund     trust_fund.csv: the trust fund's ledger, contributions and trips paid, dated
      dynamics       dynamics.csv: the draft per dimension over time (empty without a negotiation)
      positions      positions.csv: each state's position per sitting day, a column per dimension
                     (empty without a negotiation)
      states         states.csv: each member state's name and groups (the same in every
                     replication, so without a replication column)
      metrics        one row per replication, a column per metric key (see Scenario.metrics())
      summary        summary.csv: every metric's mean and 95% interval over the replications
    and outcome (outcome.json of replication 0, a dict; {} without a negotiation), outcomes (every
    replication's), manifests (every manifest.json, wall time 0).
    """

    def __init__(self, batch: Any, catalogue: list[dict], seed: int, tables: Optional[Iterable[str]] = None):
        self._batch = batch
        self._catalogue = catalogue
        self.seed = seed
        self.replications = len(batch.runs)
        self._frames: dict[str, pd.DataFrame] = {}
        self._kept = None if tables is None else frozenset(tables)

    def _table(self, name: str) -> pd.DataFrame:
        """Every replication's NAME.csv, stacked; empty (with the table's columns) when the runs
        did not write it (a scenario without a negotiation has no dynamics)."""
        if self._kept is not None and name not in self._kept:
            raise KeyError(f"the run kept no {name} table: run(..., tables=[..., {name!r}]) keeps it")
        if name not in self._frames:
            texts = [(run.replication, run.tables.get(name, "")) for run in self._batch.runs]
            self._frames[name] = _tables.stack(name, texts)
        return self._frames[name]

    @property
    def timeline(self) -> pd.DataFrame:
        return self._table("timeline")

    @property
    def participation(self) -> pd.DataFrame:
        return self._table("participation")

    @property
    def dynamics(self) -> pd.DataFrame:
        return self._table("dynamics")

    @property
    def stakeholders(self) -> pd.DataFrame:
        """stakeholders.csv of every replication: per meeting and stakeholder population."""
        return self._table("stakeholders")

    @property
    def states(self) -> pd.DataFrame:
        """states.csv: iso3, the state's name, regional group and development group; every other
        per-state table is keyed by iso3 alone (merge on it for names)."""
        if "states" not in self._frames:
            text = self._batch.runs[0].tables.get("states", "") if self._batch.runs else ""
            self._frames["states"] = _tables.parse("states", text) if text else _tables.stack("states", [])
        return self._frames["states"]

    @property
    def attendance(self) -> pd.DataFrame:
        """attendance.csv of every replication: per meeting and member state."""
        return self._table("attendance")

    @property
    def trust_fund(self) -> pd.DataFrame:
        """trust_fund.csv of every replication: the fund's ledger, one row per contribution or trip
        paid, in time order, with the balance after each (raised and spent are cumulative sums)."""
        return self._table("trust_fund")

    @property
    def acceptance(self) -> pd.DataFrame:
        """acceptance.csv of every replication: each state's acceptance of the draft over time."""
        return self._table("acceptance")

    @property
    def votes(self) -> pd.DataFrame:
        """votes.csv of every replication: one row per state in the negotiation."""
        return self._table("votes")

    @property
    def positions(self) -> pd.DataFrame:
        """positions.csv of every replication, at every sitting day's end (day 1, 2, ...) as well
        as the zero draft and each round's end (day 0): a row per state and snapshot, a column per
        dimension. `positions.melt(id_vars=["replication", "round", "day", "time", "iso3"],
        var_name="dimension", value_name="position")` gives one row per dimension."""
        return self._table("positions")

    @property
    def decisions(self) -> pd.DataFrame:
        """decisions.csv of a run with played delegations (Scenario.play): what each played seat
        decided, and what the model would have decided in its place. Empty for the model's runs."""
        return self._table("decisions")

    @functools.cached_property
    def metrics(self) -> pd.DataFrame:
        keys = [m["key"] for m in self._catalogue]
        rows = [[float("nan") if v is None else v for v in run.metrics] for run in self._batch.runs]
        frame = pd.DataFrame(rows, columns=keys, dtype="float64")
        frame.insert(0, "replication", [run.replication for run in self._batch.runs])
        return frame

    @functools.cached_property
    def summary(self) -> pd.DataFrame:
        if not self._batch.summary:
            raise ValueError("a replication from Scenario.stream() has no summary: Scenario.run() summarises replications")
        return _tables.parse("summary", self._batch.summary)

    @functools.cached_property
    def outcomes(self) -> list[dict]:
        return [json.loads(run.outcome) if run.outcome else {} for run in self._batch.runs]

    @property
    def outcome(self) -> dict:
        return self.outcomes[0]

    @functools.cached_property
    def manifests(self) -> list[dict]:
        return [json.loads(run.manifest) for run in self._batch.runs]

    def csv(self, table: str, replication: int = 0) -> str:
        """The exact text `gcmsim run` writes as TABLE.csv for one replication ("" if it writes none)."""
        return self._batch.runs[replication].tables.get(table, "")

    def __repr__(self) -> str:
        return f"<gcmsim.Results seed={self.seed} replications={self.replications}>"


class Scenario:
    """A scenario file loaded (with its overrides and sets), checked and prepared once.

    A scenario with problems still loads: `valid` is False, `problems` lists them, and validate()
    and run() raise ScenarioError. Prepared scenarios are immutable and shared by threads.
    """

    def __init__(self, preparation: Any, path: str):
        self._preparation = preparation
        self.path = path
        self.problems: list[Problem] = [Problem(p.file, p.line, p.column, p.message) for p in preparation.problems]

    @property
    def valid(self) -> bool:
        return self._preparation.scenario is not None

    def validate(self) -> "Scenario":
        """Returns self when the scenario can run; else raises ScenarioError (file, line, column,
        message of the first problem; `problems` has them all)."""
        if not self.valid:
            raise ScenarioError(self._preparation.report, self.problems)
        return self

    @property
    def _prepared(self) -> Any:
        return self.validate()._preparation.scenario

    @property
    def name(self) -> str:
        return self._prepared.name

    @property
    def content_hash(self) -> str:
        """The hash manifests record: equal hashes, equal scenarios."""
        return self._prepared.content_hash

    @property
    def default_seed(self) -> int:
        return self._prepared.default_seed

    @property
    def default_replications(self) -> int:
        return self._prepared.default_replications

    def with_(self, sets: Union[Mapping[str, Any], Iterable[str], None] = None,
              overrides: Iterable[PathLike] = ()) -> "Scenario":
        """This scenario with more overrides and sets on top (a design point, a what-if), derived in
        memory without reading the base files again. Same arguments as load()."""
        preparation = self._prepared.with_([_resolve(o) for o in overrides], _set_args(sets))
        return Scenario(preparation, self.path)

    def run(self, seed: Optional[int] = None, replications: Optional[int] = None, threads: int = 0,
            on_event: Optional[Callable[[Event], None]] = None, tables: Optional[Iterable[str]] = None) -> Results:
        """Runs replications 0..replications-1 (default: the scenario's run section) with `seed`
        (default: the scenario's run.seed) on `threads` threads (0: every core), the GIL released.
        on_event(Event) is called for each event of replication 0 as it happens, on this thread;
        an exception it raises ends the run and propagates. Same seed, same results as `gcmsim run --seed`.

        tables: the tables to keep (names as in Results: "timeline", "positions", ...); None keeps
        every one. Each replication's tables take megabytes: for many replications keep only those you
        read (tables=() keeps none: metrics, summary, outcomes and manifests stay), or use stream().
        Ctrl-C stops the run within about a replication's time and raises KeyboardInterrupt."""
        prepared = self._prepared
        seed = prepared.default_seed if seed is None else int(seed)
        replications = prepared.default_replications if replications is None else int(replications)
        callback = None if on_event is None else (lambda raw: on_event(_event(raw)))
        kept = None if tables is None else list(tables)
        batch = prepared.run(seed, replications, int(threads), callback, 0, -1, kept)
        return Results(batch, prepared.metric_catalogue(), seed, kept)

    def stream(self, seed: Optional[int] = None, replications: Optional[int] = None, threads: int = 0,
               tables: Optional[Iterable[str]] = None):
        """Yields one Results per replication, in order, each holding that replication alone (its
        tables' `replication` column says which; the same numbers as run()'s), computed a few at a
        time on `threads` threads: memory stays flat however many replications. A streamed
        replication has no summary (run() summarises). Ctrl-C raises KeyboardInterrupt."""
        prepared = self._prepared
        seed = prepared.default_seed if seed is None else int(seed)
        replications = prepared.default_replications if replications is None else int(replications)
        kept = None if tables is None else list(tables)
        workers = int(threads) if threads else (os.cpu_count() or 1)
        catalogue = prepared.metric_catalogue()
        first = 0
        while first < replications:
            count = min(2 * workers, replications - first)
            batch = prepared.run(seed, replications, int(threads), None, first, count, kept)
            for run in batch.runs:
                yield Results(_OneRun(run), catalogue, seed, kept)
            first += count

    def play(self, players: Mapping[str, Callable[[dict], Optional[int]]], seed: Optional[int] = None) -> Results:
        """Replication 0 with some delegations played by Python callables, {iso3: decide}: at each
        decision the model would make for that delegation, decide(question) is called with a dict
        (iso3, state, time, decision: statement | concession | bracket | leave, dimension, options,
        model_choice) and returns an option number, or None to leave the model's choice. The
        decisions are in results.decisions and results.csv("decisions"), which `gcmsim run --replay`
        replays to the same outputs with the same seed. Options (docs/negotiation.md, "Played seats"):
        statement 0 yields the floor, d + 1 argues dimension d; concession 0 holds its ground, 1
        concedes as the room does, 2 twice as far; bracket 0 accepts the text, 1 holds a bracket;
        leave 0 stays, 1 leaves."""
        prepared = self._prepared
        seed = prepared.default_seed if seed is None else int(seed)
        batch = prepared.play(seed, dict(players))
        return Results(batch, prepared.metric_catalogue(), seed)

    def metrics(self) -> pd.DataFrame:
        """Every metric a run of this scenario measures (see gcmsim.metrics())."""
        return _catalogue_frame(self._prepared.metric_catalogue())

    def __repr__(self) -> str:
        state = self.name if self.valid else f"{len(self.problems)} problem(s)"
        return f"<gcmsim.Scenario {self.path}: {state}>"


def load(path: PathLike, sets: Union[Mapping[str, Any], Iterable[str], None] = None,
         overrides: Iterable[PathLike] = ()) -> Scenario:
    """Loads a scenario file, merges `overrides` (partial scenario files, in order) and applies
    `sets` ({"path.to.key": value} or ["path.to.key=value"], as --set does; lists and dicts as
    values are written in YAML's flow style), and prepares it.

    A relative path not found from the current folder is looked up in data_dirs(), so
    load("scenarios/gcm-2017-2018.yaml") works anywhere. Problems in the scenario do not raise
    here: see Scenario.validate().
    """
    resolved = _resolve(path)
    preparation = _gcmsim.prepare(resolved, [_resolve(o) for o in overrides], _set_args(sets))
    return Scenario(preparation, resolved)


def _catalogue_frame(catalogue: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(catalogue, columns=["key", "name", "group", "unit", "kind", "description", "lower", "upper"])
    for column in ["key", "name", "group", "unit", "kind", "description"]:
        frame[column] = frame[column].astype("string")
    frame[["lower", "upper"]] = frame[["lower", "upper"]].astype("float64")
    return frame


BASELINE = "scenarios/gcm-2017-2018.yaml"


def metrics(scenario: Union[Scenario, PathLike, None] = None) -> pd.DataFrame:
    """The metric catalogue: key (the column in Results.metrics), name, group, unit, kind
    (count, share, flag, days, day, amount, number), description, and the bounds its values keep
    to. It depends on the scenario (one slip per activity...): the baseline's by default."""
    if not isinstance(scenario, Scenario):
        scenario = load(BASELINE if scenario is None else scenario)
    return scenario.metrics()


from ._sweep import SweepStopped, discover, sweep  # noqa: E402  (it uses Problem and ScenarioError, defined above)
