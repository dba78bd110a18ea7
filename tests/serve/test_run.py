"""A run of R replications through the API (POST /api/run) and the run folder as a zip: the
summary is `gcmsim run -r R`'s summary.csv and printed summary to the byte, the zip holds the files
that command line writes, and a run is refused exactly where a compare is."""
import io
import json
import pathlib
import re
import shlex
import subprocess
import urllib.request
import zipfile

from conftest import BINARY, SOURCE

HALVED_RUN = {"scenario": "gcm-2017-2018", "replications": 4, "knobs": [{"knob": "trust_fund", "value": 0.5}]}
# A good upload: the second negotiation round a week later, as a planner would write it.
GOOD_OVERRIDE = "# round 2 a week later\nactivities:\n  - {id: round2, start: 2018-03-19, end: 2018-03-22}\n"


def run_job(server, body, session="run-test"):
    status, job = server.request("POST", "/api/run", body, headers={"X-Gcmsim-Session": session})
    assert status == 202, job
    assert job["kind"] == "run" and job["total"] == body.get("replications", 20)
    end = server.wait(job["id"])
    assert end["state"] == "done", end
    status, result = server.request("GET", f"/api/jobs/{job['id']}/result")
    assert status == 200
    return job["id"], result


def cli(command, out, cwd=SOURCE, quiet=True):
    """Runs the command line the server printed (gcmsim -> the built binary) into `out`."""
    words = shlex.split(command)
    assert words[0] == "gcmsim"
    done = subprocess.run([BINARY, *words[1:], "-o", str(out), *(["-q"] if quiet else [])], cwd=cwd, check=True,
                          capture_output=True, text=True)
    return done.stdout


def download_zip(server, job_id):
    with urllib.request.urlopen(f"{server.base}api/jobs/{job_id}/folder.zip", timeout=600) as response:
        assert response.headers["Content-Type"] == "application/zip"
        assert "attachment" in response.headers["Content-Disposition"]
        return zipfile.ZipFile(io.BytesIO(response.read()))


WALL = re.compile(rb'"wall_seconds": [0-9.e+-]+')


def assert_zip_is_the_cli_folder(archive, top, folder):
    """Every file the CLI wrote in `folder` (but its own bookkeeping, the hidden ledger and lock) is
    in the zip under top/, with the same bytes; manifest.json's wall_seconds (the run's wall time,
    different for every run) aside."""
    assert archive.testzip() is None
    expected = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    names = sorted(archive.namelist())
    assert names == [f"{top}/{name}" for name in expected]
    for name in expected:
        got, want = archive.read(f"{top}/{name}"), (folder / name).read_bytes()
        if name.endswith("manifest.json"):
            assert json.loads(got)["wall_seconds"] >= 0
            got, want = WALL.sub(b'"wall_seconds": 0', got), WALL.sub(b'"wall_seconds": 0', want)
        assert got == want, name
    return expected


def test_a_run_gives_the_summary_of_gcmsim_run(server, tmp_path):
    job_id, result = run_job(server, HALVED_RUN)
    assert result["command"] == ("gcmsim run scenarios/gcm-2017-2018.yaml --scale "
                                 "policies.trust_fund.contributions.usd=0.5 -r 4 --seed 2017")
    out = tmp_path / "cli"
    printed = cli(result["command"], out, quiet=False)
    # summary.csv, byte for byte, and the table the page shows is the same cells.
    summary = (out / "summary.csv").read_text()
    assert result["csv"] == summary
    assert "\n".join(",".join(r) for r in result["table"]) + "\n" == summary.replace('"', "")
    # What `gcmsim run` prints between "Ran ..." and "Outputs in ...".
    assert printed.startswith("Ran scenarios/gcm-2017-2018.yaml + --scale policies.trust_fund.contributions.usd=0.5\n")
    assert printed.split("\n", 1)[1].rsplit("\nOutputs in ", 1)[0] == result["terminal"]
    assert "Across 4 replications" in result["terminal"]
    # The fund was halved: the run raised half of the baseline's $1.7 million.
    rows = {f"{r[0]}.{r[1]}": r for r in result["table"][1:]}
    assert rows["trust_fund_raised.all"][2] == "850000.00"
    assert result["runs"] == 4 and len(result["fingerprints"]) == 4
    assert result["warnings"] and "Only 4 replications" in result["warnings"][0]
    # summary.csv as a download, the same bytes; a run has no compare.csv.
    status, text = server.request("GET", f"/api/jobs/{job_id}/summary.csv")
    assert status == 200 and text == summary
    status, _ = server.request("GET", f"/api/jobs/{job_id}/compare.csv")
    assert status == 404

    # The run folder: rep-0000/ ... rep-0003/ and summary.csv, the CLI's files.
    files = assert_zip_is_the_cli_folder(download_zip(server, job_id), "results", out)
    assert "summary.csv" in files and "rep-0003/positions.csv" in files and "rep-0000/manifest.json" in files


