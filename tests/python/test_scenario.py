"""gcmsim.load / validate / with_ / run / metrics through the compiled facade."""
import datetime as dt

import pandas as pd
import pytest

import gcmsim
from conftest import BASELINE, CLASSROOM, FIXTURES


def test_the_baseline_loads_validates_and_runs():
    scenario = gcmsim.load(BASELINE).validate()
    assert scenario.valid and scenario.problems == []
    results = scenario.run(seed=3, replications=2, threads=2)
    timeline = results.timeline
    # One row per activity per replication, in scenario order in each.
    activities = timeline[timeline.replication == 0]["id"].tolist()
    assert len(activities) > 10 and timeline[timeline.replication == 1]["id"].tolist() == activities
    assert list(timeline.columns[:3]) == ["replication", "id", "kind"]


def test_tables_are_typed_with_dates_as_datetimes():
    results = gcmsim.load(BASELINE).run(seed=1, replications=1)
    timeline = results.timeline
    for column in ["planned_start", "planned_end", "simulated_start", "simulated_end"]:
        assert pd.api.types.is_datetime64_any_dtype(timeline[column]), column
    assert timeline["on_critical_path"].dtype == "boolean"
    assert str(timeline["slip_days"].dtype) == "Int64"
    # A simulated end never comes before the simulated start.
    done = timeline.dropna(subset=["simulated_start", "simulated_end"])
    assert (done.simulated_end >= done.simulated_start).all()
    # The documented plan puts the conference just before the 73rd session's general debate
    # (OP1(a)): Friday 21 September 2018, in the scenario's reading of the work plan.
    conference = timeline[timeline.kind == "conference"].iloc[0]
    assert conference.planned_start == pd.Timestamp(2018, 9, 21)

    participation = results.participation
    assert pd.api.types.is_datetime64_any_dtype(participation["date"])
    assert str(participation["delegations_present"].dtype) == "Int64"
    assert set(participation["grouping"]) == {"regional_group", "development"}
    stakeholders = results.stakeholders
    assert str(stakeholders["registered"].dtype) == "Int64"
    assert (stakeholders["admitted"] <= stakeholders["accredited"]).all()
    attendance = results.attendance
    assert attendance["present"].dtype == "boolean"


def test_negotiation_tables_and_outcome():
    results = gcmsim.load(CLASSROOM).run(seed=1, replications=1)
    assert pd.api.types.is_datetime64_any_dtype(results.dynamics["time"])
    assert results.dynamics["bracketed"].dtype == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(results.positions["time"])
    assert results.acceptance["taking_part"].dtype == "boolean"
    # Positions wide: one row per state and snapshot, a column per dimension on the scenario's scale.
    dimensions = set(results.dynamics["dimension"])
    keys = {"replication", "round", "day", "time", "iso3"}
    assert set(results.positions.columns) - keys == dimensions
    assert all(results.positions[d].dtype == "float64" for d in dimensions)
    assert set(results.votes["iso3"]) == set(results.positions["iso3"])
    assert isinstance(results.outcome, dict) and results.outcome


def test_metrics_have_a_column_per_catalogue_key():
    scenario = gcmsim.load(BASELINE)
    catalogue = scenario.metrics()
    results = scenario.run(seed=1, replications=3)
    assert list(results.metrics.columns) == ["replication", *catalogue["key"].tolist()]
    assert results.metrics["replication"].tolist() == [0, 1, 2]
    shares = catalogue[catalogue.kind == "share"]["key"]
    values = results.metrics[shares].stack()
    assert ((values >= 0) & (values <= 1)).all()
    # summary.csv over the same runs: n counts the runs with a value.
    assert results.summary["n"].max() == 3


def test_the_catalogue_lists_names_units_and_descriptions():
    catalogue = gcmsim.metrics()
    assert {"key", "name", "group", "unit", "kind", "description"} <= set(catalogue.columns)
    assert catalogue["description"].str.len().min() > 0
    assert catalogue["key"].is_unique
    assert set(catalogue["kind"]) <= {"count", "share", "flag", "days", "day", "amount", "number"}


