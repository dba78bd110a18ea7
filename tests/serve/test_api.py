"""The studio's JSON API against a real server: listings, knobs from the schema, a compare whose
numbers are the CLI's to the byte, and every refusal docs/serve.md promises."""
import json
import socket
import threading
import time

from conftest import Server, cli_compare_csv

HALVED = {"scenario": "gcm-2017-2018", "replications": 20,
          "knobs": [{"knob": "trust_fund", "value": 0.5}]}


def test_lists_shipped_scenarios_and_whatifs_by_name(server):
    status, body = server.request("GET", "/api/scenarios")
    assert status == 200
    assert "gcm-2017-2018" in [s["name"] for s in body["scenarios"]]
    whatifs = {w["name"]: w for w in body["whatifs"]}
    assert {"trust-fund-halved", "session-slips", "fewer-rounds"} <= set(whatifs)
    assert whatifs["trust-fund-halved"]["path"] == "scenarios/what-if/trust-fund-halved.yaml"


def test_knobs_come_with_schema_ranges_units_defaults_and_sources(server):
    status, body = server.request("GET", "/api/scenarios/gcm-2017-2018")
    assert status == 200
    knobs = {k["knob"]: k for k in body["knobs"]}
    assert knobs["trust_fund"]["source"] == "OP31" and knobs["trust_fund"]["default"] == 1
    limit = knobs["intervention_limit"]
    assert limit["unit"] == "minutes" and limit["source"] == "PN §II.c"
    assert 0 < limit["min"] and limit["max"] <= 60  # within the schema's (0, 60]
    assert knobs["reservation"]["min"] == 0 and knobs["reservation"]["max"] == 1  # the schema's share
    assert abs(knobs["reservation"]["default"] - 0.81) < 1e-12  # the baseline's value
    assert "round2" in [a["id"] for a in knobs["boycott"]["activities"]]
    assert "eastern_european" in knobs["boycott"]["groups"]
    keys = [m["key"] for m in body["metrics"]]
    assert "attendance_share.ldc" in keys and "agreed" in keys


def test_a_compare_gives_the_bytes_of_gcmsim_compare(server, tmp_path):
    result = server.compare(HALVED)
    assert result["pairs"] == 20
    assert result["command"] == ("gcmsim compare scenarios/gcm-2017-2018.yaml --scale "
                                 "policies.trust_fund.contributions.usd=0.5 -r 20 --seed 2017")
    cli = cli_compare_csv(result["command"], tmp_path)
    assert result["csv"] == cli
    # The table the page shows is the same text, cell by cell.
    assert "\n".join(",".join(r) for r in result["table"]) + "\n" == cli.replace('"', "")
    # The trust fund halved: fewer trips, and the fund's balance lower.
    rows = {f"{r[0]}.{r[1]}": r for r in result["table"][1:]}
    header = result["table"][0]
    at = {name: header.index(name) for name in ("base_mean", "whatif_mean", "difference", "excludes_zero")}
    assert float(rows["trips_funded.ldc"][at["difference"]]) < 0 and rows["trips_funded.ldc"][at["excludes_zero"]] == "true"
    raised = rows["trust_fund_raised.all"]
    assert [raised[at["base_mean"]], raised[at["whatif_mean"]], raised[at["difference"]]] == ["1700000.00", "850000.00", "-850000.00"]
    assert result["warnings"] == []


def test_compare_csv_download_and_the_command_endpoint_agree(server):
    status, command = server.request("POST", "/api/compare/command", HALVED)
    assert status == 200 and "--scale policies.trust_fund.contributions.usd=0.5" in command["command"]
    shipped = {"scenario": "gcm-2017-2018", "whatif": "session-slips", "replications": 3,
               "knobs": [{"knob": "shift", "activity": "ts3", "value": 3},
                         {"knob": "boycott", "group": "eastern_european", "activity": "round2"},
                         {"knob": "interpretation_off", "activity": "round1"}]}
    status, command = server.request("POST", "/api/compare/command", shipped)
    assert status == 200, command
    assert command["command"] == (
        "gcmsim compare scenarios/gcm-2017-2018.yaml --override scenarios/what-if/session-slips.yaml "
        "--shift activities.ts3=+3w "
        "--set 'events.eastern_european_boycotts_round2={kind: boycott, who: {group: eastern_european}, activity: round2}' "
        "--set activities.round1.interpretation=false -r 3 --seed 2017")


