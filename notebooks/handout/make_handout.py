"""Turns an executed notebook into a handout: one HTML file that reads fully offline.

    /usr/bin/python3 make_handout.py EXECUTED.ipynb OUT.html --node-modules DIR

The formulas of the markdown cells ($...$ and $$...$$) are rendered to MathML by KaTeX (npm, pinned
in package.json and package-lock.json beside this file, installed by the build into DIR), and the
page is exported with handout.html.j2, which leaves out every script the default page would load.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

HERE = Path(__file__).resolve().parent
# Code spans first, so that a `$` inside backticks is never taken for math; then display math, then
# inline math ($ not escaped, not followed by a space, closed on the same paragraph).
TOKENS = re.compile(r"(`+)(?:.|\n)*?\1|\$\$((?:.|\n)+?)\$\$|(?<![\\$])\$(?=\S)((?:[^$\n\\]|\\.)+?)(?<=\S)\$")


def formulas_of(markdown):
    """The (start, end, tex, display) of every formula of one markdown cell."""
    for m in TOKENS.finditer(markdown):
        if m.group(2) is not None:
            yield m.start(), m.end(), m.group(2).strip(), True
        elif m.group(3) is not None:
            yield m.start(), m.end(), m.group(3), False


def render(formulas, node_modules):
    done = subprocess.run(["node", str(HERE / "render_math.mjs")], input=json.dumps(formulas), text=True,
                          capture_output=True, env={**os.environ, "GCMSIM_NODE_MODULES": str(node_modules)})
    if done.returncode != 0:
        sys.exit(done.stderr.strip() or f"render_math.mjs failed with exit code {done.returncode}")
    return json.loads(done.stdout)


def protect(mathml):
    # Markdown reads the cell after this; `_` and `*` inside MathML (identifiers, the TeX annotation)
    # must not turn into emphasis.
    return mathml.replace("_", "&#95;").replace("*", "&#42;")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--node-modules", type=Path, required=True, help="where npm installed katex")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += [(cell, start, end, tex, display) for start, end, tex, display in formulas_of(cell.source)]
    # One node process for every formula of the notebook.
    rendered = render([{"tex": tex, "display": display} for _, _, _, tex, display in found], args.node_modules)
    for (cell, start, end, _, _), mathml in reversed(list(zip(found, rendered))):
        cell.source = cell.source[:start] + protect(mathml) + cell.source[end:]
    for cell in nb.cells:
        if cell.cell_type == "markdown":  # an escaped dollar is a dollar once no formula is left
            cell.source = cell.source.replace("\\$", "&#36;")

    exporter = HTMLExporter(template_file=str(HERE / "handout.html.j2"))
    body, _ = exporter.from_notebook_node(nb)
    if re.search(r"<script[^>]*\ssrc=", body):
        sys.exit(f"{args.output}: the handout still loads a script")
    tmp = args.output.with_name(args.output.name + ".tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(args.output)
    print(f"{args.output}: {len(found)} formulas as MathML, no script to fetch")


if __name__ == "__main__":
    main()
