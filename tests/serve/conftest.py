"""Fixtures of the serve tests: a real `gcmsim serve` on a free loopback port, started for the test
and stopped by its PID; the CLI's compare.csv for the same question."""
import json
import os
import re
import shlex
import signal
import subprocess
import urllib.error
import urllib.request

import pytest

BINARY = os.environ["GCMSIM_BINARY"]
SOURCE = os.environ["GCMSIM_SOURCE_DIR"]


class Server:
    def __init__(self, cwd=SOURCE, host="127.0.0.1", extra=()):
        self.process = subprocess.Popen([BINARY, "serve", "--port", "0", "--host", host, *extra], cwd=cwd,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = self.process.stdout.readline()
        match = re.search(r"listening on (http://[^/]+/)(#token=([0-9a-f]+))?", first)
        if not match:
            self.process.kill()
            raise RuntimeError(f"gcmsim serve did not start: {first!r} {self.process.stderr.read()!r}")
        self.base = match.group(1)
        self.token = match.group(3)
        self.pid = self.process.pid

    def stop(self):
        os.kill(self.pid, signal.SIGTERM)
        code = self.process.wait(timeout=30)
        assert code == 0, f"gcmsim serve exited with {code} on SIGTERM"

    def request(self, method, path, body=None, headers=None, raw=None):
        """(status, parsed JSON or text) of one request."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        h = {"Content-Type": "application/json"} if data is not None else {}
        if self.token:
            h["X-Gcmsim-Token"] = self.token
        h.update(headers or {})
        req = urllib.request.Request(self.base + path.lstrip("/"), data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=120) as response:
                status, text, ctype = response.status, response.read().decode("utf-8"), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, text, ctype = error.code, error.read().decode("utf-8"), error.headers.get("Content-Type", "")
        return status, (json.loads(text) if ctype.startswith("application/json") else text)

    def wait(self, job_id, headers=None):
        """Reads the job's event stream to its end; returns the last status."""
        h = {"X-Gcmsim-Token": self.token} if self.token else {}
        h.update(headers or {})
        req = urllib.request.Request(f"{self.base}api/jobs/{job_id}/events", headers=h)
        last = None
        with urllib.request.urlopen(req, timeout=600) as stream:
            event = None
            for line in stream:
                line = line.decode().rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    last = json.loads(line[6:])
                    if event == "end":
                        return last
        return last

    def compare(self, body, session="test"):
        status, job = self.request("POST", "/api/compare", body, headers={"X-Gcmsim-Session": session})
        assert status == 202, job
        end = self.wait(job["id"])
        assert end["state"] == "done", end
        status, result = self.request("GET", f"/api/jobs/{job['id']}/result")
        assert status == 200
        return result


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.stop()


def cli_compare_csv(command, tmp_path):
    """Runs the command line the server printed (gcmsim -> the built binary) and returns compare.csv."""
    words = shlex.split(command)
    assert words[0] == "gcmsim"
    out = tmp_path / f"cli-{abs(hash(command))}"
    subprocess.run([BINARY, *words[1:], "-o", str(out), "-q"], cwd=SOURCE, check=True)
    return (out / "compare.csv").read_text()
