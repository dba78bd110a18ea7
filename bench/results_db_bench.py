#!/usr/bin/python3
"""How long a researcher's SQL takes on a 10,000-run sweep's results.sqlite (issue 23): the database
`gcmsim sweep` itself writes for bench/classroom-10k.yaml (10 points x 1,000 replications of the
classroom scenario, three time series per run), queried with pandas.read_sql as docs/experiments.md
shows. Each query is timed against a reference in the same run: one full scan of the series table
(every row read once, `SELECT count(*), sum(value) FROM series`), in alternating rounds so that a
change in the machine's speed falls on both; medians are reported with the load average.

    /usr/bin/python3 bench/results_db_bench.py [--binary ../<repo>-build/cli/gcmsim] [--out DIR] [--rounds 7] [--json]

Run from the repository's root. Without --out the sweep goes to a temporary folder; with --out a
folder already holding the finished sweep is reused (gcmsim finds every run journaled)."""
import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import pandas as pd

SWEEP = "bench/classroom-10k.yaml"

# The queries a researcher asks across the runs (docs/experiments.md, "results.sqlite").
QUERIES = {
    "draft distance per sitting day and parameter level (series JOIN runs, GROUP BY)":
        "SELECT r.deadline_concession, s.step, avg(s.value) AS distance, count(*) AS runs "
        "FROM series s JOIN runs r USING (run) WHERE s.series = 'draft_distance' "
        "GROUP BY r.deadline_concession, s.step",
    "acceptance per round, agreed against not (series JOIN runs, GROUP BY)":
        "SELECT r.agreed, s.step, avg(s.value) AS acceptance FROM series s JOIN runs r USING (run) "
        "WHERE s.series = 'acceptance' GROUP BY r.agreed, s.step",
    "every run's metrics (SELECT * FROM runs)": "SELECT * FROM runs",
}
REFERENCE = "SELECT count(*), sum(value) FROM series"


def timed(con, sql):
    start = time.perf_counter()
    frame = pd.read_sql(sql, con)
    return time.perf_counter() - start, len(frame)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=str(Path.cwd().parent / (Path.cwd().name + "-build") / "cli" / "gcmsim"))
    parser.add_argument("--out", help="the sweep's folder (default: a temporary one)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gcmsim-db-bench-") as scratch:
        out = Path(args.out) if args.out else Path(scratch) / "classroom-10k"
        start = time.perf_counter()
        subprocess.run([args.binary, "sweep", SWEEP, "-o", str(out), "-j", "2"], check=True,
                       stdout=subprocess.DEVNULL)
        sweep_seconds = time.perf_counter() - start
        path = out / "results.sqlite"
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        runs = con.execute("SELECT count(*) FROM runs").fetchone()[0]
        series_rows = con.execute("SELECT count(*) FROM series").fetchone()[0]
        load_before = os.getloadavg()[0]
        times = {name: [] for name in QUERIES}
        reference = []
        rows = {}
        for _ in range(args.rounds):  # alternating: reference, then each query
            reference.append(timed(con, REFERENCE)[0])
            for name, sql in QUERIES.items():
                seconds, rows[name] = timed(con, sql)
                times[name].append(seconds)
        load_after = os.getloadavg()[0]
        con.close()
        size_mb = path.stat().st_size / 1e6

    ref = statistics.median(reference)
    result = {
        "runs": runs, "series_rows": series_rows, "database_mb": round(size_mb, 1),
        "sweep_seconds": round(sweep_seconds, 1), "rounds": args.rounds,
        "reference_scan_ms": round(ref * 1000, 2),
        "queries": {name: {"ms": round(statistics.median(t) * 1000, 2),
                           "ratio_to_scan": round(statistics.median(t) / ref, 2), "rows": rows[name]}
                    for name, t in times.items()},
        "load_average": [round(load_before, 2), round(load_after, 2)], "cores": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"results.sqlite of {SWEEP}: {runs} runs, {series_rows} series rows, {size_mb:.1f} MB "
          f"(the sweep, written by {args.binary}: {sweep_seconds:.1f} s)")
    print(f"medians of {args.rounds} alternating rounds; reference: one full scan of the series table, {ref * 1000:.1f} ms")
    for name, q in result["queries"].items():
        print(f"  {q['ms']:8.1f} ms  {q['ratio_to_scan']:5.2f} x the scan  {q['rows']:6d} rows  {name}")
    print(f"load average {load_before:.2f} before, {load_after:.2f} after, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
