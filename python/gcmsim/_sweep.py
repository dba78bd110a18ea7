"""gcmsim.sweep: a sweep file (or a dict holding one) run by the experiments library, the engine
behind `gcmsim sweep`, into its results folder; its tables read back with pandas.

A dict is written out as JSON (which YAML reads) one key a line, so that the reader's errors have a
line and a column; each problem also carries the dict path of the line it points at.
"""
from __future__ import annotations

import json
import os
import re
import signal
import tempfile
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

import pandas as pd

from . import _gcmsim

DICT_NAME = "<sweep dict>"
_LOCATED = re.compile(r"^(.+?):(\d+):(\d+): error: (.*)$", re.MULTILINE)


def _plain(value: Any) -> Any:
    """numpy scalars and paths as the JSON types they stand for."""
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict)):
        return value.item()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def dict_text(sweep: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The dict as JSON text, one key or item a line, and the JSON pointer of the node each line
    starts (lines[i] is line i + 1; a closing bracket belongs to its container)."""
    lines: list[str] = []
    paths: list[str] = []

    def emit(value: Any, pointer: str, depth: int, lead: str, trail: str) -> None:
        pad = "  " * depth
        value = _plain(value)
        if isinstance(value, Mapping) and value:
            lines.append(f"{pad}{lead}{{")
            paths.append(pointer)
            items = list(value.items())
            for i, (key, item) in enumerate(items):
                key_text = json.dumps(str(key)) + ": "
                escaped = str(key).replace("~", "~0").replace("/", "~1")
                emit(item, f"{pointer}/{escaped}", depth + 1, key_text, "," if i + 1 < len(items) else "")
            lines.append(f"{pad}}}{trail}")
            paths.append(pointer)
        elif isinstance(value, (list, tuple)) and value:
            lines.append(f"{pad}{lead}[")
            paths.append(pointer)
            for i, item in enumerate(value):
                emit(item, f"{pointer}/{i}", depth + 1, "", "," if i + 1 < len(value) else "")
            lines.append(f"{pad}]{trail}")
            paths.append(pointer)
        else:
            if isinstance(value, Mapping):
                value = {}
            elif isinstance(value, tuple):
                value = []
            lines.append(f"{pad}{lead}{json.dumps(value, default=str)}{trail}")
            paths.append(pointer)

    emit(sweep, "", 0, "", "")
    return "\n".join(lines) + "\n", paths


def _read_tables(folder: Path, sobol: bool, morris: bool = False) -> pd.DataFrame:
    runs = pd.read_csv(folder / "runs.csv")
    runs.attrs["points"] = pd.read_csv(folder / "points.csv")
    runs.attrs["sensitivity"] = pd.read_csv(folder / "sensitivity.csv") if sobol else None
    runs.attrs["morris"] = pd.read_csv(folder / "morris.csv") if morris else None
    runs.attrs["database"] = folder / "results.sqlite"
    return runs


class SweepStopped(KeyboardInterrupt):
    """Ctrl-C during gcmsim.sweep: the runs in flight finished and were journaled; calling
    gcmsim.sweep again with the same `out` finishes only the rest (`out` says where)."""

    def __init__(self, message: str, out: Optional[Path]):
        super().__init__(message)
        self.out = out


def _journal_count(folder: Path) -> tuple[int, Optional[int]]:
    """(records, runs) of the folder's whole-sweep journal, as far as it is written: the progress
    bar's source, read without disturbing the writer (each record is one write(2))."""
    path = folder / "journal-0-of-1.txt"
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return 0, None
    header, _, rest = data.partition(b"\n")
    words = header.split()
    total = int(words[words.index(b"runs") + 1]) if b"runs" in words else None
    return rest.count(b"\n"), total


def _run_with_progress(call: Any, folder: Path, progress: bool) -> Any:
    """Runs the engine on a thread (it releases the GIL) while this one draws a tqdm bar from the
    journal and waits for Ctrl-C, which stops the sweep cleanly: a resumable journal, no tables."""
    token = _gcmsim.StopToken()
    result: dict[str, Any] = {}

    def work() -> None:
        # Ctrl-C belongs to the caller's thread: blocked here, and so in every thread the engine
        # starts from here (they inherit the mask), whose system calls it would otherwise interrupt.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            result["outcome"] = call(token)
        except BaseException as e:  # re-raised on the caller's thread
            result["error"] = e
        finally:
            finished.set()

    # Waited for with an Event, not Thread.join: a KeyboardInterrupt inside join() can leave the
    # thread marked as finished while it runs (CPython gh-90882), and the engine would be torn down
    # under it at exit.
    finished = threading.Event()
    thread = threading.Thread(target=work, name="gcmsim-sweep", daemon=True)
    bar = None
    thread.start()
    try:
        while not finished.wait(0.2):
            if progress:
                done, total = _journal_count(folder)
                if total is not None:
                    if bar is None:
                        from tqdm import tqdm  # Debian's python3-tqdm; text bar (Debian 12's ipywidgets 6 lacks what tqdm.auto's widget needs)
                        bar = tqdm(total=total, initial=done, unit="run", desc=f"sweep {folder.name}")
                    if done != bar.n:  # a line per change, not per poll (a notebook keeps every line)
                        bar.update(done - bar.n)
    except KeyboardInterrupt:
        token.stop()  # runs in flight finish and are journaled; the rest are skipped
        while not finished.wait(0.2):
            pass
        raise
    finally:
        if progress:  # the last count; a sweep shorter than one poll gets its bar here
            done, total = _journal_count(folder)
            if bar is None and total is not None:
                from tqdm import tqdm
                bar = tqdm(total=total, unit="run", desc=f"sweep {folder.name}")
            if bar is not None:
                bar.update(done - bar.n)
                bar.close()
    if "error" in result:
        raise result["error"]
    return result["outcome"]


def sweep(path_or_dict: Union[str, os.PathLike, Mapping[str, Any]], replications: Optional[int] = None,
          threads: Optional[int] = None, out: Union[str, os.PathLike, None] = None,
          progress: bool = True) -> pd.DataFrame:
    """Runs a sweep (docs/experiments.md) with the engine of `gcmsim sweep` and returns runs.csv.

    path_or_dict: a sweep file (a relative path not found from the current folder is looked up in
    gcmsim.data_dirs(), like load()), or a dict holding the same document; a dict's relative paths
    (base.scenario, overrides, a design table) are resolved likewise. replications replaces the
    sweep's (as --replications); threads: how many (None or 0: every core); the GIL is released
    while the runs go. out: the results folder, kept (a call on a folder holding the same sweep
    finishes only the runs its journal lacks); None runs in a temporary folder, removed after.

    Returns runs.csv as a DataFrame (point, replication, seed, a column per parameter, one per
    metric key; one row per run, ordered by point then replication), the same numbers the CLI writes
    for the same file. attrs["points"] is points.csv (per point: each metric's mean, sd, 95%
    interval, n); attrs["sensitivity"] is sensitivity.csv for a Sobol design (metric, parameter, S1
    and ST with bootstrap intervals), else None; attrs["sweep"] says what ran (name, hash, points,
    replications, runs, already, ran, seconds, out); attrs["morris"] is morris.csv for a Morris
    design; attrs["database"] the path of results.sqlite (read it with sqlite3 and pandas.read_sql;
    with out=None it is gone when this returns).

    progress: a tqdm bar of the runs (Debian's python3-tqdm), drawn from the journal. Ctrl-C stops
    the sweep cleanly: the runs in flight finish and are journaled, and gcmsim.SweepStopped (a
    KeyboardInterrupt) is raised; calling sweep again with the same `out` runs only what is missing.
    With out=None the temporary folder, journal included, is removed: give `out` to resume.
    Warnings the engine prints after `gcmsim sweep` (constant metrics, indices that have not
    converged) are issued as Python warnings (UserWarning).

    A sweep that cannot run raises gcmsim.ScenarioError: file, line, column and message of its first
    problem (for a dict: the line of its JSON text, and `path`, the dict path, e.g.
    "/design/samples"); an invalid design point or base scenario raises with the engine's report.
    """
    from . import Problem, ScenarioError, _resolve  # the package's; imported here, it imports this module

    replications = None if replications is None else int(replications)
    threads = 0 if threads is None else int(threads)
    paths: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gcmsim-sweep-") as scratch:
        folder = Path(out) if out is not None else Path(scratch) / "sweep"
        if isinstance(path_or_dict, Mapping):
            document = _resolved_dict(path_or_dict, _resolve)
            text, paths = dict_text(document)
            call = lambda token: _gcmsim.sweep_text(text, DICT_NAME, os.getcwd(), str(folder), replications, threads, token)  # noqa: E731
        else:
            resolved = _resolve(path_or_dict)
            call = lambda token: _gcmsim.sweep_file(resolved, str(folder), replications, threads, token)  # noqa: E731
        try:
            outcome = _run_with_progress(call, folder, progress)
        except KeyboardInterrupt:
            done, total = _journal_count(folder)
            where = f"; call gcmsim.sweep again with out={str(folder)!r} to finish it" if out is not None else \
                " in a temporary folder, now removed (give out= to keep a resumable journal)"
            raise SweepStopped(f"sweep stopped: {done} of {total} runs journaled{where}",
                               folder if out is not None else None) from None
        if outcome.problems is not None:
            problems = [Problem(f, line, column, message,
                                paths[line - 1] if f == DICT_NAME and 0 < line <= len(paths) else None)
                        for f, line, column, message in outcome.problems.problems]
            if not problems:  # an invalid point or a folder of another sweep: the report's located lines
                problems = [Problem(m[1], int(m[2]), int(m[3]), m[4]) for m in _LOCATED.finditer(outcome.problems.report)]
            raise ScenarioError(outcome.problems.report, problems)
        done = outcome.done
        for warning in done.warnings:
            warnings.warn(warning, UserWarning, stacklevel=2)
        runs = _read_tables(folder, done.sensitivity, done.morris)
    runs.attrs["sweep"] = {
        "name": done.name, "hash": done.hash, "points": done.points, "replications": done.replications,
        "runs": done.runs, "already": done.already, "ran": done.ran, "seconds": done.seconds,
        "out": None if out is None else str(folder),
    }
    return runs


def _resolved_dict(sweep: Mapping[str, Any], resolve: Any) -> dict:
    """A copy of the dict with its files looked up as load() looks them up."""
    def default(value: Any) -> Any:
        plain = _plain(value)
        return str(value) if plain is value else plain
    document = json.loads(json.dumps(sweep, default=default))
    base = document.get("base")
    if isinstance(base, dict):
        if isinstance(base.get("scenario"), str):
            base["scenario"] = resolve(base["scenario"])
        if isinstance(base.get("overrides"), list):
            base["overrides"] = [resolve(o) if isinstance(o, str) else o for o in base["overrides"]]
    design = document.get("design")
    if isinstance(design, dict) and isinstance(design.get("file"), str):
        design["file"] = resolve(design["file"])
    return document


def discover(folder: Union[str, os.PathLike], where: str, alpha: float = 0.05, min_support: float = 0.05,
             coverage: float = 0.8) -> dict:
    """PRIM scenario discovery on a finished sweep's folder, as `gcmsim discover DIR --where WHERE`
    (docs/experiments.md): which box of the parameters holds the runs meeting `where`
    ("conference_adopt < 150").

    Returns a dict: "trajectory" (a DataFrame of the peeling: coverage, density, support, restricted
    parameters, one row per box), "chosen" (the row that was pasted), "box" (a DataFrame: parameter,
    low, high, restricted_low, restricted_high, qp_low, qp_high), "coverage", "density",
    "runs_in_box", "cases_in_box", "runs", "cases", "skipped". A bad condition raises ValueError
    naming the column of the problem.
    """
    found = _gcmsim.discover(os.fspath(folder), where, float(alpha), float(min_support), float(coverage))
    found["trajectory"] = pd.DataFrame(found["trajectory"])
    found["box"] = pd.DataFrame(found["box"])
    found["where"] = where
    return found