def test_a_single_run_of_a_shipped_whatif_is_the_cli_folder(server, tmp_path):
    job_id, result = run_job(server, {"scenario": "gcm-2017-2018", "whatif": "fewer-rounds", "replications": 1})
    assert result["command"] == ("gcmsim run scenarios/gcm-2017-2018.yaml --override "
                                 "scenarios/what-if/fewer-rounds.yaml -r 1 --seed 2017")
    assert result["warnings"] and "one replication" in result["warnings"][0]
    out = tmp_path / "cli"
    cli(result["command"], out)
    # One replication: the files at the top of the folder, no summary.csv (the CLI writes none).
    files = assert_zip_is_the_cli_folder(download_zip(server, job_id), "results", out)
    assert "timeline.csv" in files and "summary.csv" not in files
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["overrides"] == ["scenarios/what-if/fewer-rounds.yaml"]
    assert manifest["content_hash"] == result["scenario"]["content_hash"]


def test_a_compare_folder_holds_compare_csv(server, tmp_path):
    status, job = server.request("POST", "/api/compare", {"scenario": "gcm-2017-2018", "replications": 3,
                                                          "knobs": [{"knob": "trust_fund", "value": 0.5}]})
    assert status == 202
    assert server.wait(job["id"])["state"] == "done"
    status, result = server.request("GET", f"/api/jobs/{job['id']}/result")
    out = tmp_path / "cli-compare"
    cli(result["command"], out)
    assert_zip_is_the_cli_folder(download_zip(server, job["id"]), "results-compare", out)
    status, _ = server.request("GET", f"/api/jobs/{job['id']}/summary.csv")
    assert status == 404


def test_an_uploaded_override_runs_and_a_bad_one_is_located(server, tmp_path):
    body = {"scenario": "gcm-2017-2018", "replications": 2, "override_yaml": GOOD_OVERRIDE}
    status, command = server.request("POST", "/api/run/command", body)
    assert status == 200
    assert command["command"] == ("gcmsim run scenarios/gcm-2017-2018.yaml --override uploaded-override.yaml "
                                  "-r 2 --seed 2017")
    _, result = run_job(server, body)
    # The CLI, given the same file under the name the command line uses, prints the same summary.
    (tmp_path / "uploaded-override.yaml").write_text(GOOD_OVERRIDE)
    scenarios = tmp_path / "scenarios"
    scenarios.symlink_to(pathlib.Path(SOURCE) / "scenarios")
    cli(result["command"], tmp_path / "cli", cwd=tmp_path)
    assert (tmp_path / "cli" / "summary.csv").read_text() == result["csv"]
    # A bad upload: the loader's located report, before anything runs (the command too).
    for path in ("/api/run", "/api/run/command", "/api/compare/command"):
        status, answer = server.request("POST", path, {"override_yaml": "activities:\n  - {id: round2, start: 2018-02-30}\n"})
        assert status == 422, (path, answer)
        assert "uploaded-override.yaml:2:" in answer["error"] and "/tmp/" not in answer["error"], answer


def test_a_run_is_refused_where_a_compare_is(server):
    for body, status, words in [
        ({"knobs": [{"knob": "self_destruct", "value": 1}]}, 400, "unknown knob"),
        ({"knobs": [{"knob": "trust_fund", "value": 99}]}, 400, "out of range"),
        ({"replications": 0}, 400, "replications"),
        ({"replications": 201}, 400, "replications"),
        ({"path": "/etc/passwd"}, 400, "unknown field"),
        ({"scenario": "../../etc/passwd"}, 404, "paths are not accepted"),
        ({"override_yaml": "#" * 70_000}, 413, "bytes"),
        ({"override_yaml": "activites: []\n"}, 422, "uploaded-override.yaml:1:1"),
    ]:
        got, answer = server.request("POST", "/api/run", body)
        assert got == status and words in answer["error"], (body, answer)
    got, answer = server.request("POST", "/api/run", raw=b'{"scenario": ')
    assert got == 400 and "malformed JSON" in answer["error"]
    got, answer = server.request("POST", "/api/run", raw=b"scenario=x", headers={"Content-Type": "text/plain"})
    assert got == 415
    # No folder before the result: 409; none for a job that is not kept: 404.
    status, job = server.request("POST", "/api/run", {"replications": 200}, headers={"X-Gcmsim-Session": "zip-early"})
    assert status == 202
    status, answer = server.request("GET", f"/api/jobs/{job['id']}/folder.zip")
    assert status == 409, answer
    server.request("POST", f"/api/jobs/{job['id']}/cancel", {})
    assert server.wait(job["id"])["state"] == "cancelled"
    status, answer = server.request("GET", f"/api/jobs/{job['id']}/folder.zip")
    assert status == 409, answer
    status, _ = server.request("GET", "/api/jobs/" + "0" * 32 + "/folder.zip")
    assert status == 404
