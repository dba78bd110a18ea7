#!/usr/bin/python3
"""Check a gcmsim scenario file with the C++ loader: a thin client of `gcmsim validate --json`.

Usage:
    /usr/bin/python3 scenarios/tools/check_scenario.py [SCENARIO.yaml] [--strict]

Default scenario: scenarios/gcm-2017-2018.yaml. The rules (schema, references, dates, cycles, the
rules of resolution 71/280) are written once, in the loader (models/loader/); this script only
runs it and prints its findings, one a line:

    ERROR: scenarios/x.yaml:42:7: unknown venue 'genva'; did you mean 'geneva'?
    warning[OP28]: scenarios/x.yaml:80:5: ...

The gcmsim binary is $GCMSIM_BINARY, else the build folder beside the repository
(../<repo>-build/cli/gcmsim, where ./gcm builds it), else `gcmsim` on the PATH.
tests/scenarios/test_check_scenario_agrees.py keeps the script and `gcmsim validate` in agreement.

Exit status: 0 valid (warnings allowed unless --strict), 1 problems found, 2 gcmsim cannot be run
or the file cannot be read.
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SCENARIO = os.path.join(REPO, "scenarios", "gcm-2017-2018.yaml")


def gcmsim_binary():
    if os.environ.get("GCMSIM_BINARY"):
        return os.environ["GCMSIM_BINARY"]
    beside = os.path.join(os.path.dirname(REPO), os.path.basename(REPO) + "-build", "cli", "gcmsim")
    if os.access(beside, os.X_OK):
        return beside
    return shutil.which("gcmsim")


def validate(path, strict=False):
    """The loader's verdict on `path` as the documented JSON of `gcmsim validate --json`."""
    binary = gcmsim_binary()
    if binary is None:
        raise OSError("gcmsim not found: build it with ./gcm build, or set GCMSIM_BINARY")
    command = [binary, "validate", "--json", path] + (["--strict"] if strict else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise OSError(f"gcmsim validate --json gave no JSON (exit {done.returncode}): {done.stderr.strip()}")


def located(d):
    return f"{d['file']}:{d['line']}:{d['column']}: {d['message']}"


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    path = args[0] if args else DEFAULT_SCENARIO
    try:
        report = validate(path, strict="--strict" in argv)
    except OSError as exc:
        sys.stderr.write(f"check_scenario: {exc}\n")
        return 2
    print(f"scenario: {path}")
    for w in report["warnings"]:
        print(f"warning[{w['rule']}]: {located(w)}")
    for e in report["errors"]:
        print(f"ERROR: {located(e)}")
    print("OK" if report["valid"] else f"{len(report['errors'])} problem(s)")
    return 0 if report["valid"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
