"""scenarios/tools/check_scenario.py and `gcmsim validate` agree on every shipped scenario and every
test fixture scenario: the same verdict and the same findings at the same places.

The script is a thin client of `gcmsim validate --json`; this keeps it one (a rule re-implemented in
Python, or a JSON shape that drifts from the text report, fails here).
"""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ["GCMSIM_SOURCE_DIR"])
SCRIPT = SOURCE_DIR / "scenarios" / "tools" / "check_scenario.py"
SCENARIOS = sorted(
    [p for p in (SOURCE_DIR / "scenarios").rglob("*.yaml")]
    + [p for p in (SOURCE_DIR / "tests" / "models" / "loader" / "fixtures").rglob("*.yaml")])
# "file:line:column: error: message" and "file:line:column: warning[RULE]: message" (docs/scenario-format.md)
LOCATED = re.compile(r"^(.*?):(\d+):(\d+): (error|warning\[([^\]]+)\]): ")


def binary():
    b = os.environ.get("GCMSIM_BINARY")
    if not b or not Path(b).is_file():
        pytest.fail("GCMSIM_BINARY must name the built gcmsim (ctest sets it)")
    return b


def text_findings(stderr):
    """(line, column, rule) of each located finding of validate's text report; rule None for errors."""
    out = []
    for line in stderr.splitlines():
        m = LOCATED.match(line)
        if m:
            out.append((int(m.group(2)), int(m.group(3)), m.group(5)))
    return sorted(out, key=repr)


def test_there_are_scenarios_to_compare():
    assert len(SCENARIOS) > 20
    assert SOURCE_DIR / "scenarios" / "classroom.yaml" in SCENARIOS


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: str(p.relative_to(SOURCE_DIR)))
def test_script_and_validate_agree(scenario):
    env = dict(os.environ, GCMSIM_BINARY=binary())
    text = subprocess.run([binary(), "validate", str(scenario)], capture_output=True, text=True, timeout=120)
    raw = subprocess.run([binary(), "validate", "--json", str(scenario)], capture_output=True, text=True, timeout=120)
    script = subprocess.run([sys.executable, str(SCRIPT), str(scenario)], capture_output=True, text=True,
                            timeout=120, env=env)
    assert text.returncode in (0, 2), text.stderr
    assert raw.returncode == text.returncode
    assert script.returncode == (0 if text.returncode == 0 else 1), script.stdout + script.stderr
    report = json.loads(raw.stdout)
    assert report["valid"] == (text.returncode == 0)
    findings = report["errors"] + report["warnings"]
    for f in findings:
        assert set(f) == {"file", "line", "column", "rule", "message"}
    # The JSON names the same findings at the same places as the text report.
    assert sorted(((f["line"], f["column"], f["rule"]) for f in findings), key=repr) == text_findings(text.stderr)
    # And the script prints each of them, no more.
    printed = [line for line in script.stdout.splitlines() if line.startswith(("ERROR: ", "warning["))]
    assert len(printed) == len(findings)
