"""python3 -m gcmsim.plot RESULTS_DIR writes the Gantt and participation charts beside the CSVs."""
import os
import subprocess
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.image

import gcmsim
from gcmsim import compare_plot, plot
from conftest import BASELINE


def test_plot_writes_pngs_beside_the_csvs_of_a_run(gcmsim_binary, tmp_path):
    subprocess.run([str(gcmsim_binary), "run", str(BASELINE), "-r", "3", "-o", str(tmp_path), "--quiet"], check=True)
    done = subprocess.run([sys.executable, "-m", "gcmsim.plot", str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr
    for name in ["gantt.png", "participation.png"]:
        image = matplotlib.image.imread(tmp_path / name)
        assert image.shape[0] > 400 and image.shape[1] > 800, (name, image.shape)
        assert str(tmp_path / name) in done.stdout


def test_plot_refuses_a_folder_without_results(tmp_path):
    done = subprocess.run([sys.executable, "-m", "gcmsim.plot", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "timeline.csv" in done.stderr


def test_the_gantt_has_one_planned_bar_per_activity():
    results = gcmsim.load(BASELINE).run(seed=1, replications=2)
    ax = plot.gantt(results.timeline)
    planned = [p for p in ax.patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb(plot.PLANNED)]
    assert len(planned) == len(results.timeline) // 2


def test_participation_shares_sum_to_one_per_grouping():
    shares = plot.participation_shares(gcmsim.load(BASELINE).run(seed=1, replications=1).participation)
    for _, part in shares.groupby("grouping"):
        assert abs(part["membership"].sum() - 1) < 1e-9
        assert abs(part["attendance"].sum() - 1) < 1e-9


def test_compare_plot_draws_the_what_if_over_the_baseline_from_two_runs(gcmsim_binary, tmp_path):
    halved = BASELINE.parent / "what-if" / "trust-fund-halved.yaml"
    base, whatif, compared = tmp_path / "base", tmp_path / "whatif", tmp_path / "compare"
    for folder, extra in [(base, []), (whatif, ["--override", str(halved)])]:
        subprocess.run([str(gcmsim_binary), "run", str(BASELINE), "-r", "3", "--seed", "5", "-o", str(folder), "-q",
                        *extra], check=True)
    subprocess.run([str(gcmsim_binary), "compare", str(BASELINE), "--override", str(halved), "-r", "3", "--seed", "5",
                    "-o", str(compared), "-q"], check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-m", "gcmsim.compare_plot", str(compared), "--base", str(base),
                           "--whatif", str(whatif)], capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr
    for name in ["compare_gantt.png", "compare_differences.png", "compare_participation.png",
                 "compare_trust_fund.png"]:
        image = matplotlib.image.imread(compared / name)
        assert image.shape[1] > 800, (name, image.shape)
        assert str(compared / name) in done.stdout
    # What moved: only metrics whose interval excludes 0, the fund's money among them, halved.
    table = compare_plot.read_compare(compared)
    moved = compare_plot.moved(table)
    assert len(moved) > 0 and moved["excludes_zero"].all()
    raised = moved[moved["label"] == "trust_fund_raised"]
    assert len(raised) == 1 and abs(raised["shown_difference"].iloc[0] + 50) < 1e-6  # -50 % of the baseline
    assert set(moved[moved["dates"]]["unit"]) <= {"days moved"}


def test_compare_plot_refuses_a_folder_without_compare_csv(tmp_path):
    done = subprocess.run([sys.executable, "-m", "gcmsim.compare_plot", str(tmp_path), "--base", str(tmp_path),
                           "--whatif", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "compare.csv" in done.stderr