def test_the_four_questions_of_a_planner_run(server, tmp_path):
    questions = [
        {"knobs": [{"knob": "trust_fund", "value": 0.5}]},
        {"knobs": [{"knob": "shift", "activity": "ts3", "value": 3}]},
        {"knobs": [{"knob": "boycott", "group": "african", "activity": "round2"}]},
        {"whatif": "fewer-rounds"},
    ]
    for q in questions:
        result = server.compare({"scenario": "gcm-2017-2018", "replications": 5, **q})
        assert result["csv"] == cli_compare_csv(result["command"], tmp_path), q
        assert result["warnings"], "five replications must warn that R is small"


def refusal(server, status, body=None, method="POST", path="/api/compare", **kw):
    got, answer = server.request(method, path, body, **kw)
    assert got == status, answer
    assert isinstance(answer, dict) and answer.get("error"), answer
    return answer["error"]


def test_hostile_requests_get_a_clear_4xx(server):
    assert "larger" in refusal(server, 413, raw=b"{" + b" " * 300_000 + b"}")
    assert "malformed JSON" in refusal(server, 400, raw=b'{"scenario": "gcm-2017-2018",')
    assert "malformed JSON" in refusal(server, 400, raw=b'{"scenario": "\xff\xfe"}')
    assert "unknown knob" in refusal(server, 400, {"knobs": [{"knob": "self_destruct", "value": 1}]})
    assert "out of range" in refusal(server, 400, {"knobs": [{"knob": "trust_fund", "value": 99}]})
    assert "out of range" in refusal(server, 400, {"knobs": [{"knob": "intervention_limit", "value": -1}]})
    assert "no dated meeting" in refusal(server, 400, {"knobs": [{"knob": "shift", "activity": "zz", "value": 1}]})
    assert "replications" in refusal(server, 400, {"replications": 100000})
    assert "replications" in refusal(server, 400, {"replications": 0})
    assert "unknown field" in refusal(server, 400, {"path": "/etc/passwd"})
    assert "paths are not accepted" in refusal(server, 404, {"scenario": "../../../etc/passwd"})
    assert "paths are not accepted" in refusal(server, 404, {"whatif": "/etc/passwd"})
    assert "paths are not accepted" in refusal(server, 404, {"whatif": "../gcm-2017-2018"})
    refusal(server, 404, method="GET", path="/api/scenarios/..%2F..%2Fetc%2Fpasswd")
    refusal(server, 415, method="POST", path="/api/compare", raw=b"scenario=x",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
    refusal(server, 421, method="GET", path="/api/scenarios", headers={"Host": "evil.example:80"})
    # An uploaded override goes through the loader: its errors come back located, in its own name.
    error = refusal(server, 422, {"override_yaml": "activites: []\n"})
    assert "uploaded-override.yaml:1:1" in error and "activities" in error
    assert "bytes" in refusal(server, 413, {"override_yaml": "#" * 70_000})


def raw_get(server, target):
    host, port = server.base[7:-1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.decode("utf-8", "replace")


def test_no_file_outside_the_page_is_served(server):
    for target in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                   "/scenarios/gcm-2017-2018.yaml", "/index.html/../../CMakeLists.txt"]:
        answer = raw_get(server, target)
        assert "root:" not in answer and "cmake_minimum_required" not in answer and "schema_version" not in answer, target
        assert answer.split(" ", 2)[1] in ("400", "404"), (target, answer[:200])


def test_page_headers_forbid_inline_script(server):
    answer = raw_get(server, "/")
    assert "Content-Security-Policy: default-src 'none'; script-src 'self';" in answer
    assert "X-Content-Type-Options: nosniff" in answer
    assert "<script type=\"module\" src=\"/studio.js\"></script>" in answer
    assert "<script>" not in answer and "style=" not in answer


def test_limits_per_client_and_cancel(server):
    body = {"scenario": "gcm-2017-2018", "replications": 200}
    status, first = server.request("POST", "/api/compare", body, headers={"X-Gcmsim-Session": "greedy"})
    assert status == 202
    status, second = server.request("POST", "/api/compare", body, headers={"X-Gcmsim-Session": "greedy"})
    assert status == 202
    status, third = server.request("POST", "/api/compare", body, headers={"X-Gcmsim-Session": "greedy"})
    assert status == 429 and "at most 2" in third["error"]
    # Another client is still served meanwhile.
    status, _ = server.request("GET", "/api/scenarios", headers={"X-Gcmsim-Session": "other"})
    assert status == 200
    for job in (first, second):
        status, _ = server.request("POST", f"/api/jobs/{job['id']}/cancel", {})
        assert status == 202
    for job in (first, second):
        end = server.wait(job["id"])
        assert end["state"] == "cancelled" and end["done"] < 200
        status, answer = server.request("GET", f"/api/jobs/{job['id']}/result")
        assert status == 409
    refusal(server, 404, method="GET", path="/api/jobs/" + "0" * 32)


def test_a_slow_client_does_not_hold_up_the_others(server):
    host, port = server.base[7:-1].split(":")
    slow = socket.create_connection((host, int(port)))
    slow.sendall(b"POST /api/compare HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
    started = time.monotonic()
    for _ in range(5):
        status, _ = server.request("GET", "/api/scenarios")
        assert status == 200
    assert time.monotonic() - started < 5
    # The slow one is dropped after the read timeout (5 s) without an answer.
    slow.settimeout(15)
    answer = slow.recv(1024)  # raises socket.timeout if the server kept waiting for it
    assert answer == b"" or answer.startswith(b"HTTP/1.1 4"), answer
    slow.close()


def test_lan_mode_needs_the_token():
    lan = Server(host="127.0.0.2")
    try:
        assert lan.token and len(lan.token) == 32
        token, lan.token = lan.token, None
        status, body = lan.request("GET", "/api/scenarios")
        assert status == 401 and "X-Gcmsim-Token" in body["error"]
        status, body = lan.request("GET", "/api/scenarios", headers={"X-Gcmsim-Token": "0" * 32})
        assert status == 401
        status, page = lan.request("GET", "/")
        assert status == 200 and "gcmsim studio" in page  # the page itself holds no data
        lan.token = token
        status, body = lan.request("GET", "/api/scenarios")
        assert status == 200
    finally:
        lan.stop()


def test_the_boycott_knob_adds_its_event_beside_the_what_ifs_own(server, tmp_path):
    # A boycott stacked on a what-if with a scripted withdrawal keeps the withdrawal (events merge by
    # id): the US still leaves in the what-if, and the Eastern European group stays away from round 2.
    result = server.compare({"scenario": "gcm-2017-2018", "whatif": "state-withdraws", "replications": 2,
                             "knobs": [{"knob": "boycott", "group": "eastern_european", "activity": "round2"}]})
    assert "--override scenarios/what-if/state-withdraws.yaml" in result["command"]
    assert "events.eastern_european_boycotts_round2=" in result["command"]
    assert result["csv"] == cli_compare_csv(result["command"], tmp_path)
    rows = {f"{r[0]}.{r[1]}": r for r in result["table"][1:]}
    header = result["table"][0]
    assert float(rows["left_process.all"][header.index("whatif_mean")]) >= 1
    assert float(rows["delegations_present.round2"][header.index("difference")]) <= -20
