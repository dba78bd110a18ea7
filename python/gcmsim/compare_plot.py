"""Figures of a what-if against its baseline, for planners: what moved, with its intervals.

From a shell, on the folders of two runs on the same seed and the compare.csv of `gcmsim compare`:

    python3 -m gcmsim.compare_plot --base BASE_DIR --whatif WHATIF_DIR COMPARE_DIR
    gcmsim compare --override what-if.yaml -o COMPARE_DIR --plots   # the same, right after the compare

writes into COMPARE_DIR:
- compare_gantt.png: the what-if's activities (orange) over the baseline's (blue), planned in grey;
- compare_differences.png: each metric whose 95% interval excludes no change, as the paired
  difference with its interval: dates moved in days, other metrics relative to the baseline's mean;
- compare_participation.png: delegations present per meeting by group, both plans;
- compare_trust_fund.png: the trust fund's balance over time, both plans (mean, min-max band).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

import matplotlib

if __name__ == "__main__":
    matplotlib.use("Agg")  # files only: no display needed

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from . import plot

BASE = plot.SIMULATED
WHAT_IF = plot.WHAT_IF
# At most this many metrics on the differences figure, the largest changes first: a figure a
# planner reads, not a table (compare.csv has every metric).
MAX_DIFFERENCES = 24


def read_compare(folder: Path) -> pd.DataFrame:
    """compare.csv of `gcmsim compare` (docs/outputs.md), typed."""
    path = folder / "compare.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file (is {folder} the output folder of gcmsim compare?)")
    frame = pd.read_csv(path, dtype={"metric": str, "group": str, "unit": str, "excludes_zero": str}, keep_default_na=False,
                        na_values={c: [""] for c in ["base_mean", "whatif_mean", "difference", "ci95_low", "ci95_high"]})
    frame["excludes_zero"] = frame["excludes_zero"].astype(str) == "true"
    return frame


def moved(compare: pd.DataFrame) -> pd.DataFrame:
    """The metrics whose interval excludes zero, with the difference on a scale the figure can share:
    days for dates (unit `days moved`), else per cent of the baseline's mean (absolute when the
    baseline is 0). Largest first, at most MAX_DIFFERENCES."""
    rows = compare[compare["excludes_zero"] & compare["difference"].notna()].copy()
    rows["label"] = rows["metric"] + rows["group"].map(lambda g: "" if g in ("", "all") else f" ({g})")
    rows["dates"] = rows["unit"] == "days moved"
    scale = rows["base_mean"].abs().where(~rows["dates"] & (rows["base_mean"].abs() > 0))
    rows["relative"] = scale.notna()
    factor = (100.0 / scale).where(rows["relative"], 1.0)
    for column in ["difference", "ci95_low", "ci95_high"]:
        rows[f"shown_{column}"] = rows[column] * factor
    rows["size"] = rows["shown_difference"].abs()
    rows = rows.sort_values("size", ascending=False).head(MAX_DIFFERENCES)
    return rows.sort_values(["dates", "size"], ascending=[False, True]).reset_index(drop=True)


def differences(compare: pd.DataFrame, axes: Optional[Sequence[plt.Axes]] = None) -> Sequence[plt.Axes]:
    """Left: dates moved (days), right: other metrics (% of the baseline's mean), each a point with
    its 95% interval; a metric whose interval crosses zero is not shown (nothing moved for sure)."""
    rows = moved(compare)
    dates, others = rows[rows["dates"]], rows[~rows["dates"]]
    if axes is None:
        n = max(len(dates), len(others), 1)
        _, axes = plt.subplots(1, 2, figsize=(13, 0.32 * n + 1.8), gridspec_kw={"width_ratios": [2, 3]})
    for ax, part, unit in [(axes[0], dates, "days moved (what-if minus baseline)"),
                           (axes[1], others, "what-if minus baseline, % of the baseline's mean")]:
        ax.axvline(0, color="#777777", lw=1)
        if part.empty:
            ax.text(0.5, 0.5, "nothing moved beyond its interval", ha="center", va="center", transform=ax.transAxes)
            ax.set_yticks([])
        else:
            y = list(range(len(part)))
            colours = [WHAT_IF if d > 0 else BASE for d in part["shown_difference"]]
            low = (part["shown_difference"] - part["shown_ci95_low"]).clip(lower=0)
            high = (part["shown_ci95_high"] - part["shown_difference"]).clip(lower=0)
            ax.errorbar(part["shown_difference"], y, xerr=[low, high], fmt="none", ecolor="black", lw=1, capsize=3)
            ax.scatter(part["shown_difference"], y, c=colours, zorder=3)
            absolute = ~part["relative"] & ~part["dates"]
            ax.set_yticks(y, part["label"] + absolute.map(lambda a: " *" if a else ""), fontsize=8)
            ax.set_ylim(-0.6, len(part) - 0.4)
        ax.set_xlabel(unit, fontsize=9)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", color="#dddddd")
        ax.set_axisbelow(True)
    axes[0].set_title("Dates that moved")
    axes[1].set_title("Other metrics that moved (* absolute: the baseline's is 0)")
    return axes


def participation_by_group(participation: pd.DataFrame) -> pd.DataFrame:
    """Per grouping and group: delegations present per meeting, mean over meetings and replications."""
    rows = participation[participation["grouping"].isin(["regional_group", "development"])]
    out = rows.groupby(["grouping", "group"], sort=False)["delegations_present"].mean().reset_index()
    out["label"] = out["group"].map(lambda g: plot.GROUP_LABELS.get(g, g))
    return out


def participation(base: pd.DataFrame, whatif: pd.DataFrame,
                  axes: Optional[Sequence[plt.Axes]] = None) -> Sequence[plt.Axes]:
    """Delegations present per meeting by regional group and by development status, both plans."""
    b, w = participation_by_group(base), participation_by_group(whatif)
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 4.2), gridspec_kw={"width_ratios": [5, 3]})
    titles = {"regional_group": "By regional group", "development": "By development status"}
    for ax, grouping in zip(axes, ["regional_group", "development"]):
        bp = b[b["grouping"] == grouping].set_index("group")
        wp = w[w["grouping"] == grouping].set_index("group").reindex(bp.index)
        x = list(range(len(bp)))
        width = 0.38
        ax.bar([i - width / 2 for i in x], bp["delegations_present"], width, label="baseline", color=BASE)
        ax.bar([i + width / 2 for i in x], wp["delegations_present"], width, label="what-if", color=WHAT_IF)
        ax.set_xticks(x, bp["label"], fontsize=9)
        ax.set_ylabel("delegations present per meeting (mean)")
        ax.set_title(titles[grouping])
        ax.grid(axis="y", color="#dddddd")
        ax.set_axisbelow(True)
    axes[0].legend(fontsize=8)
    return axes


def trust_fund(base: pd.DataFrame, whatif: pd.DataFrame, ax: Optional[plt.Axes] = None) -> plt.Axes:
    """The trust fund's balance over time (OP31), both plans: the mean over replications and its
    min-max band; raised to date dashed."""
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 4.2))
    for ledger, label, colour in [(base, "baseline", BASE), (whatif, "what-if", WHAT_IF)]:
        if ledger.empty:
            continue
        money = plot.trust_fund_money(ledger) / 1e6
        ax.step(money.index, money["balance"], where="post", color=colour, label=f"{label}: balance")
        ax.fill_between(money.index, money["balance_min"], money["balance_max"], step="post", color=colour, alpha=0.2)
        ax.step(money.index, money["raised"], where="post", color=colour, ls="--", lw=1,
                label=f"{label}: raised to date")
    ax.set_ylabel("USD million")
    ax.set_title("Trust fund: balance over time (band: min-max over replications)")
    ax.legend(fontsize=8, loc="upper left")
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(color="#dddddd")
    ax.set_axisbelow(True)
    return ax


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m gcmsim.compare_plot",
                                     description="Write compare_gantt.png, compare_differences.png, "
                                                 "compare_participation.png and compare_trust_fund.png into the "
                                                 "folder of a gcmsim compare.")
    parser.add_argument("compare_dir", type=Path, help="the output folder of `gcmsim compare` (its -o)")
    parser.add_argument("--base", type=Path, required=True, help="a `gcmsim run` folder of the baseline")
    parser.add_argument("--whatif", type=Path, required=True, help="a `gcmsim run` folder of the what-if")
    parser.add_argument("--dpi", type=int, default=130)
    parser.add_argument("--quiet", "-q", action="store_true", help="do not list the files written")
    args = parser.parse_args(argv)
    try:
        compare = read_compare(args.compare_dir)
        base, whatif = plot.read_results(args.base), plot.read_results(args.whatif)
    except (FileNotFoundError, ValueError) as e:
        print(f"gcmsim.compare_plot: error: {e}", file=sys.stderr)
        return 2
    out = args.compare_dir
    written = []

    def save(figure: plt.Figure, name: str) -> None:
        figure.tight_layout()
        written.append(out / name)
        plot._save(figure, written[-1], args.dpi)

    runs = int(base["timeline"]["replication"].nunique())
    ax = plot.gantt(base["timeline"], whatif["timeline"], labels=("baseline", "what-if"),
                    title=f"The what-if's dates over the baseline's ({runs} paired replications)")
    save(ax.figure, "compare_gantt.png")
    save(differences(compare)[0].figure, "compare_differences.png")
    save(participation(base["participation"], whatif["participation"])[0].figure, "compare_participation.png")
    save(trust_fund(base["trust_fund"], whatif["trust_fund"]).figure, "compare_trust_fund.png")
    if not args.quiet:
        for path in written:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
