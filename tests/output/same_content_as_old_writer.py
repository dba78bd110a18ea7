#!/usr/bin/python3
"""Checks that the outputs writer gives the same content as an older one, on a daily run.

Not a ctest test: it builds another commit. Run by hand when the writer changes:

    tests/output/same_content_as_old_writer.py --old-commit 94d1dad --new ../src-build/cli/gcmsim

It checks out OLD_COMMIT in a scratch folder (git worktree, removed afterwards), builds only its
`gcmsim` target there (Release, the same compiler and ccache), runs the baseline with both binaries
and the same seed (the new one with `outputs.positions: daily`, which is what the old one always
wrote), and compares every file: byte for byte (`cmp`), except
- manifest.json: version, content hash (the set differs) and wall time differ by nature; the event
  count and the fingerprint of the event sequence must be equal;
- votes.csv and outcome.json: a dissociation after agreement is no longer a departure (issue 24's
  one vocabulary), so the old files are first mapped to what they meant: a `dissociated` state's
  left_at and left_because are emptied, and outcome.json's withdrawals/withdrawn become
  left_process (without the dissociated states) and dissociations becomes
  dissociated_after_agreement; then the text must be the same;
- positions.csv: the new writer gives positions to the precision the model carries (1e-12 of the
  scale's span: 15, not 14.999999999999986), so every field but the position is compared as text
  and each old position, rounded to that grid, must equal the new one exactly.
Exit 0 when everything agrees; otherwise it prints what differs and exits 1.
"""
import argparse
import csv
import filecmp
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def build_old(commit: str, scratch: Path) -> Path:
    src, build = scratch / "src", scratch / "src-build"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(src), commit], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "-S", str(src), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                    "-DCMAKE_CXX_COMPILER_LAUNCHER=ccache", "-DGCMSIM_WARNINGS_AS_ERRORS=ON"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", str(build), "--target", "gcmsim", "-j2"], check=True, stdout=subprocess.DEVNULL)
    return build / "cli" / "gcmsim"


def run(binary: Path, out: Path, extra: list, seed: int) -> None:
    subprocess.run([str(binary), "run", "-q", "--seed", str(seed), "--out", str(out), *extra], check=True, cwd=REPO)


def on_grid(value: float, span: float) -> float:
    grid = 10.0 ** (12 - math.floor(math.log10(span)))
    steps = value * grid
    if not abs(steps) < 2.0 ** 52:
        return value
    return math.copysign(math.floor(abs(steps) + 0.5), steps) / grid  # std::round: ties away from 0


def compare_positions(old: Path, new: Path, span: float) -> list:
    problems = []
    with open(old, newline="") as fo, open(new, newline="") as fn:
        ro, rn = csv.reader(fo), csv.reader(fn)
        header_o, header_n = next(ro), next(rn)
        if header_o != header_n:
            return [f"positions.csv: header {header_n} != {header_o}"]
        at = header_o.index("position")
        rows = 0
        for line, (a, b) in enumerate(zip(ro, rn), start=2):
            rows += 1
            if a[:at] + a[at + 1:] != b[:at] + b[at + 1:]:
                problems.append(f"positions.csv:{line}: {b} != {a}")
            elif on_grid(float(a[at]), span) != float(b[at]):
                problems.append(f"positions.csv:{line}: position {b[at]}, the old {a[at]} on the grid is "
                                f"{on_grid(float(a[at]), span)!r}")
            if len(problems) > 10:
                break
        rest_o, rest_n = sum(1 for _ in ro), sum(1 for _ in rn)
        if rest_o != rest_n:
            problems.append(f"positions.csv: {rows + rest_n} rows, the old writer {rows + rest_o}")
    return problems


def old_votes_as_now(text: str) -> str:
    rows = list(csv.reader(text.splitlines()))
    header = rows[0]
    vote, left_at, because = header.index("vote"), header.index("left_at"), header.index("left_because")
    for row in rows[1:]:
        if row[vote] == "dissociated" or row[header.index("dissociated_at")]:
            row[left_at] = row[because] = ""
    return "".join(",".join(r) + "\n" for r in rows)


def old_outcome_as_now(old: dict) -> dict:
    dissociated = old["dissociations"]["states"]
    out = {}
    for key, value in old.items():
        if key == "withdrawals":
            continue
        if key == "withdrawn":
            left = [s for s in value if s not in dissociated]
            out["left_process"] = {"count": len(left), "states": left}
        elif key == "dissociations":
            out["dissociated_after_agreement"] = value
        else:
            out[key] = value
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", type=Path, help="the old gcmsim binary (else built from --old-commit)")
    ap.add_argument("--old-commit", default="94d1dad", help="commit whose writer is the reference (default: the "
                    "last before positions were written to the model's precision)")
    ap.add_argument("--new", type=Path, required=True, help="the gcmsim binary under test")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale-span", type=float, default=100.0, help="the baseline's negotiation scale, max - min")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="gcmsim-old-writer-") as tmp:
        scratch = Path(tmp)
        old = args.old
        try:
            if old is None:
                old = build_old(args.old_commit, scratch / "old")
            run(old, scratch / "out-old", [], args.seed)
            run(args.new.resolve(), scratch / "out-new", ["--set", "outputs.positions=daily"], args.seed)
        finally:
            if args.old is None and (scratch / "old" / "src").exists():
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(scratch / "old" / "src")])
        a, b = scratch / "out-old", scratch / "out-new"
        names_a, names_b = sorted(os.listdir(a)), sorted(os.listdir(b))
        problems = [] if names_a == names_b else [f"files: {names_b} != {names_a}"]
        for name in sorted(set(names_a) & set(names_b)):
            if name == "manifest.json":
                ma, mb = json.loads((a / name).read_text()), json.loads((b / name).read_text())
                for key in ("events", "fingerprint", "seed", "replication", "scenario_path"):
                    if ma[key] != mb[key]:
                        problems.append(f"manifest.json: {key} {mb[key]} != {ma[key]}")
            elif name == "votes.csv":
                if old_votes_as_now((a / name).read_text()) != (b / name).read_text():
                    problems.append(f"votes.csv: differs beyond the dissociations (diff {a / name} {b / name})")
                else:
                    print("same content: votes.csv (dissociated states no longer have a departure date)")
            elif name == "outcome.json":
                if old_outcome_as_now(json.loads((a / name).read_text())) != json.loads((b / name).read_text()):
                    problems.append(f"outcome.json: differs beyond the renamed keys (diff {a / name} {b / name})")
                else:
                    print("same content: outcome.json (left_process and dissociated_after_agreement apart)")
            elif name == "positions.csv":
                problems += compare_positions(a / name, b / name, args.scale_span)
            elif not filecmp.cmp(a / name, b / name, shallow=False):
                problems.append(f"{name}: differs (cmp {a / name} {b / name})")
            else:
                print(f"same bytes: {name} ({(a / name).stat().st_size} bytes)")
        for p in problems:
            print(p)
        if problems:
            return 1
        print("positions.csv: same rows; every position the old one's on the model's grid")
        print("manifest.json: same events and fingerprint")
        return 0


if __name__ == "__main__":
    sys.exit(main())
