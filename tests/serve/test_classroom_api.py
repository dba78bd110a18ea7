"""The classroom's API against a real `gcmsim serve --classroom`: the keys (teacher token, join
code, seat token) and every refusal; students who play a whole session over HTTP; the session's
decisions.csv replayed by `gcmsim run --replay` gives the same decisions.csv, byte for byte."""
import subprocess

import pytest

from classroom_client import ClassroomServer, Student
from conftest import BINARY, SOURCE


@pytest.fixture(scope="module")
def server():
    s = ClassroomServer()
    yield s
    s.stop()


def test_teacher_routes_need_the_teacher_token(server):
    assert server.call("GET", "/api/classroom/scenarios")[0] == 401
    assert server.call("GET", "/api/classroom/scenarios", keys={"X-Gcmsim-Teacher": "0" * 32})[0] == 403
    status, body = server.call("GET", "/api/classroom/scenarios", keys=server.teacher_keys())
    assert status == 200
    names = [s["name"] for s in body["scenarios"]]
    assert "classroom" in names and "gcm-2017-2018" in names
    classroom = next(s for s in body["scenarios"] if s["name"] == "classroom")
    assert classroom["decision_seconds"] == 45  # classroom.yaml's run.decision_seconds
    assert len(classroom["delegations"]) == 10


@pytest.mark.parametrize("body, status", [
    ({"scenario": "classroom", "seats": []}, 400),
    ({"scenario": "classroom", "seats": ["XXX"]}, 400),
    ({"scenario": "classroom", "seats": ["AUS", "AUS"]}, 400),
    ({"scenario": "classroom", "seats": ["AUS"], "decision_seconds": 0}, 400),
    ({"scenario": "classroom", "seats": ["AUS"], "pace_ms": 99999}, 400),
    ({"scenario": "classroom", "seats": ["AUS"], "colour": "red"}, 400),
    ({"scenario": "../../etc/passwd", "seats": ["AUS"]}, 404),
    ({"scenario": "classroom", "seats": ["AUS"], "seed": -1}, 400),
])
def test_a_session_request_out_of_bounds_is_refused(server, body, status):
    got, answer = server.call("POST", "/api/classroom/sessions", body, server.teacher_keys())
    assert got == status, answer
    assert answer["error"]


def test_the_join_code_opens_the_lobby_and_names_are_text(server):
    view = server.open(scenario="classroom", seats=["AUS", "MAR"], pace_ms=0, decision_seconds=5)
    assert len(view["code"]) == 6
    status, lobby = server.call("GET", "/api/classroom/lobby", keys={"X-Gcmsim-Code": view["code"].lower()})
    assert status == 200 and [s["iso3"] for s in lobby["seats"]] == ["AUS", "MAR"]
    hostile = '<script>alert("x")</script> & "quotes"'
    joined = server.join(view["code"], hostile, seat="MAR")
    assert joined["iso3"] == "MAR" and len(joined["token"]) == 32
    status, seen = server.call("GET", f"/api/classroom/sessions/{view['id']}", keys={"X-Gcmsim-Seat": joined["token"]})
    assert status == 200
    assert seen["seat"]["players"] == [hostile]   # as text, for the page to set as text
    assert "code" not in seen                     # a student does not see the teacher's view
    for body, want in [({"code": view["code"], "name": "x" * 41}, 400),
                       ({"code": view["code"], "name": "tab\there"}, 400),
                       ({"code": view["code"], "name": ""}, 400),
                       ({"code": view["code"], "name": "Ok", "seat": "DEU"}, 404),
                       ({"code": view["code"]}, 400)]:
        assert server.call("POST", "/api/classroom/join", body)[0] == want, body
    # A student cannot steer the session, nor use another session's key.
    assert server.call("POST", f"/api/classroom/sessions/{view['id']}/control", {"action": "end"},
                       {"X-Gcmsim-Seat": joined["token"]})[0] == 401
    assert server.call("GET", f"/api/classroom/sessions/{view['id']}", keys={"X-Gcmsim-Seat": "f" * 32})[0] == 403
    assert server.call("GET", f"/api/classroom/sessions/{view['id']}", keys={"X-Gcmsim-Code": "ZZZZZZ"})[0] == 403
    assert server.call("GET", f"/api/classroom/sessions/{view['id']}")[0] == 401
    # Not the studio's API either (on loopback the studio needs no token; in LAN mode it does: below).
    server.control(view["id"], "end")