def test_a_bad_scenario_raises_with_file_line_and_column():
    scenario = gcmsim.load(FIXTURES / "errors" / "bad_yaml.yaml")
    assert not scenario.valid
    with pytest.raises(gcmsim.ScenarioError) as raised:
        scenario.validate()
    error = raised.value
    assert error.file.endswith("errors/bad_yaml.yaml")
    assert (error.line, error.column) == (3, 1)
    assert "not valid YAML" in error.message
    assert "bad_yaml.yaml:3:1: error:" in str(error)
    with pytest.raises(gcmsim.ScenarioError):
        scenario.run()


def test_an_unknown_key_is_located_and_explained():
    with pytest.raises(gcmsim.ScenarioError) as raised:
        gcmsim.load(FIXTURES / "errors" / "unknown_key.yaml").validate()
    assert raised.value.line > 0 and raised.value.column > 0
    assert "unknown key" in raised.value.message


def test_a_missing_file_raises_a_scenario_error():
    with pytest.raises(gcmsim.ScenarioError) as raised:
        gcmsim.load("/nonexistent/scenario.yaml").validate()
    assert "cannot read" in raised.value.message


def test_with_equals_loading_with_the_same_sets():
    sets = {"run.seed": 11}
    derived = gcmsim.load(BASELINE).with_(sets=sets)
    loaded = gcmsim.load(BASELINE, sets=sets)
    assert derived.content_hash == loaded.content_hash
    assert derived.default_seed == 11
    pd.testing.assert_frame_equal(derived.run(replications=1).timeline, loaded.run(replications=1).timeline)


def test_a_bad_set_raises_instead_of_being_ignored():
    with pytest.raises(gcmsim.ScenarioError):
        gcmsim.load(BASELINE).with_(sets=["run.sed=3"]).validate()


def test_on_event_gets_replication_zeros_typed_events_in_time_order():
    events = []
    results = gcmsim.load(CLASSROOM).run(seed=1, replications=2, on_event=events.append)
    assert all(isinstance(e, gcmsim.Event) and isinstance(e.time, dt.datetime) and e.text for e in events)
    assert [e.time for e in events] == sorted(e.time for e in events)
    kinds = {e.kind for e in events}
    assert {"meeting_opened", "zero_draft_circulated", "floor_taken", "round_ended", "conference_held"} <= kinds
    # A delegation speaking names itself and the dimension it pulled the draft along.
    dimensions = set(results.dynamics["dimension"])
    spoke = [e for e in events if e.kind == "floor_taken"]
    assert all(e.state and e.dimension in dimensions and e.amount >= 0 for e in spoke)
    # The events agree with the outcome: who left, how many rounds, the conference's count.
    left = [e.state for e in events if e.kind == "state_left"]
    assert left == ["AUS"]
    rounds = [e for e in events if e.kind == "round_ended"]
    assert len(rounds) == results.outcome["rounds_held"]
    assert all(len(e.data["draft"]) == len(dimensions) for e in rounds)
    conference = [e for e in events if e.kind == "conference_held"]
    assert len(conference) == 1 and conference[0].data["tally"]["left"] == 1


def test_an_exception_in_on_event_ends_the_run_and_propagates():
    def stop(event):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        gcmsim.load(BASELINE).run(seed=1, replications=1, on_event=stop)


def test_replications_must_be_positive():
    with pytest.raises(ValueError):
        gcmsim.load(BASELINE).run(replications=0)


def test_help_shows_signatures_and_docstrings():
    assert "sets" in gcmsim.load.__doc__ and "overrides" in gcmsim.load.__doc__
    assert gcmsim.Scenario.run.__doc__ and gcmsim.Results.__doc__


def test_sets_take_lists_and_dicts_as_values():
    classroom = gcmsim.load(CLASSROOM)
    as_text = classroom.with_(sets=["negotiation.delegations.AUS.influence={AUS: 0.5, DEU: 0.25, ITA: 0.25}"])
    as_dict = classroom.with_(sets={"negotiation.delegations.AUS.influence": {"AUS": 0.5, "DEU": 0.25, "ITA": 0.25}})
    assert as_dict.content_hash != classroom.content_hash
    pd.testing.assert_frame_equal(as_dict.run(seed=1).positions, as_text.run(seed=1).positions)
    moved = classroom.with_(sets={"negotiation.delegations.DEU.position": [50, 40, 60]})
    assert moved.validate().content_hash != classroom.content_hash
