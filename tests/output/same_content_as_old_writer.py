#!/usr/bin/python3
"""Checks that the outputs writer gives the same content as an older one, on a daily run.

Not a ctest test: it builds another commit (tests/output/reshaped_outputs_test.cpp is the ctest
check, against the older writers kept in the test). Run by hand when the writer changes:

    tests/output/same_content_as_old_writer.py --new ../src-build/cli/gcmsim

It checks out OLD_COMMIT (default fdf9424, the last writer before positions.csv went wide) in a
scratch folder (git worktree, removed afterwards), builds only its `gcmsim` target there (Release,
the same compiler and ccache), runs the baseline with both binaries and the same seed (both with
`outputs.positions: daily`, the new one with `outputs.attendance: true` too, which the old one
always wrote), and compares every file byte for byte (`cmp`), except
- manifest.json: version, content hash (the sets differ) and wall time differ by nature; the event
  count and the fingerprint of the event sequence must be equal;
- positions.csv: the new one has a column per dimension and no state name; it is melted back to a
  row per dimension, with the name from states.csv, and must then be the old text byte for byte;
- acceptance.csv and attendance.csv: keyed by iso3 (and attendance.csv by the meeting's id alone);
  the state's name from states.csv and the meeting's kind, venue and date from timeline.csv are put
  back, and the text must be the old one byte for byte;
- states.csv: new (the names the three tables above no longer repeat).
Exit 0 when everything agrees; otherwise it prints what differs and exits 1.
"""
import argparse
import csv
import filecmp
import io
import json
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


def rows(path: Path) -> list:
    with open(path, newline="") as f:
        return list(csv.reader(f))


def text(table: list) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue()


def reshaped(new: Path) -> dict:
    """The new folder's positions.csv, acceptance.csv and attendance.csv in the old writer's shape."""
    name = {r[0]: r[1] for r in rows(new / "states.csv")[1:]}
    timeline = rows(new / "timeline.csv")
    meeting = {t[0]: [t[1], t[3], t[6][:10]] for t in timeline[1:]}  # kind, venue, simulated start's day
    pos = rows(new / "positions.csv")
    long = [["round", "day", "time", "iso3", "state", "dimension", "position"]]
    for r in pos[1:]:
        long += [[*r[:4], name[r[3]], dimension, value] for dimension, value in zip(pos[0][4:], r[4:])]
    acc = rows(new / "acceptance.csv")
    acc = [[*acc[0][:4], "state", *acc[0][4:]]] + [[*r[:4], name[r[3]], *r[4:]] for r in acc[1:]]
    att = rows(new / "attendance.csv")
    att = ([[att[0][0], "kind", "venue", "date", att[0][1], "state", *att[0][2:]]] +
           [[r[0], *meeting[r[0]], r[1], name[r[1]], *r[2:]] for r in att[1:]])
    return {"positions.csv": text(long), "acceptance.csv": text(acc), "attendance.csv": text(att)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", type=Path, help="the old gcmsim binary (else built from --old-commit)")
    ap.add_argument("--old-commit", default="fdf9424", help="commit whose writer is the reference (default: the "
                    "last before positions.csv went wide and the names moved to states.csv)")
    ap.add_argument("--new", type=Path, required=True, help="the gcmsim binary under test")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="gcmsim-old-writer-") as tmp:
        scratch = Path(tmp)
        old = args.old
        daily = ["--set", "outputs.positions=daily"]
        try:
            if old is None:
                old = build_old(args.old_commit, scratch / "old")
            run(old, scratch / "out-old", daily, args.seed)
            run(args.new.resolve(), scratch / "out-new", [*daily, "--set", "outputs.attendance=true"], args.seed)
        finally:
            if args.old is None and (scratch / "old" / "src").exists():
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(scratch / "old" / "src")])
        a, b = scratch / "out-old", scratch / "out-new"
        # The folder's bookkeeping (.gcmsim-outputs, .gcmsim.lock) names the files, not their content.
        names_a = sorted(n for n in os.listdir(a) if not n.startswith("."))
        names_b = sorted(n for n in os.listdir(b) if not n.startswith(".") and n != "states.csv")
        problems = [] if names_a == names_b else [f"files: {names_b} != {names_a}"]
        again = reshaped(b)
        for name in sorted(set(names_a) & set(names_b)):
            if name == "manifest.json":
                ma, mb = json.loads((a / name).read_text()), json.loads((b / name).read_text())
                for key in ("events", "fingerprint", "seed", "replication", "scenario_path"):
                    if ma[key] != mb[key]:
                        problems.append(f"manifest.json: {key} {mb[key]} != {ma[key]}")
            elif name in again:
                if again[name] != (a / name).read_text():
                    problems.append(f"{name}: reshaped, differs from the old writer's")
                else:
                    print(f"same bytes once reshaped: {name} ({(a / name).stat().st_size} bytes before, "
                          f"{(b / name).stat().st_size} now)")
            elif not filecmp.cmp(a / name, b / name, shallow=False):
                problems.append(f"{name}: differs (cmp {a / name} {b / name})")
            else:
                print(f"same bytes: {name} ({(a / name).stat().st_size} bytes)")
        for p in problems:
            print(p)
        if problems:
            return 1
        print("manifest.json: same events and fingerprint")
        return 0


if __name__ == "__main__":
    sys.exit(main())