def test_wrong_join_codes_are_limited_per_address():
    s = ClassroomServer()
    try:
        statuses = [s.call("POST", "/api/classroom/join", {"code": f"WRONG{i:02d}", "name": "x"})[0] for i in range(22)]
        assert statuses[:20] == [404] * 20
        assert statuses[20:] == [429, 429]
    finally:
        s.stop()


def test_lan_mode_students_never_hold_the_studio_token():
    s = ClassroomServer(host="127.0.0.2")
    try:
        assert s.token  # the studio's token, printed at start
        status, view = s.call("POST", "/api/classroom/sessions", {"scenario": "classroom", "seats": ["AUS"]}, s.teacher_keys())
        assert status == 201
        joined = s.join(view["code"], "Lan")
        keys = {"X-Gcmsim-Seat": joined["token"]}
        assert s.call("GET", f"/api/classroom/sessions/{view['id']}", keys=keys)[0] == 200
        assert s.call("GET", "/api/scenarios", keys=keys)[0] == 401     # the studio needs its own token
        assert s.call("POST", "/api/compare", {"scenario": "classroom"}, keys)[0] == 401
    finally:
        s.stop()


def test_students_play_a_session_and_its_log_replays_byte_for_byte(server, tmp_path):
    view = server.open(scenario="classroom", seats=["AUS", "MAR", "NGA"], pace_ms=0, decision_seconds=20, seed=2018)
    sid, code = view["id"], view["code"]
    # Australia concedes twice as far and stays; Morocco holds a bracket at every check of round 1
    # and accepts after; nobody sits at Nigeria's seat: the model plays it.
    aus = Student(server, sid, server.join(code, "Ada", "AUS"),
                  lambda q: {"concession": 2, "statement": 1}.get(q["decision"], 0))
    brackets = []

    def morocco(q):
        if q["decision"] == "bracket" and not brackets_done():
            brackets.append(q["number"])
            return 1
        return 0
    mar = Student(server, sid, server.join(code, "Bo", "MAR"), morocco)

    def brackets_done():
        return mar.last is not None and mar.last["board"]["round"] > 1

    for s in (aus, mar):
        s.start()
    server.control(sid, "start")
    for s in (aus, mar):
        s.join(timeout=300)
        assert not s.is_alive()
        assert not s.refused, s.refused
    status, debrief = server.call("GET", f"/api/classroom/sessions/{sid}/debrief", keys={"X-Gcmsim-Code": code})
    assert status == 200
    seats = {s["iso3"]: s for s in debrief["seats"]}
    assert seats["AUS"]["answered"] == seats["AUS"]["asked"] > 0
    assert seats["NGA"]["answered"] == 0 and seats["NGA"]["asked"] > 0
    assert seats["NGA"]["players"] == []
    assert brackets, "Morocco was never asked at a consensus check of round 1"
    assert "AUS" in debrief["model_alone"]["left"]          # the classroom script: the model's Australia leaves
    assert "AUS" not in debrief["outcome"]["left"]          # this Australia stayed
    assert debrief["outcome"]["agreed_round"] is None or debrief["outcome"]["agreed_round"] > 1  # Morocco's round-1 brackets
    status, csv = server.call("GET", f"/api/classroom/sessions/{sid}/decisions.csv", keys=server.teacher_keys())
    assert status == 200 and csv.startswith("number,tick,time,iso3")
    log = tmp_path / "decisions.csv"
    log.write_text(csv)
    # The command the debrief prints, run as a teacher would (gcmsim -> the built binary).
    words = debrief["command"].split()
    assert words[:2] == ["gcmsim", "run"]
    words[words.index("--replay") + 1] = str(log)
    out = tmp_path / "replayed"
    subprocess.run([BINARY, *words[1:], "-o", str(out), "-q"], cwd=SOURCE, check=True)
    assert (out / "decisions.csv").read_text() == csv
