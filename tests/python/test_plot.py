"""python3 -m gcmsim.plot RESULTS_DIR writes the Gantt and participation charts beside the CSVs."""
import os
import subprocess
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.image

import gcmsim
from gcmsim import plot
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
