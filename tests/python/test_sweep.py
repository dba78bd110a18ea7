"""gcmsim.sweep runs the engine of `gcmsim sweep`: the same numbers, located errors, a resumable folder."""
import subprocess

import pandas as pd
import pytest

import gcmsim
from conftest import SOURCE_DIR

GRID = SOURCE_DIR / "scenarios" / "sweeps" / "trust-fund-by-intervention-limit.yaml"


def small_sobol(**changes):
    """Saltelli's design over the trust fund's size (OP31) and the interventions' limit: N = 4,
    k = 2, so 4 x (2 + 2) = 16 points, one replication each."""
    sweep = {
        "sweep_version": 1,
        "name": "fund-sobol",
        "base": {"scenario": "scenarios/gcm-2017-2018.yaml"},
        "parameters": [
            {"name": "trust_fund_scale", "shorthand": "trust_fund_scale", "range": {"min": 0.25, "max": 2.0}},
            {"name": "limit", "set": "formats.thematic_session.intervention_limit_minutes",
             "range": {"min": 2, "max": 5, "scale": "integer"}},
        ],
        "design": {"kind": "sobol", "samples": 4, "bootstrap": 50},
        "replications": 1,
        "seed": 3,
        "metrics": ["trust_fund_spent", "attendance_share.ldc"],
    }
    sweep.update(changes)
    return sweep


def test_same_runs_as_the_cli_for_the_same_file(gcmsim_binary, tmp_path):
    subprocess.run([str(gcmsim_binary), "sweep", str(GRID), "-o", str(tmp_path / "cli"), "-r", "3", "-j", "2"],
                   check=True, stdout=subprocess.DEVNULL)
    runs = gcmsim.sweep(GRID, replications=3, threads=1, out=tmp_path / "py")
    cli = tmp_path / "cli"
    for table in ["runs.csv", "points.csv", "design.csv"]:
        assert (tmp_path / "py" / table).read_bytes() == (cli / table).read_bytes(), table
    pd.testing.assert_frame_equal(runs, pd.read_csv(cli / "runs.csv"))
    pd.testing.assert_frame_equal(runs.attrs["points"], pd.read_csv(cli / "points.csv"))
    assert runs.attrs["sensitivity"] is None
    assert len(runs) == 12 * 3 and runs.attrs["sweep"]["runs"] == 36
    assert list(runs.columns[:5]) == ["point", "replication", "seed", "trust_fund_scale", "intervention_limit_minutes"]


def test_a_folder_holding_the_sweep_is_finished_not_rerun(tmp_path):
    first = gcmsim.sweep(GRID, replications=1, out=tmp_path)
    again = gcmsim.sweep(GRID, replications=1, out=tmp_path)
    assert again.attrs["sweep"]["ran"] == 0 and again.attrs["sweep"]["already"] == 12
    pd.testing.assert_frame_equal(first, again)


def test_a_dict_runs_like_the_file_it_holds_and_gives_sobol_indices(tmp_path):
    runs = gcmsim.sweep(small_sobol(), threads=2)
    assert runs.attrs["sweep"]["out"] is None  # a temporary folder, gone
    assert len(runs) == 4 * (2 + 2)
    sensitivity = runs.attrs["sensitivity"]
    assert {"metric", "parameter", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"} <= set(sensitivity.columns)
    assert set(sensitivity.parameter) == {"trust_fund_scale", "limit"}
    # The same document as a file: the same numbers.
    import json
    file = tmp_path / "fund-sobol.yaml"
    document = small_sobol()
    document["base"]["scenario"] = str(SOURCE_DIR / "scenarios" / "gcm-2017-2018.yaml")
    file.write_text(json.dumps(document))
    pd.testing.assert_frame_equal(runs, gcmsim.sweep(file, threads=1))


def test_a_bad_sweep_file_raises_with_its_line_and_column(tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text(GRID.read_text().replace("design: {kind: grid}", "design: {kind: gird}"))
    with pytest.raises(gcmsim.ScenarioError) as raised:
        gcmsim.sweep(file)
    error = raised.value
    assert error.file == str(file)
    line = next(i for i, text in enumerate(file.read_text().splitlines(), 1) if "gird" in text)
    assert (error.line, error.column) == (line, len("design: {kind: ") + 1)
    assert "gird" in error.message and "grid" in error.message
    assert "^" in str(error)  # the compiler-style report, caret and all
    assert not (tmp_path / "results").exists()


def test_a_bad_dict_raises_with_the_path_of_the_bad_value():
    with pytest.raises(gcmsim.ScenarioError) as raised:
        gcmsim.sweep(small_sobol(design={"kind": "sobol", "samples": "four"}))
    error = raised.value
    assert error.path == "/design/samples"
    assert error.file == "<sweep dict>" and error.line > 0 and error.column > 0
    assert "integer" in error.message


def test_an_invalid_design_point_raises_with_the_scenarios_report():
    sweep = small_sobol(parameters=[{"name": "fund_typo", "set": "policies.trust_fund.no_such_key",
                                     "range": {"min": 0.0, "max": 1.0}}])
    with pytest.raises(gcmsim.ScenarioError) as raised:
        gcmsim.sweep(sweep)
    assert "no_such_key" in str(raised.value)
    assert raised.value.problems and raised.value.line > 0
