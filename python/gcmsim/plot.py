"""Figures of a run, for planners: a Gantt chart of planned against simulated dates and the
participation of regional groups and development groups against their share of the membership.

From a shell, beside the CSVs of a finished `gcmsim run` (one or many replications):

    python3 -m gcmsim.plot results/     # writes results/gantt.png, participation.png, trust_fund.png
    gcmsim run -o results/ --plots      # the same, right after the run

From Python, on Results.timeline / Results.participation (the notebooks use the same functions).
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
import matplotlib.ticker
import matplotlib.patches as mpatches
import matplotlib.pyplot as plt
import pandas as pd

from . import _tables

PLANNED = "#c9c9c9"
SIMULATED = "#3b75af"
CRITICAL = "#c0392b"
WHAT_IF = "#e69f00"

GROUP_LABELS = {
    "african": "African", "asia_pacific": "Asia-Pacific", "eastern_european": "Eastern European",
    "latin_american_caribbean": "GRULAC", "western_european_others": "WEOG",
    "developed": "Developed", "developing": "Developing (not LDC)", "least_developed": "LDC",
}


def activity_spread(timeline: pd.DataFrame) -> pd.DataFrame:
    """Per activity, in planned order: planned dates, and the simulated start and end across
    replications (median, and the 10th and 90th percentiles: the bar's spread)."""
    day = pd.Timedelta(days=1)
    rows = []
    for activity, runs in timeline.groupby("id", sort=False):
        first = runs.iloc[0]
        rows.append({
            "id": activity, "kind": first["kind"], "critical": bool(first["on_critical_path"]),
            "planned_start": first["planned_start"], "planned_end": first["planned_end"] + day,
            "start": runs["simulated_start"].median(), "end": runs["simulated_end"].median(),
            "end_p10": runs["simulated_end"].quantile(0.1), "end_p90": runs["simulated_end"].quantile(0.9),
            "slip_days": runs["slip_days"].astype("float64").mean(),
            "runs": int(runs["simulated_end"].notna().sum()),
        })
    frame = pd.DataFrame(rows)
    return frame.sort_values(["planned_start", "planned_end"], kind="stable").reset_index(drop=True)


def gantt(timeline: pd.DataFrame, what_if: Optional[pd.DataFrame] = None, ax: Optional[plt.Axes] = None,
          labels: Sequence[str] = ("simulated", "what-if"), title: str = "") -> plt.Axes:
    """Planned (grey) against simulated (blue; red on the critical path) dates, one row per
    activity; the whisker spans the 10th-90th percentile of the simulated end across replications.
    With `what_if` (another run's timeline), its simulated bars sit below, in orange."""
    base = activity_spread(timeline)
    other = activity_spread(what_if).set_index("id") if what_if is not None else None
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 0.24 * len(base) + 1.5))
    height = 0.36 if other is not None else 0.6
    for y, row in base.iterrows():
        ax.barh(y, row.planned_end - row.planned_start, left=row.planned_start, height=0.8,
                color=PLANNED, edgecolor="none")
        if pd.notna(row.start) and pd.notna(row.end):
            colour = CRITICAL if row.critical else SIMULATED
            offset = -height / 2 if other is not None else 0
            ax.barh(y + offset, row.end - row.start, left=row.start, height=height, color=colour)
            if row.end_p90 > row.end_p10:
                ax.plot([row.end_p10, row.end_p90], [y + offset] * 2, color="black", lw=1)
        if other is not None and row.id in other.index:
            o = other.loc[row.id]
            if pd.notna(o.start) and pd.notna(o.end):
                ax.barh(y + height / 2, o.end - o.start, left=o.start, height=height, color=WHAT_IF)
                if o.end_p90 > o.end_p10:
                    ax.plot([o.end_p10, o.end_p90], [y + height / 2] * 2, color="black", lw=1)
    ax.set_yticks(range(len(base)), base["id"], fontsize=8)
    ax.set_ylim(len(base) - 0.5, -0.5)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    ax.xaxis.set_minor_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(axis="x", which="major", color="#dddddd")
    ax.set_axisbelow(True)
    handles = [mpatches.Patch(color=PLANNED, label="planned"),
               mpatches.Patch(color=SIMULATED, label=f"{labels[0]} (median)"),
               mpatches.Patch(color=CRITICAL, label=f"{labels[0]}, on the critical path")]
    if other is not None:
        handles.append(mpatches.Patch(color=WHAT_IF, label=f"{labels[1]} (median)"))
    handles.append(plt.Line2D([], [], color="black", lw=1, label="end, 10th-90th percentile"))
    ax.legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.95)
    replications = int(timeline["replication"].nunique()) if "replication" in timeline else 1
    ax.set_title(title or f"Planned against simulated dates ({replications} replication"
                 f"{'s' if replications != 1 else ''})")
    return ax


