"""Executes one notebook headless with nbclient, as CI does, and fails on any error.

    /usr/bin/python3 execute_notebook.py NOTEBOOK [--png-dir DIR] [--output EXECUTED.ipynb]

A cell that raises (a failed `assert` included) fails the run and is printed. Also checked: no
empty code cell, every code cell ran, every figure cell is preceded by a markdown cell (the
sentence of why), and the notebook ends with assertions. With --png-dir, every figure the notebook
draws is written there as NAME-<cell>-<n>.png, to look at. With --output, the executed notebook is
saved (`./gcm notebooks` turns it into an HTML handout).
"""
import argparse
import base64
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


class Client(NotebookClient):
    """nbclient 0.7 expects a widget's state in its comm-open message; Debian 12's ipywidgets 6
    sends it in the update that follows. Such a widget is left to the kernel instead of failing."""

    def on_comm_open_jupyter_widget(self, msg):
        if "state" not in msg["content"].get("data", {}):
            return None
        return super().on_comm_open_jupyter_widget(msg)


def check_structure(nb, name):
    problems = []
    cells = nb.cells
    code = [c for c in cells if c.cell_type == "code"]
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and not cell.source.strip():
            problems.append(f"cell {i}: empty code cell")
    if not code or "assert" not in code[-1].source:
        problems.append("the last code cell asserts nothing")
    return [f"{name}: {p}" for p in problems]


def figures(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        n = 0
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                n += 1
                yield i, n, base64.b64decode(data["image/png"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--png-dir", type=Path)
    parser.add_argument("--output", type=Path, help="where to save the executed notebook")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    problems = check_structure(nb, args.notebook.name)
    client = Client(nb, timeout=args.timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(args.notebook.parent)}})
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"{args.notebook.name}: a cell failed:\n{e}", file=sys.stderr)
        return 1
    wall = time.monotonic() - start

    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.get("execution_count") is None:
            problems.append(f"{args.notebook.name}: cell {i} did not run")
        has_figure = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
        if has_figure and (i == 0 or nb.cells[i - 1].cell_type != "markdown"):
            problems.append(f"{args.notebook.name}: cell {i} draws a figure with no sentence of why above it")
    drawn = list(figures(nb))
    if not drawn:
        problems.append(f"{args.notebook.name}: draws no figure")
    if args.png_dir:
        args.png_dir.mkdir(parents=True, exist_ok=True)
        for i, n, png in drawn:
            (args.png_dir / f"{args.notebook.stem}-{i:02d}-{n}.png").write_bytes(png)
    if args.output:
        nbformat.write(nb, args.output)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{args.notebook.name}: {len(nb.cells)} cells, {len(drawn)} figures, {wall:.1f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
