"""The teaching script of scenarios/classroom.yaml against the run.

Every claim the scenario's comments make to a teacher (what the seed-2018 run shows, and the outcome
of each suggested experiment) is checked here on the built gcmsim, so that the script and the model
cannot drift apart silently. A claim that no longer holds fails here: change the model on purpose,
then the comment and this test together.
"""
import csv
import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ["GCMSIM_SOURCE_DIR"])
CLASSROOM = SOURCE_DIR / "scenarios" / "classroom.yaml"


class Run:
    """One quiet run of the classroom scenario with some --set values, and its files read back."""

    def __init__(self, out: Path, sets: list[str]):
        binary = os.environ.get("GCMSIM_BINARY")
        if not binary or not Path(binary).is_file():
            pytest.fail("GCMSIM_BINARY must name the built gcmsim (ctest sets it)")
        args = [binary, "run", str(CLASSROOM), "-q", "-o", str(out)]
        for s in sets:
            args += ["--set", s]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        self.outcome = json.loads((out / "outcome.json").read_text())
        self.dynamics = list(csv.DictReader((out / "dynamics.csv").open()))
        self.positions = list(csv.DictReader((out / "positions.csv").open()))
        self.acceptance = list(csv.DictReader((out / "acceptance.csv").open()))
        self.votes = {row["iso3"]: row for row in csv.DictReader((out / "votes.csv").open())}

    @property
    def agreed_round(self):
        return self.outcome["agreed_round"] if self.outcome["agreed"] else None

    def conference(self, kind: str) -> list[str]:
        return self.outcome["conference"][kind]["states"]

    def draft(self, dimension: str, when: str = "last") -> float:
        """The draft on a dimension: at the zero draft, or the last one written."""
        rows = [r for r in self.dynamics if r["dimension"] == dimension]
        if when == "zero_draft":
            rows = [r for r in rows if r["round"] == "zero_draft"]
        return float(rows[-1]["draft"])

    def bracketed_at_end_of(self, round_id: str) -> set[str]:
        # day 0 of a round is the snapshot at its end
        return {r["dimension"] for r in self.dynamics if r["round"] == round_id and r["day"] == "0"
                and r["bracketed"] == "true"}

    def position(self, iso3: str, dimension: str, round_id: str | None = None) -> float:
        """A delegation's position at the end of a round (None: the last one written)."""
        # positions.csv has a column per dimension
        rows = [r for r in self.positions if r["iso3"] == iso3
                and (round_id is None or (r["round"] == round_id and r["day"] == "0"))]
        return float(rows[-1][dimension])

    def acceptance_at_end_of(self, iso3: str, round_id: str) -> float:
        rows = [r for r in self.acceptance if r["iso3"] == iso3 and r["round"] == round_id and r["day"] == "0"]
        return float(rows[0]["acceptance"])


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    cache = {}

    def make(*sets: str) -> Run:
        if sets not in cache:
            cache[sets] = Run(tmp_path_factory.mktemp("classroom"), list(sets))
        return cache[sets]

    return make


PATHWAYS, BORDERS, RIGHTS = "regular_pathways", "borders_return", "rights_inclusion"


def test_what_you_should_see(run):
    base = run()
    # The zero draft lands between the two ends of the room, about (60, 44, 61).
    assert base.draft(PATHWAYS, "zero_draft") == pytest.approx(60, abs=0.5)
    assert base.draft(BORDERS, "zero_draft") == pytest.approx(44, abs=0.5)
    assert base.draft(RIGHTS, "zero_draft") == pytest.approx(61, abs=0.5)
    # Round 1: Morocco 82 -> about 73; Germany 37 -> about 40; Italy 45 -> about 48; Australia 25.
    assert base.position("MAR", PATHWAYS, "zero_draft") == 82
    assert base.position("MAR", PATHWAYS, "round1") == pytest.approx(73, abs=0.5)
    assert base.position("DEU", PATHWAYS, "zero_draft") == 37
    assert base.position("DEU", PATHWAYS, "round1") == pytest.approx(40, abs=0.5)
    assert base.position("ITA", PATHWAYS, "round1") == pytest.approx(48, abs=0.5)
    assert base.position("AUS", PATHWAYS, "round1") == pytest.approx(25, abs=0.5)
    # End of round 1: all three dimensions bracketed; Australia leaves at about 0.71 < 0.80.
    assert base.bracketed_at_end_of("round1") == {PATHWAYS, BORDERS, RIGHTS}
    assert base.votes["AUS"]["vote"] == "left"
    assert base.votes["AUS"]["left_at"].startswith("2018-02-21")  # round 1's last day
    assert float(base.votes["AUS"]["acceptance_when_left"]) == pytest.approx(0.71, abs=0.005)
    assert float(base.votes["AUS"]["reservation"]) == 0.8
    # Pathways and borders stay bracketed through round 2; agreed under the deadline in round 3.
    assert base.bracketed_at_end_of("round2") == {PATHWAYS, BORDERS}
    assert base.agreed_round == "round3"
    assert base.outcome["scheduled_rounds"] == 3
    # The nine remaining adopt.
    assert len(base.conference("adopt")) == 9 and base.conference("left") == ["AUS"]