def participation_shares(participation: pd.DataFrame) -> pd.DataFrame:
    """Per group (regional groups and development status): its share of the membership, of the
    delegations present (summed over meetings) and of the minutes spoken, and the funded trips."""
    rows = participation[participation["grouping"].isin(["regional_group", "development"])]
    one_meeting = rows.drop_duplicates(subset=["grouping", "group"])
    out = []
    for grouping, part in rows.groupby("grouping", sort=False):
        totals = part[["delegations_present", "speaking_minutes"]].astype("float64").sum()
        members = one_meeting[one_meeting.grouping == grouping].set_index("group")["members"].astype("float64")
        for group, g in part.groupby("group", sort=False):
            out.append({
                "grouping": grouping, "group": group, "label": GROUP_LABELS.get(group, group),
                "membership": members[group] / members.sum(),
                "attendance": float(g["delegations_present"].astype("float64").sum()) / totals["delegations_present"],
                "speaking": (float(g["speaking_minutes"].sum()) / totals["speaking_minutes"]
                             if totals["speaking_minutes"] > 0 else float("nan")),
                "funded_trips": float(g["funded"].astype("float64").sum()),
            })
    return pd.DataFrame(out)


def participation(participation_table: pd.DataFrame, axes: Optional[Sequence[plt.Axes]] = None) -> Sequence[plt.Axes]:
    """Membership, attendance and speaking shares side by side: a group above its membership share
    is over-represented in the room or on the floor, below it under-represented."""
    shares = participation_shares(participation_table)
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 4.2), gridspec_kw={"width_ratios": [5, 3]})
    titles = {"regional_group": "By regional group", "development": "By development status"}
    for ax, (grouping, part) in zip(axes, shares.groupby("grouping", sort=False)):
        x = range(len(part))
        width = 0.27
        ax.bar([i - width for i in x], part["membership"], width, label="membership", color="#bbbbbb")
        ax.bar(list(x), part["attendance"], width, label="delegations present", color=SIMULATED)
        ax.bar([i + width for i in x], part["speaking"], width, label="speaking minutes", color=WHAT_IF)
        ax.set_xticks(list(x), part["label"], fontsize=9)
        ax.set_ylabel("share of the total")
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        ax.set_title(titles.get(grouping, grouping))
        ax.grid(axis="y", color="#dddddd")
        ax.set_axisbelow(True)
    axes[0].legend(fontsize=8)
    return axes


def trust_fund_money(ledger: pd.DataFrame) -> pd.DataFrame:
    """The fund's money day by day, from trust_fund.csv (every replication stacked): per day,
    raised and spent to date and the balance at the day's end, as the mean over replications and,
    for the balance, its min and max."""
    ledger = ledger.assign(day=ledger["time"].dt.normalize())
    if "replication" not in ledger:
        ledger = ledger.assign(replication=0)
    days = pd.date_range(ledger["day"].min(), ledger["day"].max(), freq="D")
    per_run = []
    for _, run in ledger.groupby("replication"):
        flows = run.pivot_table(index="day", columns="flow", values="amount_usd", aggfunc="sum")
        flows = flows.reindex(days).fillna(0.0).reindex(columns=["contribution", "trip"], fill_value=0.0).cumsum()
        balance = run.groupby("day")["balance_usd"].last().reindex(days).ffill().fillna(0.0)
        per_run.append(pd.DataFrame({"raised": flows["contribution"], "spent": flows["trip"], "balance": balance}))
    stacked = pd.concat(per_run, keys=range(len(per_run)), names=["run", "day"])
    money = stacked.groupby(level="day").mean()
    money["balance_min"] = stacked["balance"].groupby(level="day").min()
    money["balance_max"] = stacked["balance"].groupby(level="day").max()
    return money


