"""gcmsim.sweep's progress and Ctrl-C, results.sqlite from pandas, gcmsim.discover, and the plots of
indices and PRIM (rendered to PNG)."""
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import matplotlib
matplotlib.use("Agg")
import pandas as pd
import pytest

import gcmsim
import gcmsim.sweep_plots as sp
from conftest import SOURCE_DIR

GRID = SOURCE_DIR / "tests" / "experiments" / "fixtures" / "classroom-grid.yaml"
SOBOL = SOURCE_DIR / "tests" / "experiments" / "fixtures" / "small-sobol.yaml"
MORRIS = SOURCE_DIR / "tests" / "experiments" / "fixtures" / "classroom-morris.yaml"


def test_results_sqlite_reads_with_pandas_in_one_call(tmp_path):
    runs = gcmsim.sweep(GRID, out=tmp_path, progress=False)
    con = sqlite3.connect(runs.attrs["database"])
    per_day = pd.read_sql("SELECT r.adopt_threshold, s.step, avg(s.value) AS distance FROM series s JOIN runs r USING (run) "
                          "WHERE s.series = 'draft_distance' GROUP BY r.adopt_threshold, s.step", con)
    assert set(per_day.adopt_threshold) == {0.8, 0.85}
    assert (per_day.distance >= 0).all()
    from_db = pd.read_sql("SELECT * FROM runs ORDER BY point, replication", con).drop(columns="run")
    pd.testing.assert_frame_equal(from_db, runs, check_dtype=False)
    con.close()


def test_ctrl_c_stops_leaving_a_journal_that_resumes(tmp_path):
    """A Python process running a sweep gets SIGINT (Ctrl-C): it raises SweepStopped with part of the
    runs journaled and no tables; the same call again finishes, with the tables of a straight run."""
    out = tmp_path / "stopped"
    script = textwrap.dedent(f"""
        import sys, gcmsim
        try:
            gcmsim.sweep({str(GRID)!r}, replications=300, threads=2, out={str(out)!r}, progress=False)
        except gcmsim.SweepStopped as e:
            print("STOPPED", e, flush=True)
            sys.exit(0)
        print("FINISHED", flush=True)
    """)
    env = dict(os.environ)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    journal = out / "journal-0-of-1.txt"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if journal.exists() and journal.read_bytes().count(b"\n") > 20:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert stdout.startswith("STOPPED"), stdout
    assert "to finish it" in stdout
    assert not (out / "runs.csv").exists()
    journaled = journal.read_bytes().count(b"\n") - 1
    assert 20 <= journaled < 1200
    resumed = gcmsim.sweep(GRID, replications=300, threads=2, out=out, progress=False)
    assert resumed.attrs["sweep"]["already"] == journaled
    straight = gcmsim.sweep(GRID, replications=300, threads=2, out=tmp_path / "straight", progress=False)
    assert (out / "runs.csv").read_bytes() == (tmp_path / "straight" / "runs.csv").read_bytes()


def test_progress_bar_counts_the_runs(tmp_path, capsys):
    gcmsim.sweep(GRID, out=tmp_path, progress=True)
    err = capsys.readouterr().err
    assert "12/12" in err


def test_unconverged_indices_warn_and_the_plot_shows_them(tmp_path):
    with pytest.warns(UserWarning, match="have not converged at N = 8"):
        runs = gcmsim.sweep(SOBOL, out=tmp_path, progress=False)
    sensitivity = runs.attrs["sensitivity"]
    assert {"S1_half", "ST_half", "converged", "flags", "constant"} <= set(sensitivity.columns)
    ax = sp.sobol(sensitivity, "conference_adopt")
    ax.figure.savefig(tmp_path / "sobol.png")
    assert (tmp_path / "sobol.png").stat().st_size > 10_000


def test_morris_from_python(tmp_path):
    runs = gcmsim.sweep(MORRIS, out=tmp_path, progress=False)
    morris = runs.attrs["morris"]
    assert set(morris.parameter) == {"adopt_threshold", "susceptibility", "deadline_concession"}
    ax = sp.morris(morris, "agreed_round")
    ax.figure.savefig(tmp_path / "morris.png")


def test_discover_finds_a_box_and_plots_it(tmp_path):
    gcmsim.sweep(MORRIS, replications=4, out=tmp_path, progress=False)
    runs = pd.read_csv(tmp_path / "runs.csv")
    threshold = runs.agreed_round.max()
    found = gcmsim.discover(tmp_path, f"agreed_round < {threshold}")
    assert found["cases"] == (runs.agreed_round < threshold).sum()
    assert 0 < found["coverage"] <= 1 and 0 < found["density"] <= 1
    assert list(found["box"].parameter) == ["adopt_threshold", "susceptibility", "deadline_concession"]
    assert found["trajectory"].coverage.iloc[0] == 1.0
    with pytest.raises(ValueError, match="did you mean 'agreed_round'"):
        gcmsim.discover(tmp_path, "agreed_rond < 3")
    sp.prim_tradeoff(found).figure.savefig(tmp_path / "tradeoff.png")
    sp.prim_box(found).figure.savefig(tmp_path / "box.png")
