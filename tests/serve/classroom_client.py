"""A classroom server for the tests (`gcmsim serve --classroom` on a free loopback port, stopped by
PID) and a scripted student that follows its seat's event stream over HTTP."""
import json
import re
import threading
import time
import urllib.error
import urllib.request

from conftest import Server


class ClassroomServer(Server):
    def __init__(self, host="127.0.0.1"):
        super().__init__(host=host, extra=("--classroom",))
        line = self.process.stdout.readline()
        if line.startswith("gcmsim serve: token "):  # LAN mode: the studio's token comes first
            line = self.process.stdout.readline()
        match = re.search(r"classroom\.html#teacher=([0-9a-f]{32})", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"gcmsim serve --classroom printed no teacher page: {line!r}")
        self.teacher = match.group(1)
        self.teacher_url = re.search(r"(http://\S+)", line).group(1)

    def call(self, method, path, body=None, keys=None, raw=None):
        """(status, JSON or text), with the classroom's keys only (no studio token)."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        h = {"Content-Type": "application/json"} if data is not None else {}
        h.update(keys or {})
        req = urllib.request.Request(self.base + path.lstrip("/"), data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=60) as response:
                status, text, ctype = response.status, response.read().decode(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, text, ctype = error.code, error.read().decode(), error.headers.get("Content-Type", "")
        return status, (json.loads(text) if ctype.startswith("application/json") else text)

    def teacher_keys(self):
        return {"X-Gcmsim-Teacher": self.teacher}

    def open(self, **body):
        status, view = self.call("POST", "/api/classroom/sessions", body, self.teacher_keys())
        assert status == 201, view
        return view

    def control(self, session, action):
        status, view = self.call("POST", f"/api/classroom/sessions/{session}/control", {"action": action}, self.teacher_keys())
        assert status == 200, view
        return view

    def join(self, code, name, seat=None):
        body = {"code": code, "name": name}
        if seat:
            body["seat"] = seat
        status, joined = self.call("POST", "/api/classroom/join", body)
        assert status == 201, joined
        return joined


def follow(base, session, keys, on_view, stop=lambda: False):
    """Reads the session's event stream, calling on_view(name, text, view, received_at) per event,
    until the end event (or stop())."""
    req = urllib.request.Request(f"{base}api/classroom/sessions/{session}/events", headers=keys)
    with urllib.request.urlopen(req, timeout=600) as stream:
        name = None
        for raw in stream:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                received = time.perf_counter()
                view = json.loads(line[6:])
                on_view(name, view, received)
                if name == "end" or stop():
                    return


class Student(threading.Thread):
    """Answers every question of its seat with choose(question) (None: never answers), over HTTP.
    Records (number, clicked_at, answered_version) for each accepted answer."""

    def __init__(self, server, session, joined, choose):
        super().__init__(daemon=True)
        self.server, self.session, self.joined, self.choose = server, session, joined, choose
        self.keys = {"X-Gcmsim-Seat": joined["token"]}
        self.answers = []         # (number, clicked_at)
        self.seen_after = {}      # number -> first version whose view no longer asks it
        self.received = []        # (version, received_at)
        self.refused = []
        self.last = None
        self._pending = None

    def on_view(self, name, view, received):
        self.received.append((view["version"], received))
        self.last = view
        seat = view["seat"]
        q = seat.get("question")
        if self._pending is not None and (q is None or q["number"] != self._pending):
            self.seen_after.setdefault(self._pending, view["version"])
            self._pending = None
        if q is None or q["number"] in dict(self.answers) or self.choose is None:
            return
        choice = self.choose(q)
        if choice is None:
            return
        clicked = time.perf_counter()
        status, body = self.server.call("POST", f"/api/classroom/sessions/{self.session}/decide",
                                        {"number": q["number"], "choice": choice}, self.keys)
        if status == 200:
            self.answers.append((q["number"], clicked))
            self._pending = q["number"]
        else:
            self.refused.append((status, body))

    def run(self):
        follow(self.server.base, self.session, self.keys, self.on_view)


class Watcher(threading.Thread):
    """A screen that only watches (the projector): records when each version reached it."""

    def __init__(self, server, session, keys):
        super().__init__(daemon=True)
        self.server, self.session, self.keys = server, session, keys
        self.received = []
        self.ended = False

    def on_view(self, name, view, received):
        self.received.append((view["version"], received))
        self.ended = self.ended or name == "end"

    def run(self):
        follow(self.server.base, self.session, self.keys, self.on_view)


def play_class(server, scenario, seats, decision_seconds=30, choose=lambda q: 0):
    """A whole session with one scripted student per seat and a projector, every screen on its own
    event stream. Returns (debrief, students, projector, round trips in seconds): a round trip is from
    a student's click to the moment every screen had received the first view without that question."""
    view = server.open(scenario=scenario, seats=seats, pace_ms=0, decision_seconds=decision_seconds)
    sid, code = view["id"], view["code"]
    students = [Student(server, sid, server.join(code, f"student {k}", iso3), choose) for k, iso3 in enumerate(seats)]
    projector = Watcher(server, sid, {"X-Gcmsim-Code": code})
    for s in students + [projector]:
        s.start()
    time.sleep(0.5)  # every stream open before the first question
    server.control(sid, "start")
    for s in students + [projector]:
        s.join(timeout=1800)
    status, debrief = server.call("GET", f"/api/classroom/sessions/{sid}/debrief", keys={"X-Gcmsim-Code": code})
    assert status == 200, debrief
    screens = students + [projector]
    trips = []
    for s in students:
        for number, clicked in s.answers:
            version = s.seen_after.get(number)
            if version is None:
                continue
            reached = []
            for screen in screens:
                times = [t for v, t in screen.received if v >= version]
                if times:
                    reached.append(min(times))
            if len(reached) == len(screens):
                trips.append(max(reached) - clicked)
    return debrief, students, projector, trips


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