def trust_fund(ledger: pd.DataFrame, participation_table: pd.DataFrame,
               axes: Optional[Sequence[plt.Axes]] = None) -> Sequence[plt.Axes]:
    """Left: the trust fund's money over time (OP31), raised and spent to date and the balance
    (mean over replications, the band its min-max). Right: who it paid for, trips funded to date by
    development status (mean over replications), from participation.csv."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    money = trust_fund_money(ledger) / 1e6
    left, right = axes
    left.step(money.index, money["raised"], where="post", color="#777777", label="raised to date")
    left.step(money.index, money["spent"], where="post", color=CRITICAL, label="spent to date")
    left.step(money.index, money["balance"], where="post", color=SIMULATED, label="balance")
    left.fill_between(money.index, money["balance_min"], money["balance_max"], step="post", color=SIMULATED,
                      alpha=0.2, label="balance, min-max over replications")
    left.set_ylabel("USD million")
    left.set_title("Trust fund: money raised, spent and held")
    left.legend(fontsize=8, loc="upper left")
    runs = participation_table["replication"].nunique() if "replication" in participation_table else 1
    funded = participation_table[participation_table["grouping"] == "development"]
    funded = (funded.groupby(["date", "group"])["funded"].sum().astype("float64").div(runs)
              .unstack("group").fillna(0.0).cumsum())
    colours = {"developed": "#999999", "developing": WHAT_IF, "least_developed": SIMULATED}
    for group in funded.columns:
        right.step(funded.index, funded[group], where="post", color=colours.get(group),
                   label=GROUP_LABELS.get(group, group))
    right.set_ylabel("trips funded to date")
    right.set_title("Who the trust fund paid for")
    right.legend(title="development status", fontsize=8)
    for ax in axes:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
        ax.grid(color="#dddddd")
        ax.set_axisbelow(True)
    return axes


def read_results(folder: Path) -> dict[str, pd.DataFrame]:
    """The timeline, participation and trust fund of a `gcmsim run` output folder, every replication stacked
    (rep-NNNN/ subfolders when there were several)."""
    runs = sorted(folder.glob("rep-*/timeline.csv"))
    folders = [p.parent for p in runs] if runs else [folder]
    tables = {}
    for table in ["timeline", "participation", "trust_fund"]:
        texts = []
        for replication, f in enumerate(folders):
            path = f / f"{table}.csv"
            if not path.is_file():
                raise FileNotFoundError(f"{path}: no such file (is {folder} the output folder of gcmsim run?)")
            texts.append((replication, path.read_text()))
        tables[table] = _tables.stack(table, texts)
    return tables


def _save(figure: plt.Figure, path: Path, dpi: int) -> None:
    """Written beside, then renamed: the PNG exists whole or not at all."""
    partial = path.with_name(f".{path.name}.tmp")
    figure.savefig(partial, dpi=dpi, format="png")
    partial.replace(path)
    plt.close(figure)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m gcmsim.plot",
                                     description="Write gantt.png, participation.png and trust_fund.png beside the "
                                                 "CSVs of a gcmsim run.")
    parser.add_argument("results_dir", type=Path, help="the output folder of `gcmsim run` (its -o)")
    parser.add_argument("--dpi", type=int, default=130)
    parser.add_argument("--quiet", "-q", action="store_true", help="do not list the files written")
    args = parser.parse_args(argv)
    try:
        tables = read_results(args.results_dir)
    except (FileNotFoundError, ValueError) as e:
        print(f"gcmsim.plot: error: {e}", file=sys.stderr)
        return 2
    written = []
    ax = gantt(tables["timeline"])
    ax.figure.tight_layout()
    written.append(args.results_dir / "gantt.png")
    _save(ax.figure, written[-1], args.dpi)
    axes = participation(tables["participation"])
    axes[0].figure.tight_layout()
    written.append(args.results_dir / "participation.png")
    _save(axes[0].figure, written[-1], args.dpi)
    axes = trust_fund(tables["trust_fund"], tables["participation"])
    axes[0].figure.tight_layout()
    written.append(args.results_dir / "trust_fund.png")
    _save(axes[0].figure, written[-1], args.dpi)
    if not args.quiet:
        for path in written:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
