"""Delegations played from Python: a scripted player changes the run as it decides, its decisions
come back with what the model would have done, and `gcmsim run --replay` replays the session from
its decisions.csv to the same files, byte for byte."""
import subprocess

import pytest

import gcmsim
from conftest import CLASSROOM


def test_a_player_that_never_answers_is_the_models_run():
    classroom = gcmsim.load(CLASSROOM)
    asked = []

    def absent(question):
        asked.append(question)
        return None

    played = classroom.play({"MAR": absent})
    model = classroom.run(replications=1)
    assert played.csv("positions") == model.csv("positions")
    assert played.csv("votes") == model.csv("votes")
    assert len(played.decisions) == len(asked) > 0
    assert not played.decisions.answered.any()
    assert (played.decisions.choice == played.decisions.model_choice).all()
    # (no concession is asked: the classroom's rounds concede nothing, round_concession 0)
    assert set(played.decisions.decision) == {"statement", "bracket", "leave"}
    assert asked[0]["iso3"] == "MAR" and asked[0]["state"] == "Morocco"
    assert model.csv("decisions") == ""


def test_a_student_holding_a_bracket_blocks_the_text():
    classroom = gcmsim.load(CLASSROOM)

    def objector(question):
        return 1 if question["decision"] == "bracket" and question["dimension"] == "regular_pathways" else None

    played = classroom.play({"BGD": objector})
    assert played.outcome["agreed"] is False
    assert played.outcome["holdouts"] == ["BGD"]
    brackets = played.decisions[played.decisions.decision == "bracket"]
    # The model would have lifted it at the deadline; the student did not.
    assert ((brackets.choice == 1) & (brackets.model_choice == 0)).any()


def test_an_answer_outside_the_options_is_an_error():
    classroom = gcmsim.load(CLASSROOM)
    with pytest.raises(ValueError, match="answered option 9"):
        classroom.play({"BRA": lambda q: 9})


def test_an_unknown_seat_is_refused():
    with pytest.raises(ValueError, match="'XXX' is not a member state"):
        gcmsim.load(CLASSROOM).play({"XXX": lambda q: None})


def test_the_cli_replays_a_python_session_byte_for_byte(gcmsim_binary, tmp_path):
    concede = "negotiation.parameters.round_concession=0.1"  # so that concessions are asked too
    daily = "outputs.positions=daily"  # the module's tables keep every sitting day
    attendance = "outputs.attendance=true"  # and attendance.csv
    classroom = gcmsim.load(CLASSROOM, sets=[concede])

    def student(question):
        if question["decision"] == "statement":
            return question["options"] - 1  # always argues the last dimension
        if question["decision"] == "concession":
            return 2                          # concedes twice as far
        return None

    session = classroom.play({"MAR": student, "ITA": student}, seed=7)
    assert {"statement", "concession", "bracket", "leave"} <= set(session.decisions.decision)
    log = tmp_path / "decisions.csv"
    log.write_text(session.csv("decisions"))
    out = tmp_path / "replayed"
    done = subprocess.run([str(gcmsim_binary), "run", str(CLASSROOM), "--set", concede, "--set", daily, "--set", attendance, "--seed", "7",
                           "--replay", str(log), "-q", "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for table in ("states", "timeline", "participation", "attendance", "dynamics", "positions", "acceptance", "votes",
                  "decisions"):
        assert (out / f"{table}.csv").read_text() == session.csv(table), table
    # Another seed is another session: the log stops matching, and the CLI says so (exit 2).
    other = subprocess.run([str(gcmsim_binary), "run", str(CLASSROOM), "--set", concede, "--set", daily, "--seed", "8",
                            "--replay", str(log), "-q", "-o", str(tmp_path / "other")], capture_output=True, text=True)
    assert other.returncode == 2
    assert "not the session's scenario or seed" in other.stderr