def test_two_minute_interventions_change_nothing(run):
    base, cut = run(), run("formats.negotiation.intervention_limit_minutes=2")
    assert cut.dynamics == base.dynamics
    assert cut.outcome == base.outcome


def test_a_one_day_first_round(run):
    short = run("activities.round1.end=2018-02-20", "activities.round1.days=1")
    assert short.votes["AUS"]["left_at"].startswith("2018-02-20")  # a day earlier
    assert short.agreed_round == "round3"


def test_germany_in_the_middle(run):
    mid = run("negotiation.delegations.DEU.position=[50, 40, 60]")
    assert mid.conference("left") == ["AUS"]
    assert mid.agreed_round == "round3"
    assert mid.draft(PATHWAYS) == pytest.approx(66, abs=0.5)


def test_germany_cares_about_borders_only(run):
    base, borders = run(), run("negotiation.delegations.DEU.salience=[0.2, 1.0, 0.2]")
    assert base.draft(PATHWAYS) == pytest.approx(65.4, abs=0.1)
    assert borders.draft(PATHWAYS) == pytest.approx(66.4, abs=0.1)


def test_australia_stubborn_then_open_then_listening(run):
    base = run()
    stubborn = run("negotiation.delegations.AUS.susceptibility=0")
    # "Nothing changes": the same outcome and the same agreed text to a tenth of a point.
    assert stubborn.outcome == base.outcome
    for dim in (PATHWAYS, BORDERS, RIGHTS):
        assert stubborn.draft(dim) == pytest.approx(base.draft(dim), abs=0.1)
    open_ = run("negotiation.delegations.AUS.susceptibility=0.8")
    assert open_.conference("left") == ["AUS"]
    ears = run("negotiation.delegations.AUS.susceptibility=0.8",
               "negotiation.delegations.AUS.influence={AUS: 0.5, DEU: 0.25, ITA: 0.25}")
    assert ears.acceptance_at_end_of("AUS", "round1") == pytest.approx(0.7985, abs=0.00005)
    assert ears.conference("left") == ["AUS"]
    more = run("negotiation.delegations.AUS.susceptibility=0.8",
               "negotiation.delegations.AUS.influence={AUS: 0.4, DEU: 0.3, ITA: 0.3}")
    assert more.conference("left") == [] and more.agreed_round == "round3"
    assert len(more.conference("adopt")) == 10


def test_australia_with_a_lower_reservation(run):
    lower = run("negotiation.delegations.AUS.reservation=0.7")
    assert lower.conference("left") == []
    assert lower.agreed_round == "round3"
    assert lower.conference("dissociated") == ["AUS"]
    assert len(lower.conference("adopt")) == 9


def test_germany_listens_to_morocco(run):
    base = run()
    listening = run("negotiation.delegations.DEU.influence={DEU: 0.5, ITA: 0.2, MAR: 0.1, MEX: 0.1, AUS: 0.1}")
    assert base.position("DEU", PATHWAYS) == pytest.approx(41.2, abs=0.1)
    assert listening.position("DEU", PATHWAYS) == pytest.approx(42.9, abs=0.1)


def test_steps_per_day_change_little(run):
    one, twenty = run("negotiation.parameters.steps_per_day=1"), run("negotiation.parameters.steps_per_day=20")
    assert one.outcome == twenty.outcome
    assert one.draft(PATHWAYS) == pytest.approx(twenty.draft(PATHWAYS), abs=0.25)


def test_speaking_no_longer_moves_the_text(run):
    silent = run("negotiation.parameters.draft_step=0")
    assert silent.draft(PATHWAYS) == pytest.approx(64.2, abs=0.1)
    assert run().draft(PATHWAYS) - silent.draft(PATHWAYS) == pytest.approx(1.2, abs=0.1)


def test_everyone_demanding(run):
    demanding = run("negotiation.parameters.reservation=0.88")
    left = {iso3 for iso3, v in demanding.votes.items() if v["vote"] == "left"}
    assert left == {"AUS", "ITA", "PHL"}
    assert all(demanding.votes[s]["left_at"].startswith("2018-02-21") for s in left)  # after round 1
    assert demanding.votes["DEU"]["vote"] != "left" and demanding.votes["MEX"]["vote"] != "left"
    assert demanding.agreed_round == "round2"


def test_no_tolerance_no_text(run):
    strict = run("negotiation.parameters.objection_tolerance=0.01", "negotiation.parameters.deadline_concession=0")
    assert strict.agreed_round is None
    assert strict.outcome["conference"]["text_adopted"] is False
    assert strict.conference("adopt") == []


def test_silence_costs_nothing(run):
    voice = run("negotiation.parameters.voice_present=1.0")
    assert voice.draft(PATHWAYS) == pytest.approx(64.3, abs=0.1)
