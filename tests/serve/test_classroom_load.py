"""A bounded load test on loopback: 40 students in 40 seats of the whole 193-state scenario and a
projector, each on its own event stream, through a whole session at full speed. Nothing is lost:
every answer the server accepted is in the debrief as answered, each seat's decisions are its
student's, every screen sees the end. (The latency figure is bench/classroom_bench.py's: timing
never goes in a test.)"""
from classroom_client import ClassroomServer, play_class


def test_forty_students_and_a_projector_through_a_whole_session():
    server = ClassroomServer()
    try:
        status, body = server.call("GET", "/api/classroom/scenarios", keys=server.teacher_keys())
        delegations = next(s for s in body["scenarios"] if s["name"] == "gcm-2017-2018")["delegations"]
        seats = [d["iso3"] for d in delegations[:40]]
        # Each student holds its ground and accepts: a choice the model often would not make.
        debrief, students, projector, trips = play_class(server, "gcm-2017-2018", seats, decision_seconds=60,
                                                         choose=lambda q: 0)
        assert projector.ended and all(s.last["finished"] for s in students)
        by_seat = {s["iso3"]: s for s in debrief["seats"]}
        accepted = 0
        for s in students:
            assert not s.refused, s.refused[:3]
            seat = by_seat[s.joined["iso3"]]
            assert seat["answered"] == len(s.answers) == seat["asked"]  # every question answered, none lost
            accepted += len(s.answers)
        assert accepted > 400, accepted
        assert len(trips) == accepted
        assert sum(s["differed"] for s in debrief["seats"]) > 0
    finally:
        server.stop()
