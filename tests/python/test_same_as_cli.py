"""Python and the CLI agree: the same seed gives the same bytes and the same DataFrames."""
import subprocess

import pandas as pd

import gcmsim
from gcmsim import _tables
from conftest import BASELINE, CLASSROOM

TABLES = ["timeline", "participation", "attendance", "dynamics", "positions", "acceptance", "votes"]  # the classroom has no stakeholders
SETS = ["--set", "outputs.positions=daily", "--set", "outputs.attendance=true"]


def run_cli(binary, scenario, out, seed, replications):
    # The module keeps every sitting day's positions (the notebooks plot convergence) and
    # attendance.csv: the CLI writes them too when asked, so that the two tables are the same text.
    subprocess.run([str(binary), "run", str(scenario), "--seed", str(seed), "-r", str(replications),
                    "-o", str(out), "--quiet", *SETS], check=True)


def test_same_seed_same_csv_text_and_dataframes_as_the_cli(gcmsim_binary, tmp_path):
    run_cli(gcmsim_binary, BASELINE, tmp_path, seed=5, replications=2)
    results = gcmsim.load(BASELINE).run(seed=5, replications=2, threads=2)
    for r in range(2):
        folder = tmp_path / f"rep-{r:04d}"  # folders are numbered as manifests number replications
        for table in ["timeline", "participation", "attendance", "trust_fund"]:
            text = (folder / f"{table}.csv").read_text()
            assert results.csv(table, r) == text, table
            frame = getattr(results, table)
            mine = frame[frame.replication == r].drop(columns="replication").reset_index(drop=True)
            pd.testing.assert_frame_equal(mine, _tables.parse(table, text))
        # states.csv, the same in every replication: one table, without a replication column.
        text = (folder / "states.csv").read_text()
        assert results.csv("states", r) == text
        pd.testing.assert_frame_equal(results.states, _tables.parse("states", text))
    summary = (tmp_path / "summary.csv").read_text()
    pd.testing.assert_frame_equal(results.summary, _tables.parse("summary", summary))


def test_negotiation_tables_match_the_cli(gcmsim_binary, tmp_path):
    run_cli(gcmsim_binary, CLASSROOM, tmp_path, seed=9, replications=1)
    # The same sets as the CLI run: the content hash covers them.
    results = gcmsim.load(CLASSROOM, sets=SETS[1::2]).run(seed=9, replications=1)
    for table in TABLES:
        text = (tmp_path / f"{table}.csv").read_text()
        assert results.csv(table) == text, table
        mine = getattr(results, table).drop(columns="replication")
        pd.testing.assert_frame_equal(mine, _tables.parse(table, text))
    import json
    assert results.outcome == json.loads((tmp_path / "outcome.json").read_text())
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert results.manifests[0]["fingerprint"] == manifest["fingerprint"]
    assert results.manifests[0]["content_hash"] == manifest["content_hash"]


def test_a_different_seed_gives_different_results():
    scenario = gcmsim.load(BASELINE)
    a = scenario.run(seed=1, replications=1).timeline
    b = scenario.run(seed=2, replications=1).timeline
    assert not a.equals(b)
