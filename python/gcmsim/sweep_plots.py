"""Plots of a sweep's analyses (docs/experiments.md): Sobol indices with their intervals and the
convergence check, Morris's mu* against sigma, and PRIM's coverage-density trade-off and box.

    import gcmsim, gcmsim.sweep_plots as sp
    runs = gcmsim.sweep("scenarios/sweeps/negotiation-sobol.yaml", out="results/negotiation-sobol")
    sp.sobol(runs.attrs["sensitivity"], "conference_adopt")
    found = gcmsim.discover("results/negotiation-lhs", "conference_adopt < 150")
    sp.prim_tradeoff(found); sp.prim_box(found)
"""
from __future__ import annotations

from typing import Optional

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm
from matplotlib.lines import Line2D
from matplotlib.patches import Patch


def sobol(sensitivity: pd.DataFrame, metric: str, ax: Optional[plt.Axes] = None) -> plt.Axes:
    """First-order (S1) and total (ST) indices of one metric with their 95% bootstrap intervals;
    the estimate on the first half of the sample as a hollow marker (the convergence check); an
    index flagged as not converged is drawn pale and its parameter marked with '?'. A constant
    metric is said so in the title, with its value."""
    part = sensitivity[sensitivity.metric == metric].reset_index(drop=True)
    if part.empty:
        raise ValueError(f"no indices for metric {metric!r}; sensitivity.csv has {sorted(set(sensitivity.metric))}")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.8 + 0.7 * len(part)))
    y = np.arange(len(part))
    constant = part["flags"].fillna("").eq("constant").all()
    if constant:  # nothing to draw but the fact
        value = part["constant"].iloc[0]
        ax.text(0.5, 0.5, f"{metric} = {value:g} in every run:\nno variance, so no Sobol index", ha="center",
                va="center", transform=ax.transAxes)
        ax.set_yticks(y, part.parameter)
        ax.set_xticks([])
        ax.set_title(f"{metric}: the same in every run")
        ax.figure.tight_layout()
        return ax
    for offset, kind, colour in [(-0.18, "S1", "#1f77b4"), (0.18, "ST", "#d62728")]:
        value = part[kind].to_numpy(dtype=float)
        low = part[f"{kind}_low"].to_numpy(dtype=float)
        high = part[f"{kind}_high"].to_numpy(dtype=float)
        flagged = part["flags"].fillna("").str.contains(kind).to_numpy()
        for i in range(len(part)):
            if np.isnan(value[i]):
                continue
            alpha = 0.35 if flagged[i] else 1.0
            ax.barh(y[i] + offset, value[i], height=0.34, color=colour, alpha=alpha)
            ax.errorbar(value[i], y[i] + offset, xerr=[[value[i] - low[i]], [high[i] - value[i]]], fmt="none",
                        ecolor="black", capsize=3, lw=1)
        half = part[f"{kind}_half"].to_numpy(dtype=float)
        ax.scatter(half, y + offset, facecolors="none", edgecolors="black", s=28, zorder=3)
    labels = [p + ("" if c else "  ?") for p, c in zip(part.parameter, part.converged.astype(str).str.lower() == "true")]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_xlabel("Sobol index, 95% bootstrap interval\n(pale bar, '?' by the name: not converged; a larger N is needed)")
    n = int(part.rows.iloc[0]) if "rows" in part else 0
    ax.set_title(f"{metric}: Sobol indices, N = {n} base rows")
    # The legend's swatches in full colour, whichever bar happens to be drawn first (a pale one is
    # an index that has not converged, not another kind of index).
    handles = [Patch(color="#1f77b4", label="S1"), Patch(color="#d62728", label="ST"),
               Line2D([], [], ls="", marker="o", markerfacecolor="none", markeredgecolor="black",
                      label="estimate on the first half of the sample")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    ax.figure.tight_layout()
    return ax


def morris(indices: pd.DataFrame, metric: str, ax: Optional[plt.Axes] = None) -> plt.Axes:
    """Morris screening of one metric: mu* (with its interval) against sigma, one point per
    parameter; far right matters, high up interacts or is nonlinear."""
    part = indices[indices.metric == metric]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4.5))
    ax.errorbar(part.mu_star, part.sigma, xerr=[part.mu_star - part.mu_star_low, part.mu_star_high - part.mu_star],
                fmt="o", capsize=3)
    for _, row in part.iterrows():
        ax.annotate(row.parameter, (row.mu_star, row.sigma), textcoords="offset points", xytext=(5, 4), fontsize="small")
    ax.set_xlabel("mu* (mean |elementary effect| per unit of the parameter's range)")
    ax.set_ylabel("sigma (spread of the effects)")
    ax.set_title(f"{metric}: Morris screening")
    return ax


def prim_tradeoff(found: dict, ax: Optional[plt.Axes] = None) -> plt.Axes:
    """PRIM's peeling trajectory: coverage against density, coloured by the number of parameters
    the box restricts; the chosen box (before pasting) and the final box marked."""
    t = found["trajectory"]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4.5))
    most = int(t.restricted.max())
    levels = np.arange(-0.5, most + 1.5)  # one colour per whole number of restricted parameters
    points = ax.scatter(t.coverage, t.density, c=t.restricted, cmap="viridis",
                        norm=BoundaryNorm(levels, plt.get_cmap("viridis").N), s=22)
    plt.colorbar(points, ax=ax, label="parameters restricted", ticks=range(most + 1))
    chosen = t.iloc[found["chosen"]]
    ax.scatter([chosen.coverage], [chosen.density], marker="s", s=90, facecolors="none", edgecolors="red",
               label=f"chosen (box {found['chosen']})")
    ax.scatter([found["coverage"]], [found["density"]], marker="*", s=160, color="red", label="after pasting")
    ax.set_xlabel("coverage (cases in the box / all cases)")
    ax.set_ylabel("density (cases in the box / runs in the box)")
    ax.set_title(f"PRIM: {found['where']} ({found['cases']} of {found['runs']} runs)")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower left", fontsize="small")
    return ax


def _qp(value: float) -> str:
    """A quasi-p-value as text; one too small for a double (it underflows to 0) says so."""
    return "qp < 1e-300" if value == 0 else f"qp {value:.2g}"


def prim_box(found: dict, ax: Optional[plt.Axes] = None) -> plt.Axes:
    """The box's limits on each parameter, as a share of its range in the sweep (grey: the whole
    range; blue: the box), with each restricted limit's quasi-p-value."""
    box = found["box"]
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 1.4 + 0.5 * len(box)))
    for i, row in box.reset_index(drop=True).iterrows():
        span = row["max"] - row["min"] or 1.0
        low = (row.low - row["min"]) / span
        high = (row.high - row["min"]) / span
        ax.barh(i, 1.0, color="#dddddd", height=0.6)
        ax.barh(i, high - low, left=low, color="#1f77b4", height=0.6)
        notes = []
        if row.restricted_low:
            notes.append(f"≥ {row.low:.4g} ({_qp(row.qp_low)})")
        if row.restricted_high:
            notes.append(f"≤ {row.high:.4g} ({_qp(row.qp_high)})")
        ax.text(1.02, i, ", ".join(notes) or "not restricted", va="center", fontsize="small")
    ax.set_yticks(range(len(box)), box.parameter)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the parameter's range in the sweep")
    ax.set_title(f"PRIM box: coverage {found['coverage']:.2f}, density {found['density']:.2f} "
                 f"({found['cases_in_box']} of {found['runs_in_box']} runs in the box)")
    ax.figure.subplots_adjust(left=0.2, right=0.6, bottom=0.25)  # room for the limits' texts on the right
    return ax
